bridge -n uvnr-br mdb flush dev br0                                     # 6.1 has no flush
