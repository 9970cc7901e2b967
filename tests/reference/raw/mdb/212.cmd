nlmdb dump | head -20
