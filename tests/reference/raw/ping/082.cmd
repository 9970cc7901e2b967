ip netns exec uvnref1 ping -W abc -c 1 10.1.0.2
