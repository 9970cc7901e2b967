ip -n uvnref1 link set tun0 master br0       # ARPHRD_NONE
