// `bridge fdb`: show (filters br, brport/dev, vlan, state), add/append/replace/del, get,
// flush. Listing order is the kernel's: devices by ifindex; for a bridge port first the
// bridge's entries for it (newest first), then the port's own address lists ("self"); for a
// bridge device its own lists, then the bridge's entries that point to no port.
#include <fmt/format.h>

#include "base/strings.h"
#include "cli/ip_errors.h"
#include "cli/ip_link.h"
#include "cli/json_writer.h"
#include "ctl/bridge.h"
#include "world/netns.h"

namespace uvn::cli {

namespace {

struct Row {
  MacAddr mac;
  const Device* dev;
  std::optional<uint16_t> vlan;
  bool self = false;
  const BridgeDevice* master = nullptr;
  std::string state;  // "permanent", "static", "" (reachable), "stale"
  std::vector<std::string> flags;
  std::vector<std::string> activity;  // "activity_notify", "inactive" (shown with -d)
  Nanos used = -1, updated = -1;
};

std::string state_of(const BridgeDevice& br, const FdbEntry& e, Nanos now) {
  if (e.is_local()) return "permanent";
  if (e.flags & kFdbStatic) return "static";
  if (br.expired(e, now)) return "stale";
  return "";
}

void bridge_rows(const BridgeDevice& br, const BridgePort* port, Nanos now,
                 std::vector<Row>& out) {
  auto list = br.fdb().list();
  for (auto it = list.rbegin(); it != list.rend(); ++it) {
    const FdbEntry& e = **it;
    if (e.port != port) continue;
    Row r;
    r.mac = e.mac;
    r.dev = port ? &port->dev() : &br;
    if (e.vid) r.vlan = e.vid;
    r.master = &br;
    r.state = state_of(br, e, now);
    if (e.flags & kFdbExternLearn) r.flags.push_back("extern_learn");
    if (e.flags & kFdbSticky) r.flags.push_back("sticky");
    if (e.flags & kFdbLocked) r.flags.push_back("locked");
    if (e.flags & kFdbNotify) r.activity.push_back("activity_notify");
    if (e.flags & kFdbNotifyInactive) r.activity.push_back("inactive");
    r.used = (now - e.used) / kSec;
    r.updated = (now - e.updated) / kSec;
    out.push_back(r);
  }
}

void self_rows(const Device& d, std::vector<Row>& out) {
  for (auto* list : {&d.uc_list(), &d.mc_list()})
    for (auto& a : *list) {
      Row r;
      r.mac = a.mac;
      r.dev = &d;
      r.self = true;
      r.state = "permanent";
      r.flags.push_back("self");
      out.push_back(r);
    }
}

std::vector<Row> all_rows(Context& ctx) {
  std::vector<Row> rows;
  Nanos now = ctx.world.engine().now();
  for (auto& [idx, d] : ctx.ns->devices()) {
    if (d->info().link_type != "ether") continue;
    auto* br = dynamic_cast<const BridgeDevice*>(d->master());
    if (br) bridge_rows(*br, br->port_of(*d), now, rows);
    self_rows(*d, rows);
    if (auto* self_br = dynamic_cast<const BridgeDevice*>(d.get()))
      bridge_rows(*self_br, nullptr, now, rows);
  }
  return rows;
}

std::string row_text(Context& ctx, const Row& r, bool show_dev) {
  std::string s = r.mac.format();
  if (show_dev) s += " dev " + r.dev->name();
  if (r.vlan) s += fmt::format(" vlan {}", *r.vlan);
  if (ctx.opt.stats && !r.self) s += fmt::format(" used {}/{}", r.used, r.updated);
  for (auto& f : r.flags) s += " " + f;
  if (r.master) s += " master " + r.master->name();
  s += " " + r.state;
  if (ctx.opt.details)
    for (auto& a : r.activity) s += " " + a;
  // A reachable entry's empty state leaves the trailing space, as iproute2 prints it.
  return s + "\n";
}

void row_json(Context& ctx, const Row& r, bool show_dev, JsonWriter& jw) {
  jw.start_object();
  jw.member("mac", r.mac.format());
  if (show_dev) jw.member("ifname", r.dev->name());
  if (r.vlan) jw.member("vlan", *r.vlan);
  if (ctx.opt.stats && !r.self) {
    jw.member("used", uint64_t(r.used));
    jw.member("updated", uint64_t(r.updated));
  }
  jw.key("flags");
  jw.start_array();
  for (auto& f : r.flags) jw.value(f);
  jw.end_array();
  if (r.master) jw.member("master", r.master->name());
  jw.member("state", r.state);
  if (ctx.opt.details)
    for (auto& a : r.activity) jw.member(a, true);
  jw.end_object();
}

int print_rows(Context& ctx, const std::vector<Row>& rows, bool show_dev) {
  if (ctx.opt.json) {
    JsonWriter jw(ctx.opt.pretty);
    jw.start_array();
    for (auto& r : rows) row_json(ctx, r, show_dev, jw);
    jw.end_array();
    ctx.out += jw.str() + "\n";
    return 0;
  }
  for (auto& r : rows) ctx.out += row_text(ctx, r, show_dev);
  return 0;
}

// The selectors `bridge fdb show` and `get` share: br BR, brport|dev DEV, vlan VID. Returns
// -1 when *it is none of them, 0 when parsed (it moved to the value), or an exit status.
int parse_selector(Context& ctx, ArgIt& it, ArgIt end, const Device*& br, const Device*& port,
                   std::optional<uint16_t>& vlan) {
  const std::string& w = *it;
  if (w == "br" || w == "brport" || w == "dev") {
    if (++it == end) return incomplete(ctx);
    const Device* d = ctx.ns->find(*it);
    if (!d)
      return fail(ctx, kExitUsage,
                  fmt::format("Cannot find {}device \"{}\"", w == "br" ? "bridge " : "", *it));
    (w == "br" ? br : port) = d;
    return 0;
  }
  if (w == "vlan") {
    // Any 16-bit number here: show filters by it, the kernel checks get's (fdb_get).
    if (++it == end) return incomplete(ctx);
    auto v = parse_uint(*it, UINT16_MAX);
    if (!v) return fail(ctx, kExitUsage, "Error: invalid vlan id.");
    vlan = uint16_t(*v);
    return 0;
  }
  return -1;
}

int fdb_show(Context& ctx, ArgIt it, ArgIt end) {
  const Device* br = nullptr;
  const Device* port = nullptr;
  std::optional<uint16_t> vlan;
  std::string state;
  bool dynamic_only = false;
  for (; it != end; ++it) {
    const std::string& w = *it;
    if (int rc = parse_selector(ctx, it, end, br, port, vlan); rc >= 0) {
      if (rc) return rc;
    } else if (w == "state") {
      if (++it == end) return incomplete(ctx);
      state = *it;
      if (state != "permanent" && state != "local" && state != "static" && state != "stale" &&
          state != "reachable" && !parse_uint(state, UINT16_MAX))
        return invarg(ctx, "invalid state", state);
    } else if (w == "dynamic") {
      dynamic_only = true;
    }
  }
  std::vector<Row> rows;
  // `br` names a bridge's entries; another device's are none.
  if (br && !dynamic_cast<const BridgeDevice*>(br)) return print_rows(ctx, rows, port == nullptr);
  for (auto& r : all_rows(ctx)) {
    if (br && r.dev != br && r.dev->master() != br) continue;
    if (port && r.dev != port) continue;
    if (vlan && r.vlan != vlan) continue;
    if (!state.empty()) {
      std::string want = state == "reachable" ? "" : state == "local" ? "permanent" : state;
      if (r.state != want) continue;
    }
    if (dynamic_only && r.state == "permanent") continue;
    rows.push_back(r);
  }
  return print_rows(ctx, rows, port == nullptr);
}

int fdb_modify(Context& ctx, ArgIt it, ArgIt end, ctl::FdbOp op) {
  ctl::FdbRequest r;
  bool have_mac = false;
  for (; it != end; ++it) {
    const std::string& w = *it;
    if (w == "dev") {
      if (++it == end) return incomplete(ctx);
      r.dev = *it;
    } else if (w == "vlan") {
      if (++it == end) return incomplete(ctx);
      auto v = parse_uint(*it, 4094);
      if (!v || !*v) return fail(ctx, kExitUsage, "Error: invalid vlan id.");
      r.vlan = uint16_t(*v);
    } else if (w == "master") {
      r.master = true;
    } else if (w == "self") {
      r.self = true;
    } else if (w == "local" || w == "permanent") {
      r.state = ctl::FdbState::kPermanent;
    } else if (w == "static") {
      r.state = ctl::FdbState::kStatic;
    } else if (w == "dynamic") {
      r.state = ctl::FdbState::kDynamic;
    } else if (w == "sticky") {
      r.sticky = true;
    } else if (w == "extern_learn") {
      r.extern_learn = true;
    } else if (w == "use") {
      r.use = true;
    } else if (w == "activity_notify") {
      r.notify = uint8_t(r.notify.value_or(0) | 1);
    } else if (w == "inactive") {
      r.notify = uint8_t(r.notify.value_or(0) | 2);
    } else if (w == "norefresh") {
      r.norefresh = true;
    } else if (w == "router") {
    } else if (w == "dst" || w == "port" || w == "vni" || w == "nhid" || w == "src_vni" ||
               w == "via") {
      // Remote (VXLAN) attributes: a bridge port's FDB ignores them.
      if (++it == end) return incomplete(ctx);
    } else {
      std::string mac = w;
      if (w == "to") {
        if (++it == end) return incomplete(ctx);
        mac = *it;
      }
      if (have_mac) return duparg2(ctx, "to", mac);
      auto parts = split(mac, ':');
      auto m = MacAddr::parse(mac);
      if (!m && parts.size() > 6) {
        // iproute2 reads six octets and ignores the rest.
        m = MacAddr::parse(join({parts.begin(), parts.begin() + 6}, ":"));
      }
      if (!m) return fail(ctx, kExitUsage, fmt::format("Invalid mac address {}", mac));
      r.mac = *m;
      have_mac = true;
    }
  }
  if (r.dev.empty() || !have_mac)
    return fail(ctx, kExitUsage, "Device and address are required arguments.");
  if (!ctx.ns->find(r.dev))
    return fail(ctx, kExitUsage, fmt::format("Cannot find device \"{}\"", r.dev));
  auto st = ctl::fdb_change(ctx.world, *ctx.ns, r, op);
  if (!st) {
    kernel_error(ctx, st.error());
    return kExitUsage;
  }
  return 0;
}

int fdb_get(Context& ctx, ArgIt it, ArgIt end) {
  std::optional<MacAddr> mac;
  const Device* br = nullptr;
  const Device* port = nullptr;
  std::optional<uint16_t> vlan;
  for (; it != end; ++it) {
    const std::string& w = *it;
    if (int rc = parse_selector(ctx, it, end, br, port, vlan); rc >= 0) {
      if (rc) return rc;
    } else if (w == "self" || w == "master" || w == "dynamic") {
    } else {
      const std::string& m = w == "to" && it + 1 != end ? *++it : w;
      mac = MacAddr::parse(m);
      if (!mac) return fail(ctx, kExitUsage, fmt::format("Invalid mac address {}", m));
    }
  }
  if (!mac || (!br && !port))
    return fail(ctx, kExitUsage, "Device or master and address are required arguments.");
  if (vlan && (!*vlan || *vlan >= 4095)) return fail(ctx, 254, "Error: invalid vlan id.");
  const BridgeDevice* bridge = dynamic_cast<const BridgeDevice*>(br ? br : port->master());
  if (!bridge) return fail(ctx, 254, "Error: Fdb get operation not supported by device.");
  const FdbEntry* e = const_cast<BridgeDevice*>(bridge)->fdb().find(*mac, vlan.value_or(0));
  if (!e || (port && e->port && &e->port->dev() != port))
    return fail(ctx, 254, "Error: Fdb entry not found.");
  std::vector<Row> one;
  std::vector<Row> rows;
  bridge_rows(*bridge, e->port, ctx.world.engine().now(), rows);
  for (auto& r : rows)
    if (r.mac == *mac && r.vlan == vlan) one.push_back(r);
  return print_rows(ctx, one, true);
}

int fdb_flush(Context& ctx, ArgIt it, ArgIt end) {
  const Device* dev = nullptr;
  const Device* port = nullptr;
  std::optional<uint16_t> vlan;
  // Each filter word keeps only the entries that have (or, with "no", lack) a property;
  // several combine with AND, a later word about the same property wins. No filter: all.
  enum Prop { kPerm, kStatic, kDyn, kUser, kExtern, kSticky, kOffloaded, kNProps };
  static constexpr const char* kPropWords[] = {"permanent", "static", "dynamic", "added_by_user",
                                               "extern_learn", "sticky", "offloaded"};
  int want[kNProps] = {-1, -1, -1, -1, -1, -1, -1};
  for (; it != end; ++it) {
    const std::string& w = *it;
    if (w == "dev" || w == "brport") {
      if (++it == end) return incomplete(ctx);
      const Device* d = ctx.ns->find(*it);
      if (!d)
        return fail(ctx, kExitUsage,
                    fmt::format("Cannot find bridge {}device \"{}\"", w == "dev" ? "" : "port ",
                                *it));
      (w == "dev" ? dev : port) = d;
    } else if (w == "vlan") {
      if (++it == end) return incomplete(ctx);
      auto v = parse_uint(*it, 4094);
      if (!v || !*v) return fail(ctx, kExitUsage, fmt::format("Invalid VLAN ID \"{}\"", *it));
      vlan = uint16_t(*v);
    } else {
      for (int p = 0; p < kNProps; ++p) {
        if (w == kPropWords[p]) want[p] = 1;
        if (w == std::string("no") + kPropWords[p]) want[p] = 0;
      }
    }
  }
  if (!dev) return fail(ctx, kExitUsage, "Device is a required argument.");
  auto* br = dynamic_cast<BridgeDevice*>(const_cast<Device*>(dev));
  if (!br) {
    kernel_error(ctx, Error::errno_only(EOPNOTSUPP));
    return kExitUsage;
  }
  BridgePort* p = port ? br->port_of(*port) : nullptr;
  br->fdb().erase_if([&](const FdbEntry& e) {
    if (port && e.port != p) return false;
    if (vlan && e.vid != *vlan) return false;
    bool perm = e.is_local(), stat = !perm && (e.flags & kFdbStatic);
    bool has[kNProps] = {perm,
                         stat,
                         !perm && !stat,
                         (e.flags & kFdbAddedByUser) != 0,
                         (e.flags & kFdbExternLearn) != 0,
                         (e.flags & kFdbSticky) != 0,
                         (e.flags & kFdbOffloaded) != 0};
    for (int p = 0; p < kNProps; ++p)
      if (want[p] >= 0 && has[p] != bool(want[p])) return false;
    return true;
  });
  return 0;
}

}  // namespace

int bridge_fdb(Context& ctx, ArgIt it, ArgIt end) {
  if (it == end) return fdb_show(ctx, it, end);
  const std::string& cmd = *it++;
  if (matches(cmd, "add")) return fdb_modify(ctx, it, end, ctl::FdbOp::kAdd);
  if (matches(cmd, "append")) return fdb_modify(ctx, it, end, ctl::FdbOp::kAppend);
  if (matches(cmd, "replace")) return fdb_modify(ctx, it, end, ctl::FdbOp::kReplace);
  if (matches(cmd, "delete")) return fdb_modify(ctx, it, end, ctl::FdbOp::kDel);
  if (matches(cmd, "show") || matches(cmd, "list") || cmd == "lst") return fdb_show(ctx, it, end);
  if (matches(cmd, "get")) return fdb_get(ctx, it, end);
  if (matches(cmd, "flush")) return fdb_flush(ctx, it, end);
  if (matches(cmd, "help")) {  // iproute2 6.1's text, as recorded (bridge-cmd.txt)
    ctx.err +=
        "Usage: bridge fdb { add | append | del | replace } ADDR dev DEV\n"
        "              [ self ] [ master ] [ use ] [ router ] [ extern_learn ]\n"
        "              [ sticky ] [ local | static | dynamic ] [ vlan VID ]\n"
        "              { [ dst IPADDR ] [ port PORT] [ vni VNI ] | [ nhid NHID ] }\n"
        "\t       [ via DEV ] [ src_vni VNI ]\n"
        "       bridge fdb [ show [ br BRDEV ] [ brport DEV ] [ vlan VID ]\n"
        "              [ state STATE ] [ dynamic ] ]\n"
        "       bridge fdb get [ to ] LLADDR [ br BRDEV ] { brport | dev } DEV\n"
        "              [ vlan VID ] [ vni VNI ] [ self ] [ master ] [ dynamic ]\n"
        "       bridge fdb flush dev DEV [ brport DEV ] [ vlan VID ]\n"
        "              [ self ] [ master ] [ [no]permanent | [no]static | [no]dynamic ]\n"
        "              [ [no]added_by_user ] [ [no]extern_learn ] [ [no]sticky ]\n"
        "              [ [no]offloaded ]\n";
    return kExitUsage;
  }
  ctx.err += fmt::format("Command \"{}\" is unknown, try \"bridge fdb help\".\n", cmd);
  return kExitUsage;
}

}  // namespace uvn::cli
