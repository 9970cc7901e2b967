ip netns exec uvnref1 /nonexistent/cmd
