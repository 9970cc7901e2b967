ip -batch /tmp/uvnref-no-such-file
