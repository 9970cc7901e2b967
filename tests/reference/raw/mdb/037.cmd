bridge -n uvnr-br mdb add dev br0 port p1 grp 239.9.9.9 permanent filter_mode exclude source_list 10.1.1.1 proto zebra bogus words   # 6.1 ignores unknown words
