sleep 7
