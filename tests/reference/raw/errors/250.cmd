ip -n uvnref1 route add 10.21.0.0/16 dev veth3                    # device down
