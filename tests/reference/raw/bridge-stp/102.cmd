sleep 8.5
