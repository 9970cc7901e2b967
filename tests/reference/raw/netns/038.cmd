ip netns exec uvnref1 echo hello
