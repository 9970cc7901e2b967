ip -h
