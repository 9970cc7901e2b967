ip neigh help
