sleep 11
