// `bridge monitor [link] [fdb] [mdb] [vlan] [vni] [all]`: prints the rtnetlink messages of a
// namespace as iproute2 6.1's bridge tool does, one line per message, from the same event bus
// as `ip monitor` (world/events.h); in the simulator it runs in the background until the
// script ends.
//
// What it prints (as recorded from Linux, tests/reference/bridge-monitor.txt):
//   fdb   "[Deleted ]MAC dev DEV [vlan N] [used A/U] [flags] master BR STATE" for a bridge's
//         FDB entries (STATE: permanent, static, stale or empty); -s adds used/updated.
//   link  every link message, short: "[Deleted ]IDX: NAME[@LINK]: <FLAGS> mtu N [master M] "
//         and, for a bridge port's AF_BRIDGE message, "state S priority P cost C " (with -d a
//         second line of port flags, in iproute2 6.1's set).
//   mdb   "[Deleted ]" + the `bridge mdb show` line of an entry's port (or the bridge's own
//         membership); "[Deleted ]router port dev PORT master BR" for router ports.
//   all   the same with "[NEIGH]"/"[LINK]"/"[MDB]" before each message; no argument: everything,
//         without them. -t puts "Timestamp: ..." before each message (virtual time from the
//         epoch, UTC); -j is ignored, as by the real tool.
// NAME@LINK follows iproute2: a link message carrying IFLA_LINK_NETNSID (a veth whose peer
// is in another namespace) shows "@ifN"; otherwise, as in the AF_BRIDGE messages, the index
// is looked up in the monitor's namespace, through a cache that remembers a device's name
// and flags as they were when first looked up (so "veth1@br0" when the peer's index is br0's
// here, with M-DOWN while the cached br0 was down); an index nobody has shows "ifN", a peer
// that is gone "NONE"; none at all when the peer's index is the port's own.
#include <fmt/format.h>

#include <map>
#include <memory>

#include "base/strings.h"
#include "cli/bridge.h"
#include "cli/ip_errors.h"
#include "cli/ip_objects.h"
#include "cli/link_print.h"
#include "dev/bridge/bridge.h"
#include "world/netns.h"

namespace uvn::cli {

namespace {

int usage(Context& ctx) {
  ctx.err += "Usage: bridge monitor [file | link | fdb | mdb | vlan | vni | all]\n";
  return kExitUsage;
}

// asctime() of a UTC time, without the newline: "Thu Jan  1 00:00:01 1970".
std::string asctime_utc(int64_t secs) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int64_t days = secs / 86400, rem = secs % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  int wday = int(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
  // Days to a civil date (the proleptic Gregorian calendar, eras of 400 years).
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t day = doy - (153 * mp + 2) / 5 + 1;
  int64_t month = mp < 10 ? mp + 3 : mp - 9;
  int64_t year = yoe + era * 400 + (month <= 2);
  return fmt::format("{} {}{:3} {:02}:{:02}:{:02} {}", kDays[wday], kMonths[month - 1], day,
                     rem / 3600, rem / 60 % 60, rem % 60, year);
}

// The port flags `bridge -d` prints in iproute2 6.1 (later versions add more).
constexpr BridgePortOpt kDetail61[] = {
    kBpHairpin,       kBpGuard,      kBpRootBlock,  kBpFastleave,   kBpLearning,
    kBpFlood,         kBpMcastFlood, kBpBcastFlood, kBpMcastRouter, kBpMcastToUnicast,
    kBpNeighSuppress, kBpVlanTunnel, kBpIsolated,   kBpLocked};

class BridgeMonitor {
 public:
  BridgeMonitor(World& w, Netns* ns, const IpOptions& opt, bool link, bool fdb, bool mdb,
                bool banner)
      : w_(w), ns_(ns), opt_(opt), link_(link), fdb_(fdb), mdb_(mdb), banner_(banner) {}

  // The text for one event, or "" when the monitor does not show it.
  std::string format(const Event& e) {
    if (e.ns != ns_ || !e.dev) return {};
    std::string body;
    switch (e.type) {
      case EventType::kNewLink:
      case EventType::kDelLink:
        if (!link_) return {};
        body = (banner_ ? "[LINK]" : "") + link_msg(*e.dev, false, e.type == EventType::kDelLink);
        break;
      case EventType::kNewBridgePort:
      case EventType::kDelBridgePort:
        if (!link_) return {};
        body =
            (banner_ ? "[LINK]" : "") + link_msg(*e.dev, true, e.type == EventType::kDelBridgePort);
        break;
      case EventType::kNewFdb:
      case EventType::kDelFdb:
        if (!fdb_ || !e.fdb) return {};
        body = fdb_msg(*e.dev, *e.fdb, e.type == EventType::kDelFdb);
        if (body.empty()) return {};
        if (banner_) body = "[NEIGH]" + body;
        break;
      case EventType::kNewMdb:
      case EventType::kDelMdb: {
        auto* br = dynamic_cast<const BridgeDevice*>(e.dev);
        if (!mdb_ || !e.mdb || !br) return {};
        body = (banner_ ? "[MDB]" : "") + std::string(e.type == EventType::kDelMdb ? "Deleted " : "") +
               mdb_entry_text(opt_, *br, *e.mdb, e.pg, w_.engine().now());
        break;
      }
      case EventType::kNewMdbRouter:
      case EventType::kDelMdbRouter:
        if (!mdb_ || !e.port) return {};
        body = fmt::format("{}{}router port dev {} master {}\n", banner_ ? "[MDB]" : "",
                           e.type == EventType::kDelMdbRouter ? "Deleted " : "", dev_name(*e.port),
                           dev_name(*e.dev));
        break;
      default:
        return {};
    }
    if (!opt_.timestamp) return body;
    Nanos now = w_.engine().now();
    return fmt::format("Timestamp: {} {} usec\n", asctime_utc(now / kSec), now % kSec / kUsec) +
           body;
  }

 private:
  struct Cached {
    std::string name;
    uint32_t flags;
  };

  // ll_index_to_name: the cache, else a lookup that fills it, else "ifN".
  std::string name_of(int idx) {
    if (idx == 0) return "*";
    if (auto it = cache_.find(idx); it != cache_.end()) return it->second.name;
    const Device* d = ns_->find(idx);
    if (!d || !d->registered()) return fmt::format("if{}", idx);
    cache_[idx] = {d->name(), d->visible_flags()};
    return d->name();
  }
  // ll_index_to_flags: from the cache only; all bits when unknown.
  uint32_t flags_of(int idx) {
    if (idx == 0) return 0;
    auto it = cache_.find(idx);
    return it == cache_.end() ? ~0u : it->second.flags;
  }
  std::string dev_name(const Device& d) {
    return d.registered() && d.ctx() == ns_ ? name_of(d.ifindex()) : d.name();
  }

  std::string link_msg(const Device& d, bool bridge_msg, bool deleted) {
    std::string name = d.name();
    bool mdown = false;
    const Device* peer = d.link();
    // The kernel sends IFLA_LINK only when it differs from the device's own index (a veth's
    // peer index, 0 once the peer is gone).
    int iflink = peer && peer->registered() ? peer->ifindex() : 0;
    if ((peer || d.kind() == "veth") && iflink != d.ifindex()) {
      if (iflink == 0) {
        name += "@NONE";
      } else if (!bridge_msg && peer->ctx() != d.ctx()) {
        name += fmt::format("@if{}", iflink);  // IFLA_LINK_NETNSID: not looked up
      } else {
        name += '@';  // two appends: g++ 12 -O3 warns (-Wrestrict) on "@" + string here
        name += name_of(iflink);
        mdown = !(flags_of(iflink) & kIffUp);
      }
    }
    std::string s = fmt::format("{}{}: {}: {} mtu {} ", deleted ? "Deleted " : "", d.ifindex(),
                                name, flags(d, mdown), d.mtu());
    if (const Device* m = d.master()) s += "master " + name_of(m->ifindex()) + " ";
    BridgePort* p = nullptr;
    if (auto* br = dynamic_cast<BridgeDevice*>(d.master()); br && bridge_msg && !deleted)
      p = br->port_of(d);
    if (!p) return s + "\n";
    const OptionTable& t = kBridgePortOptionTable;
    s += fmt::format("state {} priority {} cost {} \n", t.format(kBpState, p->state()),
                     p->opt(kBpPriority), p->opt(kBpCost));
    if (opt_.details) {
      s += "    ";
      for (BridgePortOpt o : kDetail61) {
        if (o == kBpIsolated && p->backup_port)
          s += "backup_port " + name_of(p->backup_port->dev().ifindex()) + " ";
        s += fmt::format("{} {} ", t.specs()[o].name, t.format(o, p->opt(o)));
      }
      s += "\n";
    }
    return s;
  }

  // "<FLAGS>" as ip prints them, with M-DOWN decided here (see the file comment).
  std::string flags(const Device& d, bool mdown) {
    std::string text, err;
    Context c{w_, ns_, text, err, nullptr, opt_, nullptr};
    std::string f = flags_text(c, d);
    for (std::string_view m : {",M-DOWN", "M-DOWN"})
      if (auto pos = f.find(m); pos != std::string::npos) {
        f.erase(pos, m.size());
        break;
      }
    if (mdown) f.insert(f.size() - 1, f.size() > 2 ? ",M-DOWN" : "M-DOWN");
    return f;
  }

  std::string fdb_msg(const Device& bridge, const FdbEntry& e, bool deleted) {
    const auto* br = dynamic_cast<const BridgeDevice*>(&bridge);
    if (!br) return {};
    Nanos now = w_.engine().now();
    std::string s = deleted ? "Deleted " : "";
    s += e.mac.format() + " dev " + dev_name(e.port ? e.port->dev() : bridge);
    if (e.vid) s += fmt::format(" vlan {}", e.vid);
    if (opt_.stats)
      s += fmt::format(" used {}/{}", (now - e.used) / kSec, (now - e.updated) / kSec);
    if (e.flags & kFdbExternLearn) s += " extern_learn";
    if (e.flags & kFdbSticky) s += " sticky";
    if (e.flags & kFdbLocked) s += " locked";
    s += " master " + dev_name(bridge) + " ";
    if (e.is_local())
      s += "permanent";
    else if (e.flags & kFdbStatic)
      s += "static";
    else if (br->expired(e, now))
      s += "stale";
    return s + "\n";
  }

  World& w_;
  Netns* ns_;
  IpOptions opt_;
  bool link_, fdb_, mdb_, banner_;
  std::map<int, Cached> cache_;  // iproute2's ll_map: never refreshed while it runs
};

}  // namespace

int bridge_monitor(Context& ctx, ArgIt it, ArgIt end) {
  bool link = false, fdb = false, mdb = false, other = false, banner = false;
  for (; it != end; ++it) {
    const std::string& a = *it;
    if (matches(a, "file")) {
      if (++it == end) return incomplete(ctx);
      return fail(ctx, 1, "bridge monitor file: not available in the simulator");
    } else if (matches(a, "link")) {
      link = true;
    } else if (matches(a, "fdb")) {
      fdb = true;
    } else if (matches(a, "mdb")) {
      mdb = true;
    } else if (matches(a, "vlan") || matches(a, "vni")) {
      other = true;  // uvn sends no VLAN or VNI messages
    } else if (a == "all") {
      link = fdb = mdb = other = banner = true;
    } else if (matches(a, "help")) {
      return usage(ctx);
    } else {
      ctx.err += fmt::format("Argument \"{}\" is unknown, try \"bridge monitor help\".\n", a);
      return kExitUsage;
    }
  }
  if (!link && !fdb && !mdb && !other) link = fdb = mdb = true;
  if (!ctx.background)
    return fail(ctx, 1, "bridge monitor: only available in the simulator (uvn run)");
  auto mon = std::make_shared<BridgeMonitor>(ctx.world, ctx.ns, ctx.opt, link, fdb, mdb, banner);
  std::string* sink = ctx.background;
  ctx.world.events().subscribe([mon, sink](const Event& e) { *sink += mon->format(e); });
  return 0;
}

}  // namespace uvn::cli
