dpkg-query -W iputils-arping
