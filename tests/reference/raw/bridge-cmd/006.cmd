bridge fdb help
