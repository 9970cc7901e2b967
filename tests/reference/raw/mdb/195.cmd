bridge -n uvnr-br -s mdb show dev br0 | grep -E 'port br0 grp (ff0e::5|239.3.3.1)'
