bridge -n uvnref1 -n uvnref1 fdb show br br0 | head -3   # -n given twice
