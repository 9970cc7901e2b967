printf -- '-n uvnref2 link show lo\n' | ip -batch -
