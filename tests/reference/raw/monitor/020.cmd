ip -n uvnref1 monitor bogus
