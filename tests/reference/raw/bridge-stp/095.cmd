sleep 9
