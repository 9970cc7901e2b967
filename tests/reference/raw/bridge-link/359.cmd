ip -n uvnref1 link afstats dev br0
