sleep 60 & echo $! > /tmp/uvnref-pid; true
