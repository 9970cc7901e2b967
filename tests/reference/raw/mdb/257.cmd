mcsend h1 igmp3 is_ex 239.10.0.2 '' to_in 239.10.0.3 10.5.0.1; mcsend h1 mld2 is_in ff0e::10:2 2001:db8::1; sleep 0.2   # v3/v2 reports in v2/v1 mode
