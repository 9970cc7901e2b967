cat /tmp/uvnref-batch1.txt
