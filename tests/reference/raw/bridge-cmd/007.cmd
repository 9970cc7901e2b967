bridge mdb help
