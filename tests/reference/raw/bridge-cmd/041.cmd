bridge -n uvnref1 -j link show
