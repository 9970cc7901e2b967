mcsend h1 igmp3 is_in 239.20.0.1 10.5.0.1,10.5.0.2 is_ex 239.20.0.2 10.5.0.3; sleep 0.2
