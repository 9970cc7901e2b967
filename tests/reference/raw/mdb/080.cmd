bridge -j mdb show
