bridge -n uvnref1 -t link
