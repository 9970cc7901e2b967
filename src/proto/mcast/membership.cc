// Membership: v1/v2 reports and leaves, IGMPv3/MLDv2 group records with the source-list
// state machine of RFC 3376 6.4 / RFC 3810 7.4 as Linux runs it, and queries heard from
// other queriers (group-specific ones lower the group's timers).
//
// Notation of the RFCs: a port group in INCLUDE (A) or EXCLUDE (X, Y), where X are the
// sources whose timer runs (forwarded) and Y those whose timer stopped (blocked). GMI is
// mcast_membership_interval (Linux's br_multicast_gmi since 5.13; the RFC's robustness x
// query interval + response interval before); LMQT is last_member_count x
// last_member_interval.
#include "proto/mcast/mcast_internal.h"

namespace uvn::proto {

namespace {

Nanos gmi(const McastCtx& c) { return c.cfg.membership_interval; }

bool v2_mode(const McastCtx& c, McastFamily f) {
  return f == McastFamily::kIPv6 ? c.cfg.mld_version == 1 : c.cfg.igmp_version == 2;
}

}  // namespace

bool McastEngine::on_report(uint16_t vid, int port, const McastAddr& group, const MacAddr& eth,
                            Nanos now) {
  if (!snooping_) return true;
  McastCtx* c = ctx_for(vid);
  if (!c) return true;
  McastPortCtx* pc = port ? pctx_for(port, vid) : nullptr;
  if (port && !pc) return true;
  if (group.is_link_local_control()) return true;
  Status err;
  add_group(*c, pc, port, MdbKey{group, McastAddr::zero(group.family), vid}, eth,
            FilterMode::kExclude, true, false, now, &err);
  return err.ok();
}

bool McastEngine::sources_tracked(uint16_t vid, McastFamily f) const {
  const McastCtx* c = ctx_for(vid);
  if (!c) return false;
  return f == McastFamily::kIPv6 ? c->cfg.mld_version == 2
                                 : f == McastFamily::kIPv4 && c->cfg.igmp_version == 3;
}

void McastEngine::on_leave(uint16_t vid, int port, const McastAddr& group, const MacAddr& eth,
                           Nanos now) {
  if (!snooping_) return;
  McastCtx* c = ctx_for(vid);
  if (!c) return;
  McastPortCtx* pc = port ? pctx_for(port, vid) : nullptr;
  if (port && !pc) return;
  if (group.is_link_local_control()) return;
  leave_group(*c, pc, port, MdbKey{group, McastAddr::zero(group.family), vid}, eth, now);
}

void McastEngine::leave_group(McastCtx& c, McastPortCtx* pc, int port, const MdbKey& k,
                              const MacAddr& eth, Nanos now) {
  if (!should_use(c, pc)) return;
  MdbEntry* e = find_mut(k);
  if (!e) return;
  const int f = fam_index(k.group.family);
  auto it = port ? ports_.find(port) : ports_.end();
  const bool to_unicast = it != ports_.end() && it->second->to_unicast;
  auto same = [&](const PortGroup& p) {
    return p.port == port && (!to_unicast || p.eth_addr == eth);
  };
  if (it != ports_.end() && it->second->fast_leave) {
    std::vector<PortGroup*> del;
    for (auto& p : e->ports) {
      if (!same(p)) continue;
      if (p.permanent()) break;
      del.push_back(&p);
    }
    for (PortGroup* p : del) {
      p->flags |= kMdbPgFastLeave;
      del_pg(*p);
    }
    return;
  }
  if (c.other_query[f].pending()) return;  // the other querier will ask

  const Nanos cut = now + Nanos(c.cfg.last_member_count) * c.cfg.last_member_interval;
  auto lower = [&](McTimer& t) {
    if (!t.pending() || t.at > cut) arm(t, cut);
  };
  if (c.cfg.querier) {
    // A group-specific query out of the port (to all-hosts), and the port's next general
    // query waits until the last-member queries are done.
    send_query(c, pc, nullptr, k.group, false, false, nullptr, now);
    arm(pc ? pc->own_query[f] : c.own_query[f], cut);
    if (pc)
      for (auto& p : e->ports)
        if (same(p)) {
          lower(p.timer);
          break;
        }
  }
  if (!pc) {
    if (e->host_joined) lower(e->timer);
    return;
  }
  for (auto& p : e->ports)
    if (p.port == port) {
      lower(p.timer);
      break;
    }
}

bool McastEngine::on_report_v3(uint16_t vid, int port, const McastAddr& host, const MacAddr& eth,
                               const std::vector<McastRecord>& records, Nanos now) {
  (void)host;  // explicit host tracking is not modelled
  if (!snooping_) return true;
  McastCtx* c = ctx_for(vid);
  if (!c) return true;
  McastPortCtx* pc = port ? pctx_for(port, vid) : nullptr;
  if (port && !pc) return true;
  for (const McastRecord& r : records) {
    if (r.type < kRecIsIn || r.type > kRecBlock) continue;
    const bool v2 = v2_mode(*c, r.group.family);
    const MdbKey k{r.group, McastAddr::zero(r.group.family), vid};
    if (r.group.is_link_local_control()) continue;
    if (r.sources.empty() && (r.type == kRecToIn || r.type == kRecIsIn)) {
      if (!port || v2) {
        leave_group(*c, pc, port, k, eth, now);
        continue;
      }
    } else {
      Status err;
      add_group(*c, pc, port, k, eth, v2 ? FilterMode::kExclude : FilterMode::kInclude, v2,
                false, now, &err);
      if (!err.ok()) return false;
    }
    if (!port || v2) continue;
    if (!should_use(*c, pc)) continue;
    MdbEntry* e = find_mut(k);
    if (!e) continue;
    const bool to_unicast = ports_[port]->to_unicast;
    PortGroup* pg = nullptr;
    for (auto& p : e->ports)
      if (p.port == port && (!to_unicast || p.eth_addr == eth)) {
        pg = &p;
        break;
      }
    if (!pg || pg->permanent()) continue;
    bool changed = false;
    bool deleted = false;
    switch (r.type) {
      case kRecAllow:
      case kRecIsIn:
        changed = rec_isinc_allow(*c, *pg, r.sources, now);
        break;
      case kRecIsEx:
        changed = rec_isexc(*c, *pg, r.sources, now);
        break;
      case kRecToIn:
        changed = rec_toin(*c, pc, *pg, r.sources, now);
        break;
      case kRecToEx:
        changed = rec_toex(*c, pc, *pg, r.sources, now);
        break;
      case kRecBlock:
        changed = rec_block(*c, pc, *pg, r.sources, now);
        if (pg->mode == FilterMode::kInclude && pg->srcs.empty()) {
          del_pg(*pg);
          deleted = true;
        }
        break;
    }
    if (changed && !deleted) sink_.mdb_notify(*e, pg, true);
  }
  return true;
}

// INCLUDE (A) IS_IN/ALLOW (B) -> INCLUDE (A+B), (B)=GMI;
// EXCLUDE (X,Y) IS_IN/ALLOW (A) -> EXCLUDE (X+A, Y-A), (A)=GMI.
bool McastEngine::rec_isinc_allow(McastCtx& c, PortGroup& pg, const std::vector<McastAddr>& s,
                                  Nanos now) {
  bool changed = false;
  for (const McastAddr& a : s) {
    GroupSrc* e = pg.find_src(a);
    if (!e) {
      e = new_src(pg, a);
      if (e) changed = true;
    }
    if (e) src_mod_timer(*e, now + gmi(c), now);
  }
  return changed;
}

// INCLUDE (A) IS_EX (B) -> EXCLUDE (A*B, B-A), (B-A)=0, delete (A-B), group timer = GMI;
// EXCLUDE (X,Y) IS_EX (A) -> EXCLUDE (A-Y, Y*A), (A-X-Y)=GMI, delete (X-A) and (Y-A).
bool McastEngine::rec_isexc(McastCtx& c, PortGroup& pg, const std::vector<McastAddr>& s,
                            Nanos now) {
  bool changed = false;
  for (auto& e : pg.srcs) e.flags |= kSrcDelete;
  if (pg.mode == FilterMode::kInclude) {
    for (const McastAddr& a : s) {
      GroupSrc* e = pg.find_src(a);
      if (e)
        e->flags &= uint8_t(~kSrcDelete);
      else
        e = new_src(pg, a);
      if (e) fwd_src_handle(*e, now);
    }
    changed = true;
  } else {
    for (const McastAddr& a : s) {
      GroupSrc* e = pg.find_src(a);
      if (e) {
        e->flags &= uint8_t(~kSrcDelete);
      } else if ((e = new_src(pg, a))) {
        src_mod_timer(*e, now + gmi(c), now);
        changed = true;
      }
    }
  }
  std::vector<GroupSrc*> del;
  for (auto& e : pg.srcs)
    if (e.flags & kSrcDelete) del.push_back(&e);
  for (GroupSrc* e : del) del_src(*e, false);
  if (!del.empty()) changed = true;
  const bool was_include = pg.mode == FilterMode::kInclude;
  if (was_include) star_g_handle_mode(pg, FilterMode::kExclude, now);
  pg.mode = FilterMode::kExclude;
  arm(pg.timer, now + gmi(c));
  return changed;
}

// INCLUDE (A) TO_IN (B) -> INCLUDE (A+B), (B)=GMI, send Q(G,A-B);
// EXCLUDE (X,Y) TO_IN (A) -> EXCLUDE (X+A, Y-A), (A)=GMI, send Q(G,X-A), send Q(G).
bool McastEngine::rec_toin(McastCtx& c, McastPortCtx* pc, PortGroup& pg,
                           const std::vector<McastAddr>& s, Nanos now) {
  bool changed = false;
  const bool incl = pg.mode == FilterMode::kInclude;
  // Linux counts every source and takes off those the record names (so a query may be
  // prepared even when no source is marked; it then carries nothing and is not sent).
  size_t to_send = pg.srcs.size();
  for (auto& e : pg.srcs)
    if (incl || e.timer.pending()) e.flags |= kSrcSend;
  for (const McastAddr& a : s) {
    GroupSrc* e = pg.find_src(a);
    if (e) {
      if (e->flags & kSrcSend) {
        e->flags &= uint8_t(~kSrcSend);
        --to_send;
      }
    } else if ((e = new_src(pg, a))) {
      changed = true;
    }
    if (e) src_mod_timer(*e, now + gmi(c), now);
  }
  if (to_send) query_marked_and_rexmit(c, pc, pg, now);
  if (!incl) send_query_and_rexmit(c, pc, pg, now);
  return changed;
}

// INCLUDE (A) TO_EX (B) -> EXCLUDE (A*B, B-A), (B-A)=0, delete (A-B), send Q(G,A*B),
// group timer = GMI;
// EXCLUDE (X,Y) TO_EX (A) -> EXCLUDE (A-Y, Y*A), (A-X-Y)=group timer, delete (X-A) and
// (Y-A), send Q(G,A-Y), group timer = GMI.
bool McastEngine::rec_toex(McastCtx& c, McastPortCtx* pc, PortGroup& pg,
                           const std::vector<McastAddr>& s, Nanos now) {
  bool changed = false;
  const bool incl = pg.mode == FilterMode::kInclude;
  size_t to_send = 0;
  for (auto& e : pg.srcs) e.flags = uint8_t((e.flags & ~kSrcSend) | kSrcDelete);
  for (const McastAddr& a : s) {
    GroupSrc* e = pg.find_src(a);
    if (incl) {
      if (e) {
        e->flags = uint8_t((e->flags & ~kSrcDelete) | kSrcSend);
        ++to_send;
      } else {
        e = new_src(pg, a);
      }
      if (e) fwd_src_handle(*e, now);
    } else {
      if (e) {
        e->flags &= uint8_t(~kSrcDelete);
      } else if ((e = new_src(pg, a))) {
        src_mod_timer(*e, pg.timer.last, now);
        changed = true;
      }
      if (e && e->timer.pending()) {
        e->flags |= kSrcSend;
        ++to_send;
      }
    }
  }
  std::vector<GroupSrc*> del;
  for (auto& e : pg.srcs)
    if (e.flags & kSrcDelete) del.push_back(&e);
  for (GroupSrc* e : del) del_src(*e, false);
  if (!del.empty()) changed = true;
  if (to_send) query_marked_and_rexmit(c, pc, pg, now);
  if (incl) {
    star_g_handle_mode(pg, FilterMode::kExclude, now);
    changed = true;
  }
  pg.mode = FilterMode::kExclude;
  arm(pg.timer, now + gmi(c));
  return changed;
}

// INCLUDE (A) BLOCK (B) -> INCLUDE (A), send Q(G,A*B);
// EXCLUDE (X,Y) BLOCK (A) -> EXCLUDE (X+(A-Y), Y), (A-X-Y)=group timer, send Q(G,A-Y).
bool McastEngine::rec_block(McastCtx& c, McastPortCtx* pc, PortGroup& pg,
                            const std::vector<McastAddr>& s, Nanos now) {
  bool changed = false;
  size_t to_send = 0;
  for (auto& e : pg.srcs) e.flags &= uint8_t(~kSrcSend);
  for (const McastAddr& a : s) {
    GroupSrc* e = pg.find_src(a);
    if (pg.mode == FilterMode::kInclude) {
      if (e) {
        e->flags |= kSrcSend;
        ++to_send;
      }
      continue;
    }
    if (!e && (e = new_src(pg, a))) {
      src_mod_timer(*e, pg.timer.last, now);
      changed = true;
    }
    if (e && e->timer.pending()) {
      e->flags |= kSrcSend;
      ++to_send;
    }
  }
  if (to_send) query_marked_and_rexmit(c, pc, pg, now);
  return changed;
}

// Sources marked to be asked about: their timers drop to LMQT and, when we are the querier
// (no other one heard), a group-and-source-specific query goes out, repeated every
// last_member_interval while sources still have queries to go.
void McastEngine::query_marked_and_rexmit(McastCtx& c, McastPortCtx* pc, PortGroup& pg,
                                          Nanos now) {
  if (!running_ || !snooping_) return;
  const int f = fam_index(pg.key.group.family);
  const bool we_query = c.cfg.querier && !c.other_query[f].pending();
  const Nanos lm = now + lmqt(c);
  std::vector<GroupSrc*> lower;
  for (auto& e : pg.srcs) {
    if (!(e.flags & kSrcSend)) continue;
    e.flags &= uint8_t(~kSrcSend);
    if (e.timer.last > lm) {
      if (we_query) e.rexmit_cnt = c.cfg.last_member_count;
      lower.push_back(&e);
    }
  }
  for (GroupSrc* e : lower) src_mod_timer(*e, lm, now);
  if (!we_query) return;
  send_query(c, pc, &pg, pg.key.group, true, true, nullptr, now);
  const Nanos lmi = now + c.cfg.last_member_interval;
  if (!pg.rexmit.pending() || pg.rexmit.at > lmi) arm(pg.rexmit, lmi);
}

void McastEngine::send_query_and_rexmit(McastCtx& c, McastPortCtx* pc, PortGroup& pg, Nanos now) {
  if (!running_ || !snooping_) return;
  const int f = fam_index(pg.key.group.family);
  if (c.cfg.querier && !c.other_query[f].pending()) {
    const Nanos lmi = now + c.cfg.last_member_interval;
    pg.grp_query_rexmit_cnt = c.cfg.last_member_count ? c.cfg.last_member_count - 1 : 0;
    send_query(c, pc, &pg, pg.key.group, false, false, nullptr, now);
    if (!pg.rexmit.pending() || pg.rexmit.at > lmi) arm(pg.rexmit, lmi);
  }
  const Nanos lm = now + lmqt(c);
  if (pg.mode == FilterMode::kExclude && (!pg.timer.pending() || pg.timer.at > lm))
    arm(pg.timer, lm);
}

void McastEngine::on_query(uint16_t vid, int port, const McastQueryIn& q, Nanos now) {
  if (!snooping_) return;
  McastCtx* c = ctx_for(vid);
  if (!c) return;
  McastPortCtx* pc = port ? pctx_for(port, vid) : nullptr;
  if (port && !pc) return;
  if (!should_use(*c, pc)) return;
  McastAddr group = q.group;
  Nanos max_delay = q.max_delay;
  constexpr Nanos kJiffy = 4 * kMsec;  // the smallest delay Linux arms (HZ 250)
  if (q.family == McastFamily::kIPv4) {
    if (!q.v3) {
      if (max_delay == 0) {  // IGMPv1 query
        max_delay = 10 * kSec;
        group = McastAddr::zero(McastFamily::kIPv4);
      }
    } else {
      if (q.nsrcs || (c->cfg.igmp_version == 3 && !group.is_zero() && q.sflag)) return;
      if (max_delay == 0) max_delay = kJiffy;
    }
  } else {
    if (!q.v3) {
      if (max_delay == 0) return;  // Linux takes no group from it and stops
    } else {
      if (q.nsrcs) return;
      if (c->cfg.mld_version == 2 && !group.is_zero() && q.sflag) return;
      max_delay = std::max(max_delay, kJiffy);
    }
  }
  if (group.is_zero()) {
    query_received(*c, pc, q.src, max_delay, now);
    return;
  }
  MdbEntry* e = find_mut(MdbKey{group, McastAddr::zero(group.family), vid});
  if (!e) return;
  max_delay *= Nanos(c->cfg.last_member_count);
  const Nanos cut = now + max_delay;
  if (e->host_joined && (!e->timer.pending() || e->timer.at > cut)) arm(e->timer, cut);
  const bool v2 = v2_mode(*c, group.family);
  for (auto& p : e->ports) {
    if (p.timer.pending() ? p.timer.at > cut : (v2 || p.mode == FilterMode::kExclude))
      arm(p.timer, cut);
  }
}

void McastEngine::on_router_hint(uint16_t vid, int port, McastFamily f, Nanos now) {
  if (!snooping_) return;
  McastCtx* c = ctx_for(vid);
  if (!c) return;
  McastPortCtx* pc = port ? pctx_for(port, vid) : nullptr;
  if (port && !pc) return;
  mark_router(*c, pc, fam_index(f), now);
}

}  // namespace uvn::proto
