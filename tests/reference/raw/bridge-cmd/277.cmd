ip netns exec uvnref2 ping -c 1 -q 10.1.0.3 >/dev/null; bridge -n uvnref1 fdb add 02:00:00:00:aa:60 dev veth1 master static; bridge -n uvnref1 fdb show brport veth1
