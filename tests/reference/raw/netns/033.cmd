ip netns exec uvnref3 sh -c 'sleep 3 & ip netns pids uvnref3 | wc -l; wait'
