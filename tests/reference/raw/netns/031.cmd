ip netns exec uvnref2 sh -c 'sleep 30 & P=$!; ip netns identify $P; kill $P'
