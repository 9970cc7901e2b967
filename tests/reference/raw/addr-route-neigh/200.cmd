sleep 8
