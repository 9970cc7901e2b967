tshark -v | head -1
