ip netns exec uvnref2 ping -c 1 -q 10.1.0.3 >/dev/null; ip netns exec uvnref4 ping -c 1 -q 10.1.0.3 >/dev/null; bridge -n uvnref1 fdb show dynamic
