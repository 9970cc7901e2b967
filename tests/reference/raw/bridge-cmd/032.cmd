sleep 0.5
