ip netns exec uvnref1 ping -c 1 10.1.0.2                        # own interface down
