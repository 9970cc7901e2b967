kill $(cat /tmp/uvnref-pid); rm -f /tmp/uvnref-pid
