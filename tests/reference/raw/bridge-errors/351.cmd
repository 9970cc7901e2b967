bridge -j
