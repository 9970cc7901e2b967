nlmdb dump | grep -E '239.20.0.1'
