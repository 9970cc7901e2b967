ip -Version
