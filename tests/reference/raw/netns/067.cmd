ip -n uvnref1 -j -p netns list-id
