sleep 14.5
