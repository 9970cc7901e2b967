ip -j
