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
                  fmt::format("Cannot find {} device \"{}\"", w == "br" ? "bridge" : "device",
                              *it));
    (w == "br" ? br : port) = d;
    return 0;
  }
  if (w == "vlan") {
    if (++it == end) return incomplete(ctx);
    auto v = parse_uint(*it, 4094);
    if (!v || !*v) return fail(ctx, kExitUsage, "Error: invalid vlan id.");
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
    } else if (w == "dynamic") {
      dynamic_only = true;
    }
  }
  std::vector<Row> rows;
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
    } else if (w == "router" || w == "norefresh" || w == "inactive" || w == "activity_notify") {
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
  if (!ctx.ns->find(r.dev)) return no_device(ctx, r.dev);
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
    return fail(ctx, kExitUsage, "Device and address are required arguments.");
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
  int want_perm = -1, want_static = -1, want_dyn = -1;
  for (; it != end; ++it) {
    const std::string& w = *it;
    if (w == "dev" || w == "brport") {
      if (++it == end) return incomplete(ctx);
      const Device* d = ctx.ns->find(*it);
      if (!d) return no_device(ctx, *it);
      (w == "dev" ? dev : port) = d;
    } else if (w == "vlan") {
      if (++it == end) return incomplete(ctx);
      auto v = parse_uint(*it, 4094);
      if (!v || !*v) return fail(ctx, kExitUsage, fmt::format("Invalid VLAN ID \"{}\"", *it));
      vlan = uint16_t(*v);
    } else if (w == "permanent" || w == "nopermanent") {
      want_perm = w == "permanent";
    } else if (w == "static" || w == "nostatic") {
      want_static = w == "static";
    } else if (w == "dynamic" || w == "nodynamic") {
      want_dyn = w == "dynamic";
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
    bool perm = e.is_local(), stat = (e.flags & kFdbStatic) != 0, dyn = !perm && !stat;
    if (want_perm >= 0 && perm != bool(want_perm)) return false;
    if (want_static >= 0 && stat != bool(want_static)) return false;
    if (want_dyn >= 0 && dyn != bool(want_dyn)) return false;
    if (want_perm < 0 && perm) return false;  // local entries only when asked for
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
  if (matches(cmd, "help")) {
    ctx.err += "Usage: bridge fdb { add | append | del | replace } ADDR dev DEV\n";
    return kExitUsage;
  }
  ctx.err += fmt::format("Command \"{}\" is unknown, try \"bridge fdb help\".\n", cmd);
  return kExitUsage;
}

}  // namespace uvn::cli
