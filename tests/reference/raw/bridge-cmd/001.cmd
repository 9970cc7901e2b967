bridge -V
