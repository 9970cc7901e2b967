ip -n uvnref1 -force -batch /tmp/uvnref-batch1.txt
