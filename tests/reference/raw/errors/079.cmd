ip -n uvnref1 link delete dev nosuch
