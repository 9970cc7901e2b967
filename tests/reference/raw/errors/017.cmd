ip -n nosuch link show lo
