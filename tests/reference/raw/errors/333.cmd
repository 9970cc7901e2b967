ip -force -batch /tmp/uvnref-no-such-file
