cat /tmp/uvnref-batch4.txt
