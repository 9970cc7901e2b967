ip -help
