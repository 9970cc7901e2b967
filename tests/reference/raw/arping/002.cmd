arping -V
