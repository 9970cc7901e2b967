ip -n uvnref1 addr flush dev veth4            # nothing to flush
