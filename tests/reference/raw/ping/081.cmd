ip netns exec uvnref1 ping -i abc -c 1 10.1.0.2
