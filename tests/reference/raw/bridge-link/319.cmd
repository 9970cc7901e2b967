sleep 2.5
