ip -n uvnref1 link del tun0                    # link del works for tun/tap too
