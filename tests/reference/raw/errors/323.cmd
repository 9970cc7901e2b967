ip -n uvnref1 -force -batch /tmp/uvnref-batch4.txt
