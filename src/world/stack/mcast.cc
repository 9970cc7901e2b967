// Multicast group membership of the host stack: IGMPv1/v2/v3 (RFC 1112, RFC 2236, RFC 3376
// host side) and MLDv1/v2 (RFC 2710, RFC 3810 host side) with Linux's defaults and timers
// (net/ipv4/igmp.c, net/ipv6/mcast.c; function names follow the kernel's):
// * IGMPv3 and MLDv2 unless a v1/v2 (MLDv1) query was heard in the last QRV * QI + QRI
//   (260 s by default); then the older messages.
// * Joining sends QRV (2) unsolicited reports: IGMPv3/MLDv2 change records (TO_EX({})) at once
//   and again after a random delay below 1 s; IGMPv2 reports after a jiffy and below 10 s; an
//   MLDv1 report at once and below 10 s. Leaving sends TO_IN({}) twice the same way, or an
//   IGMPv2 leave (to 224.0.0.2) / MLDv1 done (to ff02::2) if we sent the last report.
// * Queries are answered after a random delay below the maximum response time: one report of
//   IS_EX({}) records for a general IGMPv3/MLDv2 query, a report per group otherwise; a v1/v2
//   report heard from another host for the group cancels ours (suppression).
// * 224.0.0.1 (joined while the device is up), ff02::1 and ff01::1 (joined when the device
//   appears) are never reported; other 224.0.0.x groups and solicited-node groups are
//   (igmp_llm_reports=1). When the link-local address passes DAD, every group is reported again
//   (ipv6_mc_dad_complete); a carrier coming back re-reports the IPv6 groups (NETDEV_CHANGE).
// * Random delays use the world's seeded source, in jiffies of 4 ms (HZ=250).
// Simplifications: no source filters (every group is EXCLUDE {}); reports are not sent while
// the device is down or has no carrier (Linux drops them in the qdisc); going down cancels
// pending change records; a group's MAC stays on the device's list while it is down.
#include "world/stack/mcast.h"

#include <algorithm>

#include "wire/ethernet.h"
#include "wire/igmp.h"
#include "wire/ip_proto.h"
#include "wire/ipv4.h"
#include "wire/ipv6.h"
#include "wire/mcast.h"
#include "wire/mld.h"
#include "world/netns.h"
#include "world/stack/host_stack.h"
#include "world/world.h"

namespace uvn {

namespace {

using Kind = wire::McastMessage::Kind;

constexpr Nanos kJiffy = 4 * kMsec;  // HZ=250
constexpr int kDefaultQrv = 2;       // igmp_qrv, mld_qrv
constexpr Nanos kQueryInterval = 125 * kSec;
constexpr Nanos kQueryResponseInterval = 10 * kSec;
constexpr Nanos kV3UnsolicitedInterval = 1 * kSec;   // igmpv3/mldv2_unsolicited_report_interval
constexpr Nanos kV2UnsolicitedInterval = 10 * kSec;  // igmpv2/mldv1_unsolicited_report_interval
constexpr uint32_t kMldv1MaxCompatDelay = 32767;     // ms (MLDV1_MRD_MAX_COMPAT)
constexpr uint32_t kControlPriority = 7;             // TC_PRIO_CONTROL

bool group_is_multicast(const IpAddr& g) {
  return g.is_v4() ? g.v4().is_multicast() : g.v6().is_multicast();
}

int v6_scope(const Ipv6Addr& a) {
  return a.b[1] & 0x0f;
}

// Groups Linux never reports: all-hosts, all-nodes, and IPv6 scopes below link-local.
bool is_noreport(const IpAddr& g) {
  if (g.is_v4()) return g.v4() == wire::kIgmpAllHosts;
  return g.v6() == wire::mld_all_nodes() || v6_scope(g.v6()) < 2;
}

// Whether a group gets a MAC on the device: not for IPv6 scopes below link-local.
bool has_mac(const IpAddr& g) {
  return g.is_v4() || v6_scope(g.v6()) >= 2;
}

IpAddr zero_of(bool v6) {
  return v6 ? IpAddr{Ipv6Addr{}} : IpAddr{Ipv4Addr{}};
}

}  // namespace

// The protocol, with access to HostStack's state.
struct McHost {
  // --- state
  static McIface* iface(HostStack& st, int ifindex) {
    auto it = st.mc_.find(ifindex);
    return it == st.mc_.end() ? nullptr : it->second.get();
  }
  static McIface& iface_make(HostStack& st, int ifindex) {
    auto& p = st.mc_[ifindex];
    if (!p) p = std::make_unique<McIface>();
    return *p;
  }
  static McFamily& fam(McIface& i, bool v6) { return v6 ? i.v6 : i.v4; }
  static McGroup* find(McFamily& f, const IpAddr& g) {
    for (auto& m : f.groups)
      if (m.addr == g) return &m;
    return nullptr;
  }
  static Engine& eng(const HostStack& st) { return st.ns_.engine(); }
  static Nanos now(const HostStack& st) { return eng(st).now(); }
  // A random delay below `max` in whole jiffies (prandom_u32_max on jiffies).
  static Nanos rand_below(HostStack& st, Nanos max) {
    Nanos n = max / kJiffy;
    if (n <= 0) n = 1;
    if (!st.mc_rng_) {
      Rng peek = st.ns_.world().rng();  // a copy: the world's sequence is not consumed
      st.mc_rng_.emplace(peek.next() ^ (0x6d637374ull + uint64_t(st.ns_.netns_id())));
    }
    return Nanos(st.mc_rng_->below(uint32_t(std::min<Nanos>(n, UINT32_MAX)))) * kJiffy;
  }
  static void cancel(HostStack& st, uint64_t& timer) {
    if (timer) eng(st).cancel(timer);
    timer = 0;
  }

  // --- versions
  static int igmp_version(const HostStack& st, const McFamily& f) {
    if (f.v1_seen > now(st)) return 1;
    if (f.v2_seen > now(st)) return 2;
    return 3;
  }
  static int mld_version(const HostStack& st, const McFamily& f) {
    return f.v1_seen > now(st) ? 1 : 2;
  }
  static bool compat(const HostStack& st, const McFamily& f, bool v6) {
    return v6 ? mld_version(st, f) == 1 : igmp_version(st, f) < 3;
  }
  static Nanos unsolicited_interval(const HostStack& st, const McFamily& f, bool v6) {
    return compat(st, f, v6) ? kV2UnsolicitedInterval : kV3UnsolicitedInterval;
  }

  // --- sending
  static bool can_send(Device& dev) { return dev.is_up() && dev.carrier(); }

  static IpAddr source(HostStack& st, Device& dev, bool v6, const IpAddr& dst) {
    if (!v6) {
      // inet_select_addr(dev, 0, RT_SCOPE_LINK): the device's first primary address, not one
      // that happens to contain the group (an `autojoin` address is the group itself).
      (void)dst;
      auto s = st.pick_source(IpAddr{Ipv4Addr{}}, dev.ifindex());
      return s && s->is_v4() ? *s : IpAddr{Ipv4Addr{}};
    }
    // A link-local address past DAD, else :: (ipv6_get_lladdr with IFA_F_TENTATIVE banned).
    for (auto& a : st.addrs_)
      if (a.ifindex == dev.ifindex() && !a.local.addr.is_v4() &&
          a.local.addr.v6().is_link_local() && !(a.flags & (kIfaTentative | kIfaDadfailed)))
        return a.local.addr;
    return IpAddr{Ipv6Addr{}};
  }

  static void send(HostStack& st, Device& dev, wire::McastMessage m) {
    if (!can_send(dev)) return;
    m.dst = zero_of(m.ipv6);
    IpAddr dst = wire::mcast_destination(m);  // the usual destination of the message
    m.dst = dst;
    m.src = source(st, dev, m.ipv6, dst);
    size_t len = wire::mcast_packet_len(m);
    Frame f = eng(st).pool().alloc(wire::kEthernetHeaderLen + len);
    wire::EthernetRepr{wire::multicast_mac(dst), dev.mac(),
                       m.ipv6 ? wire::kEtherTypeIpv6 : wire::kEtherTypeIpv4}
        .emit(f.data());
    wire::emit_mcast_packet(m, f.data() + wire::kEthernetHeaderLen);
    f.meta.priority = kControlPriority;
    ++st.counters_.ip_out;
    ++(m.ipv6 ? st.counters_.mld_out : st.counters_.igmp_out);
    dev.transmit(std::move(f));
  }

  static wire::McastMessage message(bool v6, Kind kind, int version, const IpAddr& group) {
    wire::McastMessage m;
    m.ipv6 = v6;
    m.kind = kind;
    m.version = uint8_t(version);
    m.group = group;
    m.src = m.dst = zero_of(v6);
    return m;
  }

  // A v1/v2 report or leave (igmp_send_report, igmp6_send).
  static void send_simple(HostStack& st, Device& dev, bool v6, Kind kind, int version,
                          const IpAddr& group) {
    send(st, dev, message(v6, kind, version, group));
  }

  // An IGMPv3/MLDv2 report with these records, split so that every packet fits the MTU.
  static void send_records(HostStack& st, Device& dev, bool v6,
                           const std::vector<wire::McastRecord>& recs) {
    if (recs.empty()) return;
    size_t head = v6 ? wire::kIpv6HeaderLen + wire::kMldHopByHopLen + wire::kMldv2ReportHeaderLen
                     : wire::kIpv4MinHeaderLen + 4 + wire::kIgmpHeaderLen;
    size_t per = v6 ? wire::kMldv2RecordHeaderLen : wire::kIgmpv3RecordHeaderLen;
    size_t room = dev.mtu() > head + per ? (dev.mtu() - head) / per : 1;
    for (size_t i = 0; i < recs.size(); i += room) {
      wire::McastMessage m = message(v6, Kind::kReport, v6 ? 2 : 3, zero_of(v6));
      m.records.assign(recs.begin() + long(i),
                       recs.begin() + long(std::min(recs.size(), i + room)));
      send(st, dev, std::move(m));
    }
  }

  static wire::McastRecord record(uint8_t type, const IpAddr& g) {
    return wire::McastRecord{type, g, {}, 0};
  }

  // igmpv3_send_report / mld_send_report: current-state records, for one group or all.
  static void send_current_state(HostStack& st, Device& dev, McFamily& f, bool v6,
                                 const McGroup* only) {
    std::vector<wire::McastRecord> recs;
    for (auto& m : f.groups)
      if (!m.noreport && (!only || only->addr == m.addr))
        recs.push_back(record(wire::kModeIsExclude, m.addr));
    send_records(st, dev, v6, recs);
  }

  // igmpv3_send_cr / mld_send_cr: pending TO_IN records of left groups, then TO_EX records of
  // joined ones.
  static void send_cr(HostStack& st, Device& dev, McFamily& f, bool v6) {
    std::vector<wire::McastRecord> recs;
    for (auto& t : f.tomb) {
      if (t.crcount <= 0) continue;
      recs.push_back(record(wire::kChangeToInclude, t.addr));
      --t.crcount;
    }
    std::erase_if(f.tomb, [](const McTomb& t) { return t.crcount <= 0; });
    for (auto& m : f.groups) {
      if (m.noreport || m.crcount <= 0) continue;
      recs.push_back(record(wire::kChangeToExclude, m.addr));
      --m.crcount;
    }
    send_records(st, dev, v6, recs);
  }

  // --- timers (each looks its state up again: the device or group may be gone)
  template <typename Fn>
  static uint64_t arm(HostStack& st, Nanos delay, Fn fn) {
    return eng(st).after(delay, std::move(fn));
  }

  static void with_family(HostStack* st, int ifindex, bool v6,
                          void (*fn)(HostStack&, Device&, McFamily&, bool)) {
    Device* dev = st->ns_.find(ifindex);
    McIface* i = iface(*st, ifindex);
    if (dev && i) fn(*st, *dev, fam(*i, v6), v6);
  }

  // The interface change timer (igmp_ifc_timer_expire, mld_ifc_work).
  static void ifc_start(HostStack& st, Device& dev, McFamily& f, bool v6, Nanos max) {
    cancel(st, f.ifc_timer);
    int idx = dev.ifindex();
    HostStack* sp = &st;
    f.ifc_timer = arm(st, rand_below(st, max) + 2 * kJiffy,
                      [sp, idx, v6] { with_family(sp, idx, v6, ifc_expire); });
  }
  static void ifc_expire(HostStack& st, Device& dev, McFamily& f, bool v6) {
    f.ifc_timer = 0;
    send_cr(st, dev, f, v6);
    if (f.ifc_count > 0 && --f.ifc_count > 0)
      ifc_start(st, dev, f, v6, unsolicited_interval(st, f, v6));
  }
  static void ifc_event(HostStack& st, Device& dev, McFamily& f, bool v6) {
    if (compat(st, f, v6)) return;
    f.ifc_count = f.qrv;
    ifc_start(st, dev, f, v6, kJiffy);
  }

  // The general query timer (igmp_gq_timer_expire, mld_gq_work).
  static void gq_start(HostStack& st, Device& dev, McFamily& f, bool v6) {
    Nanos at = now(st) + rand_below(st, f.maxdelay) + 2 * kJiffy;
    // IGMP keeps an earlier pending answer; MLD re-arms (mod_delayed_work).
    if (!v6 && f.gq_timer && at >= f.gq_expires) return;
    cancel(st, f.gq_timer);
    int idx = dev.ifindex();
    HostStack* sp = &st;
    f.gq_expires = at;
    f.gq_timer = eng(st).at(at, [sp, idx, v6] { with_family(sp, idx, v6, gq_expire); });
  }
  static void gq_expire(HostStack& st, Device& dev, McFamily& f, bool v6) {
    f.gq_timer = 0;
    send_current_state(st, dev, f, v6, nullptr);
  }

  // MLD after DAD of the link-local address (ipv6_mc_dad_complete, mld_dad_work).
  static void send_initial_cr(HostStack& st, Device& dev, McFamily& f) {
    if (mld_version(st, f) == 1) return;
    std::vector<wire::McastRecord> recs;
    for (auto& m : f.groups)
      if (!m.noreport) recs.push_back(record(wire::kChangeToExclude, m.addr));
    send_records(st, dev, true, recs);
  }
  static void dad_start(HostStack& st, Device& dev, McFamily& f) {
    cancel(st, f.dad_timer);
    int idx = dev.ifindex();
    HostStack* sp = &st;
    f.dad_timer = arm(st, rand_below(st, unsolicited_interval(st, f, true)) + 2 * kJiffy,
                      [sp, idx] { with_family(sp, idx, true, dad_expire); });
  }
  static void dad_expire(HostStack& st, Device& dev, McFamily& f, bool) {
    f.dad_timer = 0;
    send_initial_cr(st, dev, f);
    if (f.dad_count > 0 && --f.dad_count > 0) dad_start(st, dev, f);
  }

  // The per-group timer (igmp_timer_expire, mld_mca_work).
  static void group_timer_set(HostStack& st, Device& dev, McGroup& m, bool v6, Nanos delay) {
    cancel(st, m.timer);
    int idx = dev.ifindex();
    IpAddr g = m.addr;
    HostStack* sp = &st;
    m.expires = now(st) + delay;
    m.timer = eng(st).at(m.expires, [sp, idx, v6, g] {
      Device* d = sp->ns_.find(idx);
      McIface* i = iface(*sp, idx);
      if (!d || !i) return;
      McFamily& f = fam(*i, v6);
      if (McGroup* grp = find(f, g)) group_timer_expire(*sp, *d, f, *grp, v6);
    });
  }
  // igmp_start_timer: a random delay below `max`, plus two jiffies.
  static void igmp_start_timer(HostStack& st, Device& dev, McGroup& m, Nanos max) {
    group_timer_set(st, dev, m, false, rand_below(st, max) + 2 * kJiffy);
  }
  static void group_timer_expire(HostStack& st, Device& dev, McFamily& f, McGroup& m, bool v6) {
    m.timer = 0;
    if (!v6) {
      int ver = igmp_version(st, f);
      if (m.unsolicit_count > 0 && --m.unsolicit_count > 0)
        igmp_start_timer(st, dev, m, unsolicited_interval(st, f, false));
      m.reporter = true;
      if (ver == 3)
        send_current_state(st, dev, f, false, &m);
      else
        send_simple(st, dev, false, Kind::kReport, ver, m.addr);
      return;
    }
    if (mld_version(st, f) == 1)
      send_simple(st, dev, true, Kind::kReport, 1, m.addr);
    else
      send_current_state(st, dev, f, true, &m);
    m.reporter = true;
  }
  // igmp_mod_timer: keep a running timer that fires sooner, else start one.
  static void igmp_mod_timer(HostStack& st, Device& dev, McGroup& m, Nanos max) {
    m.unsolicit_count = 0;
    if (m.timer && m.expires - now(st) < max) return;
    igmp_start_timer(st, dev, m, max);
  }
  static void stop_timer(HostStack& st, McGroup& m) {
    cancel(st, m.timer);
    m.reporter = false;
    m.unsolicit_count = 0;
  }
  // igmp6_group_queried.
  static void mld_group_queried(HostStack& st, Device& dev, McGroup& m, Nanos resp) {
    if (m.noreport) return;
    Nanos delay = resp;
    if (m.timer) delay = m.expires - now(st);
    if (delay >= resp) delay = rand_below(st, resp);
    group_timer_set(st, dev, m, true, delay);
  }
  // igmp6_join_group: an MLDv1 report at once, another below the unsolicited interval.
  static void mld_join_v1(HostStack& st, Device& dev, McFamily& f, McGroup& m) {
    send_simple(st, dev, true, Kind::kReport, 1, m.addr);
    Nanos delay = rand_below(st, unsolicited_interval(st, f, true));
    if (m.timer) delay = m.expires - now(st);
    group_timer_set(st, dev, m, true, delay);
    m.reporter = true;
  }

  // --- joining and leaving (igmp_group_added/dropped, igmp6_group_added/dropped)
  static void load(Device& dev, McGroup& m) {
    if (m.loaded || !has_mac(m.addr)) return;
    m.loaded = true;
    if (dev.info().link_type == "ether") dev.mc_add(wire::multicast_mac(m.addr));
  }
  static void unload(Device& dev, McGroup& m) {
    if (!m.loaded) return;
    m.loaded = false;
    if (dev.info().link_type == "ether") dev.mc_del(wire::multicast_mac(m.addr));
  }

  static void group_added(HostStack& st, Device& dev, McFamily& f, McGroup& m, bool v6) {
    load(dev, m);
    if (m.noreport || !dev.is_up()) return;
    if (!v6) {
      m.unsolicit_count = kDefaultQrv;
      if (igmp_version(st, f) < 3) {
        igmp_start_timer(st, dev, m, kJiffy);  // IGMP_INITIAL_REPORT_DELAY
        return;
      }
    } else if (mld_version(st, f) == 1) {
      mld_join_v1(st, dev, f, m);
      return;
    }
    m.crcount = f.qrv;
    ifc_event(st, dev, f, v6);
  }

  static void group_dropped(HostStack& st, Device& dev, McFamily& f, McGroup& m, bool v6) {
    unload(dev, m);
    bool reporter = m.reporter;
    stop_timer(st, m);
    if (m.noreport || !dev.is_up()) return;
    int ver = v6 ? mld_version(st, f) : igmp_version(st, f);
    if (compat(st, f, v6)) {
      if (reporter && (v6 || ver == 2)) send_simple(st, dev, v6, Kind::kLeave, ver, m.addr);
      return;
    }
    f.tomb.push_front(McTomb{m.addr, f.qrv});
    ifc_event(st, dev, f, v6);
  }

  static void inc_group(HostStack& st, Device& dev, const IpAddr& g) {
    bool v6 = !g.is_v4();
    McFamily& f = fam(iface_make(st, dev.ifindex()), v6);
    if (McGroup* m = find(f, g)) {
      ++m->users;
      return;
    }
    std::erase_if(f.tomb, [&](const McTomb& t) { return t.addr == g; });
    McGroup m;
    m.addr = g;
    m.users = 1;
    m.noreport = is_noreport(g);
    f.groups.push_front(m);
    group_added(st, dev, f, f.groups.front(), v6);
  }

  static bool dec_group(HostStack& st, Device& dev, const IpAddr& g) {
    McIface* i = iface(st, dev.ifindex());
    if (!i) return false;
    bool v6 = !g.is_v4();
    McFamily& f = fam(*i, v6);
    auto it = std::find_if(f.groups.begin(), f.groups.end(),
                           [&](const McGroup& m) { return m.addr == g; });
    if (it == f.groups.end()) return false;
    if (--it->users > 0) return true;
    McGroup gone = *it;
    f.groups.erase(it);
    group_dropped(st, dev, f, gone, v6);
    return true;
  }

  // --- device events
  static void reset(McFamily& f, bool v6) {
    f.qrv = kDefaultQrv;
    f.qi = kQueryInterval;
    f.qri = kQueryResponseInterval;
    if (v6) {
      f.v1_seen = 0;
      f.maxdelay = kV3UnsolicitedInterval;
    }
  }

  static void stop_all(HostStack& st, McFamily& f) {
    for (auto& m : f.groups) {
      stop_timer(st, m);
      m.crcount = 0;
    }
    cancel(st, f.ifc_timer);
    cancel(st, f.gq_timer);
    cancel(st, f.dad_timer);
    f.ifc_count = 0;
    f.dad_count = 0;
    f.tomb.clear();
  }

  // ipv6_mc_up: every IPv6 group reported again.
  static void v6_up(HostStack& st, Device& dev, McIface& i) {
    reset(i.v6, true);
    for (auto& m : i.v6.groups) {
      IpAddr g = m.addr;
      std::erase_if(i.v6.tomb, [&](const McTomb& t) { return t.addr == g; });
      group_added(st, dev, i.v6, m, true);
    }
  }

  // --- receiving
  static void igmp_rcv(HostStack& st, Device& dev, const Frame& f, const uint8_t* ip, size_t len);
  static void mld_rcv(HostStack& st, Device& dev, const Frame& f, const uint8_t* ip, size_t len);
  static void igmp_heard_query(HostStack& st, Device& dev, McFamily& fa,
                               const wire::McastMessage& q);
  static void mld_heard_query(HostStack& st, Device& dev, McFamily& fa,
                              const wire::McastMessage& q);
};

void McHost::igmp_heard_query(HostStack& st, Device& dev, McFamily& fa,
                              const wire::McastMessage& q) {
  Nanos max_delay;
  IpAddr group = q.group;
  if (q.version < 3) {
    Nanos until = now(st) + fa.qrv * fa.qi + fa.qri;
    if (q.version == 1) {
      max_delay = kQueryResponseInterval;
      fa.v1_seen = until;
    } else {
      max_delay = Nanos(q.max_resp_ms) * kMsec;
      fa.v2_seen = until;
    }
    // Older routers: no change reports any more.
    fa.ifc_count = 0;
    cancel(st, fa.ifc_timer);
    fa.tomb.clear();
  } else if (igmp_version(st, fa) == 1) {
    max_delay = kQueryResponseInterval;
    group = IpAddr{Ipv4Addr{}};
  } else if (igmp_version(st, fa) == 2) {
    max_delay = std::max<Nanos>(Nanos(q.max_resp_ms) * kMsec, kJiffy);
  } else {
    if (q.sources_truncated) return;
    max_delay = std::max<Nanos>(Nanos(q.max_resp_ms) * kMsec, kJiffy);
    fa.maxdelay = max_delay;
    fa.qrv = q.qrv ? q.qrv : kDefaultQrv;
    fa.qi = q.qqi_s ? Nanos(q.qqi_s) * kSec : kQueryInterval;
    if (fa.qri >= fa.qi) fa.qri = (fa.qi / kSec - 1) * kSec;
    if (q.is_general_query()) {
      if (q.query_nsrcs) return;  // no sources allowed
      gq_start(st, dev, fa, false);
      return;
    }
  }
  bool general = group.v4().is_zero();
  for (auto& m : fa.groups) {
    if ((!general && m.addr != group) || m.noreport) continue;
    igmp_mod_timer(st, dev, m, max_delay);
  }
}

void McHost::igmp_rcv(HostStack& st, Device& dev, const Frame& f, const uint8_t* ip, size_t len) {
  wire::McastMessage m;
  if (wire::parse_igmp_packet(ip, len, m) != wire::McastParse::kOk) return;
  ++st.counters_.igmp_in;
  McIface* i = iface(st, dev.ifindex());
  if (!i) return;
  if (m.kind == Kind::kQuery) {
    igmp_heard_query(st, dev, i->v4, m);
    return;
  }
  // Another host's v1/v2 report (to the group, which we joined): ours is not needed.
  bool l2_multicast = MacAddr::from_bytes(f.data()).is_multicast();
  if (m.kind != Kind::kReport || m.version == 3 || !l2_multicast) return;
  if (McGroup* g = find(i->v4, m.group); g && !g->noreport) stop_timer(st, *g);
}

void McHost::mld_heard_query(HostStack& st, Device& dev, McFamily& fa,
                             const wire::McastMessage& q) {
  Nanos max_delay;
  if (q.version == 1 || mld_version(st, fa) == 1) {
    // mld_process_v1; an MLDv2 query in MLDv1 mode reads its code as a plain delay.
    uint32_t md = q.version == 1 ? q.max_resp_ms
                                 : std::min<uint32_t>(wire::mldv2_mrc_encode(q.max_resp_ms),
                                                      kMldv1MaxCompatDelay);
    max_delay = std::max<Nanos>(Nanos(md) * kMsec, kJiffy);
    if (q.version == 1) fa.v1_seen = now(st) + fa.qrv * fa.qi + fa.qri;
    cancel(st, fa.gq_timer);
    fa.ifc_count = 0;
    cancel(st, fa.ifc_timer);
    fa.tomb.clear();
  } else {
    if (q.sources_truncated) return;
    max_delay = std::max<Nanos>(Nanos(q.max_resp_ms) * kMsec, kJiffy);
    if (q.qrv) fa.qrv = std::max<int>(q.qrv, kDefaultQrv);
    fa.qi = Nanos(q.qqi_s) * kSec;
    fa.qri = Nanos(q.max_resp_ms) * kMsec;
    fa.maxdelay = max_delay;
    if (q.is_general_query()) {
      if (q.query_nsrcs) return;
      gq_start(st, dev, fa, true);
      return;
    }
  }
  bool general = q.group.v6().is_zero();
  for (auto& m : fa.groups)
    if (general || m.addr == q.group) mld_group_queried(st, dev, m, max_delay);
}

void McHost::mld_rcv(HostStack& st, Device& dev, const Frame& f, const uint8_t* ip, size_t len) {
  wire::McastMessage m;
  if (wire::parse_mld_packet(ip, len, m) != wire::McastParse::kOk) return;
  ++st.counters_.mld_in;
  McIface* i = iface(st, dev.ifindex());
  if (!i) return;
  if (m.kind == Kind::kQuery) {
    // RFC 3810 6.2 (Linux's __mld_query_work): hop limit 1 and the Router Alert option, and a
    // group that is :: or multicast (the parser already required a link-local source).
    if (m.ttl != 1 || !m.router_alert) return;
    if (!m.group.v6().is_zero() && !m.group.v6().is_multicast()) return;
    mld_heard_query(st, dev, i->v6, m);
    return;
  }
  // Another listener's MLDv1 report: from a link-local source (or ::), to a multicast MAC.
  bool l2_multicast = MacAddr::from_bytes(f.data()).is_multicast();
  if (m.kind != Kind::kReport || m.version != 1 || !l2_multicast) return;
  if (!m.src.v6().is_zero() && !m.src.v6().is_link_local()) return;
  if (McGroup* g = find(i->v6, m.group)) {
    cancel(st, g->timer);
    g->reporter = false;
  }
}

// --- HostStack's side

Status HostStack::mc_join(int ifindex, const IpAddr& group) {
  Device* dev = ns_.find(ifindex);
  if (!dev) return Error::errno_only(ENODEV);
  if (!group_is_multicast(group)) return Error::errno_only(EINVAL);
  McHost::inc_group(*this, *dev, group);
  return {};
}

Status HostStack::mc_leave(int ifindex, const IpAddr& group) {
  Device* dev = ns_.find(ifindex);
  if (!dev) return Error::errno_only(ENODEV);
  if (!McHost::dec_group(*this, *dev, group)) return Error::errno_only(EADDRNOTAVAIL);
  return {};
}

Status HostStack::autojoin(int ifindex, const IpAddr& group, bool join) {
  McIface& i = McHost::iface_make(*this, ifindex);
  auto it = std::find(i.autojoin.begin(), i.autojoin.end(), group);
  if (!join) {
    if (it == i.autojoin.end()) return Error::errno_only(EADDRNOTAVAIL);
    i.autojoin.erase(it);
    return mc_leave(ifindex, group);
  }
  if (it != i.autojoin.end())
    return Error::with(EADDRINUSE, group.is_v4() ? "ipv4: Multicast auto join failed"
                                                 : "ipv6: Multicast auto join failed");
  if (auto st = mc_join(ifindex, group); !st) return st;
  i.autojoin.push_back(group);
  return {};
}

bool HostStack::mc_is_member(int ifindex, const IpAddr& group) const {
  auto it = mc_.find(ifindex);
  if (it == mc_.end()) return false;
  const McFamily& f = group.is_v4() ? it->second->v4 : it->second->v6;
  for (auto& m : f.groups)
    if (m.addr == group) return true;
  return false;
}

std::vector<McMembership> HostStack::mc_groups(int ifindex) const {
  std::vector<McMembership> out;
  auto it = mc_.find(ifindex);
  if (it == mc_.end()) return out;
  for (auto& m : it->second->v4.groups) out.push_back({m.addr, m.users});
  for (auto& m : it->second->v6.groups) out.push_back({m.addr, m.users});
  return out;
}

int HostStack::igmp_version(int ifindex) const {
  auto it = mc_.find(ifindex);
  if (it == mc_.end()) return 3;
  return McHost::igmp_version(*this, it->second->v4);
}

int HostStack::mld_version(int ifindex) const {
  auto it = mc_.find(ifindex);
  if (it == mc_.end()) return 2;
  return McHost::mld_version(*this, it->second->v6);
}

Status HostStack::mc_static_add(int ifindex, const MacAddr& m) {
  Device* dev = ns_.find(ifindex);
  if (!dev) return Error::errno_only(ENODEV);
  McIface& i = McHost::iface_make(*this, ifindex);
  if (std::find(i.statics.begin(), i.statics.end(), m) != i.statics.end()) return {};
  i.statics.push_back(m);
  dev->mc_add(m);
  return {};
}

Status HostStack::mc_static_del(int ifindex, const MacAddr& m) {
  Device* dev = ns_.find(ifindex);
  if (!dev) return Error::errno_only(ENODEV);
  McIface* i = McHost::iface(*this, ifindex);
  auto it =
      i ? std::find(i->statics.begin(), i->statics.end(), m) : std::vector<MacAddr>::iterator{};
  if (!i || it == i->statics.end()) return Error::errno_only(ENOENT);
  i->statics.erase(it);
  dev->mc_del(m);
  return {};
}

bool HostStack::mc_is_static(int ifindex, const MacAddr& m) const {
  auto it = mc_.find(ifindex);
  if (it == mc_.end()) return false;
  auto& s = it->second->statics;
  return std::find(s.begin(), s.end(), m) != s.end();
}

void HostStack::mc_device_added(Device& dev) {
  // ipv6_add_dev: interface-local, then link-local all-nodes.
  McHost::inc_group(*this, dev, IpAddr{*Ipv6Addr::parse("ff01::1")});
  McHost::inc_group(*this, dev, IpAddr{wire::mld_all_nodes()});
}

void HostStack::mc_device_gone(Device& dev) {
  auto it = mc_.find(dev.ifindex());
  if (it == mc_.end()) return;
  McIface& i = *it->second;
  for (McFamily* f : {&i.v4, &i.v6}) {
    McHost::stop_all(*this, *f);
    for (auto& m : f->groups) McHost::unload(dev, m);
  }
  for (auto& m : i.statics) dev.mc_del(m);
  mc_.erase(it);
}

void HostStack::mc_up(Device& dev) {
  McIface& i = McHost::iface_make(*this, dev.ifindex());
  // ip_mc_up: all-hosts joined, every IPv4 group reported again.
  McHost::reset(i.v4, false);
  McHost::inc_group(*this, dev, IpAddr{wire::kIgmpAllHosts});
  for (auto& m : i.v4.groups) {
    IpAddr g = m.addr;
    std::erase_if(i.v4.tomb, [&](const McTomb& t) { return t.addr == g; });
    if (g.v4() != wire::kIgmpAllHosts) McHost::group_added(*this, dev, i.v4, m, false);
  }
  // ipv6_mc_up runs when the link is ready (up with carrier).
  if (dev.carrier()) McHost::v6_up(*this, dev, i);
}

void HostStack::mc_down(Device& dev) {
  McIface* i = McHost::iface(*this, dev.ifindex());
  if (!i) return;
  McHost::stop_all(*this, i->v4);
  McHost::stop_all(*this, i->v6);
  McHost::dec_group(*this, dev, IpAddr{wire::kIgmpAllHosts});
}

void HostStack::mc_carrier_on(Device& dev) {
  // The link becomes ready (addrconf configures it, or, configured already, resends the MLD
  // reports because we may have moved): ipv6_mc_up.
  McHost::v6_up(*this, dev, McHost::iface_make(*this, dev.ifindex()));
}

void HostStack::mc_dad_complete(Device& dev) {
  McIface* i = McHost::iface(*this, dev.ifindex());
  if (!i) return;
  McFamily& f = i->v6;
  f.dad_count = f.qrv;
  if (f.dad_count <= 0) return;
  McHost::send_initial_cr(*this, dev, f);
  if (--f.dad_count > 0) McHost::dad_start(*this, dev, f);
}

void HostStack::mc_cancel_all() {
  for (auto& [idx, i] : mc_) {
    McHost::stop_all(*this, i->v4);
    McHost::stop_all(*this, i->v6);
  }
}

void HostStack::receive_igmp(Device& dev, Frame& f, const uint8_t* ip, size_t len) {
  McHost::igmp_rcv(*this, dev, f, ip, len);
}

void HostStack::receive_mld(Device& dev, Frame& f, const uint8_t* ip, size_t len) {
  McHost::mld_rcv(*this, dev, f, ip, len);
}

}  // namespace uvn
