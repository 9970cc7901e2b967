ip monitor help
