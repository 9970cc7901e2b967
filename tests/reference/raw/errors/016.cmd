ip -n nosuch link
