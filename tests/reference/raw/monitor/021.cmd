ip -n nosuch monitor link
