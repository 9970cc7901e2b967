mcsend h1 igmp2 join 239.10.0.1; mcsend h2 igmp2 join 239.10.0.1; mcsend h1 mld1 report ff0e::10:1; sleep 0.2
