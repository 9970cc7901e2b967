bridge monitor help
