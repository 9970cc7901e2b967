bridge -n uvnr-br mdb show | wc -l; bridge -n uvnr-br mdb show | grep -c ' port p3 '
