ip addr xyz
