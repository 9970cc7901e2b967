ip -badopt link
