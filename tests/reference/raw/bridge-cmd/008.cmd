bridge vlan help
