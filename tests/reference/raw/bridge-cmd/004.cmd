bridge
