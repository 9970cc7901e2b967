sleep 30 & P=$!; ip netns exec uvnref2 sleep 0; ip netns identify $P; kill $P
