mcsend h2 igmp3 is_ex 239.20.0.1 10.5.0.9; sleep 0.2   # a second port in EXCLUDE mode for the same group
