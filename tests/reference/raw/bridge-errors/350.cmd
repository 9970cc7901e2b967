bridge -batch /tmp/uvnref-no-such-file
