#include "ctl/link.h"

#include <fmt/format.h>

#include "dev/bond/bond.h"
#include "dev/dummy/dummy.h"
#include "dev/nic/nic.h"
#include "dev/team/team.h"
#include "dev/veth/veth.h"
#include "dev/vlan/vlan.h"
#include "wire/vlan.h"

namespace uvn::ctl {

bool valid_ifname(std::string_view name) {
  if (name.empty() || name.size() >= 16 || name == "." || name == "..") return false;
  for (char c : name)
    if (c == '/' || c == ':' || c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
        c == '\r')
      return false;
  return true;
}

bool known_kind(std::string_view kind) {
  return kind == "veth" || kind == "dummy" || kind == "bridge" || kind == "vlan" || kind == "bond" ||
         kind == "team" || kind == "host";
}

namespace {

// Expands a "name%d" template to the first free name in `ns` (dev_alloc_name).
std::optional<std::string> expand_name(const Netns& ns, const std::string& tmpl,
                                       const std::string& also_taken = {}) {
  auto pos = tmpl.find("%d");
  if (pos == std::string::npos) return tmpl;
  for (int i = 0; i < 32768; ++i) {
    std::string n = tmpl.substr(0, pos) + std::to_string(i) + tmpl.substr(pos + 2);
    if (!ns.find(n) && n != also_taken) return n;
  }
  return std::nullopt;
}

Status check_mtu(int64_t mtu, const KindInfo& info) {
  if (mtu < int64_t(info.min_mtu)) return Error::with(EINVAL, "mtu less than device minimum");
  if (info.max_mtu && mtu > int64_t(info.max_mtu))
    return Error::with(EINVAL, "mtu greater than device maximum");
  return {};
}

// Checks of a spec that do not depend on an existing device.
Status check_spec(World& w, const LinkSpec& s, const KindInfo& info) {
  // IFLA_IFNAME longer than IFNAMSIZ - 1 fails the netlink policy, before any other check.
  if (s.name && s.name->size() >= 16)
    return Error::with(EINVAL, "Attribute failed policy validation");
  if (s.name && !valid_ifname(*s.name)) return Error::errno_only(EINVAL);
  if (s.mtu) {
    if (auto st = check_mtu(*s.mtu, info); !st) return st;
  }
  if (s.address && !s.address->is_unicast_valid()) return Error::errno_only(EADDRNOTAVAIL);
  if (s.netns && !w.find_netns(*s.netns)) return Error::errno_only(ENOENT);
  return {};
}

// Applies the generic attributes to a fresh or existing device (already validated).
void apply_common(Device& d, const LinkSpec& s) {
  if (s.address) d.set_mac(*s.address);
  if (s.mtu) d.set_mtu(uint32_t(*s.mtu));
  if (s.group) d.group = *s.group;
  if (s.alias) d.alias = *s.alias;
  if (s.txqlen) d.txqlen = *s.txqlen;
  if (s.numtxqueues) d.num_tx_queues = *s.numtxqueues;
  if (s.numrxqueues) d.num_rx_queues = *s.numrxqueues;
  // A new mode applies to the next link-local address; the present one stays.
  if (s.addrgenmode) d.addr_gen_mode = *s.addrgenmode;
  if (s.promisc) d.set_promisc(*s.promisc);
  if (s.allmulti) d.set_allmulticast(*s.allmulti);
  if (s.arp) d.set_flag(kIffNoarp, !*s.arp);
  if (s.multicast) d.set_flag(kIffMulticast, *s.multicast);
  if (s.broadcast) d.set_broadcast(*s.broadcast);
}

Status check_master(Netns& ns, const std::string& master) {
  if (master.empty()) return {};
  Device* m = ns.find(master);
  if (!m) return Error::errno_only(ENODEV);
  // do_set_master asks the master's ndo_add_slave first: a non-master refuses even itself.
  if (!m->is_master_kind()) return Error::errno_only(EOPNOTSUPP);
  return {};
}

// At creation the kernel reports a bad MTU without extack text.
Status check_new_spec(World& w, const LinkSpec& s, const KindInfo& info) {
  auto st = check_spec(w, s, info);
  if (!st && st.error().code == EINVAL && s.mtu && st.error().message.starts_with("mtu"))
    return Error::errno_only(EINVAL);
  if (s.carrier) return Error::errno_only(EOPNOTSUPP);
  return st;
}

// vlan_validate: the checks made before the name is looked at.
Status vlan_validate(const VlanArgs& a) {
  if (a.id && *a.id > wire::kVlanVidMax) return Error::with(ERANGE, "8021q: Invalid VLAN id");
  if (a.protocol && !wire::is_vlan_tpid(*a.protocol))
    return Error::with(EPROTONOSUPPORT, "8021q: Invalid VLAN protocol");
  return {};
}

// vlan_changelink: the flags, then the ingress map, then the egress map (QoS mappings are
// merged into what is there; id and protocol were range-checked and are otherwise ignored).
void vlan_apply(VlanDevice& v, const VlanArgs& a) {
  for (auto& [i, on] : a.flags) v.set_vlan_flag(VlanOpt(i), on);
  for (auto& [from, to] : a.ingress_qos) v.set_ingress_map(from, to);
  for (auto& [from, to] : a.egress_qos) v.set_egress_map(from, to);
}

// vlan_newlink: the rest of the checks, then the device.
Status vlan_add(World& w, Netns& home, Netns& ns, const LinkAddRequest& req,
                const std::string& tmpl) {
  const VlanArgs& a = req.vlan;
  if (!a.id) return Error::with(EINVAL, "8021q: VLAN id not specified");
  if (!req.lower) return Error::with(EINVAL, "8021q: link not specified");
  Device* lower = ns.find(*req.lower);
  if (!lower) return Error::errno_only(ENODEV);
  if (!VlanDevice::lower_ok(*lower))
    return Error::with(EOPNOTSUPP, "8021q: VLANs not supported on device");
  OptionValues opts{&kVlanOptionTable, kVlanOptionTable.defaults()};
  opts.set(kVlanProtocol, vlan_protocol_of(a.protocol.value_or(wire::kEtherTypeVlan)));
  opts.set(kVlanId, *a.id);
  for (auto& [i, on] : a.flags) opts.set(i, on);
  if (VlanDevice::find(*lower, vlan_tpid_of(opts.get(kVlanProtocol)), *a.id))
    return Error::with(EEXIST, "8021q: VLAN device already exists");
  if (req.link.mtu && *req.link.mtu > int64_t(lower->mtu())) return Error::errno_only(EINVAL);
  auto name = expand_name(home, tmpl);
  if (!name) return Error::errno_only(ENFILE);
  auto v = std::make_unique<VlanDevice>(&home, *lower, std::move(opts));
  v->set_name(*name);
  apply_common(*v, req.link);
  vlan_apply(*v, a);
  auto* dev = static_cast<VlanDevice*>(home.attach(std::move(v)));
  dev->attach_to_lower();
  if (&home != &ns) {
    home.nsid_of(&ns, true);
    ns.nsid_of(&home, true);
  }
  // Opened at creation only as the lower allows (vlan_dev_open).
  if (req.link.up.value_or(false) && dev->check_open()) dev->open();
  (void)w;
  return {};
}

// `type host [dev KIF]`: a kernel interface adopted as a uvn port (live mode only).
Status host_add(World& w, Netns& home, const LinkAddRequest& req, const std::string& tmpl) {
  HostLinks* hl = w.host_links();
  if (!hl) return Error::with(EOPNOTSUPP, "host links exist in live mode only (run uvnd)");
  auto name = expand_name(home, tmpl);
  if (!name) return Error::errno_only(ENFILE);
  auto dev = hl->open_host_link(home, req.host_dev.value_or(*name));
  if (!dev) return dev.error();
  (*dev)->set_name(*name);
  if (req.link.address) (*dev)->set_mac(*req.link.address);
  apply_common(**dev, req.link);
  Device* d = home.attach(std::move(*dev));
  if (req.link.up.value_or(false)) d->open();
  return {};
}

}  // namespace

Status link_add(World& w, Netns& ns, const LinkAddRequest& req) {
  if (req.link.name && req.link.name->size() >= 16)
    return Error::with(EINVAL, "Attribute failed policy validation");
  if (!known_kind(req.kind)) return Error::with(EOPNOTSUPP, "Unknown device type");
  const KindInfo& info = req.kind == "veth"     ? kVethInfo
                         : req.kind == "bridge" ? kBridgeInfo
                         : req.kind == "vlan"   ? kVlanInfo
                         : req.kind == "bond"   ? kBondInfo
                         : req.kind == "team"   ? kTeamInfo
                         : req.kind == "host"   ? kNicInfo
                                                : kDummyInfo;
  if (auto st = check_new_spec(w, req.link, info); !st) return st;
  if (req.kind == "vlan") {
    if (auto st = vlan_validate(req.vlan); !st) return st;
  }
  Netns& home = req.link.netns ? *w.find_netns(*req.link.netns) : ns;
  std::string tmpl = req.link.name.value_or(req.kind + "%d");
  if (req.link.name && home.find(*req.link.name)) return Error::errno_only(EEXIST);
  if (req.link.master) {
    Device* m = ns.find(*req.link.master);
    if (!m) return Error::errno_only(ENODEV);
    if (!m->is_master_kind()) return Error::errno_only(EOPNOTSUPP);
  }

  if (req.kind == "vlan") {
    Netns& home_ns = req.link.netns ? *w.find_netns(*req.link.netns) : ns;
    return vlan_add(w, home_ns, ns, req, tmpl);
  }

  if (req.kind == "bridge") {
    if (auto st = bridge_check(nullptr, req.link.bridge_opts); !st) return st;
    auto name = expand_name(home, tmpl);
    if (!name) return Error::errno_only(ENFILE);
    auto b = std::make_unique<BridgeDevice>(&home);
    b->set_name(*name);
    // Random until the first port joins; an explicit address stays.
    if (req.link.address)
      b->set_mac_by_user(*req.link.address);
    else
      b->set_mac(w.random_mac());
    apply_common(*b, req.link);
    auto* br = static_cast<BridgeDevice*>(home.attach(std::move(b)));
    (void)bridge_set(*br, req.link.bridge_opts);
    if (req.link.up.value_or(false)) br->open();
    return {};
  }

  if (req.kind == "bond") {
    if (req.link.bond) {
      if (auto st = bond_check(ns, nullptr, *req.link.bond); !st) return st;
    }
    auto name = expand_name(home, tmpl);
    if (!name) return Error::errno_only(ENFILE);
    auto b = std::make_unique<BondDevice>(&home);
    b->set_name(*name);
    b->set_random_mac(w.random_mac());
    apply_common(*b, req.link);
    auto* bond = static_cast<BondDevice*>(home.attach(std::move(b)));
    if (req.link.bond) bond_apply(home, *bond, *req.link.bond);
    if (req.link.up.value_or(false)) bond->open();
    return {};
  }

  if (req.kind == "team") {
    // team_newlink: a random address unless one is given; no kind data (iproute2 sends none).
    auto name = expand_name(home, tmpl);
    if (!name) return Error::errno_only(ENFILE);
    auto t = std::make_unique<TeamDevice>(&home);
    t->set_name(*name);
    t->set_mac(w.random_mac());
    apply_common(*t, req.link);
    Device* dev = home.attach(std::move(t));
    if (req.link.up.value_or(false)) dev->open();
    return {};
  }

  if (req.kind == "host") return host_add(w, home, req, tmpl);

  if (req.kind == "dummy") {
    auto name = expand_name(home, tmpl);
    if (!name) return Error::errno_only(ENFILE);
    auto d = std::make_unique<DummyDevice>(&home);
    d->set_name(*name);
    d->set_mac(req.link.address.value_or(w.random_mac()));
    apply_common(*d, req.link);
    Device* dev = home.attach(std::move(d));
    if (req.link.up.value_or(false)) dev->open();
    return {};
  }

  // veth: the peer is registered first, as the kernel does.
  LinkSpec peer = req.peer.value_or(LinkSpec{});
  if (auto st = check_new_spec(w, peer, kVethInfo); !st) return st;
  Netns& peer_home = peer.netns ? *w.find_netns(*peer.netns) : ns;
  if (peer.name && peer_home.find(*peer.name)) return Error::errno_only(EEXIST);
  auto peer_name = expand_name(peer_home, peer.name.value_or("veth%d"));
  if (!peer_name) return Error::errno_only(ENFILE);
  auto name = expand_name(home, tmpl, &peer_home == &home ? *peer_name : std::string());
  if (!name) return Error::errno_only(ENFILE);
  if (&peer_home == &home && *name == *peer_name) return Error::errno_only(EEXIST);

  auto a = std::make_unique<VethDevice>(&home);
  auto b = std::make_unique<VethDevice>(&peer_home);
  VethDevice::pair(*a, *b);
  b->set_name(*peer_name);
  b->set_mac(peer.address.value_or(w.random_mac()));
  apply_common(*b, peer);
  a->set_name(*name);
  a->set_mac(req.link.address.value_or(w.random_mac()));
  apply_common(*a, req.link);
  if (&peer_home != &home) {
    home.nsid_of(&peer_home, true);
    peer_home.nsid_of(&home, true);
  }
  Device* pb = peer_home.attach(std::move(b));
  Device* pa = home.attach(std::move(a));
  if (peer.up.value_or(false)) pb->open();
  if (req.link.up.value_or(false)) pa->open();
  return {};
}

Status link_set(World& w, Netns& ns, Device& dev, const LinkSpec& s) {
  // The kind's validate comes first (rtnl_newlink), whatever the device.
  const bool vlan_data = s.type_given && s.set_kind == "vlan";
  if (vlan_data && s.vlan) {
    if (auto st = vlan_validate(*s.vlan); !st) return st;
  }
  if (auto st = check_spec(w, s, dev.info()); !st) return st;
  Netns* target = s.netns ? w.find_netns(*s.netns) : nullptr;
  if (target == &ns) target = nullptr;  // moving to where it is: nothing to do
  if (target && dev.info().netns_local)
    return Error::with(EINVAL, "The interface netns is immutable");
  const std::string& final_name = s.name ? *s.name : dev.name();
  Netns& home = target ? *target : ns;
  if (Device* other = home.find(final_name); other && other != &dev) {
    if (target && !s.name)
      return Error::with(EEXIST, "An interface with the same name exists in the target netns");
    return Error::errno_only(EEXIST);
  }
  // ndo_change_carrier: dummy and team have one.
  // stable_secret needs the stable_secret sysctl, which uvn does not have (the kernel
  // refuses the mode without a secret).
  if (s.addrgenmode && *s.addrgenmode == 2) return Error::errno_only(EINVAL);
  if (s.carrier && dev.kind() != "dummy" && dev.kind() != "team")
    return Error::errno_only(EOPNOTSUPP);
  // A team port's MTU is the team's (NETDEV_PRECHANGEMTU refused: EPERM).
  auto* master_team = dynamic_cast<TeamDevice*>(dev.master());
  if (s.mtu && master_team && uint32_t(*s.mtu) != dev.mtu()) return Error::errno_only(EPERM);
  // `type team_slave` names the master's kind: refused on a device that is no team port.
  if (s.type_given && s.set_kind == "team_slave" && !master_team)
    return Error::errno_only(EOPNOTSUPP);
  // A VLAN's MTU stays within its lower's (vlan_dev_change_mtu).
  if (s.mtu && dev.lower() && dev.kind() == "vlan" && *s.mtu > int64_t(dev.lower()->mtu()))
    return Error::errno_only(ERANGE);
  if (s.up && *s.up && !dev.is_up()) {
    if (auto st = dev.check_open(); !st) return st;
  }
  // Kind data is applied before the master change (do_setlink order): a bridge_slave
  // request needs the device to be a bridge port already.
  auto* as_bridge = dynamic_cast<BridgeDevice*>(&dev);
  auto* master_br = dynamic_cast<BridgeDevice*>(dev.master());
  if (s.type_given && s.set_kind == "bridge") {
    if (!as_bridge) return Error::errno_only(EOPNOTSUPP);
    if (auto st = bridge_check(as_bridge, s.bridge_opts); !st) return st;
  }
  auto* as_bond = dynamic_cast<BondDevice*>(&dev);
  auto* master_bond = dynamic_cast<BondDevice*>(dev.master());
  if (s.bond) {
    if (!as_bond) return Error::errno_only(EOPNOTSUPP);
    if (auto st = bond_check(ns, as_bond, *s.bond); !st) return st;
  }
  if (s.bond_slave) {
    if (!master_bond) return Error::errno_only(EOPNOTSUPP);
    if (auto st = bond_slave_check(*master_bond, *master_bond->slave_of(dev), *s.bond_slave); !st)
      return st;
  }
  auto* as_vlan = dynamic_cast<VlanDevice*>(&dev);
  if (vlan_data && !as_vlan) return Error::errno_only(EOPNOTSUPP);
  if (s.slave) {
    if (!master_br || !master_br->port_of(dev)) return Error::errno_only(EOPNOTSUPP);
    if (auto st = bridge_port_check(ns, *master_br, *master_br->port_of(dev), *s.slave); !st)
      return st;
  }
  if (s.master) {
    if (auto st = check_master(home, *s.master); !st) return st;
    if (!s.master->empty()) {
      Device* m = home.find(*s.master);
      auto* mb = dynamic_cast<BondDevice*>(m);
      auto* mt = dynamic_cast<TeamDevice*>(m);
      if (!mb && !mt && dev.info().link_type != "ether") return Error::errno_only(EINVAL);
      if (m->kind() == "bridge" && dev.kind() == "bridge")
        return Error::with(ELOOP, "Can not enslave a bridge to a bridge");
      // The master's own checks come first (br0 master br0 is "a bridge to a bridge").
      if (!mb && !mt && m == &dev) return Error::errno_only(ELOOP);
      // A bond or a team closes the devices it lets go; a bridge not.
      const bool old_closes =
          dev.master() && (dev.master()->kind() == "bond" || dev.master()->kind() == "team");
      // A bond's refusals, judged as the device will be after this request's flags (they
      // come first, see link.h) and after leaving its old master (a bond closes the slaves
      // it releases, a bridge not).
      if (mb && m != dev.master()) {
        bool up_after = s.up.value_or(dev.is_up());
        if (old_closes) up_after = false;
        if (&dev == m) return Error::with(EPERM, "Cannot enslave bond to itself.");
        if (up_after) return Error::with(EPERM, "Device can not be enslaved while up");
        if (auto st = mb->check_enslave_links(dev); !st) return st;
      }
      // team_port_add's refusals, judged the same way.
      if (mt && m != dev.master()) {
        bool up_after = s.up.value_or(dev.is_up()) && !old_closes;
        if (auto st = mt->check_add_port(dev, up_after); !st) return st;
      }
    }
  }

  // Apply: the kind's changelink, then do_setlink's steps in its order.
  if (vlan_data) {
    if (s.vlan) vlan_apply(*as_vlan, *s.vlan);
    as_vlan->options_changed();
  }
  // A bond's changelink and a slave's slave_changelink come before do_setlink too.
  if (as_bond && s.bond) bond_apply(ns, *as_bond, *s.bond);
  if (s.bond_slave) bond_slave_apply(*master_bond, *master_bond->slave_of(dev), *s.bond_slave);
  if (target) {
    // dev_change_net_namespace gives the target an nsid in the source (for IFLA_NEW_NETNSID).
    ns.nsid_of(target, true);
    w.move_device(dev, *target, s.name ? *s.name : std::string());
  }
  if (s.name && !target && *s.name != dev.name()) dev.set_name(*s.name);
  apply_common(dev, s);
  if (s.up) *s.up ? dev.open() : dev.close();
  if (s.carrier) {
    if (auto* t = dynamic_cast<TeamDevice*>(&dev))
      t->change_carrier(*s.carrier);
    else
      dev.set_carrier(*s.carrier);
  }
  if (as_bridge && !s.bridge_opts.empty()) (void)bridge_set(*as_bridge, s.bridge_opts);
  if (s.address && as_bridge) as_bridge->set_mac_by_user(*s.address);
  // (A port that left its bridge by moving to another namespace has no options left to set.)
  if (s.slave && !target)
    (void)bridge_port_set(home, *master_br, *master_br->port_of(dev), *s.slave);
  if (s.master) {
    if (s.master->empty()) {
      if (Device* m = dev.master()) m->remove_slave(dev);
    } else {
      Device* m = home.find(*s.master);
      if (m != dev.master()) return m->add_slave(dev);
    }
  }
  return {};
}

Status link_del(World& w, Netns&, Device& dev) {
  if (dev.info().link_type == "loopback") return Error::errno_only(EOPNOTSUPP);
  w.destroy_device(dev);
  return {};
}

Status tuntap_add(World& w, Netns& ns, const std::string& name, const TunOptions& opts) {
  std::string tmpl = name.empty() ? (opts.tap ? "tap%d" : "tun%d") : name;
  if (!name.empty() && !valid_ifname(name)) return Error::errno_only(EINVAL);
  if (!name.empty() && ns.find(name)) {
    // TUNSETIFF on an existing device of another type or without persist: EBUSY/EINVAL.
    return Error::errno_only(EBUSY);
  }
  auto n = expand_name(ns, tmpl);
  if (!n) return Error::errno_only(ENFILE);
  auto d = std::make_unique<TapDevice>(&ns, opts);
  d->set_name(*n);
  if (opts.tap) d->set_mac(w.random_mac());
  ns.attach(std::move(d));
  return {};
}

Status tuntap_del(World& w, Netns& ns, const std::string& name, const TunOptions& opts) {
  Device* d = ns.find(name);
  if (!d) return {};  // TUNSETIFF makes a fresh non-persistent device, which then goes away
  auto* t = dynamic_cast<TapDevice*>(d);
  // tun_set_iff attaches only with the same type and the same multi_queue flag.
  if (!t || t->options().tap != opts.tap || t->options().multi_queue != opts.multi_queue)
    return Error::errno_only(EINVAL);
  w.destroy_device(*t);
  return {};
}

}  // namespace uvn::ctl
