// `dump-config`: devices (creation with their kinds' options and generic attributes), masters
// and the options of bond slaves and bridge ports. See cli/dump_config.h.
#include <fmt/format.h>

#include <algorithm>

#include "base/strings.h"
#include "cli/dump_config_internal.h"
#include "ctl/bond.h"
#include "ctl/bridge.h"
#include "dev/bond/bond.h"
#include "dev/bridge/bridge.h"
#include "dev/dummy/dummy.h"
#include "dev/nic/nic.h"
#include "dev/tap/tap.h"
#include "dev/team/team.h"
#include "dev/veth/veth.h"
#include "dev/vlan/vlan.h"
#include "teamd/teamd.h"

namespace uvn::cli::dump {

namespace {

teamd::Teamd* teamd_of(World& w, const Device& team) {
  teamd::Teamd* td = teamd::find_teamd(w, team.name());
  return td && &td->team() == &team ? td : nullptr;
}

// A bridge's address is its lowest port's; without ports it is random (zero once its last
// port left) unless a user set it, which also made it the bridge id's.
bool mac_derived_bridge(const BridgeDevice& br) {
  if (br.ports().empty())
    return br.mac().is_zero() || (br.bridge_id() & 0xffffffffffff) != br.mac().as_u64();
  MacAddr lowest = br.ports().front()->dev().mac();
  for (auto& p : br.ports()) lowest = std::min(lowest, p->dev().mac());
  return br.mac() == lowest;
}

}  // namespace

bool mac_derived(const Device& d) {
  if (auto* br = dynamic_cast<const BridgeDevice*>(&d)) return mac_derived_bridge(*br);
  if (auto* b = dynamic_cast<const BondDevice*>(&d))
    return !b->slaves().empty() && b->mac() == b->slaves().front()->perm_hwaddr;
  // A team's address is random (teamd's runs get `hwaddr`): the kernel takes no port's.
  if (auto* v = dynamic_cast<const VlanDevice*>(&d)) return own_mac(d) == v->lower()->mac();
  return d.info().link_type != "ether";
}

namespace {

// ---------------------------------------------------------------------------------------------
// Generic attributes.

std::string addrgenmode(const Device& dev) {
  static constexpr std::string_view kGenModes[] = {"eui64", "none", "stable_secret", "random"};
  if (!dev.addr_gen_mode || dev.addr_gen_mode >= 4) return {};
  return " addrgenmode " + std::string(kGenModes[dev.addr_gen_mode]);
}

// What `ip link add` takes besides the name: the address, the queue counts and the address
// generation mode (stable_secret is taken only there).
std::string add_attrs(const Device& dev) {
  std::string s;
  if (!mac_derived(dev)) s += " address " + own_mac(dev).format();
  uint32_t queues = dev.kind() == "bond" || dev.kind() == "team" ? 16 : 1;
  if (dev.num_tx_queues != queues) s += fmt::format(" numtxqueues {}", dev.num_tx_queues);
  if (dev.num_rx_queues != queues) s += fmt::format(" numrxqueues {}", dev.num_rx_queues);
  return s + addrgenmode(dev);
}

// The rest, for `ip link set DEV ...`, where they differ from what a new device of the kind
// has (a VLAN starts with its lower's MTU, flags and broadcast address); with `added` false
// (a device `ip link add` did not make) the address generation mode too.
std::string set_attrs(const Device& dev, bool added) {
  const KindInfo& k = dev.info();
  uint32_t def_mtu = k.default_mtu, def_flags = k.default_flags;
  MacAddr def_brd = MacAddr::broadcast();
  if (auto* v = dynamic_cast<const VlanDevice*>(&dev)) {
    const Device& lower = *v->lower();
    def_mtu = own_mtu(lower);
    constexpr uint32_t kCopied = kIffBroadcast | kIffMulticast | kIffNoarp | kIffPointopoint;
    def_flags = (def_flags & ~kCopied) | (lower.admin_flags() & kCopied);
    def_brd = lower.broadcast();
  }
  std::string s;
  if (own_mtu(dev) != def_mtu) s += fmt::format(" mtu {}", own_mtu(dev));
  if (dev.txqlen != k.txqlen) s += fmt::format(" txqueuelen {}", dev.txqlen);
  if (!dev.alias.empty()) s += " alias " + quote(dev.alias);
  if (dev.group) s += fmt::format(" group {}", dev.group);
  uint32_t f = dev.admin_flags();
  if ((f ^ def_flags) & kIffNoarp) s += f & kIffNoarp ? " arp off" : " arp on";
  if ((f ^ def_flags) & kIffMulticast) s += f & kIffMulticast ? " multicast on" : " multicast off";
  if (f & kIffPromisc) s += " promisc on";
  if (f & kIffAllmulti) s += " allmulticast on";
  if (!added) s += addrgenmode(dev);
  if (k.link_type == "ether" && dev.broadcast() != def_brd)
    s += " broadcast " + dev.broadcast().format();
  return s;
}

void attrs_line(Dump& d, const Device& dev, bool added = true) {
  std::string s = set_attrs(dev, added);
  if (!s.empty()) d.line(link_set(dev) + s);
}

// ---------------------------------------------------------------------------------------------
// Kind options from the option tables: the non-default values, kept only while the kind's own
// checks (ctl) accept the request so far, so that a value the present mode would refuse
// (left over from an earlier mode) does not break the replay.

std::string bond_options(const BondDevice& b) {
  Netns& ns = ns_of(b);
  ctl::BondArgs acc;
  std::string words;
  auto take = [&](ctl::BondArgs next, const std::string& w) {
    if (!ctl::bond_check(ns, nullptr, next)) return;
    acc = std::move(next);
    words += w;
  };
  auto specs = kBondOptionTable.specs();
  for (size_t i = 0; i < specs.size(); ++i) {
    const OptionSpec& s = specs[i];
    auto o = BondOpt(i);
    if (s.read_only || b.opt(o) == s.def) continue;
    bool delay = o == kBondUpdelay || o == kBondDowndelay || o == kBondPeerNotifyDelay;
    uint64_t v = delay ? b.delay_ms(o) : b.opt(o);
    ctl::BondArgs next = acc;
    if (o == kBondAdActorSystem) {
      MacAddr m = MacAddr::from_u64(v);
      next.ad_actor_system = std::vector<uint8_t>(m.b.begin(), m.b.end());
    } else {
      next.opts.emplace_back(o, v);
    }
    take(std::move(next), fmt::format(" {} {}", s.name, kBondOptionTable.format(i, v)));
  }
  if (!b.arp_targets().empty()) {
    ctl::BondArgs next = acc;
    next.arp_targets = b.arp_targets();
    std::vector<std::string> t;
    for (auto& a : b.arp_targets()) t.push_back(a.format());
    take(std::move(next), " arp_ip_target " + join(t, ","));
  }
  if (!b.ns_targets().empty()) {
    ctl::BondArgs next = acc;
    next.ns_targets = b.ns_targets();
    std::vector<std::string> t;
    for (auto& a : b.ns_targets()) t.push_back(a.format());
    take(std::move(next), " ns_ip6_target " + join(t, ","));
  }
  return words;
}

std::string bridge_options(BridgeDevice& br) {
  ctl::BridgeOptList acc;
  std::string words;
  auto specs = kBridgeOptionTable.specs();
  for (size_t i = 0; i < specs.size(); ++i) {
    const OptionSpec& s = specs[i];
    auto o = BridgeOpt(i);
    uint64_t v = br.opt(o);
    if (s.read_only || v == s.def) continue;
    if (o == kBrStpState && v == 2) v = 1;  // reads back 2 under stp_mode user
    // An 802.1ad bridge moves its group address itself.
    if (o == kBrGroupAddress && br.opt(kBrVlanProtocol) == 1 && v == 0x0180c2000008) continue;
    ctl::BridgeOptList next = acc;
    next.emplace_back(o, v);
    if (!ctl::bridge_check(nullptr, next)) continue;
    acc = std::move(next);
    words += fmt::format(" {} {}", s.name, kBridgeOptionTable.format(i, v));
  }
  return words;
}

std::string vlan_options(const VlanDevice& v) {
  const OptionValues& o = *v.kind_options();
  std::string s;
  if (o.get(kVlanProtocol)) s += " protocol 802.1ad";
  s += fmt::format(" id {}", v.vid());
  auto specs = kVlanOptionTable.specs();
  for (size_t i = kVlanFirstFlag; i <= kVlanLastFlag; ++i)
    if (o.get(i) != specs[i].def)
      s += fmt::format(" {} {}", specs[i].name, o.get(i) ? "on" : "off");
  if (auto in = v.ingress_dump(); !in.empty()) {
    s += " ingress-qos-map";
    for (auto& [from, to] : in) s += fmt::format(" {}:{}", from, to);
  }
  if (auto eg = v.egress_entries(); !eg.empty()) {
    // Newest first within a bucket (priority & 15): given oldest first, they come back in the
    // same order. Mappings set back to 0 stay listed (in /proc/net/vlan) and are given too.
    s += " egress-qos-map";
    for (size_t i = 0; i < eg.size();) {
      size_t j = i;
      while (j < eg.size() && (eg[j].first & 15) == (eg[i].first & 15)) ++j;
      for (size_t k = j; k-- > i;) s += fmt::format(" {}:{}", eg[k].first, eg[k].second);
      i = j;
    }
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Creation, one function per kind.

void create(Dump& d, Device& dev);

void create_veth(Dump& d, VethDevice& x) {
  VethDevice* a = &x;
  VethDevice* b = x.peer();
  if (!b) return;
  // In one namespace the peer is the end with the lower ifindex (it is registered first).
  if (&ns_of(*a) == &ns_of(*b) && a->ifindex() < b->ifindex()) std::swap(a, b);
  Netns& na = ns_of(*a);
  Netns& nb = ns_of(*b);
  Netns& here = na.is_init() || nb.is_init() ? d.world.init_ns() : na;
  std::string s = link_add(here, a->name());
  if (&na != &here) s += " netns " + na.name();
  s += add_attrs(*a) + " type veth peer name " + b->name();
  if (&nb != &here) s += " netns " + nb.name();
  s += add_attrs(*b);
  d.created.insert(a);
  d.created.insert(b);
  d.line(s);
  attrs_line(d, *b);
  attrs_line(d, *a);
}

void create_vlan(Dump& d, VlanDevice& v) {
  Device& lower = *v.lower();
  create(d, lower);
  Netns& ln = ns_of(lower);
  Netns& vn = ns_of(v);
  if (&vn != &ln && vn.is_init()) {
    d.line(fmt::format("# {}: a VLAN in the initial namespace on {} of namespace {} (not dumped)",
                       v.name(), lower.name(), ln.name()));
    return;
  }
  std::string s = ip(ln) + "link add link " + lower.name() + " name " + v.name();
  if (&vn != &ln) s += " netns " + vn.name();
  d.line(s + add_attrs(v) + " type vlan" + vlan_options(v));
  attrs_line(d, v);
}

void create_team(Dump& d, TeamDevice& t) {
  const Netns& ns = ns_of(t);
  teamd::Teamd* td = teamd_of(d.world, t);
  if (!td) {
    d.line(link_add(ns, t.name()) + add_attrs(t) + " type team");
    if (t.mode() != TeamMode::kNone)
      d.line(exec(ns) + "teamnl " + t.name() + " setoption mode " +
             std::string(team_mode_name(t.mode())));
    attrs_line(d, t);
    return;
  }
  // The running configuration (its ports included, added later in their order), with the
  // team's address, which teamd would otherwise take from the first port.
  teamd::Json cfg = td->config_dump(true);
  cfg["device"] = t.name();
  cfg["hwaddr"] = t.mac().format();
  std::string s = exec(ns) + "teamd -d -n";
  if (td->options().no_quit_destroy) s += " -N";
  d.line(s + " -t " + t.name() + " -c " + quote(cfg.dump()));
  attrs_line(d, t, false);
}

void create_tap(Dump& d, TapDevice& t) {
  const TunOptions& o = t.options();
  std::string s = ip(ns_of(t)) + "tuntap add dev " + t.name() + (o.tap ? " mode tap" : " mode tun");
  if (o.pi) s += " pi";
  if (o.vnet_hdr) s += " vnet_hdr";
  if (o.multi_queue) s += " multi_queue";
  if (o.one_queue) s += " one_queue";
  if (o.user >= 0) s += fmt::format(" user {}", o.user);
  if (o.group >= 0) s += fmt::format(" group {}", o.group);
  d.line(s);
  if (o.tap) d.line(link_set(t) + " address " + own_mac(t).format());
  if (t.reader())
    d.line(fmt::format("# {}: the process (VM) behind this tap is not dumped", t.name()));
  attrs_line(d, t, false);
}

void create_nic(Dump& d, NicDevice& n) {
  const Netns& ns = ns_of(n);
  if (n.wire() && !n.wire()->kernel_ifname().empty()) {
    // Live mode: a kernel interface adopted as a uvn port (live/adopter.h).
    std::string kif = n.wire()->kernel_ifname();
    d.line(link_add(ns, n.name()) + " type host" + (kif != n.name() ? " dev " + quote(kif) : ""));
    attrs_line(d, n, false);
    return;
  }
  std::string name = ns.is_init() ? n.name() : ns.name() + "/" + n.name();
  d.line("nic add " + name + " address " + own_mac(n).format());
  if (n.wire())
    d.line(fmt::format("# {}: this NIC's cable (cable connect, vm add) is not dumped", name));
  attrs_line(d, n, false);
}

void create(Dump& d, Device& dev) {
  if (d.created.count(&dev)) return;
  if (auto* v = dynamic_cast<VethDevice*>(&dev)) return create_veth(d, *v);  // both ends
  d.created.insert(&dev);
  const Netns& ns = ns_of(dev);
  if (auto* v = dynamic_cast<VlanDevice*>(&dev)) return create_vlan(d, *v);
  if (auto* t = dynamic_cast<TeamDevice*>(&dev)) return create_team(d, *t);
  if (auto* t = dynamic_cast<TapDevice*>(&dev)) return create_tap(d, *t);
  if (auto* n = dynamic_cast<NicDevice*>(&dev)) return create_nic(d, *n);
  if (auto* b = dynamic_cast<BridgeDevice*>(&dev)) {
    d.line(link_add(ns, dev.name()) + add_attrs(dev) + " type bridge" + bridge_options(*b));
    if (b->ports().empty() && mac_derived(*b))
      d.line(fmt::format("# {}: address {} {} (not dumped)", dev.name(), dev.mac().format(),
                         dev.mac().is_zero() ? "since its last port left"
                                             : "at random, no port yet"));
  } else if (auto* b = dynamic_cast<BondDevice*>(&dev)) {
    d.line(link_add(ns, dev.name()) + add_attrs(dev) + " type bond" + bond_options(*b));
  } else if (dynamic_cast<DummyDevice*>(&dev)) {
    d.line(link_add(ns, dev.name()) + add_attrs(dev) + " type dummy");
  } else if (dev.info().link_type != "loopback") {
    d.line(fmt::format("# {}: a device of kind \"{}\" (not dumped)", dev.name(), dev.kind()));
    return;
  }
  attrs_line(d, dev, dev.info().link_type != "loopback");
}

// ---------------------------------------------------------------------------------------------
// Masters.

// A master's ports in its own order (a bond's slaves, a bridge's ports, teamd's ports).
std::vector<Device*> ports_of(World& w, Device& m) {
  std::vector<Device*> out;
  if (auto* br = dynamic_cast<BridgeDevice*>(&m))
    for (auto& p : br->ports()) out.push_back(&p->dev());
  if (auto* b = dynamic_cast<BondDevice*>(&m))
    for (auto& s : b->slaves()) out.push_back(&s->dev());
  if (auto* t = dynamic_cast<TeamDevice*>(&m)) {
    if (teamd::Teamd* td = teamd_of(w, *t)) {
      for (auto& p : td->ports())
        if (p->dev) out.push_back(p->dev);
    } else {
      for (auto& p : t->ports()) out.push_back(&p->dev());
    }
  }
  return out;
}

// `primary DEV` of a bond, given before its first slave joins (as at creation).
void bond_primary(Dump& d, BondDevice& b) {
  const std::string& p = b.primary_name();
  if (p.empty() || !bond_uses_primary(b.mode()) || !ns_of(b).find(p)) return;
  d.line(link_set(b) + " type bond primary " + p);
}

void bond_slave_options(Dump& d, BondDevice& b, Device& dev) {
  const BondSlave* s = b.slave_of(dev);
  if (!s) return;
  std::string w;
  if (s->opt(kBsQueueId)) w += fmt::format(" queue_id {}", s->opt(kBsQueueId));
  if (s->prio()) w += fmt::format(" prio {}", s->prio());
  if (s->opt(kBsActorPortPrio) != kBondSlaveOptionTable.specs()[kBsActorPortPrio].def)
    w += fmt::format(" actor_port_prio {}", s->opt(kBsActorPortPrio));
  if (!w.empty()) d.line(link_set(dev) + " type bond_slave" + w);
}

void enslave_tree(Dump& d, Device& m) {
  if (!d.visited.insert(&m).second) return;
  auto* bond = dynamic_cast<BondDevice*>(&m);
  auto* team = dynamic_cast<TeamDevice*>(&m);
  teamd::Teamd* td = team ? teamd_of(d.world, *team) : nullptr;
  if (bond) bond_primary(d, *bond);
  const Netns& ns = ns_of(m);
  for (Device* p : ports_of(d.world, m)) {
    enslave_tree(d, *p);
    if (td)
      d.line(exec(ns) + "teamdctl " + m.name() + " port add " + p->name());
    else
      d.line(link_set(*p) + " master " + m.name());
    if (bond) bond_slave_options(d, *bond, *p);
  }
}

}  // namespace

namespace {

// Creates `dev` after what came before it in its namespace (and, for a veth, in its peer's),
// so that every namespace lists its devices in the same order (ifindexes are per namespace,
// the order they were made in across namespaces is not kept).
void create_in_order(Dump& d, Device& dev) {
  if (d.created.count(&dev) || !d.visited.insert(&dev).second) return;
  auto before = [&](const Device& x) {
    for (auto& [idx, e] : ns_of(x).devices())
      if (idx < x.ifindex()) create_in_order(d, *e);
  };
  before(dev);
  if (auto* v = dynamic_cast<VethDevice*>(&dev); v && v->peer()) before(*v->peer());
  create(d, dev);
}

}  // namespace

void dump_devices(Dump& d) {
  d.visited.clear();
  for (Device* dev : devices(d.world)) create_in_order(d, *dev);
}

void dump_masters(Dump& d) {
  d.visited.clear();
  for (Device* dev : devices(d.world))
    if (!dev->master()) enslave_tree(d, *dev);
}

void dump_port_options(Dump& d) {
  for (Device* dev : devices(d.world)) {
    auto* br = dynamic_cast<BridgeDevice*>(dev);
    if (!br) continue;
    auto specs = kBridgePortOptionTable.specs();
    for (auto& p : br->ports()) {
      std::string w;
      for (size_t i = 0; i < specs.size(); ++i) {
        const OptionSpec& s = specs[i];
        auto o = BridgePortOpt(i);
        // The state is the spanning tree's; mcast_fast_leave is fastleave under another name;
        // neigh_forward_grat has no keyword in iproute2 6.1.
        if (s.read_only || o == kBpState || o == kBpMcastFastLeave || o == kBpNeighForwardGrat)
          continue;
        if (o == kBpCost ? !p->cost_set_by_user : p->opt(o) == s.def) continue;
        w += fmt::format(" {} {}", s.name, kBridgePortOptionTable.format(i, p->opt(o)));
      }
      if (p->backup_port) w += " backup_port " + p->backup_port->dev().name();
      const Device& pd = p->dev();
      if (!w.empty()) d.line(link_set(pd) + " type bridge_slave" + w);
      if (p->opt(kBpNeighForwardGrat))
        d.line(fmt::format("# {}: neigh_forward_grat on (no keyword to set it)", pd.name()));
    }
  }
}

}  // namespace uvn::cli::dump
