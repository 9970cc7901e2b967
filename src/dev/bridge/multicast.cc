// IGMP/MLD snooping on the bridge (Linux br_multicast.c's packet side, br_input.c and
// br_forward.c's multicast branches): the frames a port receives or br0 sends are classified
// (wire/mcast.h) and handed to the snooping engine (proto/mcast/); multicast data goes where
// the MDB and the router ports say once a querier exists, and is flooded otherwise. The
// engine's queries are built here and sent out of a port or handed up to br0's own stack.
// Counters (mcast_stats_enabled) are Linux's br_mcast_stats, per port and for the bridge.
#include <algorithm>

#include "base/be.h"
#include "dev/bridge/bridge.h"
#include "wire/ethernet.h"
#include "wire/mcast.h"
#include "wire/vlan.h"

namespace uvn {

using proto::McastAddr;
using proto::McastFamily;

namespace {

constexpr uint16_t kEtherIpv4 = 0x0800;
constexpr uint16_t kEtherIpv6 = 0x86dd;

Nanos cs(uint64_t v) { return Nanos(v) * 10 * kMsec; }

McastFamily family_of(const IpAddr& a) {
  return a.is_v4() ? McastFamily::kIPv4 : McastFamily::kIPv6;
}

// The counters of one IGMP/MLD message (br_multicast_count); dir 0 received, 1 sent.
void count_msg(proto::McastStats& s, const wire::McastMessage& m, int dir) {
  using K = wire::McastMessage::Kind;
  if (!m.ipv6) {
    switch (m.kind) {
      case K::kQuery:
        (m.version == 1 ? s.igmp_v1queries : m.version == 2 ? s.igmp_v2queries
                                                            : s.igmp_v3queries)[dir]++;
        break;
      case K::kReport:
        (m.version == 1 ? s.igmp_v1reports : m.version == 2 ? s.igmp_v2reports
                                                            : s.igmp_v3reports)[dir]++;
        break;
      case K::kLeave:
        s.igmp_leaves[dir]++;
        break;
    }
  } else {
    switch (m.kind) {
      case K::kQuery:
        (m.version == 1 ? s.mld_v1queries : s.mld_v2queries)[dir]++;
        break;
      case K::kReport:
        (m.version == 1 ? s.mld_v1reports : s.mld_v2reports)[dir]++;
        break;
      case K::kLeave:
        s.mld_leaves[dir]++;
        break;
    }
  }
}

bool is_mrd_v4(const IpAddr& dst) { return dst.is_v4() && dst.v4().v == 0xe000006au; }  // .106
bool is_pim_routers_v4(const IpAddr& dst) { return dst.is_v4() && dst.v4().v == 0xe000000du; }
bool is_mrd_v6(const IpAddr& dst) {  // ff02::6a
  if (dst.is_v4()) return false;
  Ipv6Addr a;
  a.b[0] = 0xff;
  a.b[1] = 0x02;
  a.b[15] = 0x6a;
  return dst.v6() == a;
}

}  // namespace

// --- configuration from the bridge's options

void BridgeDevice::mcast_sync_config() {
  proto::McastCtxConfig c;
  c.querier = opt(kBrMcastQuerier) != 0;
  c.query_use_ifaddr = opt(kBrMcastQueryUseIfaddr) != 0;
  c.igmp_version = uint8_t(opt(kBrMcastIgmpVersion));
  c.mld_version = uint8_t(opt(kBrMcastMldVersion));
  c.router = uint8_t(opt(kBrMcastRouter));
  c.last_member_count = uint32_t(opt(kBrMcastLastMemberCount));
  c.startup_query_count = uint32_t(opt(kBrMcastStartupQueryCount));
  c.last_member_interval = cs(opt(kBrMcastLastMemberInterval));
  c.membership_interval = cs(opt(kBrMcastMembershipInterval));
  c.querier_interval = cs(opt(kBrMcastQuerierInterval));
  c.query_interval = cs(opt(kBrMcastQueryInterval));
  c.query_response_interval = cs(opt(kBrMcastQueryResponseInterval));
  c.startup_query_interval = cs(opt(kBrMcastStartupQueryInterval));
  const Nanos t = now();
  mcast_.set_hash_max(uint32_t(std::min<uint64_t>(opt(kBrMcastHashMax), UINT32_MAX)));
  mcast_.set_config(c, t);
  mcast_.set_snooping(opt(kBrMcastSnooping) != 0, t);
  if (is_up()) mcast_join_snoopers(opt(kBrMcastSnooping) != 0);
  mcast_vlan_sync();
  mcast_kick();
}

// The per-VLAN contexts follow the bridge's VLANs (a bridge VLAN entry with its `bridge vlan
// global` options; a port-VLAN per port VLAN) and mcast_vlan_snooping.
void BridgeDevice::mcast_vlan_ctx_sync(uint16_t vid) {
  const Nanos t = now();
  const BrVlan* v = vlans_.find(vid);
  if (!v || !v->brentry) {
    mcast_.vlan_ctx_del(vid);
    return;
  }
  mcast_.vlan_ctx_add(vid, t);
  proto::McastCtxConfig c;
  c.snooping = v->mcast.snooping != 0;
  c.querier = v->mcast.querier != 0;
  c.query_use_ifaddr = opt(kBrMcastQueryUseIfaddr) != 0;
  c.igmp_version = v->mcast.igmp_version;
  c.mld_version = v->mcast.mld_version;
  c.last_member_count = v->mcast.last_member_count;
  c.startup_query_count = v->mcast.startup_query_count;
  c.last_member_interval = cs(v->mcast.last_member_interval);
  c.membership_interval = cs(v->mcast.membership_interval);
  c.querier_interval = cs(v->mcast.querier_interval);
  c.query_interval = cs(v->mcast.query_interval);
  c.query_response_interval = cs(v->mcast.query_response_interval);
  c.startup_query_interval = cs(v->mcast.startup_query_interval);
  (void)mcast_.set_vlan_config(vid, c, t);
}

void BridgeDevice::mcast_port_vlan_sync(BridgePort& p, uint16_t vid) {
  const Nanos t = now();
  const BrVlan* v = p.vlans.find(vid);
  if (!v) {
    mcast_.port_vlan_flush(p.port_no(), vid);
    mcast_.port_vlan_del(p.port_no(), vid);
    return;
  }
  mcast_.port_vlan_add(p.port_no(), vid, t);
  (void)mcast_.port_vlan_set_router(p.port_no(), vid, v->mcast_router, t);
  (void)mcast_.port_vlan_set_max_groups(p.port_no(), vid, v->mcast_max_groups);
}

void BridgeDevice::mcast_vlan_sync() {
  for (uint16_t vid : mcast_.vlan_ctx_vids()) mcast_vlan_ctx_sync(vid);
  for (auto& v : vlans_.list()) mcast_vlan_ctx_sync(v.vid);
  for (auto& p : ports_)
    for (auto& v : p->vlans.list()) mcast_port_vlan_sync(*p, v.vid);
  mcast_.set_vlan_snooping(opt(kBrMcastVlanSnooping) != 0, now());
  mcast_kick();
}

// br_multicast_join_snoopers: while it snoops and is up, the bridge's own stack is a member of
// the Multicast Router Discovery all-snoopers groups (224.0.0.106, ff02::6a; RFC 4286), so
// router advertisements reach it (and its MLD report makes the host entry ff02::6a).
void BridgeDevice::mcast_join_snoopers(bool join) {
  if (join == snoopers_joined_ || !ctx()) return;
  snoopers_joined_ = join;
  static const IpAddr kAllSnoopers4{Ipv4Addr{0xe000006au}};
  Ipv6Addr a6;
  a6.b[0] = 0xff;
  a6.b[1] = 0x02;
  a6.b[15] = 0x6a;
  ctx()->mc_join(*this, kAllSnoopers4, join);
  ctx()->mc_join(*this, IpAddr{a6}, join);
}

void BridgeDevice::mcast_port_sync(BridgePort& p) {
  mcast_.port_set_flags(p.port_no(), p.opt(kBpMcastFastLeave) != 0, p.opt(kBpMcastToUnicast) != 0);
  mcast_.port_set_max_groups(p.port_no(), uint32_t(p.opt(kBpMcastMaxGroups)));
}

void BridgeDevice::mcast_port_state(BridgePort& p) {
  proto::McastPortState s = proto::McastPortState::kActive;
  if (p.state() == kBrStateDisabled)
    s = proto::McastPortState::kDisabled;
  else if (p.state() == kBrStateBlocking)
    s = proto::McastPortState::kBlocking;
  mcast_.port_set_state(p.port_no(), s, now());
  mcast_kick();
}

void BridgeDevice::mcast_kick() {
  if (!ctx()) return;
  Engine& eng = ctx()->engine();
  mcast_.tick(eng.now());
  Nanos next = mcast_.next_deadline();
  if (next == mcast_timer_at_ && mcast_timer_) return;
  eng.cancel(mcast_timer_);
  mcast_timer_ = 0;
  mcast_timer_at_ = next;
  if (next == kForever) return;
  mcast_timer_ = eng.at(std::max(next, eng.now()), [this] {
    mcast_timer_ = 0;
    mcast_timer_at_ = kForever;
    mcast_kick();
  });
}

// --- receive: what snooping makes of a multicast frame (br_multicast_rcv)

BridgeDevice::McastRx BridgeDevice::mcast_rcv(BridgePort* in, const Frame& f, uint16_t vid) {
  McastRx rx;
  auto eth = wire::EthernetView::parse(f.data(), f.size());
  if (!eth) return rx;
  rx.group = McastAddr::from_mac(eth->dst());
  rx.family = McastFamily::kL2;
  if (!mcast_.active_for(vid)) return rx;
  // One outer tag is looked through (Linux pops it into metadata before the bridge).
  size_t off = wire::kEthernetHeaderLen;
  uint16_t type = load_be16(f.data() + 12);
  if ((type == 0x8100 || type == 0x88a8) && f.size() >= off + wire::kVlanTagLen) {
    type = load_be16(f.data() + 16);
    off += wire::kVlanTagLen;
  }
  if (type != kEtherIpv4 && type != kEtherIpv6) return rx;
  wire::McastMessage m;
  const wire::McastParse r = wire::parse_mcast_packet(type, f.data() + off, f.size() - off, m);
  proto::McastStats* stats = nullptr;
  if (opt(kBrMcastStatsEnabled)) stats = in ? &in->mcast_stats : &mcast_stats_;
  if (r == wire::McastParse::kMalformed) {
    if (stats) (type == kEtherIpv4 ? stats->igmp_parse_errors : stats->mld_parse_errors)++;
    rx.drop = true;
    return rx;
  }
  rx.family = family_of(m.dst);
  rx.group = McastAddr::from_ip(m.dst);
  rx.src = McastAddr::from_ip(m.src);
  const int port = in ? in->port_no() : 0;
  const Nanos t = now();
  const MacAddr esrc = eth->src();
  if (r != wire::McastParse::kOk) {
    // Data (or IGMP/ICMPv6 snooping does not act on): routers only unless link-local;
    // router hints from PIM hellos and MRD advertisements.
    if (rx.family == McastFamily::kIPv4) {
      if (!wire::ipv4_is_local_multicast(m.dst.v4())) {
        rx.mrouters_only = true;
      } else if (is_pim_routers_v4(m.dst)) {
        if (m.pim_hello) mcast_.on_router_hint(vid, port, rx.family, t);
      } else if (is_mrd_v4(m.dst) && m.ip_proto == 2 && m.type == 0x30) {
        mcast_.on_router_hint(vid, port, rx.family, t);
      }
    } else {
      if (m.dst.v6() != wire::mld_all_nodes()) rx.mrouters_only = true;
      if (is_mrd_v6(m.dst) && m.ip_proto == 58 && m.type == 151)
        mcast_.on_router_hint(vid, port, rx.family, t);
    }
    mcast_kick();
    return rx;
  }
  rx.igmp = true;
  rx.msg = m;
  using K = wire::McastMessage::Kind;
  switch (m.kind) {
    case K::kReport:
      if (m.version == 3 || (m.ipv6 && m.version == 2)) {
        std::vector<proto::McastRecord> recs;
        recs.reserve(m.records.size());
        for (auto& rec : m.records) {
          proto::McastRecord pr;
          pr.type = rec.type;
          pr.group = McastAddr::from_ip(rec.group);
          for (auto& s : rec.sources) pr.sources.push_back(McastAddr::from_ip(s));
          recs.push_back(std::move(pr));
        }
        rx.drop = !mcast_.on_report_v3(vid, port, rx.src, esrc, recs, t);
      } else {
        rx.mrouters_only = true;
        rx.drop = !mcast_.on_report(vid, port, McastAddr::from_ip(m.group), esrc, t);
      }
      break;
    case K::kLeave:
      mcast_.on_leave(vid, port, McastAddr::from_ip(m.group), esrc, t);
      break;
    case K::kQuery: {
      proto::McastQueryIn q;
      q.family = rx.family;
      q.src = rx.src;
      q.group = McastAddr::from_ip(m.group);
      // An IGMPv1 query (code 0) comes decoded as 10 s; the engine wants the raw 0.
      q.max_delay = m.version == 1 ? 0 : Nanos(m.max_resp_ms) * kMsec;
      q.v3 = m.ipv6 ? m.version == 2 : m.version == 3;
      q.nsrcs = m.query_nsrcs;
      q.sflag = m.suppress;
      mcast_.on_query(vid, port, q, t);
      break;
    }
  }
  if (stats) count_msg(*stats, m, 0);
  mcast_kick();
  return rx;
}

// --- forwarding (br_handle_frame_finish's multicast branch; br_dev_xmit for br0's frames)

bool BridgeDevice::mcast_forward(BridgePort* in, Frame& f, uint16_t vid, const McastRx& rx,
                                 bool local_orig) {
  const Nanos t = now();
  const proto::MdbEntry* mdst = nullptr;
  if (!rx.igmp && mcast_.active_for(vid)) {
    McastAddr src = rx.family == McastFamily::kL2 ? McastAddr::zero(McastFamily::kL2) : rx.src;
    mdst = mcast_.lookup(vid, rx.group, src);
  }
  bool querier;
  if (rx.family == McastFamily::kL2)
    querier = mdst && mdst->key.group.family == McastFamily::kL2;
  else
    querier = mcast_.active_for(vid) && mcast_.querier_exists(vid, rx.family, t);
  mcast_tx_msg_ = rx.igmp ? &rx.msg : nullptr;
  bool local;
  if ((mdst || rx.mrouters_only) && querier) {
    local = (mdst && mdst->host_joined) ||
            mcast_.bridge_is_router(vid, rx.family == McastFamily::kL2 ? McastFamily::kIPv4
                                                                      : rx.family) ||
            promiscuity() > 0;
    mcast_flood_snooped(in, f, vid, mdst, rx, local_orig);
  } else {
    local = true;
    flood(in, f, local_orig, true, vid);
  }
  mcast_tx_msg_ = nullptr;
  if (local && !local_orig && rx.igmp && opt(kBrMcastStatsEnabled))
    count_msg(mcast_stats_, rx.msg, 1);
  return local && !local_orig;
}

// br_multicast_flood: the router ports of the frame's family and the entry's ports, each
// once; a blocked port group, or an INCLUDE *,G while sources are tracked, gets nothing
// (its S,G entries carry the traffic); mcast_to_unicast ports get a unicast copy per host.
void BridgeDevice::mcast_flood_snooped(BridgePort* in, Frame& f, uint16_t vid,
                                       const proto::MdbEntry* mdst, const McastRx& rx,
                                       bool local_orig) {
  const McastFamily rfam = rx.family == McastFamily::kL2 ? McastFamily::kIPv4 : rx.family;
  std::vector<int> routers = mcast_.router_ports(vid, rfam);
  std::vector<int> order = routers;
  if (mdst)
    for (auto& pg : mdst->ports) order.push_back(pg.port);
  std::sort(order.begin(), order.end());
  order.erase(std::unique(order.begin(), order.end()), order.end());
  const bool tracked = mdst && mcast_.sources_tracked(vid, rx.family);
  const BridgePort* from = local_orig ? nullptr : in;
  auto eth = wire::EthernetView::parse(f.data(), f.size());
  const MacAddr fsrc = eth ? eth->src() : MacAddr{};
  for (int no : order) {
    BridgePort* out = port_by_no(uint16_t(no));
    if (!out) continue;
    const bool router = std::find(routers.begin(), routers.end(), no) != routers.end();
    bool normal = router;
    if (!router && mdst) {
      for (auto& pg : mdst->ports) {
        if (pg.port != no) continue;
        if (out->opt(kBpMcastToUnicast)) {
          if (pg.eth_addr == fsrc) continue;
          Frame c = f.clone();
          std::copy(pg.eth_addr.b.begin(), pg.eth_addr.b.end(), c.data());
          const BrVlan* v = nullptr;
          if (!mcast_deliverable(from, *out, vid, v)) continue;
          send_copy(*out, std::move(c), v, false);
          continue;
        }
        if (pg.flags & proto::kMdbPgBlocked) continue;
        if (tracked && mdst->key.star_g() && pg.mode == proto::FilterMode::kInclude) continue;
        normal = true;
      }
    }
    if (!normal) continue;
    const BrVlan* v = nullptr;
    if (!mcast_deliverable(from, *out, vid, v)) continue;
    send_copy(*out, f.clone(), v, true);
  }
}

bool BridgeDevice::mcast_deliverable(const BridgePort* from, BridgePort& out, uint16_t vid,
                                     const BrVlan*& v) {
  if (!out.forwarding()) return false;
  if (from == &out && !out.opt(kBpHairpin)) return false;
  if (from && from->opt(kBpIsolated) && out.opt(kBpIsolated)) return false;
  v = nullptr;
  if (vlan_filtering()) {
    v = out.vlans.find(vid);
    if (!v || v->state != kBrStateForwarding) return false;
  }
  return true;
}

void BridgeDevice::mcast_count_tx(BridgePort& out) {
  if (mcast_tx_msg_ && opt(kBrMcastStatsEnabled)) count_msg(out.mcast_stats, *mcast_tx_msg_, 1);
}

// --- queries the engine sends

std::optional<IpAddr> BridgeDevice::send_query(const proto::McastQuery& q) {
  if (!ctx()) return std::nullopt;
  const bool v6 = q.family == McastFamily::kIPv6;
  wire::McastMessage m;
  m.kind = wire::McastMessage::Kind::kQuery;
  m.ipv6 = v6;
  m.version = q.version;
  m.dst = q.dst.ip();
  m.group = q.group.ip();
  m.max_resp_ms = uint32_t(q.max_resp / kMsec);
  m.suppress = q.sflag;
  m.qrv = q.qrv;
  m.qqi_s = q.qqi_s;
  for (auto& s : q.sources) m.query_sources.push_back(s.ip());
  m.query_nsrcs = uint16_t(m.query_sources.size());
  m.ttl = 1;
  if (v6) {
    // Source selection on br0 for ff02::1: its link-local address; none, no MLD query.
    auto src = ctx()->source_for(*this, IpAddr{wire::mld_all_nodes()});
    if (!src || src->is_v4() || !src->v6().is_link_local()) {
      mcast_.set_has_ipv6_addr(false);
      return std::nullopt;
    }
    mcast_.set_has_ipv6_addr(true);
    m.src = *src;
  } else {
    m.src = IpAddr{Ipv4Addr{}};
    if (opt(kBrMcastQueryUseIfaddr))
      if (auto src = ctx()->source_for(*this, IpAddr{wire::kIgmpAllHosts}); src && src->is_v4())
        m.src = *src;
  }
  std::vector<uint8_t> ip = wire::build_mcast_packet(m);
  BridgePort* out = q.port ? port_by_no(uint16_t(q.port)) : nullptr;
  if (q.port && !out) return m.src;
  // A VLAN context's query carries its tag unless the VLAN leaves untagged there.
  bool tag = false;
  if (q.vid) {
    const BrVlan* v = out ? out->vlans.find(q.vid) : vlans_.find(q.vid);
    tag = !(v && v->untagged);
  }
  const size_t l2 = wire::kEthernetHeaderLen + (tag ? wire::kVlanTagLen : 0);
  Frame f = ctx()->engine().pool().alloc(l2 + ip.size());
  uint8_t* d = f.data();
  const MacAddr dmac = wire::multicast_mac(m.dst);
  std::copy(dmac.b.begin(), dmac.b.end(), d);
  std::copy(mac().b.begin(), mac().b.end(), d + 6);
  size_t off = 12;
  if (tag) {
    store_be16(d + off, vlan_tpid());
    store_be16(d + off + 2, q.vid);
    off += 4;
  }
  store_be16(d + off, v6 ? kEtherIpv6 : kEtherIpv4);
  std::copy(ip.begin(), ip.end(), d + off + 2);
  if (opt(kBrMcastStatsEnabled)) count_msg(out ? out->mcast_stats : mcast_stats_, m, out ? 1 : 0);
  if (out) {
    out->dev().transmit(std::move(f));
  } else {
    ctx()->deliver_to_stack(*this, std::move(f));
  }
  return m.src;
}

void BridgeDevice::mdb_notify(const proto::MdbEntry& e, const proto::PortGroup* pg, bool added) {
  if (ctx()) ctx()->notify_mdb(*this, e, pg, added);
}

void BridgeDevice::router_notify(int port, uint16_t vid, bool added) {
  (void)vid;
  BridgePort* p = port_by_no(uint16_t(port));
  if (p && ctx()) ctx()->notify_mdb_router(*this, p->dev(), added);
}

void BridgeDevice::snooping_disabled() { opts_.set(kBrMcastSnooping, 0); }

}  // namespace uvn
