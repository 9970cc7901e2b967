ip -n uvnref1 -force -batch /tmp/uvnref-batch5.txt
