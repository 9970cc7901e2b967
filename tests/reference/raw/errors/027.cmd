ip neigh xyz
