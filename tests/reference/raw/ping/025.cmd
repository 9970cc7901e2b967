sleep 3   # DAD
