ip netns exec uvnref1 ping -c 2 10.2.0.3            # through the router (ttl 63)
