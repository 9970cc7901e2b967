ip -n uvnref1 link set lo up; ip -n uvnref2 link set lo up; ip -n uvnref3 link set lo up
