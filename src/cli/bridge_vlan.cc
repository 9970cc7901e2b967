// `bridge vlan`: add/del, set, global set/show, show and tunnelshow, with iproute2 6.1's
// parsing, messages and formats (tests/reference/vlan-ground-truth.md section 3; the parse
// errors checked against this machine's bridge 6.1). The requests go to ctl/bridge_vlan.h.
//
// Listings reproduce the kernel's dumps and iproute2's printers over them:
//  - `bridge vlan show` (RTM_GETLINK AF_BRIDGE): per device in ifindex order, a bridge's own
//    (`self`) VLANs or a port's; one VID a line, or with -compressvlans runs of consecutive
//    VIDs with the same flags (br_fill_ifvlaninfo_compressed, so the PVID stays alone);
//  - `-s` (RTM_GETSTATS): first every bridge's VLANs, then every port's; never compressed;
//  - `-d` (RTM_GETVLAN): ranges of consecutive VIDs with equal flags and options
//    (br_vlan_dump_dev: a VID after the PVID may join the PVID's range), none with -s, each
//    followed by the options line; iproute2 6.1 prints `state` and `mcast_router` only;
//  - `bridge vlan global show`: every VLAN of a bridge's table (port context included, as the
//    kernel's global dump skips no entry), ranges of equal multicast contexts.
// Note that `-c` is `-color` in bridge 6.1 (matched first), not `-compressvlans`.
#include <fmt/format.h>

#include <cerrno>
#include <climits>
#include <cstdlib>

#include "base/strings.h"
#include "cli/ip_errors.h"
#include "cli/ip_objects.h"
#include "cli/json_writer.h"
#include "ctl/bridge_vlan.h"
#include "world/netns.h"

namespace uvn::cli {

namespace {

// BRIDGE_VLAN_INFO_* (include/uapi/linux/if_bridge.h).
constexpr uint16_t kInfoMaster = 1 << 0, kInfoPvid = 1 << 1, kInfoUntagged = 1 << 2,
                   kInfoRangeBegin = 1 << 3, kInfoRangeEnd = 1 << 4, kInfoBrentry = 1 << 5;

// iproute2 6.1's text, as recorded (bridge-cmd.txt, raw/bridge-cmd/008).
int usage(Context& ctx) {
  ctx.err +=
      "Usage: bridge vlan { add | del } vid VLAN_ID dev DEV [ tunnel_info id TUNNEL_ID ]\n"
      "                                                     [ pvid ] [ untagged ]\n"
      "                                                     [ self ] [ master ]\n"
      "       bridge vlan { set } vid VLAN_ID dev DEV [ state STP_STATE ]\n"
      "                                               [ mcast_router MULTICAST_ROUTER ]\n"
      "       bridge vlan { show } [ dev DEV ] [ vid VLAN_ID ]\n"
      "       bridge vlan { tunnelshow } [ dev DEV ] [ vid VLAN_ID ]\n"
      "       bridge vlan global { set } vid VLAN_ID dev DEV\n"
      "                      [ mcast_snooping MULTICAST_SNOOPING ]\n"
      "                      [ mcast_querier MULTICAST_QUERIER ]\n"
      "                      [ mcast_igmp_version IGMP_VERSION ]\n"
      "                      [ mcast_mld_version MLD_VERSION ]\n"
      "                      [ mcast_last_member_count LAST_MEMBER_COUNT ]\n"
      "                      [ mcast_last_member_interval LAST_MEMBER_INTERVAL ]\n"
      "                      [ mcast_startup_query_count STARTUP_QUERY_COUNT ]\n"
      "                      [ mcast_startup_query_interval STARTUP_QUERY_INTERVAL ]\n"
      "                      [ mcast_membership_interval MEMBERSHIP_INTERVAL ]\n"
      "                      [ mcast_querier_interval QUERIER_INTERVAL ]\n"
      "                      [ mcast_query_interval QUERY_INTERVAL ]\n"
      "                      [ mcast_query_response_interval QUERY_RESPONSE_INTERVAL ]\n"
      "       bridge vlan global { show } [ dev DEV ] [ vid VLAN_ID ]\n";
  return kExitUsage;
}

// `short vid = atoi(arg)`: glibc's atoi is (int)strtol, then narrowed to 16 bits, so 70000
// becomes 4464 and 65535 becomes -1 ("not given").
int16_t atoi16(const std::string& s) {
  return int16_t(int(std::strtol(s.c_str(), nullptr, 10)));
}

// iproute2's get_u8/get_u32/get_u64: strtoul(base 0) over the whole word, at most `max`.
std::optional<uint64_t> get_unsigned(const std::string& s, uint64_t max) {
  if (s.empty()) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  unsigned long long v = std::strtoull(s.c_str(), &end, 0);
  if (end == s.c_str() || *end || (v == ULLONG_MAX && errno == ERANGE) || v > max)
    return std::nullopt;
  return v;
}

// `vid VID[-VID]` of `set` and `global set`: checked at once (vlan_option_set). `vid` keeps
// the last start for the "required" check; a range end, once given, stays (the request
// carries the last BRIDGE_VLANDB_ENTRY_RANGE).
int parse_vid_checked(Context& ctx, const std::string& arg, int16_t& vid, ctl::VlanRange& r) {
  int16_t vid_end = -1;
  if (auto dash = arg.find('-'); dash != std::string::npos) {
    vid = atoi16(arg.substr(0, dash));
    vid_end = atoi16(arg.substr(dash + 1));
    if (vid >= vid_end || vid_end >= 4096)
      return fail(ctx, kExitUsage,
                  fmt::format("Invalid VLAN range \"{}-{}\"", uint16_t(vid), uint16_t(vid_end)));
  } else {
    vid = atoi16(arg);
  }
  if (vid >= 4096)
    return fail(ctx, kExitUsage, fmt::format("Invalid VLAN ID \"{}\"", uint16_t(vid)));
  r.vid = uint16_t(vid);
  if (vid_end != -1) r.end = uint16_t(vid_end);
  return 0;
}

int request_failed(Context& ctx, const Status& st) {
  kernel_error(ctx, st.error());
  return kExitUsage;
}

// `bridge vlan { add | del[ete] } ...` (vlan_modify).
int vlan_modify_cmd(Context& ctx, ArgIt it, ArgIt end, bool del) {
  const std::string* dev_name = nullptr;
  int16_t vid = -1, vid_end = -1;
  bool range = false;
  ctl::VlanModify r;
  for (; it != end; ++it) {
    const std::string& w = *it;
    if (w == "dev") {
      if (++it == end) return incomplete(ctx);
      dev_name = &*it;
    } else if (w == "vid") {
      if (++it == end) return incomplete(ctx);
      if (auto dash = it->find('-'); dash != std::string::npos) {
        vid = atoi16(it->substr(0, dash));
        vid_end = atoi16(it->substr(dash + 1));
        range = true;
      } else {
        vid = atoi16(*it);
      }
    } else if (w == "self") {
      r.self = true;
    } else if (w == "master") {
      r.master = true;
    } else if (w == "pvid") {
      r.pvid = true;
    } else if (w == "untagged") {
      r.untagged = true;
    } else if (w == "tunnel_info") {
      // parse_tunnel_info: `id ID[-ID]`, 24-bit ids (the message names the first part).
      if (++it == end) return incomplete(ctx);
      if (!matches(*it, "id")) return invarg(ctx, "tunnel id expected", *it);
      if (++it == end) return incomplete(ctx);
      std::string first = *it;
      uint64_t last_id = r.tunnel ? r.tunnel->second : 0;  // kept from an earlier range
      if (auto dash = first.find('-'); dash != std::string::npos) {
        auto b = get_unsigned(first.substr(dash + 1), UINT32_MAX);
        first.resize(dash);
        auto a = get_unsigned(first, UINT32_MAX);
        if (!a || *a >= (1u << 24)) return invarg(ctx, "invalid tun id", first);
        if (!b || *b >= (1u << 24)) return invarg(ctx, "invalid tun id", first);
        last_id = *b;
      } else {
        auto a = get_unsigned(first, UINT32_MAX);
        if (!a || *a >= (1u << 24)) return invarg(ctx, "invalid tun id", first);
      }
      r.tunnel = {uint32_t(*get_unsigned(first, UINT32_MAX)), uint32_t(last_id)};
    } else if (matches(w, "help")) {
      // Any other word is ignored; a prefix of "help" takes the next one with it.
      if (++it == end) return incomplete(ctx);
    }
  }
  if (!dev_name || vid == -1)
    return fail(ctx, kExitUsage, "Device and VLAN ID are required arguments.");
  Device* dev = ctx.ns->find(*dev_name);
  if (!dev)
    return fail(ctx, kExitUsage, fmt::format("Cannot find bridge device \"{}\"", *dev_name));
  if (vid >= 4096)
    return fail(ctx, kExitUsage, fmt::format("Invalid VLAN ID \"{}\"", uint16_t(vid)));
  if (range) {
    if (vid_end == -1 || vid_end >= 4096 || vid >= vid_end)
      return fail(ctx, kExitUsage,
                  fmt::format("Invalid VLAN range \"{}-{}\"", uint16_t(vid), uint16_t(vid_end)));
    if (r.pvid) return fail(ctx, kExitUsage, "pvid cannot be configured for a vlan range");
    r.range.end = uint16_t(vid_end);
  }
  r.range.vid = uint16_t(vid);
  if (auto st = ctl::vlan_modify(*dev, r, del); !st) return request_failed(ctx, st);
  return 0;
}

// `bridge vlan set ...` (vlan_option_set), with the newer neigh_suppress and
// mcast_max_groups accepted.
int vlan_set_cmd(Context& ctx, ArgIt it, ArgIt end) {
  Device* dev = nullptr;
  int16_t vid = -1;
  ctl::VlanSet r;
  for (; it != end; ++it) {
    const std::string& w = *it;
    if (w == "dev") {
      if (++it == end) return incomplete(ctx);
      dev = ctx.ns->find(*it);
      if (!dev) return fail(ctx, kExitUsage, fmt::format("Cannot find network device \"{}\"", *it));
    } else if (w == "vid") {
      if (++it == end) return incomplete(ctx);
      if (int rc = parse_vid_checked(ctx, *it, vid, r.range)) return rc;
    } else if (w == "state") {
      // A number (as an int; the attribute keeps its low 8 bits), else an exact state name.
      if (++it == end) return incomplete(ctx);
      char* endp = nullptr;
      int state = int(std::strtol(it->c_str(), &endp, 10));
      if (it->empty() || *endp) {
        constexpr std::string_view kStates[] = {"disabled", "listening", "learning", "forwarding",
                                                "blocking"};
        state = -1;
        for (int i = 0; i < 5; ++i)
          if (*it == kStates[i]) state = i;
      }
      if (state == -1) return fail(ctx, kExitUsage, "Error: invalid STP state");
      r.state = uint8_t(state);
    } else if (w == "mcast_router") {
      if (++it == end) return incomplete(ctx);
      auto v = get_unsigned(*it, UINT8_MAX);
      if (!v) return invarg(ctx, "invalid mcast_router", *it);
      r.mcast_router = uint8_t(*v);
    } else if (w == "mcast_max_groups") {  // iproute2 6.3
      if (++it == end) return incomplete(ctx);
      auto v = get_unsigned(*it, UINT32_MAX);
      if (!v) return invarg(ctx, "invalid mcast_max_groups", *it);
      r.mcast_max_groups = uint32_t(*v);
    } else if (w == "neigh_suppress") {  // iproute2 6.5; parse_on_off as bridge 6.1 has it
      if (++it == end) return incomplete(ctx);
      bool on = false;
      if (!parse_on_off(*it, on)) {
        ctx.err += fmt::format(
            "Error: argument of \"neigh_suppress\" must be one of \"off\", \"on\", not \"{}\"\n",
            *it);
        return 234;  // -EINVAL
      }
      r.neigh_suppress = on;
    } else if (matches(w, "help")) {
      if (++it == end) return incomplete(ctx);
    }
  }
  if (!dev || vid == -1) return fail(ctx, kExitUsage, "Device and VLAN ID are required arguments.");
  if (auto st = ctl::vlan_set(*dev, r); !st) return request_failed(ctx, st);
  return 0;
}

// `bridge vlan global set ...` (vlan_global_option_set).
int vlan_global_set_cmd(Context& ctx, ArgIt it, ArgIt end) {
  Device* dev = nullptr;
  int16_t vid = -1;
  ctl::VlanGlobalSet r;
  struct Num {
    std::string_view word;
    uint64_t max;
    std::optional<uint8_t> ctl::VlanGlobalSet::*u8 = nullptr;
    std::optional<uint32_t> ctl::VlanGlobalSet::*u32 = nullptr;
    std::optional<uint64_t> ctl::VlanGlobalSet::*u64 = nullptr;
  };
  using G = ctl::VlanGlobalSet;
  static const Num kNums[] = {
      {"mcast_snooping", UINT8_MAX, &G::mcast_snooping},
      {"mcast_querier", UINT8_MAX, &G::mcast_querier},
      {"mcast_igmp_version", UINT8_MAX, &G::mcast_igmp_version},
      {"mcast_mld_version", UINT8_MAX, &G::mcast_mld_version},
      {"mcast_last_member_count", UINT32_MAX, nullptr, &G::mcast_last_member_count},
      {"mcast_startup_query_count", UINT32_MAX, nullptr, &G::mcast_startup_query_count},
      {"mcast_last_member_interval", UINT64_MAX, nullptr, nullptr, &G::mcast_last_member_interval},
      {"mcast_membership_interval", UINT64_MAX, nullptr, nullptr, &G::mcast_membership_interval},
      {"mcast_querier_interval", UINT64_MAX, nullptr, nullptr, &G::mcast_querier_interval},
      {"mcast_query_interval", UINT64_MAX, nullptr, nullptr, &G::mcast_query_interval},
      {"mcast_query_response_interval", UINT64_MAX, nullptr, nullptr,
       &G::mcast_query_response_interval},
      {"mcast_startup_query_interval", UINT64_MAX, nullptr, nullptr,
       &G::mcast_startup_query_interval},
  };
  for (; it != end; ++it) {
    const std::string& w = *it;
    const Num* num = nullptr;
    for (auto& n : kNums)
      if (w == n.word) num = &n;
    if (w == "dev") {
      if (++it == end) return incomplete(ctx);
      dev = ctx.ns->find(*it);
      if (!dev) return fail(ctx, kExitUsage, fmt::format("Cannot find network device \"{}\"", *it));
    } else if (w == "vid") {
      if (++it == end) return incomplete(ctx);
      if (int rc = parse_vid_checked(ctx, *it, vid, r.range)) return rc;
    } else if (num) {
      if (++it == end) return incomplete(ctx);
      auto v = get_unsigned(*it, num->max);
      if (!v) return invarg(ctx, fmt::format("invalid {}", num->word), *it);
      if (num->u8) r.*(num->u8) = uint8_t(*v);
      if (num->u32) r.*(num->u32) = uint32_t(*v);
      if (num->u64) r.*(num->u64) = *v;
    } else if (w == "help") {  // exactly "help" here
      if (++it == end) return incomplete(ctx);
    }
  }
  if (!dev || vid == -1) return fail(ctx, kExitUsage, "Device and VLAN ID are required arguments.");
  if (auto st = ctl::vlan_global_set(*dev, r); !st) return request_failed(ctx, st);
  return 0;
}

// ---- listings ----

// A device the dumps visit: a bridge (its own entries) or a bridge port.
struct VlanDev {
  const Device* dev;
  const BridgeDevice* br;
  const BridgePort* port;  // nullptr: the bridge itself
  const BrVlanTable& table() const { return br->vlans(port); }
  // br_vlan_should_use: a bridge's context entries are not its own VLANs.
  bool used(const BrVlan& v) const { return port || v.brentry; }
};

std::vector<VlanDev> vlan_devices(Context& ctx) {
  std::vector<VlanDev> out;
  for (auto& [idx, d] : ctx.ns->devices()) {
    if (auto* br = dynamic_cast<const BridgeDevice*>(d.get())) {
      out.push_back({d.get(), br, nullptr});
    } else if (auto* br = dynamic_cast<const BridgeDevice*>(d->master())) {
      if (const BridgePort* p = br->port_of(*d)) out.push_back({d.get(), br, p});
    }
  }
  return out;
}

// Where a listing goes: text to ctx.out, or iproute2's JSON.
struct Printer {
  JsonWriter* jw;
  std::string& text;

  // open_vlan_port / close_vlan_port.
  void open_port(const std::string& name, const char* array = "vlans") {
    if (jw) {
      jw->start_object();
      jw->member("ifname", name);
      jw->key(array);
      jw->start_array();
    } else {
      text += fmt::format("{:<16}  ", name);
    }
  }
  void close_port() {
    if (jw) {
      jw->end_array();
      jw->end_object();
    }
  }
  void indent(int n) {  // text only: "%-16s  " or "%-16s    " of ""
    if (!jw) text.append(size_t(n), ' ');
  }
  void nl() {
    if (!jw) text += '\n';
  }
  void range(const char* name, unsigned start, unsigned end) {
    if (jw) {
      jw->member(name, uint64_t(start));
      if (start != end) jw->member(std::string(name) + "End", uint64_t(end));
    } else {
      text += std::to_string(start);
      if (start != end) text += fmt::format("-{}", end);
    }
  }
  // bridge_print_vlan_flags: any non-zero flag word opens the JSON array.
  void flags(uint16_t f) {
    if (!f) return;
    if (jw) {
      jw->key("flags");
      jw->start_array();
    }
    if (f & kInfoPvid) jw ? jw->value("PVID") : void(text += " PVID");
    if (f & kInfoUntagged) jw ? jw->value("Egress Untagged") : void(text += " Egress Untagged");
    if (jw) jw->end_array();
  }
  void uint(const char* key, uint64_t v) {
    if (jw)
      jw->member(key, v);
    else
      text += fmt::format("{} {} ", key, v);
  }
  // bridge_print_vlan_stats_only.
  void stats(const BrVlanStats& s) {
    if (jw) {
      jw->member("rx_bytes", s.rx_bytes);
      jw->member("rx_packets", s.rx_packets);
      jw->member("tx_bytes", s.tx_bytes);
      jw->member("tx_packets", s.tx_packets);
      return;
    }
    text += fmt::format("{:20}RX: {} bytes {} packets\n", "", s.rx_bytes, s.rx_packets);
    text += fmt::format("{:20}TX: {} bytes {} packets\n", "", s.tx_bytes, s.tx_packets);
  }
};

struct VInfo {
  uint16_t vid, flags;
};

// IFLA_AF_SPEC of the AF_BRIDGE link dump: br_fill_ifvlaninfo, or _compressed.
std::vector<VInfo> link_dump(const VlanDev& vd, bool compressed) {
  const BrVlanTable& t = vd.table();
  auto flags_of = [&](const BrVlan& v) {
    return uint16_t((v.vid == t.pvid() ? kInfoPvid : 0) | (v.untagged ? kInfoUntagged : 0));
  };
  std::vector<VInfo> out;
  uint16_t start = 0, last = 0, rflags = 0;
  auto fill = [&] {
    if (last > start) {
      out.push_back({start, uint16_t(rflags | kInfoRangeBegin)});
      out.push_back({last, uint16_t(rflags | kInfoRangeEnd)});
    } else {
      out.push_back({start, rflags});
    }
  };
  for (auto& v : t.list()) {
    if (!vd.used(v)) continue;
    uint16_t f = flags_of(v);
    if (!compressed) {
      out.push_back({v.vid, f});
      continue;
    }
    if (start && v.vid - last == 1 && f == rflags) {
      last = v.vid;
      continue;
    }
    if (start) fill();
    start = last = v.vid;
    rflags = f;
  }
  if (compressed && start) fill();
  return out;
}

// print_vlan_info, with filter_vlan_check.
void print_vlan_info(Printer& pr, const std::string& name, const std::vector<VInfo>& list,
                     unsigned filter_vlan) {
  uint16_t last_start = 0;
  bool opened = false;
  for (auto& vi : list) {
    if (!(vi.flags & kInfoRangeEnd)) last_start = vi.vid;
    if (filter_vlan && vi.vid > filter_vlan && !(vi.flags & kInfoRangeEnd)) break;
    if ((vi.flags & kInfoRangeBegin) || vi.vid < filter_vlan) continue;
    if (!opened) {
      pr.open_port(name);
      opened = true;
    } else {
      pr.indent(18);
    }
    if (pr.jw) pr.jw->start_object();
    pr.range("vlan", last_start, vi.vid);
    pr.flags(vi.flags);
    if (pr.jw) pr.jw->end_object();
    pr.nl();
  }
  if (opened) pr.close_port();
}

// print_vlan_stats_attr over one device's LINK_XSTATS_TYPE_BRIDGE (bridge_print_vlan_stats).
void print_stats_dev(Printer& pr, const VlanDev& vd, unsigned filter_vlan) {
  const BrVlanTable& t = vd.table();
  bool found = false;
  for (auto& v : t.list()) {
    // The kernel's internal flags (plus PVID): a bridge's entries carry MASTER and, when
    // they are its own, BRENTRY.
    uint16_t flags =
        uint16_t((v.untagged ? kInfoUntagged : 0) | (v.vid == t.pvid() ? kInfoPvid : 0));
    if (!vd.port) flags |= uint16_t(kInfoMaster | (v.brentry ? kInfoBrentry : 0));
    if (filter_vlan && filter_vlan != v.vid) continue;
    if ((flags & kInfoMaster) && !(flags & kInfoBrentry)) continue;  // port context
    if (!found) {
      pr.open_port(vd.dev->name());
      found = true;
    } else {
      pr.indent(18);
    }
    if (pr.jw) {
      pr.jw->start_object();
      pr.jw->member("vid", uint64_t(v.vid));
    } else {
      pr.text += std::to_string(v.vid);
    }
    pr.flags(flags);
    pr.nl();
    pr.stats(vd.br->vlan_stats(vd.port, v.vid));
    if (pr.jw) pr.jw->end_object();
  }
  if (found) pr.close_port();
}

// One BRIDGE_VLANDB_ENTRY of the per-VLAN dump: VIDs start..end sharing `opts`' options.
struct DbRange {
  const BrVlan* opts;
  uint16_t end;
  uint16_t flags;  // PVID, UNTAGGED (br_vlan_flags of the start)
};

// br_vlan_dump_dev for the per-VLAN (not global) dump.
std::vector<DbRange> vlandb_dump(const VlanDev& vd, bool with_stats) {
  const BrVlanTable& t = vd.table();
  const uint16_t pvid = t.pvid();
  auto internal = [&](const BrVlan& v) {  // net_bridge_vlan.flags
    return uint16_t((vd.port ? 0 : kInfoMaster | kInfoBrentry) | (v.untagged ? kInfoUntagged : 0));
  };
  auto mcast_on = [&](const BrVlan& v) { return ctl::vlan_mcast_enabled(*vd.br, vd.port, v.vid); };
  // br_vlan_can_enter_range: the next VID, the same flags and options (state, mcast_router;
  // on kernels that have them, neigh_suppress and the port's multicast context).
  auto can_enter = [&](const BrVlan& v, const BrVlan& end) {
    return v.vid - end.vid == 1 && internal(v) == internal(end) && v.state == end.state &&
           v.mcast_router == end.mcast_router && v.neigh_suppress == end.neigh_suppress &&
           (!vd.port ||
            (v.mcast_max_groups == end.mcast_max_groups && mcast_on(v) == mcast_on(end)));
  };
  auto emit_flags = [&](const BrVlan& v) {
    return uint16_t((v.vid == pvid ? kInfoPvid : 0) | (v.untagged ? kInfoUntagged : 0));
  };
  std::vector<DbRange> out;
  const BrVlan* start = nullptr;
  const BrVlan* end = nullptr;
  for (auto& v : t.list()) {
    if (!vd.used(v)) continue;
    if (!start) {
      start = end = &v;
      continue;
    }
    if (with_stats || v.vid == pvid || !can_enter(v, *end)) {
      out.push_back({start, end->vid, emit_flags(*start)});
      start = &v;
    }
    end = &v;
  }
  if (start) out.push_back({start, end->vid, emit_flags(*start)});
  return out;
}

void print_state(Printer& pr, uint8_t state) {
  constexpr const char* kStates[] = {"disabled", "listening", "learning", "forwarding", "blocking"};
  if (state <= kBrStateBlocking) {
    if (pr.jw)
      pr.jw->member("state", kStates[state]);
    else
      pr.text += fmt::format("state {} ", kStates[state]);
  } else if (pr.jw) {
    pr.jw->member("state", uint64_t(state));
  } else {
    pr.text += fmt::format("state ({}) ", state);
  }
}

// print_vlan_opts over one device's per-VLAN dump.
void print_vlandb_dev(Printer& pr, const VlanDev& vd, unsigned filter_vlan, bool with_stats) {
  bool opened = false;
  for (auto& r : vlandb_dump(vd, with_stats)) {
    const BrVlan& v = *r.opts;
    if (filter_vlan && (filter_vlan < v.vid || filter_vlan > r.end)) continue;
    if (!opened) {
      pr.open_port(vd.dev->name());
      opened = true;
    } else {
      pr.indent(18);
    }
    if (pr.jw) pr.jw->start_object();
    pr.range("vlan", v.vid, r.end);
    pr.flags(r.flags);
    pr.nl();
    pr.indent(20);
    print_state(pr, v.state);
    pr.uint("mcast_router", v.mcast_router);
    pr.nl();
    if (with_stats) pr.stats(vd.br->vlan_stats(vd.port, v.vid));
    if (pr.jw) pr.jw->end_object();
  }
  if (opened) pr.close_port();
}

// br_vlan_global_opts_can_enter_range over the bridge's table, then print_vlan_global_opts.
void print_global_dev(Printer& pr, const VlanDev& vd, unsigned filter_vlan) {
  auto can_enter = [](const BrVlan& v, const BrVlan& end) {
    return v.vid - end.vid == 1 && v.mcast == end.mcast && v.mcast_router == end.mcast_router;
  };
  std::vector<std::pair<const BrVlan*, uint16_t>> ranges;
  const BrVlan* start = nullptr;
  const BrVlan* end = nullptr;
  for (auto& v : vd.table().list()) {
    if (start && !can_enter(v, *end)) {
      ranges.emplace_back(start, end->vid);
      start = nullptr;
    }
    if (!start) start = &v;
    end = &v;
  }
  if (start) ranges.emplace_back(start, end->vid);
  bool opened = false;
  for (auto& [s, last] : ranges) {
    if (filter_vlan && (filter_vlan < s->vid || filter_vlan > last)) continue;
    if (!opened) {
      pr.open_port(vd.dev->name());
      opened = true;
    } else {
      pr.indent(18);
    }
    if (pr.jw) pr.jw->start_object();
    pr.range("vlan", s->vid, last);
    pr.nl();
    pr.indent(20);
    const BrVlanMcastCtx& m = s->mcast;
    pr.uint("mcast_snooping", m.snooping);
    pr.uint("mcast_querier", m.querier);
    pr.uint("mcast_igmp_version", m.igmp_version);
    pr.uint("mcast_mld_version", m.mld_version);
    pr.uint("mcast_last_member_count", m.last_member_count);
    pr.uint("mcast_last_member_interval", m.last_member_interval);
    pr.uint("mcast_startup_query_count", m.startup_query_count);
    pr.uint("mcast_startup_query_interval", m.startup_query_interval);
    pr.uint("mcast_membership_interval", m.membership_interval);
    pr.uint("mcast_querier_interval", m.querier_interval);
    pr.uint("mcast_query_interval", m.query_interval);
    pr.uint("mcast_query_response_interval", m.query_response_interval);
    pr.nl();
    if (pr.jw) pr.jw->end_object();
  }
  if (opened) pr.close_port();
}

// The `dev DEV` and `vid VID` selectors of the listings (vlan_show, vlan_global_show).
struct ShowArgs {
  const Device* dev = nullptr;
  unsigned vid = 0;  // filter_vlan: atoi's value, 0 for none
};
int parse_show_args(Context& ctx, ArgIt it, ArgIt end, ShowArgs& a) {
  const std::string* dev_name = nullptr;
  for (; it != end; ++it) {
    if (*it == "dev") {
      if (++it == end) return incomplete(ctx);
      if (dev_name) return duparg(ctx, "dev", *it);
      dev_name = &*it;
    } else if (*it == "vid") {
      if (++it == end) return incomplete(ctx);
      if (a.vid) return duparg(ctx, "vid", *it);
      a.vid = unsigned(int(std::strtol(it->c_str(), nullptr, 10)));
    }
  }
  if (dev_name && !(a.dev = ctx.ns->find(*dev_name)))
    return fail(ctx, kExitUsage, fmt::format("Cannot find device \"{}\"", *dev_name));
  return 0;
}

constexpr const char* kHeader = "port              vlan-id  \n";

int vlan_show(Context& ctx, ArgIt it, ArgIt end, bool tunnel) {
  ShowArgs a;
  if (int rc = parse_show_args(ctx, it, end, a)) return rc;
  JsonWriter jw(ctx.opt.pretty);
  Printer pr{ctx.opt.json ? &jw : nullptr, ctx.out};
  if (pr.jw) jw.start_array();
  std::vector<VlanDev> devs;
  for (auto& vd : vlan_devices(ctx))
    if (!a.dev || vd.dev == a.dev) devs.push_back(vd);
  if (ctx.opt.details && !tunnel) {
    if (!pr.jw) ctx.out += kHeader;
    for (auto& vd : devs) print_vlandb_dev(pr, vd, a.vid, ctx.opt.stats > 0);
  } else if (!ctx.opt.stats) {
    if (!pr.jw) ctx.out += tunnel ? "port              vlan-id    tunnel-id\n" : kHeader;
    // uvn has no VLAN tunnels (VXLAN): tunnelshow lists nothing.
    if (!tunnel)
      for (auto& vd : devs)
        if (auto list = link_dump(vd, ctx.opt.compress_vlans); !list.empty())
          print_vlan_info(pr, vd.dev->name(), list, a.vid);
  } else {
    if (!pr.jw) ctx.out += "port              vlan-id\n";
    for (auto& vd : devs)  // IFLA_STATS_LINK_XSTATS: the bridges
      if (!vd.port) print_stats_dev(pr, vd, a.vid);
    for (auto& vd : devs)  // IFLA_STATS_LINK_XSTATS_SLAVE: the ports
      if (vd.port) print_stats_dev(pr, vd, a.vid);
  }
  if (pr.jw) {
    jw.end_array();
    ctx.out += jw.str() + "\n";
  }
  return 0;
}

int vlan_global_show(Context& ctx, ArgIt it, ArgIt end) {
  ShowArgs a;
  if (int rc = parse_show_args(ctx, it, end, a)) return rc;
  JsonWriter jw(ctx.opt.pretty);
  Printer pr{ctx.opt.json ? &jw : nullptr, ctx.out};
  if (pr.jw)
    jw.start_array();
  else
    ctx.out += kHeader;
  for (auto& vd : vlan_devices(ctx))
    if (!vd.port && (!a.dev || vd.dev == a.dev)) print_global_dev(pr, vd, a.vid);
  if (pr.jw) {
    jw.end_array();
    ctx.out += jw.str() + "\n";
  }
  return 0;
}

int vlan_global(Context& ctx, ArgIt it, ArgIt end) {
  if (it == end) return vlan_global_show(ctx, it, end);
  const std::string& cmd = *it++;
  if (cmd == "show" || cmd == "lst" || cmd == "list") return vlan_global_show(ctx, it, end);
  if (cmd == "set") return vlan_global_set_cmd(ctx, it, end);
  return usage(ctx);
}

}  // namespace

int bridge_vlan(Context& ctx, ArgIt it, ArgIt end) {
  if (it == end) return vlan_show(ctx, it, end, false);
  const std::string& cmd = *it++;
  if (matches(cmd, "add")) return vlan_modify_cmd(ctx, it, end, false);
  if (matches(cmd, "delete")) return vlan_modify_cmd(ctx, it, end, true);
  if (matches(cmd, "show") || matches(cmd, "lst") || matches(cmd, "list"))
    return vlan_show(ctx, it, end, false);
  if (matches(cmd, "tunnelshow")) return vlan_show(ctx, it, end, true);
  if (matches(cmd, "set")) return vlan_set_cmd(ctx, it, end);
  if (cmd == "global") return vlan_global(ctx, it, end);
  if (matches(cmd, "help")) return usage(ctx);
  ctx.err += fmt::format("Command \"{}\" is unknown, try \"bridge vlan help\".\n", cmd);
  return kExitUsage;
}

}  // namespace uvn::cli
