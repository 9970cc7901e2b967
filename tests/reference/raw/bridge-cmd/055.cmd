ip netns exec uvnref2 ping -c 1 -q 10.1.0.4
