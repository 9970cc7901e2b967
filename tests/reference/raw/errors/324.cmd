cat /tmp/uvnref-batch5.txt
