ping -V
