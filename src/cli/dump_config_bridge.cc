// `dump-config`: what a bridge holds besides its options: VLAN membership (and per-VLAN and
// global VLAN options), the static and permanent FDB entries users made (and the self
// entries of other devices' address lists), the permanent MDB entries. See cli/dump_config.h.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "base/strings.h"
#include "cli/dump_config_internal.h"
#include "dev/bond/bond.h"
#include "dev/bridge/bridge.h"
#include "dev/team/team.h"

namespace uvn::cli::dump {

namespace {

std::vector<BridgeDevice*> bridges(World& w) {
  std::vector<BridgeDevice*> out;
  for (Device* d : devices(w))
    if (auto* br = dynamic_cast<BridgeDevice*>(d)) out.push_back(br);
  return out;
}

// ---------------------------------------------------------------------------------------------
// VLANs and FDB entries. A new bridge and every new port start with vlan_default_pvid as PVID
// untagged (the bridge's own entry marked brentry); the VLAN lines turn that into what the
// tables hold now. See bridge_history() for their order.

void vlan_options(Dump& d, const BridgeDevice& br, const BridgePort* p) {
  const std::string dev = p ? p->dev().name() : br.name();
  // Per-VLAN states are the spanning tree's under kernel STP and MST's with mst_enabled.
  const bool states = br.opt(kBrStpState) != 1 && !br.opt(kBrMstEnabled);
  for (const BrVlan& v : br.vlans(p).list()) {
    if (!p && !v.brentry) continue;
    std::string w;
    if (states && v.state != kBrStateForwarding) w += fmt::format(" state {}", v.state);
    if (v.mcast_router != 1) w += fmt::format(" mcast_router {}", v.mcast_router);
    if (p && v.mcast_max_groups) w += fmt::format(" mcast_max_groups {}", v.mcast_max_groups);
    if (p && v.neigh_suppress) w += " neigh_suppress on";
    if (!w.empty())
      d.line(fmt::format("{}vlan set dev {} vid {}{}", bridge(ns_of(br)), dev, v.vid, w));
  }
}

void vlan_global(Dump& d, const BridgeDevice& br) {
  const BrVlanMcastCtx def;
  for (const BrVlan& v : br.vlans(nullptr).list()) {
    const BrVlanMcastCtx& m = v.mcast;
    if (m == def) continue;
    std::string w;
    auto num = [&](std::string_view name, uint64_t x, uint64_t dx) {
      if (x != dx) w += fmt::format(" {} {}", name, x);
    };
    num("mcast_snooping", m.snooping, def.snooping);
    num("mcast_querier", m.querier, def.querier);
    num("mcast_igmp_version", m.igmp_version, def.igmp_version);
    num("mcast_mld_version", m.mld_version, def.mld_version);
    num("mcast_last_member_count", m.last_member_count, def.last_member_count);
    num("mcast_startup_query_count", m.startup_query_count, def.startup_query_count);
    num("mcast_last_member_interval", m.last_member_interval, def.last_member_interval);
    num("mcast_membership_interval", m.membership_interval, def.membership_interval);
    num("mcast_querier_interval", m.querier_interval, def.querier_interval);
    num("mcast_query_interval", m.query_interval, def.query_interval);
    num("mcast_query_response_interval", m.query_response_interval, def.query_response_interval);
    num("mcast_startup_query_interval", m.startup_query_interval, def.startup_query_interval);
    d.line(fmt::format("{}vlan global set dev {} vid {}{}", bridge(ns_of(br)), br.name(), v.vid,
                       w));
  }
}

// ---------------------------------------------------------------------------------------------
// FDB: the entries users made that stay (local/permanent and static), with `replace` so that
// one may take the place of an entry the bridge made. Without `vlan` an entry is made on VID 0
// and on each VLAN of its device, so a VID-0 entry is followed by the deletion of the copies
// that are not there now.

bool user_entry(const FdbEntry& e) {
  return (e.flags & kFdbAddedByUser) && (e.is_local() || (e.flags & kFdbStatic)) &&
         !(e.flags & kFdbExternLearn);
}

std::string fdb_line(const BridgeDevice& br, const FdbEntry& e, const char* op) {
  const Device& dev = e.port ? e.port->dev() : static_cast<const Device&>(br);
  std::string s = fmt::format("{}fdb {} {} dev {}{}", bridge(ns_of(br)), op, e.mac.format(),
                              dev.name(), e.port ? " master" : " self");
  if (std::string_view(op) == "del") return s + fmt::format(" vlan {}", e.vid);
  s += e.is_local() ? " permanent" : " static";
  if (e.flags & kFdbSticky) s += " sticky";
  if (e.vid) s += fmt::format(" vlan {}", e.vid);
  return s;
}

bool same_entry(const FdbEntry& a, const FdbEntry& b) {
  constexpr uint16_t kKept = kFdbLocal | kFdbStatic | kFdbSticky;
  return a.port == b.port && (a.flags & kKept) == (b.flags & kKept);
}

// One line of a bridge's history: a VLAN added to a device, or an FDB entry made. `seq` is
// the FDB's creation number it left: an entry's own, or for a VLAN the device's local entry
// of its address on that VLAN (the bridge's own VLANs whose entry a port holds, and VLANs
// without one, come last).
struct Step {
  uint64_t seq;
  const BridgePort* owner;  // nullptr: the bridge itself
  const BrVlan* vlan = nullptr;
  const FdbEntry* fdb = nullptr;
};

std::vector<Step> vlan_steps(BridgeDevice& br, const BridgePort* p) {
  const BrVlanTable& t = br.vlans(p);
  const MacAddr mac = p ? p->dev().mac() : br.mac();
  const auto dpvid = uint16_t(br.opt(kBrVlanDefaultPvid));
  std::vector<Step> out;
  for (const BrVlan& v : t.list()) {
    if (!p && !v.brentry) continue;
    if (v.vid == dpvid && t.pvid() == v.vid && v.untagged) continue;  // as every device starts
    const FdbEntry* e = br.fdb().find(mac, v.vid);
    out.push_back({e && e->is_local() && e->port == p ? e->seq : UINT64_MAX, p, &v});
  }
  return out;
}

class History {
 public:
  History(Dump& d, BridgeDevice& br) : d_(d), br_(br) {}
  void run();

 private:
  void vlan_add(const Step& s);
  void fdb_add(const FdbEntry& e);
  const FdbEntry* user_entry_at(const MacAddr& m, uint16_t vid) const {
    for (const FdbEntry* e : mine_)
      if (e->mac == m && e->vid == vid) return e;
    return nullptr;
  }
  std::string dev_name(const BridgePort* p) const { return p ? p->dev().name() : br_.name(); }

  Dump& d_;
  BridgeDevice& br_;
  std::vector<const FdbEntry*> mine_;
  std::map<const BridgePort*, std::set<uint16_t>> present_;  // the VLANs given so far
  std::set<const FdbEntry*> covered_;
  std::vector<const FdbEntry*> later_;
};

// VLAN lines and FDB lines in the order the FDB's sequence numbers give, so that an entry
// made without `vlan` gets its copies on the VLANs its device had then, and `bridge fdb show`
// lists the same order (newest first). Deleted default VLANs go first.
void History::run() {
  const auto dpvid = uint16_t(br_.opt(kBrVlanDefaultPvid));
  std::vector<const BridgePort*> owners{nullptr};
  for (auto& p : br_.ports()) owners.push_back(p.get());
  std::vector<Step> steps;
  for (const BridgePort* p : owners) {
    if (!dpvid) continue;
    present_[p].insert(dpvid);
    const BrVlan* v = br_.vlans(p).find(dpvid);
    if (!v || (!p && !v->brentry)) {
      d_.line(fmt::format("{}vlan del vid {} dev {}{}", bridge(ns_of(br_)), dpvid, dev_name(p),
                          p ? "" : " self"));
      present_[p].erase(dpvid);
    }
  }
  for (const BridgePort* p : owners)
    for (const Step& s : vlan_steps(br_, p)) steps.push_back(s);
  for (const FdbEntry* e : br_.fdb().list())
    if (user_entry(*e)) {
      mine_.push_back(e);
      steps.push_back({e->seq, e->port, nullptr, e});
    }
  std::stable_sort(steps.begin(), steps.end(),
                   [](const Step& a, const Step& b) { return a.seq < b.seq; });
  for (const Step& s : steps) s.vlan ? vlan_add(s) : fdb_add(*s.fdb);
  for (const FdbEntry* e : later_) d_.line(fdb_line(br_, *e, "replace"));
}

void History::vlan_add(const Step& s) {
  const BrVlanTable& t = br_.vlans(s.owner);
  d_.line(fmt::format("{}vlan add vid {} dev {}{}{}{}", bridge(ns_of(br_)), s.vlan->vid,
                      dev_name(s.owner), t.pvid() == s.vlan->vid ? " pvid" : "",
                      s.vlan->untagged ? " untagged" : "", s.owner ? "" : " self"));
  present_[s.owner].insert(s.vlan->vid);
}

// Made without `vlan`, an entry is made on VID 0 and on each VLAN of its device: the copies
// equal to entries there now stand for them, the others are deleted. An entry on a VLAN its
// device no longer has outlived it; it cannot be made again.
void History::fdb_add(const FdbEntry& e) {
  if (covered_.count(&e)) return;
  if (!e.vid) {
    d_.line(fdb_line(br_, e, "replace"));
    for (uint16_t vid : present_[e.port]) {
      const FdbEntry* same = user_entry_at(e.mac, vid);
      if (same && same_entry(*same, e)) covered_.insert(same);
      FdbEntry copy = e;
      copy.vid = vid;
      if (!same) d_.line(fdb_line(br_, copy, "del"));
    }
    return;
  }
  const BrVlan* v = br_.vlans(e.port).find(e.vid);
  if (!v || (!e.port && !v->brentry)) {
    d_.line(fmt::format("# {} vlan {}: an FDB entry on a VLAN its device no longer has (not "
                        "dumped)", e.mac.format(), e.vid));
  } else if (!present_[e.port].count(e.vid)) {
    later_.push_back(&e);  // its VLAN was given again since
  } else {
    d_.line(fdb_line(br_, e, "replace"));
  }
}

// The unicast address lists users added to (`bridge fdb add MAC dev DEV self`); a bond's or
// team's ports get their master's lists, which are not theirs to dump.
void fdb_self(Dump& d, const Device& dev) {
  if (dev.info().link_type != "ether") return;
  if (dynamic_cast<const BondDevice*>(dev.master()) ||
      dynamic_cast<const TeamDevice*>(dev.master()))
    return;
  for (auto& a : dev.uc_list())
    d.line(fmt::format("{}fdb add {} dev {} self permanent", bridge(ns_of(dev)), a.mac.format(),
                       dev.name()));
}

// ---------------------------------------------------------------------------------------------
// MDB: permanent port groups (and L2 groups the bridge itself joined), oldest entry first.
// An S,G port group a *,G entry's source list made is left to that entry.

std::string rt_proto(uint8_t p) {
  switch (p) {
    case proto::kRtprotKernel: return "kernel";
    case proto::kRtprotStatic: return "static";
    default: return std::to_string(p);
  }
}

bool made_by_source_list(const proto::McastEngine& mc, const proto::MdbEntry& e, int port) {
  if (e.key.star_g()) return false;
  const proto::MdbEntry* star = mc.find(e.key.star());
  if (!star) return false;
  for (auto& pg : star->ports)
    if (pg.port == port)
      for (auto& s : pg.srcs)
        if (s.addr == e.key.src && (s.flags & proto::kSrcUserAdded)) return true;
  return false;
}

std::string mdb_sources(const BridgeDevice& br, const proto::MdbEntry& e,
                        const proto::PortGroup& pg) {
  if (!e.key.star_g() || !e.key.group.is_ip() ||
      !br.mcast().sources_tracked(e.key.vid, e.key.group.family))
    return {};
  std::vector<std::string> srcs;
  for (auto it = pg.srcs.rbegin(); it != pg.srcs.rend(); ++it)
    if (it->flags & proto::kSrcUserAdded) srcs.push_back(it->addr.format());
  bool include = pg.mode == proto::FilterMode::kInclude;
  if (!include && srcs.empty()) return {};
  std::string s = include ? " filter_mode include" : " filter_mode exclude";
  if (!srcs.empty()) s += " source_list " + join(srcs, ",");
  return s;
}

void mdb_bridge(Dump& d, const BridgeDevice& br) {
  const proto::McastEngine& mc = br.mcast();
  const std::string cmd = bridge(ns_of(br)) + "mdb add dev " + br.name();
  const auto& entries = mc.entries();
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    const proto::MdbEntry& e = *it;
    std::string tail = e.key.vid ? fmt::format(" vid {}", e.key.vid) : std::string();
    std::string grp = " grp " + e.key.group.format();
    if (!e.key.star_g()) grp += " src " + e.key.src.format();
    if (e.host_joined && e.key.group.family == proto::McastFamily::kL2)
      d.line(cmd + " port " + br.name() + grp + " permanent" + tail);
    for (auto& pg : e.ports) {
      const BridgePort* p = br.port_by_no(uint16_t(pg.port));
      if (!p || !pg.permanent() || (pg.flags & proto::kMdbPgStarExcl) ||
          made_by_source_list(mc, e, pg.port))
        continue;
      std::string s = cmd + " port " + p->dev().name() + grp + " permanent" + tail;
      s += mdb_sources(br, e, pg);
      if (pg.rt_protocol != proto::kRtprotStatic) s += " proto " + rt_proto(pg.rt_protocol);
      d.line(s);
    }
  }
}

}  // namespace

void dump_bridge_vlans(Dump& d) {
  for (BridgeDevice* br : bridges(d.world)) {
    History(d, *br).run();
    vlan_options(d, *br, nullptr);
    for (auto& p : br->ports()) vlan_options(d, *br, p.get());
    vlan_global(d, *br);
  }
}

void dump_fdb(Dump& d) {
  for (Device* dev : devices(d.world)) fdb_self(d, *dev);
}

void dump_mdb(Dump& d) {
  for (BridgeDevice* br : bridges(d.world)) mdb_bridge(d, *br);
}

}  // namespace uvn::cli::dump
