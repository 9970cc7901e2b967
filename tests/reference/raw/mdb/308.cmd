nlmdb dump | grep router
