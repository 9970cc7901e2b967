bridge -n nosuch link
