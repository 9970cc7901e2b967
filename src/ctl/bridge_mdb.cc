#include "ctl/bridge_mdb.h"

namespace uvn::ctl {

using proto::McastAddr;
using proto::McastFamily;

namespace {

// rtnl_validate_mdb_entry: the group and the VLAN id.
Status validate_entry(const McastAddr& g, uint32_t vid) {
  switch (g.family) {
    case McastFamily::kIPv4:
      if ((g.b[0] >> 4) != 0xe && !g.is_zero())
        return Error::with(EINVAL, "IPv4 entry group address is not multicast or 0.0.0.0");
      if (g.b[0] == 224 && g.b[1] == 0 && g.b[2] == 0)
        return Error::with(EINVAL, "IPv4 entry group address is local multicast");
      break;
    case McastFamily::kIPv6:
      if (g.is_link_local_control())
        return Error::with(EINVAL, "IPv6 entry group address is link-local all nodes");
      break;
    case McastFamily::kL2:
      if (!(g.b[0] & 1)) return Error::with(EINVAL, "L2 entry group is not multicast");
      break;
  }
  if (vid >= 4095) return Error::with(EINVAL, "Invalid entry VLAN id");
  return Status::Ok();
}

// The device and br_mdb_config_init's checks up to the entry's attributes.
Status resolve(Netns& ns, const std::string& dev, const std::string* port, BridgeDevice*& br,
               BridgePort*& p) {
  Device* d = ns.find(dev);
  if (!d) return Error::with(ENODEV, "Device doesn't exist");
  br = dynamic_cast<BridgeDevice*>(d);
  if (!br) return Error::with(EOPNOTSUPP, "Device does not support MDB operations");
  if (!br->is_up()) return Error::with(EINVAL, "bridge: Bridge device is not running");
  if (!br->opt(kBrMcastSnooping))
    return Error::with(EINVAL, "bridge: Bridge's multicast processing is disabled");
  p = nullptr;
  if (port && *port != br->name()) {
    Device* pd = ns.find(*port);
    if (!pd) return Error::with(ENODEV, "bridge: Port net device doesn't exist");
    auto* owner = dynamic_cast<BridgeDevice*>(pd->master());
    if (!owner) return Error::with(EINVAL, "bridge: Net device is not a bridge port");
    if (owner != br) return Error::with(EINVAL, "bridge: Port belongs to a different bridge device");
    p = owner->port_of(*pd);
  }
  return Status::Ok();
}

}  // namespace

Status mdb_change(Netns& ns, const MdbRequest& r, MdbOp op) {
  if (auto st = validate_entry(r.group, r.vid); !st) return st;
  BridgeDevice* br = nullptr;
  BridgePort* p = nullptr;
  if (auto st = resolve(ns, r.dev, &r.port, br, p); !st) return st;
  if (r.group.family == McastFamily::kIPv4 && r.group.is_zero())
    return Error::with(EINVAL, "bridge: IPv4 entry group address 0.0.0.0 is not allowed");
  // The attributes' netlink policy: a user entry's protocol is at least static.
  if (op != MdbOp::kDel && r.proto && *r.proto < proto::kRtprotStatic)
    return Error::with(ERANGE, "integer out of range");
  proto::McastEngine& eng = br->mcast();
  const Nanos now = br->mcast_now();
  proto::MdbKey key{r.group, r.src, uint16_t(r.vid)};
  // Without a VID on a VLAN-filtering bridge: every VLAN of the port (or the bridge).
  std::vector<uint16_t> vids{uint16_t(r.vid)};
  if (br->vlan_filtering() && r.vid == 0) {
    vids.clear();
    for (auto& v : br->vlans(p).list())
      if (p || v.brentry) vids.push_back(v.vid);
    if (vids.empty()) vids.push_back(0);
  }
  Status st;
  if (op == MdbOp::kDel) {
    for (uint16_t vid : vids) {
      key.vid = vid;
      st = eng.user_del(p ? p->port_no() : 0, key);
    }
    br->mcast_kick();
    return st;
  }
  proto::MdbUserEntry u;
  u.port = p ? p->port_no() : 0;
  u.permanent = r.permanent;
  u.mode = r.mode;
  if (r.source_list) {
    u.has_source_list = true;
    u.sources = *r.source_list;
  }
  u.rt_protocol = r.proto;
  for (uint16_t vid : vids) {
    key.vid = vid;
    u.key = key;
    st = eng.user_add(u, op == MdbOp::kReplace, now);
    if (!st) break;
  }
  br->mcast_kick();
  return st;
}

Status mdb_flush(Netns& ns, const MdbFlushRequest& r) {
  // br_mdb_flush: the policy's protocol range, the VID; a port that is not ours (or another
  // bridge's) matches nothing; a bridge that is down has nothing to flush.
  if (r.proto && *r.proto < proto::kRtprotStatic) return Error::with(ERANGE, "integer out of range");
  if (r.vid && *r.vid >= 4095) return Error::with(EINVAL, "Invalid entry VLAN id");
  Device* d = ns.find(r.dev);
  if (!d) return Error::with(ENODEV, "Device doesn't exist");
  auto* br = dynamic_cast<BridgeDevice*>(d);
  if (!br) return Error::with(EOPNOTSUPP, "Device does not support MDB bulk deletion");
  BridgePort* p = nullptr;
  if (r.port && *r.port != br->name()) {
    Device* pd = ns.find(*r.port);
    p = pd ? br->port_of(*pd) : nullptr;
    if (!p) return Status::Ok();
  }
  proto::MdbFlush f;
  if (r.port) f.port = p ? p->port_no() : 0;
  if (r.vid) f.vid = uint16_t(*r.vid);
  f.rt_protocol = r.proto;
  f.permanent = r.permanent;
  br->mcast().flush(f);
  br->mcast_kick();
  return Status::Ok();
}

Result<std::pair<const BridgeDevice*, const proto::MdbEntry*>> mdb_get(Netns& ns,
                                                                      const std::string& dev,
                                                                      const proto::MdbKey& key) {
  Device* d = ns.find(dev);
  if (!d) return Error::with(ENODEV, "Device doesn't exist");
  auto* br = dynamic_cast<BridgeDevice*>(d);
  if (!br) return Error::with(EOPNOTSUPP, "Device does not support MDB operations");
  const proto::MdbEntry* e = br->mcast().find(key);
  if (!e || (e->ports.empty() && !e->host_joined))
    return Error::with(ENOENT, "bridge: MDB entry not found");
  return std::make_pair(static_cast<const BridgeDevice*>(br), e);
}

}  // namespace uvn::ctl
