sleep 4.5
