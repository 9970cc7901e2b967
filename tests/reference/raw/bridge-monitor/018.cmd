bridge -n uvnref1 monitor fdb & M=$!; sleep 0.3; ip netns exec uvnref2 ping -c 1 -W 1 10.1.0.3 >/dev/null; sleep 0.2; bridge -n uvnref1 fdb show dynamic >&2; sleep 4; kill $M
