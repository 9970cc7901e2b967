ip netns exec uvnref1 sh -c 'exit 7'
