ip -n uvnref1 addr show dev veth1   # right after carrier: link-local still tentative
