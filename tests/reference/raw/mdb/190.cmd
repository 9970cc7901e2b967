nlmdb dump | grep -E '239.3.2|ff0e::3:3'
