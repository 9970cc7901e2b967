ip -V
