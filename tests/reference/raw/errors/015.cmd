ip -n
