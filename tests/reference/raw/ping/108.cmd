ping -h
