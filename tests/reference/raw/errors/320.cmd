ip -n uvnref1 -b /tmp/uvnref-batch3.txt
