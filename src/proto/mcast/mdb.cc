// McastEngine's MDB primitives: entries, port groups, sources, the S,G forwarding entries
// behind a *,G source list, *,G EXCLUDE ports on S,G entries, host membership, group
// limits, and what happens when their timers run out.
#include "proto/mcast/mcast_internal.h"

namespace uvn::proto {

// --- the MDB

MdbEntry* McastEngine::find_mut(const MdbKey& k) {
  auto it = index_.find(k);
  return it == index_.end() ? nullptr : &*it->second;
}

const MdbEntry* McastEngine::find(const MdbKey& k) const {
  auto it = index_.find(k);
  return it == index_.end() ? nullptr : &*it->second;
}

MdbEntry* McastEngine::new_entry(const MdbKey& k, Status* err) {
  if (MdbEntry* e = find_mut(k)) return e;
  if (mdb_.size() >= hash_max_) {
    // br_multicast_new_group: a full table turns snooping off.
    snooping_ = false;
    sink_.snooping_disabled();
    if (err) *err = Error::with(E2BIG, "");
    return nullptr;
  }
  mdb_.emplace_front();
  MdbEntry& e = mdb_.front();
  e.key = k;
  e.timer = McTimer{McTimer::kHost, 0, &e};
  index_[k] = mdb_.begin();
  return &e;
}

void McastEngine::del_entry(MdbEntry& e) {
  disarm(e.timer);
  auto it = index_.find(e.key);
  if (it == index_.end()) return;
  auto lit = it->second;
  index_.erase(it);
  mdb_.erase(lit);
}

int McastEngine::ngroups_inc(int port, const MdbKey& k, Status* err) {
  McastPortCtx* pc = port_ctx(port);
  if (!pc) return -1;
  auto check = [&](McastPortCtx& c, const char* what) {
    if (c.max_groups && c.n_groups >= c.max_groups) {
      if (err)
        *err = Error::with(E2BIG, std::string(what) + " is already in " +
                                      std::to_string(c.n_groups) +
                                      " groups, and mcast_max_groups=" +
                                      std::to_string(c.max_groups));
      return false;
    }
    ++c.n_groups;
    return true;
  };
  if (!check(*pc, "Port")) return -1;
  if (k.vid && vlan_snooping_) {
    auto& vl = ports_[port]->vlans;
    auto v = vl.find(k.vid);
    auto vc = vlan_ctx_.find(k.vid);
    if (v != vl.end() && vc != vlan_ctx_.end() && vc->second->cfg.snooping &&
        !check(*v->second, "Port-VLAN")) {
      --pc->n_groups;
      return -1;
    }
  }
  return 0;
}

void McastEngine::ngroups_dec(int port, uint16_t vid) {
  auto it = ports_.find(port);
  if (it == ports_.end()) return;
  if (vid && vlan_snooping_) {
    auto v = it->second->vlans.find(vid);
    auto vc = vlan_ctx_.find(vid);
    if (v != it->second->vlans.end() && vc != vlan_ctx_.end() && vc->second->cfg.snooping &&
        v->second->n_groups)
      --v->second->n_groups;
  }
  if (it->second->ctx.n_groups) --it->second->ctx.n_groups;
}

PortGroup* McastEngine::new_pg(MdbEntry& e, int port, const MacAddr& eth, uint8_t flags,
                               FilterMode m, uint8_t proto, Status* err) {
  if (ngroups_inc(port, e.key, err) < 0) return nullptr;
  const bool to_unicast = ports_.count(port) && ports_[port]->to_unicast;
  // Ordered by port number; a port's several hosts (mcast_to_unicast) in order of arrival.
  auto pos = e.ports.begin();
  while (pos != e.ports.end() && pos->port <= port) ++pos;
  auto it = e.ports.emplace(pos);
  PortGroup& pg = *it;
  pg.key = e.key;
  pg.port = port;
  pg.eth_addr = to_unicast ? eth : MacAddr::broadcast();
  if (to_unicast) pg.eth_addr = eth;
  pg.flags = flags;
  pg.mode = m;
  pg.rt_protocol = proto;
  pg.mp = &e;
  pg.timer = McTimer{McTimer::kGroup, 0, &pg};
  pg.rexmit = McTimer{McTimer::kRexmit, 0, &pg};
  return &pg;
}

GroupSrc* McastEngine::new_src(PortGroup& pg, const McastAddr& a) {
  if (pg.srcs.size() >= 32) return nullptr;  // PG_SRC_ENT_LIMIT
  if (a.is_zero() || (a.family == McastFamily::kIPv4 && a.b[0] >= 224 && a.b[0] <= 239) ||
      (a.family == McastFamily::kIPv6 && a.b[0] == 0xff))
    return nullptr;
  pg.srcs.emplace_front();
  GroupSrc& s = pg.srcs.front();
  s.addr = a;
  s.pg = &pg;
  s.timer = McTimer{McTimer::kSource, 0, &s};
  return &s;
}

void McastEngine::del_src(GroupSrc& s, bool fast_leave) {
  fwd_src_remove(s, fast_leave);
  disarm(s.timer);
  PortGroup& pg = *s.pg;
  for (auto it = pg.srcs.begin(); it != pg.srcs.end(); ++it)
    if (&*it == &s) {
      pg.srcs.erase(it);
      break;
    }
}

void McastEngine::del_pg(PortGroup& pg) {
  MdbEntry& e = *pg.mp;
  // Unlink first (the later steps look at the entry's other ports); splice keeps the
  // address of `pg` valid while we finish.
  std::list<PortGroup> gone;
  for (auto it = e.ports.begin(); it != e.ports.end(); ++it)
    if (&*it == &pg) {
      gone.splice(gone.begin(), e.ports, it);
      break;
    }
  disarm(pg.timer);
  disarm(pg.rexmit);
  while (!pg.srcs.empty()) del_src(pg.srcs.front(), false);
  sink_.mdb_notify(e, &pg, false);
  if (!e.key.star_g())
    sg_del_exclude_ports(e);
  else
    star_g_handle_mode(pg, FilterMode::kInclude, 0);
  ngroups_dec(pg.port, pg.key.vid);
  if (e.ports.empty() && !e.host_joined) arm(e.timer, 0);  // removed at the next tick
}

void McastEngine::host_join(McastCtx& c, MdbEntry& e, bool notify, Nanos now) {
  if (!e.host_joined) {
    e.host_joined = true;
    if (e.key.star_g()) {
      // The host joined *,G: its S,G entries are delivered up as well.
      for (auto& pg : e.ports)
        for (auto& s : pg.srcs) {
          if (!(s.flags & kSrcInstalled)) continue;
          if (MdbEntry* sg = find_mut(MdbKey{e.key.group, s.addr, e.key.vid}))
            sg->host_joined = true;
        }
    }
    if (notify) sink_.mdb_notify(e, nullptr, true);
  }
  if (e.key.group.family == McastFamily::kL2) return;
  arm(e.timer, now + c.cfg.membership_interval);
}

void McastEngine::host_leave(MdbEntry& e, bool notify) {
  if (!e.host_joined) return;
  e.host_joined = false;
  if (e.key.star_g()) {
    for (auto& pg : e.ports)
      for (auto& s : pg.srcs) {
        if (!(s.flags & kSrcInstalled)) continue;
        if (MdbEntry* sg = find_mut(MdbKey{e.key.group, s.addr, e.key.vid}))
          sg->host_joined = false;
      }
  }
  if (notify) sink_.mdb_notify(e, nullptr, false);
}

// __br_multicast_add_group: the entry, then the port's group in it (notified when new);
// a v1/v2 report (re)starts its timer. Port 0 is the bridge itself: a host join.
PortGroup* McastEngine::add_group(McastCtx& c, McastPortCtx* pc, int port, const MdbKey& k,
                                  const MacAddr& eth, FilterMode m, bool v2, bool blocked,
                                  Nanos now, Status* err) {
  if (!should_use(c, pc)) return nullptr;
  MdbEntry* e = new_entry(k, err);
  if (!e) return nullptr;
  if (!port) {
    host_join(c, *e, true, now);
    return nullptr;
  }
  const bool to_unicast = ports_.count(port) && ports_[port]->to_unicast;
  PortGroup* pg = nullptr;
  for (auto& p : e->ports)
    if (p.port == port && (!to_unicast || p.eth_addr == eth)) {
      pg = &p;
      break;
    }
  if (!pg) {
    pg = new_pg(*e, port, eth, 0, m, kRtprotKernel, err);
    if (!pg) return nullptr;
    if (blocked) pg->flags |= kMdbPgBlocked;
    sink_.mdb_notify(*e, pg, true);
  }
  if (v2) arm(pg->timer, now + c.cfg.membership_interval);
  return pg;
}

void McastEngine::src_mod_timer(GroupSrc& s, Nanos at, Nanos now) {
  arm(s.timer, at);
  fwd_src_handle(s, now);
}

// The S,G forwarding entry of a *,G source (br_multicast_fwd_src_add): created on the
// port, blocked while the source's timer is stopped; *,G EXCLUDE ports are added to it.
void McastEngine::fwd_src_add(GroupSrc& s, Nanos now) {
  if (s.flags & kSrcInstalled) return;
  PortGroup& pg = *s.pg;
  McastPortCtx* pc = pctx_of_pg(pg);
  if (!pc) return;
  McastCtx* c = ctx_of(*this, global(), vlan_ctx_, *pc);
  if (!c) return;
  MdbKey sk{pg.key.group, s.addr, pg.key.vid};
  PortGroup* sg = add_group(*c, pc, pg.port, sk, pg.eth_addr, FilterMode::kInclude, false,
                            !s.timer.pending(), now);
  if (!sg) return;
  s.flags |= kSrcInstalled;
  sg->flags &= uint8_t(~kMdbPgStarExcl);
  if (sg->rt_protocol != kRtprotKernel && sg->permanent()) return;
  disarm(sg->timer);  // the source's timer governs it now
  if (MdbEntry* star = find_mut(pg.key)) sg_add_exclude_ports(*star, *sg, now);
}

void McastEngine::fwd_src_remove(GroupSrc& s, bool fast_leave) {
  PortGroup& pg = *s.pg;
  MdbEntry* e = find_mut(MdbKey{pg.key.group, s.addr, pg.key.vid});
  if (e) {
    const bool to_unicast = ports_.count(pg.port) && ports_[pg.port]->to_unicast;
    for (auto& p : e->ports) {
      if (p.port != pg.port || (to_unicast && p.eth_addr != pg.eth_addr)) continue;
      if (p.rt_protocol != kRtprotKernel && p.permanent() && !(s.flags & kSrcUserAdded)) break;
      if (fast_leave) p.flags |= kMdbPgFastLeave;
      del_pg(p);
      break;
    }
  }
  s.flags &= uint8_t(~kSrcInstalled);
}

void McastEngine::fwd_src_handle(GroupSrc& s, Nanos now) {
  fwd_src_add(s, now);
  PortGroup& pg = *s.pg;
  MdbEntry* e = find_mut(MdbKey{pg.key.group, s.addr, pg.key.vid});
  if (!e) return;
  PortGroup* sg = e->find_port(pg.port);
  if (!sg || sg->permanent()) return;
  const uint8_t old = sg->flags;
  if (s.timer.pending())
    sg->flags &= uint8_t(~kMdbPgBlocked);
  else
    sg->flags |= kMdbPgBlocked;
  if (old != sg->flags) sink_.mdb_notify(*e, sg, true);
}

// A *,G port group entered EXCLUDE (add the port to the group's S,G entries installed by
// other ports) or left it (remove the port where it was added that way).
void McastEngine::star_g_handle_mode(PortGroup& pg, FilterMode m, Nanos now) {
  MdbEntry* e = find_mut(pg.key);
  if (!e) return;
  McastPortCtx* pc = pctx_of_pg(pg);
  if (!pc) return;
  McastCtx* c = ctx_of(*this, global(), vlan_ctx_, *pc);
  // Collect first: adding or removing S,G port groups does not touch this entry's lists,
  // but be safe against reentrancy.
  std::vector<McastAddr> srcs;
  for (auto& other : e->ports) {
    if (&other == &pg) continue;
    for (auto& s : other.srcs)
      if (s.flags & kSrcInstalled) srcs.push_back(s.addr);
  }
  for (const McastAddr& src : srcs) {
    MdbKey sk{pg.key.group, src, pg.key.vid};
    MdbEntry* sge = find_mut(sk);
    PortGroup* have = sge ? sge->find_port(pg.port) : nullptr;
    if (m == FilterMode::kInclude) {
      if (have && (have->flags & kMdbPgStarExcl) && have->rt_protocol == kRtprotKernel)
        del_pg(*have);
    } else {
      if (have || !c) continue;
      PortGroup* n = add_group(*c, pc, pg.port, sk, pg.eth_addr, FilterMode::kInclude, false,
                               false, now);
      if (n && n->rt_protocol == kRtprotKernel) n->flags |= kMdbPgStarExcl;
    }
  }
}

void McastEngine::sg_add_exclude_ports(MdbEntry& star, PortGroup& sg, Nanos now) {
  if (star.host_joined)
    if (MdbEntry* sge = find_mut(sg.key)) sge->host_joined = true;
  std::vector<std::pair<int, MacAddr>> add;
  for (auto& pg : star.ports) {
    if (pg.mode == FilterMode::kInclude) continue;
    MdbEntry* sge = find_mut(sg.key);
    if (sge && sge->find_port(pg.port)) continue;
    add.emplace_back(pg.port, sg.eth_addr);
  }
  for (auto& [port, eth] : add) {
    McastPortCtx* pc = pctx_for(port, sg.key.vid);
    if (!pc) continue;
    McastCtx* c = ctx_of(*this, global(), vlan_ctx_, *pc);
    if (!c) continue;
    PortGroup* n =
        add_group(*c, pc, port, sg.key, eth, FilterMode::kInclude, false, false, now);
    if (n && n->rt_protocol == kRtprotKernel) n->flags |= kMdbPgStarExcl;
  }
}

void McastEngine::sg_del_exclude_ports(MdbEntry& sg) {
  // Needed only while some port joined the S,G for itself; user permanent entries stay.
  for (auto& p : sg.ports)
    if (!(p.flags & (kMdbPgStarExcl | kMdbPgPermanent))) return;
  sg.host_joined = false;
  std::vector<PortGroup*> del;
  for (auto& p : sg.ports)
    if (!p.permanent()) del.push_back(&p);
  for (PortGroup* p : del) del_pg(*p);
}

// --- expiry

void McastEngine::pg_expired(PortGroup& pg, Nanos now) {
  if (!running_ || pg.permanent()) return;
  bool changed = pg.mode == FilterMode::kExclude;
  pg.mode = FilterMode::kInclude;
  std::vector<GroupSrc*> dead;
  for (auto& s : pg.srcs)
    if (!s.timer.pending()) dead.push_back(&s);
  for (GroupSrc* s : dead) {
    del_src(*s, false);
    changed = true;
  }
  if (pg.srcs.empty()) {
    del_pg(pg);
  } else if (changed) {
    if (pg.key.star_g()) star_g_handle_mode(pg, FilterMode::kInclude, now);
    sink_.mdb_notify(*pg.mp, &pg, true);
  }
}

void McastEngine::src_expired(GroupSrc& s, Nanos now) {
  if (!running_) return;
  PortGroup& pg = *s.pg;
  if (pg.mode == FilterMode::kInclude) {
    del_src(s, false);
    if (pg.srcs.empty()) del_pg(pg);
  } else {
    fwd_src_handle(s, now);
  }
}

void McastEngine::entry_expired(MdbEntry& e) {
  // Host membership ran out, or the entry lost its last port (armed at 0 by del_pg).
  if (running_) host_leave(e, true);
  if (!e.ports.empty() || e.host_joined) return;
  del_entry(e);
}

}  // namespace uvn::proto
