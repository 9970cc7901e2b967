// The user's MDB entries: `bridge mdb add|replace|del|flush` with the kernel's rules
// (br_mdb.c) and its extack messages. Device-level checks (the group address, VLAN range,
// whether the port exists and belongs to the bridge) are ctl's; the per-VLAN fan-out of an
// entry without `vid` on a VLAN-filtering bridge too.
#include "proto/mcast/mcast_internal.h"

namespace uvn::proto {

namespace {

Error bad(const char* msg) { return Error::with(EINVAL, std::string("bridge: ") + msg); }

bool handles_mode(const McastCtx& c, McastFamily f) {
  if (f == McastFamily::kIPv4) return c.cfg.igmp_version == 3;
  if (f == McastFamily::kIPv6) return c.cfg.mld_version == 2;
  return false;
}

bool is_mcast_ip(const McastAddr& a) {
  return a.family == McastFamily::kIPv4 ? (a.b[0] >> 4) == 0xe : a.b[0] == 0xff;
}

// is_valid_mdb_source: a source of the group's family that is not multicast.
Status check_source(const McastAddr& group, const McastAddr& s) {
  if (group.family == McastFamily::kL2) return bad("Invalid protocol used with source address");
  const bool v4 = group.family == McastFamily::kIPv4;
  if (s.family != group.family)
    return bad(v4 ? "IPv4 invalid source address length" : "IPv6 invalid source address length");
  if (is_mcast_ip(s))
    return bad(v4 ? "IPv4 multicast source address is not allowed"
                  : "IPv6 multicast source address is not allowed");
  return Status::Ok();
}

Nanos gmi(const McastCtx& c) { return c.cfg.membership_interval; }

}  // namespace

Status McastEngine::user_add(const MdbUserEntry& u, bool replace, Nanos now) {
  if (!running_) return bad("Bridge device is not running");
  if (!snooping_) return bad("Bridge's multicast processing is disabled");
  const MdbKey& k = u.key;
  const bool no_src = k.star_g() && k.src.family == k.group.family;
  if (!no_src)
    if (Status st = check_source(k.group, k.src); !st.ok()) return st;
  // A *,G in Linux's sense (br_multicast_is_star_g) is an IP group without a source.
  const bool star = no_src && k.group.is_ip();
  if (u.mode) {
    if (!u.port) return bad("Filter mode cannot be set for host groups");
    if (!star) return bad("Filter mode can only be set for (*, G) entries");
  }
  const FilterMode mode = u.mode.value_or(FilterMode::kExclude);
  if (u.has_source_list) {
    if (!u.port) return bad("Source list cannot be set for host groups");
    if (!star) return bad("Source list can only be set for (*, G) entries");
    if (!u.mode) return bad("Source list cannot be set without filter mode");
    if (u.sources.size() >= 32) return bad("Exceeded maximum number of source entries (31)");
    for (const McastAddr& s : u.sources)
      if (Status st = check_source(k.group, s); !st.ok()) return st;
  }
  if (u.sources.empty() && mode == FilterMode::kInclude)
    return bad("Cannot add (*, G) INCLUDE with an empty source list");
  if (u.rt_protocol && !u.port) return bad("Protocol cannot be set for host groups");
  if (!u.port && k.group.family != McastFamily::kL2) {
    if (u.permanent) return bad("Flags are not allowed for host groups");
    if (!no_src) return bad("Groups with sources cannot be manually host joined");
  }
  if (k.group.family == McastFamily::kL2 && !u.permanent)
    return bad("Only permanent L2 entries allowed");
  if (u.port) {
    auto it = ports_.find(u.port);
    if (it == ports_.end()) return Error::with(EINVAL, "bridge: Net device is not a bridge port");
    if (it->second->state == McastPortState::kDisabled && !u.permanent)
      return bad("Port is in disabled state and entry is not permanent");
  }
  return user_add_port(u, replace, now);
}

// br_mdb_add_group for one VID: the context, the entry, then a host join, a *,G or an S,G.
Status McastEngine::user_add_port(const MdbUserEntry& u, bool replace, Nanos now) {
  const MdbKey& k = u.key;
  McastCtx* c = &global();
  if (vlan_snooping_) {
    if (!k.vid) return bad("Cannot add an entry without a vlan when vlan snooping is enabled");
    auto v = vlan_ctx_.find(k.vid);
    if (v == vlan_ctx_.end()) return bad("Vlan is not configured");
    if (!v->second->cfg.snooping) return bad("Vlan's multicast processing is disabled");
    c = v->second.get();
  }
  Status err;
  MdbEntry* e = new_entry(k, &err);
  if (!e) return err;
  if (!u.port) {
    // Linux 6.15 and later: replace refreshes the host's membership.
    if (e->host_joined && !replace)
      return Error::with(EEXIST, "bridge: Group is already joined by host");
    host_join(*c, *e, false, now);
    sink_.mdb_notify(*e, nullptr, true);
    return Status::Ok();
  }
  const uint8_t flags = u.permanent ? kMdbPgPermanent : 0;
  const uint8_t proto = u.rt_protocol.value_or(kRtprotStatic);
  const FilterMode mode = u.mode.value_or(FilterMode::kExclude);
  const bool should_handle = handles_mode(*c, k.group.family);

  // A source of a user *,G: its S,G forwarding entry (blocked in EXCLUDE mode), no timer
  // of its own (the source's timer governs; permanent entries have none).
  auto drop_src = [&](PortGroup& pg, GroupSrc* s) {
    disarm(s->timer);
    pg.srcs.remove_if([&](const GroupSrc& x) { return &x == s; });
  };
  auto add_src = [&](PortGroup& pg, const McastAddr& a) -> Status {
    GroupSrc* s = pg.find_src(a);
    if (!s) {
      s = new_src(pg, a);
      if (!s) return Error::with(ENOSPC, "bridge: Failed to add new source entry");
    } else if (!replace) {
      return Error::with(EEXIST, "bridge: Source entry already exists");
    }
    if (mode == FilterMode::kInclude && !u.permanent)
      arm(s->timer, now + gmi(*c));
    else
      disarm(s->timer);
    MdbKey sk{k.group, a, k.vid};
    Status serr;
    MdbEntry* sge = new_entry(sk, &serr);
    if (!sge) {
      drop_src(pg, s);
      return Error::with(serr.error().code, "bridge: Failed to add (S, G) MDB entry");
    }
    uint8_t sflags = u.permanent ? kMdbPgPermanent : 0;
    if (mode == FilterMode::kExclude) sflags |= kMdbPgBlocked;
    PortGroup* sg = sge->find_port(u.port);
    if (sg) {
      if (!replace) {
        drop_src(pg, s);
        return Error::with(EEXIST, "bridge: (S, G) group is already joined by port");
      }
      sg->flags = sflags;
      sg->rt_protocol = proto;
      disarm(sg->timer);
      sink_.mdb_notify(*sge, sg, true);
    } else {
      sg = new_pg(*sge, u.port, MacAddr::broadcast(), sflags, FilterMode::kInclude, proto, &serr);
      if (!sg) {
        drop_src(pg, s);
        return serr;
      }
      sink_.mdb_notify(*sge, sg, true);
      if (should_handle)
        if (MdbEntry* st = find_mut(k.star())) sg_add_exclude_ports(*st, *sg, now);
    }
    s->flags = kSrcInstalled | kSrcUserAdded;
    return Status::Ok();
  };
  auto add_srcs = [&](PortGroup& pg) -> Status {
    for (size_t i = 0; i < u.sources.size(); ++i) {
      Status st = add_src(pg, u.sources[i]);
      if (!st.ok()) {
        for (size_t j = 0; j < i; ++j)
          if (GroupSrc* s = pg.find_src(u.sources[j])) del_src(*s, false);
        return st;
      }
    }
    return Status::Ok();
  };

  PortGroup* pg = e->find_port(u.port);
  if (k.star_g() && k.group.is_ip()) {
    if (pg) {
      if (!replace) return Error::with(EEXIST, "bridge: (*, G) group is already joined by port");
      for (auto& s : pg->srcs) s.flags |= kSrcDelete;
      if (Status st = add_srcs(*pg); !st.ok()) {
        for (auto& s : pg->srcs) s.flags &= uint8_t(~kSrcDelete);
        return st;
      }
      std::vector<GroupSrc*> del;
      for (auto& s : pg->srcs)
        if (s.flags & kSrcDelete) del.push_back(&s);
      for (GroupSrc* s : del) del_src(*s, false);
      pg->flags = flags;
      pg->mode = mode;
      pg->rt_protocol = proto;
      if (!u.permanent && mode == FilterMode::kExclude)
        arm(pg->timer, now + c->cfg.membership_interval);
      else
        disarm(pg->timer);
      sink_.mdb_notify(*e, pg, true);
      if (should_handle) star_g_handle_mode(*pg, mode, now);
      return Status::Ok();
    }
    pg = new_pg(*e, u.port, MacAddr::broadcast(), flags, mode, proto, &err);
    if (!pg) return err;
    if (Status st = add_srcs(*pg); !st.ok()) {
      // Taken back without a notification (it was never announced).
      ngroups_dec(u.port, k.vid);
      for (auto it = e->ports.begin(); it != e->ports.end(); ++it)
        if (&*it == pg) {
          e->ports.erase(it);
          break;
        }
      if (e->ports.empty() && !e->host_joined) arm(e->timer, 0);
      return st;
    }
    if (!u.permanent && mode == FilterMode::kExclude)
      arm(pg->timer, now + c->cfg.membership_interval);
    sink_.mdb_notify(*e, pg, true);
    if (should_handle && mode == FilterMode::kExclude)
      star_g_handle_mode(*pg, FilterMode::kExclude, now);
    return Status::Ok();
  }

  // S,G
  if (pg) {
    if (!replace) return Error::with(EEXIST, "bridge: (S, G) group is already joined by port");
    pg->flags = flags;
    pg->rt_protocol = proto;
    if (!u.permanent)
      arm(pg->timer, now + c->cfg.membership_interval);
    else
      disarm(pg->timer);
    sink_.mdb_notify(*e, pg, true);
    return Status::Ok();
  }
  pg = new_pg(*e, u.port, MacAddr::broadcast(), flags, FilterMode::kInclude, proto, &err);
  if (!pg) return err;
  if (!u.permanent) arm(pg->timer, now + c->cfg.membership_interval);
  sink_.mdb_notify(*e, pg, true);
  if (should_handle)
    if (MdbEntry* st = find_mut(k.star())) sg_add_exclude_ports(*st, *pg, now);
  return Status::Ok();
}

Status McastEngine::user_del(int port, const MdbKey& key) {
  if (!running_) return bad("Bridge device is not running");
  if (!snooping_) return bad("Bridge's multicast processing is disabled");
  MdbEntry* e = find_mut(key);
  if (!e) return Error::errno_only(EINVAL);
  if (port == 0 && e->host_joined) {
    host_leave(*e, false);
    sink_.mdb_notify(*e, nullptr, false);
    if (e->ports.empty()) arm(e->timer, 0);
    return Status::Ok();
  }
  for (auto& p : e->ports)
    if (port && p.port == port) {
      del_pg(p);
      return Status::Ok();
    }
  return Error::errno_only(EINVAL);
}

void McastEngine::flush(const MdbFlush& f) {
  for (auto& e : mdb_) {
    if (f.vid && *f.vid != e.key.vid) continue;
    // The bridge's own membership: only without port/proto filters other than the bridge;
    // an L2 host entry counts as permanent, an IP one as temporary.
    if (e.host_joined && (!f.port || *f.port == 0) && !f.rt_protocol) {
      const bool perm = e.key.group.family == McastFamily::kL2;
      if (!f.permanent || *f.permanent == perm) {
        host_leave(e, true);
        if (e.ports.empty()) arm(e.timer, 0);
      }
    }
    std::vector<std::pair<int, MacAddr>> del;
    for (auto& p : e.ports) {
      if (f.port && *f.port != p.port) continue;
      if (f.rt_protocol && *f.rt_protocol != p.rt_protocol) continue;
      if (f.permanent && *f.permanent != p.permanent()) continue;
      del.emplace_back(p.port, p.eth_addr);
    }
    for (auto& [port, eth] : del)
      for (auto& p : e.ports)
        if (p.port == port && p.eth_addr == eth) {
          del_pg(p);
          break;
        }
  }
}

void McastEngine::port_vlan_flush(int port, uint16_t vid) {
  std::vector<std::pair<MdbKey, MacAddr>> keys;
  for (auto& e : mdb_)
    for (auto& pg : e.ports)
      if (pg.port == port && pg.key.vid == vid && !pg.permanent())
        keys.emplace_back(pg.key, pg.eth_addr);
  for (auto& [k, eth] : keys) {
    MdbEntry* e = find_mut(k);
    if (!e) continue;
    for (auto& pg : e->ports)
      if (pg.port == port && pg.eth_addr == eth && !pg.permanent()) {
        del_pg(pg);
        break;
      }
  }
}

}  // namespace uvn::proto
