mcsend h3 igmpq 2; sleep 0.2   # IGMPv2 general query from h3 (10.9.0.13): p3 becomes a temp router port
