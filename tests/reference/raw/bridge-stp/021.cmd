for n in uvnref1 uvnref2 uvnref3; do echo "# $n"; bridge -n $n link; done
