cat /tmp/uvnref-batch2.txt
