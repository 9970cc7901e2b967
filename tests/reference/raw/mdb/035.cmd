bridge -n uvnr-br mdb s; bridge -n uvnr-br mdb l; bridge -n uvnr-br mdb lst
