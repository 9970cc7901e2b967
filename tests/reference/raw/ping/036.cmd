ip netns exec uvnref1 ping -c 2 10.1.0.1            # own address
