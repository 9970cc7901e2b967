ip netns exec uvnref1 sh -c 'ip netns identify $$'
