ip -n uvnref3 link set vethB netns uvnref1
