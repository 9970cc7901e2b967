ip -n uvnref1 link add br9 type bridge hello_time 5000   # invalid at creation: is the bridge left behind?
