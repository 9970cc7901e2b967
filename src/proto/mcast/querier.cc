// The querier side: our own general queries (startup ones, then periodic; out of every
// forwarding port, and up to the bridge itself), group(-and-source)-specific queries and
// their retransmissions, querier election and the other-querier-present timer, and router
// ports (learned from queries, PIM hellos and MRD adverts, or set with mcast_router).
#include <algorithm>

#include "proto/mcast/mcast_internal.h"

namespace uvn::proto {

namespace {

McastAddr all_hosts(McastFamily f) {
  McastAddr a = McastAddr::zero(f);
  if (f == McastFamily::kIPv4) {
    a.b[0] = 224;
    a.b[3] = 1;
  } else {
    a.b[0] = 0xff;
    a.b[1] = 0x02;
    a.b[15] = 1;
  }
  return a;
}

}  // namespace

void McastEngine::ctx_open(McastCtx& c, Nanos now) {
  for (int f = 0; f < 2; ++f) {
    c.own_startup_sent[f] = 0;
    if (snooping_) arm(c.own_query[f], now);
  }
}

void McastEngine::ctx_stop(McastCtx& c) {
  for (int f = 0; f < 2; ++f) {
    disarm(c.router_timer[f]);
    disarm(c.other_query[f]);
    disarm(c.own_query[f]);
    c.other_delay_until[f] = 0;
  }
}

// __br_multicast_send_query: builds the query the context's version asks for. With sources
// (a group-and-source-specific query), only those still due a query and on the requested
// side of LMQT go in, each using up one of its retransmissions; none left: nothing is sent.
void McastEngine::send_query(McastCtx& c, McastPortCtx* pc, PortGroup* pg, const McastAddr& group,
                             bool with_srcs, bool sflag, bool* need_rexmit, Nanos now) {
  if (!should_use(c, pc)) return;
  if (vlan_snooping_ != (c.vid != 0)) return;  // a context of the other mode
  const McastFamily fam = group.family;
  const bool v3 = fam == McastFamily::kIPv4 ? c.cfg.igmp_version == 3 : c.cfg.mld_version == 2;
  bool over_lmqt = sflag;
  for (;;) {
    McastQuery q;
    q.family = fam;
    q.version = fam == McastFamily::kIPv4 ? c.cfg.igmp_version : c.cfg.mld_version;
    q.port = pc ? pc->port : 0;
    q.vid = pc ? pc->vid : c.vid;
    q.group = group;
    q.dst = pg ? pg->key.group : all_hosts(fam);
    q.max_resp = group.is_zero() ? c.cfg.query_response_interval : c.cfg.last_member_interval;
    q.sflag = sflag;
    q.qrv = 2;
    q.qqi_s = uint32_t(c.cfg.query_interval / kSec);
    if (v3 && pg && with_srcs) {
      const Nanos lm = now + lmqt(c);
      for (auto& s : pg->srcs) {
        if (over_lmqt != (s.timer.last > lm) || s.rexmit_cnt == 0) continue;
        q.sources.push_back(s.addr);
        --s.rexmit_cnt;
        if (need_rexmit && s.rexmit_cnt) *need_rexmit = true;
      }
      if (q.sources.empty()) return;
    }
    std::optional<IpAddr> src = sink_.send_query(q);
    if (!pc) {
      // Our own query up to the bridge: we are the querier, with the address it carried.
      if (src) c.querier_addr[fam_index(fam)] = McastAddr::from_ip(*src);
      return;
    }
    if (over_lmqt && with_srcs && sflag) {
      over_lmqt = false;  // then the sources at or below LMQT
      continue;
    }
    return;
  }
}

// br_multicast_send_query: a general query from the context (pc nullptr: up to the bridge)
// or out of a port, then the next one after the startup or the regular interval.
void McastEngine::send_general_query(McastCtx& c, McastPortCtx* pc, int f, Nanos now) {
  if (!should_use(c, pc) || !snooping_ || !c.cfg.querier) return;
  if (c.other_query[f].pending()) return;
  if (!pc && c.querier_port[f]) {
    c.querier_port[f] = 0;
    c.querier_addr[f] = McastAddr::zero(fam_of(f));
  }
  send_query(c, pc, nullptr, McastAddr::zero(fam_of(f)), false, false, nullptr, now);
  McTimer& t = pc ? pc->own_query[f] : c.own_query[f];
  const uint32_t sent = pc ? pc->startup_sent[f] : c.own_startup_sent[f];
  arm(t, now + (sent < c.cfg.startup_query_count ? c.cfg.startup_query_interval
                                                   : c.cfg.query_interval));
}

void McastEngine::own_query_expired(McastCtx& c, int f, Nanos now) {
  if (c.vid && !c.cfg.snooping) return;
  if (c.own_startup_sent[f] < c.cfg.startup_query_count) ++c.own_startup_sent[f];
  send_general_query(c, nullptr, f, now);
}

void McastEngine::port_own_query_expired(McastPortCtx& pc, int f, Nanos now) {
  auto it = ports_.find(pc.port);
  if (it == ports_.end() || it->second->state != McastPortState::kActive) return;
  McastCtx* c = pc.vid ? nullptr : &global();
  if (pc.vid) {
    auto v = vlan_ctx_.find(pc.vid);
    if (v == vlan_ctx_.end()) return;
    c = v->second.get();
  }
  if (pc.startup_sent[f] < c->cfg.startup_query_count) ++pc.startup_sent[f];
  send_general_query(*c, &pc, f, now);
}

// The other querier went quiet: we take over (if we are a querier at all), starting over
// with startup queries on the bridge and every port that is not stopped.
void McastEngine::other_query_expired(McastCtx& c, int f, Nanos now) {
  if (!running_ || (c.vid && !c.cfg.snooping) || !snooping_) return;
  start_querier(c, f, now);
}

void McastEngine::start_querier(McastCtx& c, int f, Nanos now) {
  c.own_startup_sent[f] = 0;
  if (!snooping_) return;
  arm(c.own_query[f], now);
  for (auto& [no, p] : ports_) {
    McastPortCtx* pc = &p->ctx;
    if (c.vid) {
      auto v = p->vlans.find(c.vid);
      pc = v == p->vlans.end() ? nullptr : v->second.get();
    }
    if (!pc || p->state != McastPortState::kActive) continue;
    pc->startup_sent[f] = 0;
    arm(pc->own_query[f], now);
  }
}

// br_multicast_select_querier: the lowest address wins. An IPv4 querier of 0.0.0.0 (ours
// without mcast_query_use_ifaddr) loses to anyone; while neither our own nor another
// querier's timer runs, any query takes over.
bool McastEngine::select_querier(McastCtx& c, McastPortCtx* pc, const McastAddr& saddr) {
  const int f = fam_index(saddr.family);
  bool update;
  if (f == 0)
    update = c.querier_addr[0].is_zero() || saddr.b <= c.querier_addr[0].b;
  else
    update = saddr.b <= c.querier_addr[1].b;
  if (!update) update = !c.own_query[f].pending() && !c.other_query[f].pending();
  if (!update) return false;
  c.querier_addr[f] = saddr;
  c.querier_port[f] = pc ? pc->port : 0;
  return true;
}

void McastEngine::query_received(McastCtx& c, McastPortCtx* pc, const McastAddr& saddr,
                                 Nanos max_delay, Nanos now) {
  if (!select_querier(c, pc, saddr)) return;
  const int f = fam_index(saddr.family);
  if (!c.other_query[f].pending()) c.other_delay_until[f] = now + max_delay;
  arm(c.other_query[f], now + c.cfg.querier_interval);
  mark_router(c, pc, f, now);
}

void McastEngine::mark_router(McastCtx& c, McastPortCtx* pc, int f, Nanos now) {
  if (!should_use(c, pc)) return;
  if (!pc) {
    if (global().cfg.router == 1) arm(c.router_timer[f], now + c.cfg.querier_interval);
    return;
  }
  if (pc->router == 0 || pc->router == 2) return;
  add_router(c, *pc, f);
  arm(pc->router_timer[f], now + c.cfg.querier_interval);
}

void McastEngine::add_router(McastCtx& c, McastPortCtx& pc, int f) {
  if (pc.in_rlist[f]) return;
  auto& l = c.rlist[f];
  // Newest port first, as the reference machine listed them (Linux orders by the address
  // of the port structure).
  auto pos = std::find_if(l.begin(), l.end(), [&](McastPortCtx* p) { return p->port < pc.port; });
  l.insert(pos, &pc);
  pc.in_rlist[f] = true;
  // Announced when the port becomes a router for its first family only.
  if (!pc.in_rlist[1 - f]) sink_.router_notify(pc.port, pc.vid, true);
}

bool McastEngine::del_router(McastPortCtx& pc, int f) {
  if (!pc.in_rlist[f]) return false;
  McastCtx* c = pc.vid ? nullptr : &global();
  if (pc.vid) {
    auto v = vlan_ctx_.find(pc.vid);
    if (v != vlan_ctx_.end()) c = v->second.get();
  }
  if (c) {
    auto& l = c->rlist[f];
    l.erase(std::remove(l.begin(), l.end(), &pc), l.end());
  }
  pc.in_rlist[f] = false;
  return true;
}

void McastEngine::router_expired(McastPortCtx& pc, int f) {
  if (pc.router == 0 || pc.router == 2) return;
  if (!del_router(pc, f)) return;
  if (pc.in_rlist[1 - f]) return;
  sink_.router_notify(pc.port, pc.vid, false);
  if (pc.router == 3) pc.router = 1;  // a temporary router port falls back to learning
}

Status McastEngine::port_set_router(int port, uint8_t v, Nanos now) {
  McastPortCtx* pc = port_ctx(port);
  if (!pc) return Error::with(ENOENT, "");
  if (v > 3) return Error::with(EINVAL, "");
  McastCtx& c = global();
  if (pc->router == v) {
    if (v == 3)
      for (int f = 0; f < 2; ++f) arm(pc->router_timer[f], now + c.cfg.querier_interval);
    return Status::Ok();
  }
  bool del = false;
  switch (v) {
    case 0:
      pc->router = 0;
      for (int f = 0; f < 2; ++f) {
        del |= del_router(*pc, f);
        disarm(pc->router_timer[f]);
      }
      if (del && !pc->in_rlist[0] && !pc->in_rlist[1]) sink_.router_notify(port, 0, false);
      break;
    case 1:
      // Linux 6.18 (recorded): leaving mcast_router 2 or 3 takes the port off the router
      // lists at once; it is learned again from the next query.
      pc->router = 1;
      for (int f = 0; f < 2; ++f) {
        del |= del_router(*pc, f);
        disarm(pc->router_timer[f]);
      }
      if (del) sink_.router_notify(port, 0, false);
      break;
    case 2:
      pc->router = 2;
      for (int f = 0; f < 2; ++f) {
        disarm(pc->router_timer[f]);
        add_router(c, *pc, f);
      }
      break;
    case 3:
      pc->router = 3;
      for (int f = 0; f < 2; ++f) mark_router(c, pc, f, now);
      break;
  }
  return Status::Ok();
}

Status McastEngine::port_vlan_set_router(int port, uint16_t vid, uint8_t v, Nanos now) {
  auto it = ports_.find(port);
  if (it == ports_.end()) return Error::with(ENOENT, "");
  auto pv = it->second->vlans.find(vid);
  auto cv = vlan_ctx_.find(vid);
  if (pv == it->second->vlans.end() || cv == vlan_ctx_.end()) return Error::with(ENOENT, "");
  McastPortCtx& pc = *pv->second;
  McastCtx& c = *cv->second;
  if (pc.router == v) {
    if (v == 3)
      for (int f = 0; f < 2; ++f) arm(pc.router_timer[f], now + c.cfg.querier_interval);
    return Status::Ok();
  }
  bool del = false;
  pc.router = v;
  if (v == 0 || v == 1) {
    for (int f = 0; f < 2; ++f) {
      del |= del_router(pc, f);
      disarm(pc.router_timer[f]);
    }
    if (del && !pc.in_rlist[0] && !pc.in_rlist[1]) sink_.router_notify(port, vid, false);
  } else if (v == 2) {
    for (int f = 0; f < 2; ++f) {
      disarm(pc.router_timer[f]);
      add_router(c, pc, f);
    }
  } else if (v == 3) {
    for (int f = 0; f < 2; ++f) mark_router(c, &pc, f, now);
  }
  return Status::Ok();
}

void McastEngine::set_bridge_router(uint8_t v, Nanos now) {
  (void)now;
  McastCtx& c = global();
  if (v == 0 || v == 2) {
    for (int f = 0; f < 2; ++f) disarm(c.router_timer[f]);
  }
  c.cfg.router = v;
}

// br_multicast_port_group_rexmit: while we are the querier, the remaining group-specific
// queries (with S set) and the sources' remaining group-and-source-specific ones.
void McastEngine::pg_rexmit(PortGroup& pg, Nanos now) {
  if (!running_ || !snooping_) return;
  McastPortCtx* pc = pctx_of_pg(pg);
  if (!pc) return;
  McastCtx* c = &global();
  if (pc->vid) {
    auto v = vlan_ctx_.find(pc->vid);
    if (v == vlan_ctx_.end()) return;
    c = v->second.get();
  }
  if (!c->cfg.querier) return;
  const int f = fam_index(pg.key.group.family);
  if (c->other_query[f].pending()) return;
  if (pg.grp_query_rexmit_cnt) {
    --pg.grp_query_rexmit_cnt;
    send_query(*c, pc, &pg, pg.key.group, false, true, nullptr, now);
  }
  bool need_rexmit = false;
  send_query(*c, pc, &pg, pg.key.group, true, false, &need_rexmit, now);
  if (pg.grp_query_rexmit_cnt || need_rexmit) arm(pg.rexmit, now + c->cfg.last_member_interval);
}

}  // namespace uvn::proto
