ip netns exec uvnref1 ping -c 1 -W 1 10.1.0.99 >/dev/null & sleep 0.3; ip -n uvnref1 neigh show 10.1.0.99; wait
