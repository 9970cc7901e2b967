ip
