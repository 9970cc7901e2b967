// McastEngine: contexts, ports, timers and the forwarding lookups (the MDB's primitives are
// in mdb.cc).
#include <algorithm>
#include <cstring>

#include "proto/mcast/mcast_internal.h"

namespace uvn::proto {

// --- addresses

McastAddr McastAddr::from_ip(const IpAddr& a) {
  McastAddr m;
  if (a.is_v4()) {
    m.family = McastFamily::kIPv4;
    a.v4().to_bytes(m.b.data());
  } else {
    m.family = McastFamily::kIPv6;
    std::memcpy(m.b.data(), a.v6().b.data(), 16);
  }
  return m;
}

McastAddr McastAddr::from_mac(const MacAddr& mac) {
  McastAddr m;
  m.family = McastFamily::kL2;
  std::memcpy(m.b.data(), mac.b.data(), 6);
  return m;
}

IpAddr McastAddr::ip() const {
  if (family == McastFamily::kIPv6) return IpAddr{Ipv6Addr::from_bytes(b.data())};
  return IpAddr{Ipv4Addr::from_bytes(b.data())};
}

MacAddr McastAddr::mac() const { return MacAddr::from_bytes(b.data()); }

std::string McastAddr::format() const {
  return family == McastFamily::kL2 ? mac().format() : ip().format();
}

bool McastAddr::is_link_local_control() const {
  if (family == McastFamily::kIPv4) return b[0] == 224 && b[1] == 0 && b[2] == 0;
  if (family == McastFamily::kIPv6) {
    static constexpr std::array<uint8_t, 16> kAllNodes{0xff, 2, 0, 0, 0, 0, 0, 0,
                                                       0,    0, 0, 0, 0, 0, 0, 1};
    return b == kAllNodes;
  }
  return false;
}

McastStats& McastStats::operator+=(const McastStats& o) {
  for (int d = 0; d < 2; ++d) {
    igmp_v1queries[d] += o.igmp_v1queries[d];
    igmp_v2queries[d] += o.igmp_v2queries[d];
    igmp_v3queries[d] += o.igmp_v3queries[d];
    igmp_leaves[d] += o.igmp_leaves[d];
    igmp_v1reports[d] += o.igmp_v1reports[d];
    igmp_v2reports[d] += o.igmp_v2reports[d];
    igmp_v3reports[d] += o.igmp_v3reports[d];
    mld_v1queries[d] += o.mld_v1queries[d];
    mld_v2queries[d] += o.mld_v2queries[d];
    mld_leaves[d] += o.mld_leaves[d];
    mld_v1reports[d] += o.mld_v1reports[d];
    mld_v2reports[d] += o.mld_v2reports[d];
    mcast_bytes[d] += o.mcast_bytes[d];
    mcast_packets[d] += o.mcast_packets[d];
  }
  igmp_parse_errors += o.igmp_parse_errors;
  mld_parse_errors += o.mld_parse_errors;
  return *this;
}

// --- construction, contexts

namespace {
void init_ctx_timers(McastCtx& c) {
  for (int f = 0; f < 2; ++f) {
    c.own_query[f] = McTimer{McTimer::kOwnQuery, uint8_t(f), &c};
    c.other_query[f] = McTimer{McTimer::kOtherQuery, uint8_t(f), &c};
    c.router_timer[f] = McTimer{McTimer::kBridgeRouter, uint8_t(f), &c};
  }
}
void init_port_timers(McastPortCtx& pc) {
  for (int f = 0; f < 2; ++f) {
    pc.router_timer[f] = McTimer{McTimer::kPortRouter, uint8_t(f), &pc};
    pc.own_query[f] = McTimer{McTimer::kPortOwnQuery, uint8_t(f), &pc};
  }
}
}  // namespace

McastEngine::McastEngine(McastSink& sink) : sink_(sink), global_(std::make_unique<McastCtx>()) {
  init_ctx_timers(*global_);
}

McastEngine::~McastEngine() = default;

McastCtx& McastEngine::global() { return *global_; }
const McastCtx& McastEngine::global() const { return *global_; }
const McastCtxConfig& McastEngine::config() const { return global_->cfg; }

McastCtx* McastEngine::ctx_for(uint16_t vid) {
  if (!vlan_snooping_ || vid == 0) return global_.get();
  auto it = vlan_ctx_.find(vid);
  if (it == vlan_ctx_.end() || !it->second->cfg.snooping) return nullptr;
  return it->second.get();
}

const McastCtx* McastEngine::ctx_for(uint16_t vid) const {
  return const_cast<McastEngine*>(this)->ctx_for(vid);
}

bool McastEngine::active_for(uint16_t vid) const { return snooping_ && ctx_for(vid); }

McastPortCtx* McastEngine::port_ctx(int port) {
  auto it = ports_.find(port);
  return it == ports_.end() ? nullptr : &it->second->ctx;
}

const McastPortCtx* McastEngine::port_ctx(int port) const {
  return const_cast<McastEngine*>(this)->port_ctx(port);
}

// The port context a frame of `vid` uses: the port-VLAN's with vlan snooping, else the port's.
McastPortCtx* McastEngine::pctx_for(int port, uint16_t vid) {
  auto it = ports_.find(port);
  if (it == ports_.end()) return nullptr;
  if (!vlan_snooping_ || vid == 0) return &it->second->ctx;
  auto v = it->second->vlans.find(vid);
  return v == it->second->vlans.end() ? nullptr : v->second.get();
}

McastPortCtx* McastEngine::pctx_of_pg(const PortGroup& pg) { return pctx_for(pg.port, pg.key.vid); }


bool McastEngine::should_use(const McastCtx& c, const McastPortCtx* pc) const {
  if (!running_) return false;
  if (pc) {
    auto it = ports_.find(pc->port);
    if (it == ports_.end() || it->second->state == McastPortState::kDisabled) return false;
    if (pc->vid) {
      auto v = vlan_ctx_.find(pc->vid);
      if (v == vlan_ctx_.end() || !v->second->cfg.snooping) return false;
    }
    return true;
  }
  return c.vid == 0 || c.cfg.snooping;
}

void McastEngine::set_snooping(bool on, Nanos now) {
  if (snooping_ == on) return;
  snooping_ = on;
  if (!on) {
    // The ports' temporary groups and router state go; host and permanent entries stay
    // (and are still listed), as Linux 6.18 does.
    for (auto& [no, p] : ports_) {
      port_disable_ctx(p->ctx);
      for (auto& [vid, pc] : p->vlans) port_disable_ctx(*pc);
    }
    ctx_stop(global());
    for (auto& [vid, c] : vlan_ctx_) ctx_stop(*c);
    return;
  }
  if (!running_) return;
  ctx_open(global(), now);
  for (auto& [no, p] : ports_)
    if (p->state != McastPortState::kDisabled) port_enable_ctx(p->ctx, now);
}

void McastEngine::set_config(const McastCtxConfig& cfg, Nanos now) {
  McastCtx& c = global();
  const bool querier_on = cfg.querier && !c.cfg.querier;
  const uint8_t router = cfg.router;
  McastCtxConfig n = cfg;
  n.router = c.cfg.router;
  c.cfg = n;
  if (router != c.cfg.router) set_bridge_router(router, now);
  if (querier_on) {
    for (int f = 0; f < 2; ++f) {
      if (!c.other_query[f].pending()) c.other_delay_until[f] = now + c.cfg.query_response_interval;
      start_querier(c, f, now);
    }
  }
}

void McastEngine::set_vlan_snooping(bool on, Nanos now) {
  if (vlan_snooping_ == on) return;
  // Linux flushes the temporary groups of every context when the switch flips
  // (br_multicast_toggle_vlan_snooping disables and re-enables the contexts).
  for (auto& [no, p] : ports_) port_disable_ctx(p->ctx);
  for (auto& [no, p] : ports_)
    for (auto& [vid, pc] : p->vlans) port_disable_ctx(*pc);
  vlan_snooping_ = on;
  if (!running_) return;
  if (on) {
    ctx_stop(global());
    for (auto& [vid, c] : vlan_ctx_) ctx_open(*c, now);
  } else {
    for (auto& [vid, c] : vlan_ctx_) ctx_stop(*c);
    ctx_open(global(), now);
  }
  for (auto& [no, p] : ports_) {
    if (p->state != McastPortState::kActive) continue;
    if (on)
      for (auto& [vid, pc] : p->vlans) port_enable_ctx(*pc, now);
    else
      port_enable_ctx(p->ctx, now);
  }
}

void McastEngine::vlan_ctx_add(uint16_t vid, Nanos now) {
  if (vlan_ctx_.count(vid)) return;
  auto c = std::make_unique<McastCtx>();
  c->vid = vid;
  init_ctx_timers(*c);
  McastCtx& ref = *c;
  vlan_ctx_.emplace(vid, std::move(c));
  if (vlan_snooping_ && running_) ctx_open(ref, now);
}

void McastEngine::vlan_ctx_del(uint16_t vid) {
  auto it = vlan_ctx_.find(vid);
  if (it == vlan_ctx_.end()) return;
  ctx_stop(*it->second);
  vlan_ctx_.erase(it);
}

Status McastEngine::set_vlan_config(uint16_t vid, const McastCtxConfig& cfg, Nanos now) {
  auto it = vlan_ctx_.find(vid);
  if (it == vlan_ctx_.end()) return Error::with(ENOENT, "");
  McastCtx& c = *it->second;
  const bool was_on = c.cfg.snooping;
  const bool querier_on = cfg.querier && !c.cfg.querier;
  c.cfg = cfg;
  if (vlan_snooping_ && was_on && !cfg.snooping) {
    // The VLAN stops snooping: its ports' temporary groups go (br_multicast_toggle_one_vlan).
    ctx_stop(c);
    for (auto& [no, p] : ports_) {
      auto v = p->vlans.find(vid);
      if (v != p->vlans.end()) port_disable_ctx(*v->second);
    }
  } else if (vlan_snooping_ && !was_on && cfg.snooping && running_) {
    ctx_open(c, now);
    for (auto& [no, p] : ports_) {
      auto v = p->vlans.find(vid);
      if (v != p->vlans.end() && p->state == McastPortState::kActive)
        port_enable_ctx(*v->second, now);
    }
  }
  if (querier_on) {
    for (int f = 0; f < 2; ++f) {
      if (!c.other_query[f].pending()) c.other_delay_until[f] = now + c.cfg.query_response_interval;
      if (vlan_snooping_) start_querier(c, f, now);
    }
  }
  return Status::Ok();
}

const McastCtxConfig* McastEngine::vlan_config(uint16_t vid) const {
  auto it = vlan_ctx_.find(vid);
  return it == vlan_ctx_.end() ? nullptr : &it->second->cfg;
}

std::vector<uint16_t> McastEngine::vlan_ctx_vids() const {
  std::vector<uint16_t> v;
  for (auto& [vid, c] : vlan_ctx_) v.push_back(vid);
  return v;
}

void McastEngine::open(Nanos now) {
  running_ = true;
  if (vlan_snooping_) {
    for (auto& [vid, c] : vlan_ctx_) ctx_open(*c, now);
  } else {
    ctx_open(global(), now);
  }
}

void McastEngine::stop() {
  running_ = false;
  ctx_stop(global());
  for (auto& [vid, c] : vlan_ctx_) ctx_stop(*c);
}

// --- ports

void McastEngine::port_add(int port) {
  auto p = std::make_unique<Port>();
  p->no = port;
  p->ctx.port = port;
  init_port_timers(p->ctx);
  ports_[port] = std::move(p);
}

void McastEngine::port_del(int port) {
  auto it = ports_.find(port);
  if (it == ports_.end()) return;
  Port& p = *it->second;
  // Every group of the port goes, permanent ones too (br_multicast_del_port).
  std::vector<std::pair<MdbKey, MacAddr>> keys;
  for (auto& e : mdb_)
    for (auto& pg : e.ports)
      if (pg.port == port) keys.emplace_back(pg.key, pg.eth_addr);
  for (auto& [k, eth] : keys) {
    MdbEntry* e = find_mut(k);
    if (!e) continue;
    for (auto& pg : e->ports)
      if (pg.port == port && pg.eth_addr == eth) {
        del_pg(pg);
        break;
      }
  }
  port_disable_ctx(p.ctx);
  for (auto& [vid, pc] : p.vlans) port_disable_ctx(*pc);
  for (int f = 0; f < 2; ++f) {
    disarm(p.ctx.router_timer[f]);
    disarm(p.ctx.own_query[f]);
  }
  ports_.erase(it);
}

void McastEngine::port_set_state(int port, McastPortState s, Nanos now) {
  auto it = ports_.find(port);
  if (it == ports_.end()) return;
  Port& p = *it->second;
  const McastPortState old = p.state;
  if (old == s) return;
  p.state = s;
  if (s == McastPortState::kDisabled) {
    port_disable_ctx(p.ctx);
    for (auto& [vid, pc] : p.vlans) port_disable_ctx(*pc);
    return;
  }
  if (s == McastPortState::kActive) {
    if (vlan_snooping_) {
      for (auto& [vid, pc] : p.vlans) port_enable_ctx(*pc, now);
    } else {
      port_enable_ctx(p.ctx, now);
    }
  }
}

void McastEngine::port_set_flags(int port, bool fast_leave, bool to_unicast) {
  auto it = ports_.find(port);
  if (it == ports_.end()) return;
  it->second->fast_leave = fast_leave;
  it->second->to_unicast = to_unicast;
}

void McastEngine::port_set_max_groups(int port, uint32_t max) {
  if (McastPortCtx* pc = port_ctx(port)) pc->max_groups = max;
}

uint32_t McastEngine::port_n_groups(int port) const {
  const McastPortCtx* pc = port_ctx(port);
  return pc ? pc->n_groups : 0;
}

uint8_t McastEngine::port_router(int port) const {
  const McastPortCtx* pc = port_ctx(port);
  return pc ? pc->router : 1;
}

void McastEngine::port_vlan_add(int port, uint16_t vid, Nanos now) {
  auto it = ports_.find(port);
  if (it == ports_.end() || it->second->vlans.count(vid)) return;
  auto pc = std::make_unique<McastPortCtx>();
  pc->port = port;
  pc->vid = vid;
  init_port_timers(*pc);
  McastPortCtx& ref = *pc;
  it->second->vlans.emplace(vid, std::move(pc));
  if (vlan_snooping_ && it->second->state == McastPortState::kActive) port_enable_ctx(ref, now);
}

void McastEngine::port_vlan_del(int port, uint16_t vid) {
  auto it = ports_.find(port);
  if (it == ports_.end()) return;
  auto v = it->second->vlans.find(vid);
  if (v == it->second->vlans.end()) return;
  port_disable_ctx(*v->second);
  it->second->vlans.erase(v);
}

Status McastEngine::port_vlan_set_max_groups(int port, uint16_t vid, uint32_t max) {
  auto it = ports_.find(port);
  if (it == ports_.end()) return Error::with(ENOENT, "");
  auto v = it->second->vlans.find(vid);
  if (v == it->second->vlans.end()) return Error::with(ENOENT, "");
  v->second->max_groups = max;
  return Status::Ok();
}

std::optional<uint32_t> McastEngine::port_vlan_n_groups(int port, uint16_t vid) const {
  auto it = ports_.find(port);
  if (it == ports_.end()) return std::nullopt;
  auto v = it->second->vlans.find(vid);
  if (v == it->second->vlans.end()) return std::nullopt;
  return v->second->n_groups;
}

void McastEngine::port_disable_ctx(McastPortCtx& pc) {
  // Temporary groups of the port (of this VLAN, for a port-VLAN context) go; routers and
  // the port's own queries stop.
  std::vector<std::pair<MdbKey, MacAddr>> keys;
  for (auto& e : mdb_)
    for (auto& pg : e.ports)
      if (pg.port == pc.port && !pg.permanent() && (pc.vid == 0 || pg.key.vid == pc.vid))
        keys.emplace_back(pg.key, pg.eth_addr);
  for (auto& [k, eth] : keys) {
    MdbEntry* e = find_mut(k);
    if (!e) continue;
    for (auto& pg : e->ports)
      if (pg.port == pc.port && pg.eth_addr == eth && !pg.permanent()) {
        del_pg(pg);
        break;
      }
  }
  bool del = false;
  for (int f = 0; f < 2; ++f) {
    del |= del_router(pc, f);
    disarm(pc.router_timer[f]);
    disarm(pc.own_query[f]);
  }
  if (del && !pc.in_rlist[0] && !pc.in_rlist[1]) {
    sink_.router_notify(pc.port, pc.vid, false);
    if (pc.router == 3) pc.router = 1;
  }
}

void McastEngine::port_enable_ctx(McastPortCtx& pc, Nanos now) {
  if (!snooping_ || !running_) return;
  McastCtx* c = ctx_of(*this, global(), vlan_ctx_, pc);
  if (!c) return;
  for (int f = 0; f < 2; ++f) {
    pc.startup_sent[f] = 0;
    arm(pc.own_query[f], now);
  }
  if (pc.router == 2)
    for (int f = 0; f < 2; ++f) add_router(*c, pc, f);
  if (pc.vid) {
    uint32_t n = 0;
    for (auto& e : mdb_)
      for (auto& pg : e.ports)
        if (pg.port == pc.port && pg.key.vid == pc.vid) ++n;
    pc.n_groups = n;
  }
}

// --- timers

void McastEngine::arm(McTimer& t, Nanos at) {
  if (t.pending()) timers_.erase({t.at, t.seq});
  t.at = at;
  t.last = at;
  t.seq = ++timer_seq_;
  timers_.emplace(std::make_pair(t.at, t.seq), &t);
}

void McastEngine::disarm(McTimer& t) {
  if (!t.pending()) return;
  timers_.erase({t.at, t.seq});
  t.at = kForever;
}

Nanos McastEngine::next_deadline() const {
  return timers_.empty() ? kForever : timers_.begin()->first.first;
}

void McastEngine::tick(Nanos now) {
  while (!timers_.empty() && timers_.begin()->first.first <= now) {
    McTimer* t = timers_.begin()->second;
    timers_.erase(timers_.begin());
    t->at = kForever;
    fire(*t, now);
  }
}

void McastEngine::fire(McTimer& t, Nanos now) {
  switch (t.kind) {
    case McTimer::kGroup:
      pg_expired(*static_cast<PortGroup*>(t.owner), now);
      break;
    case McTimer::kRexmit:
      pg_rexmit(*static_cast<PortGroup*>(t.owner), now);
      break;
    case McTimer::kSource:
      src_expired(*static_cast<GroupSrc*>(t.owner), now);
      break;
    case McTimer::kHost:
      entry_expired(*static_cast<MdbEntry*>(t.owner));
      break;
    case McTimer::kPortRouter:
      router_expired(*static_cast<McastPortCtx*>(t.owner), t.fam);
      break;
    case McTimer::kBridgeRouter:
      break;  // the bridge simply stops being a learned router
    case McTimer::kOwnQuery:
      own_query_expired(*static_cast<McastCtx*>(t.owner), t.fam, now);
      break;
    case McTimer::kPortOwnQuery:
      port_own_query_expired(*static_cast<McastPortCtx*>(t.owner), t.fam, now);
      break;
    case McTimer::kOtherQuery:
      other_query_expired(*static_cast<McastCtx*>(t.owner), t.fam, now);
      break;
  }
}

// --- forwarding questions

const MdbEntry* McastEngine::lookup(uint16_t vid, const McastAddr& group,
                                    const McastAddr& src) const {
  if (!snooping_) return nullptr;
  const McastCtx* c = ctx_for(vid);
  if (!c) return nullptr;
  MdbKey k{group, McastAddr::zero(group.family), vid};
  const bool v3 = group.family == McastFamily::kIPv4   ? c->cfg.igmp_version == 3
                  : group.family == McastFamily::kIPv6 ? c->cfg.mld_version == 2
                                                       : false;
  if (v3 && !src.is_zero()) {
    MdbKey sk{group, src, vid};
    if (const MdbEntry* e = find(sk)) return e;
  }
  return find(k);
}

bool McastEngine::querier_exists(uint16_t vid, McastFamily f, Nanos now) const {
  const McastCtx* c = ctx_for(vid);
  if (!c) return false;
  const int i = fam_index(f);
  const bool own = c->cfg.querier && (i == 0 || has_ipv6_addr_);
  return now >= c->other_delay_until[i] && (own || c->other_query[i].pending());
}

bool McastEngine::bridge_is_router(uint16_t vid, McastFamily f) const {
  const McastCtx* c = ctx_for(vid);
  if (!c) return false;
  const McastCtx& g = global();  // the bridge's own mcast_router is bridge-wide
  if (g.cfg.router == 2) return true;
  if (g.cfg.router == 1) return c->router_timer[fam_index(f)].pending();
  return false;
}

std::vector<int> McastEngine::router_ports(uint16_t vid, McastFamily f) const {
  std::vector<int> out;
  const McastCtx* c = ctx_for(vid);
  if (!c) return out;
  for (const McastPortCtx* pc : c->rlist[fam_index(f)]) out.push_back(pc->port);
  return out;
}

bool McastEngine::port_is_router(int port, uint16_t vid, McastFamily f) const {
  const McastCtx* c = ctx_for(vid);
  if (!c) return false;
  for (const McastPortCtx* pc : c->rlist[fam_index(f)])
    if (pc->port == port) return true;
  return false;
}

std::vector<McastEngine::RouterPortInfo> McastEngine::router_port_info(Nanos now) const {
  std::vector<RouterPortInfo> out;
  if (global().cfg.router == 0) return out;  // not dumped while the bridge's own is 0
  auto add = [&](const McastCtx& c) {
    // One line per port, in the order of the IPv4 list then ports only in the IPv6 one.
    std::vector<const McastPortCtx*> seen;
    for (int f = 0; f < 2; ++f)
      for (const McastPortCtx* pc : c.rlist[f]) {
        if (std::find(seen.begin(), seen.end(), pc) != seen.end()) continue;
        seen.push_back(pc);
        Nanos t = std::max(remaining(pc->router_timer[0], now), remaining(pc->router_timer[1], now));
        out.push_back({pc->port, pc->vid, t, pc->router, pc->in_rlist[0], pc->in_rlist[1]});
      }
  };
  if (vlan_snooping_) {
    for (auto& [vid, c] : vlan_ctx_) add(*c);
  } else {
    add(global());
  }
  return out;
}

McastEngine::QuerierInfo McastEngine::querier_info(uint16_t vid, McastFamily f, Nanos now) const {
  QuerierInfo q;
  const McastCtx* c = vid ? nullptr : &global();
  if (vid) {
    auto it = vlan_ctx_.find(vid);
    if (it != vlan_ctx_.end()) c = it->second.get();
  }
  if (!c || !snooping_) return q;
  const int i = fam_index(f);
  if (!c->cfg.querier && !c->other_query[i].pending()) return q;
  q.present = true;
  q.addr = c->querier_addr[i];
  q.port = c->querier_port[i];
  if (c->other_query[i].pending()) q.other_timer = remaining(c->other_query[i], now);
  return q;
}

}  // namespace uvn::proto
