ip netns exec uvnref2 ping -c 2 -i 0.2 -q 10.1.0.3
