ip -n uvnref1 -br link show veth1b   # kernel >= 6.2 allows renaming an UP device (older: EBUSY)
