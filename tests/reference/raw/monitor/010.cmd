ip -n uvnref1 -ts monitor link & M=$!; sleep 0.3; ip -n uvnref1 link add veth1 type veth peer name veth2; sleep 0.3; ip -n uvnref1 link del veth1; sleep 0.3; kill $M
