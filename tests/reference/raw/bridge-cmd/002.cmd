bridge -Version
