// `bridge mdb`: add, del, replace, show, get, flush. The parsing and error wording are
// iproute2's (6.1 for what it has, later versions for replace/get/flush and the
// filter_mode/source_list/proto keywords; tests/reference/mdb-ground-truth.md); requests go to
// ctl/bridge_mdb.h.
//
// Listings follow the kernel's dump (br_mdb_dump) and iproute2's printer over it: bridges in
// ifindex order; per bridge its entries newest first, each with the bridge's own membership
// (port = the bridge) before its port groups; -d adds filter_mode and source_list (only in
// IGMPv3/MLDv2 contexts, as the kernel sends them) and proto, then the router ports; -s adds
// the timers.
#include <fmt/format.h>

#include "base/strings.h"
#include "cli/bridge.h"
#include "cli/ip_errors.h"
#include "cli/ip_objects.h"
#include "cli/json_writer.h"
#include "ctl/bridge_mdb.h"
#include "world/netns.h"

namespace uvn::cli {

namespace {

using proto::McastAddr;
using proto::McastFamily;

int usage(Context& ctx) {
  ctx.err +=
      "Usage: bridge mdb { add | del | replace } dev DEV port PORT grp GROUP [src SOURCE]\n"
      "              [permanent | temp] [vid VID] [ filter_mode { include | exclude } ]\n"
      "              [ source_list SOURCE_LIST ] [ proto PROTO ] [ dst IPADDR ]\n"
      "              [ dst_port DST_PORT ] [ vni VNI ] [ src_vni SRC_VNI ] [ via DEV ]\n"
      "       bridge mdb {show} [ dev DEV ] [ vid VID ]\n"
      "       bridge mdb get dev DEV grp GROUP [ src SOURCE ] [ vid VID ] [ src_vni SRC_VNI ]\n"
      "       bridge mdb flush dev DEV [ port PORT ] [ vid VID ] [ src_vni SRC_VNI ]\n"
      "              [ proto PROTO ] [ [no]permanent ] [ dst IPADDR ]\n"
      "              [ dst_port DST_PORT ] [ vni VNI ]\n";
  return kExitUsage;
}

// iproute2's built-in table of route protocols (rtnl_rtprot_tab).
constexpr std::pair<uint8_t, std::string_view> kRtProtos[] = {
    {0, "unspec"},  {1, "redirect"},  {2, "kernel"},   {3, "boot"},   {4, "static"},
    {8, "gated"},   {9, "ra"},        {10, "mrt"},     {11, "zebra"}, {12, "bird"},
    {13, "dnrouted"}, {14, "xorp"},   {15, "ntk"},     {16, "dhcp"},  {18, "keepalived"},
    {42, "babel"},  {99, "openr"},    {186, "bgp"},    {187, "isis"}, {188, "ospf"},
    {189, "rip"},   {192, "eigrp"},
};

std::string rtprot_name(uint8_t p) {
  for (auto& [v, n] : kRtProtos)
    if (v == p) return std::string(n);
  return std::to_string(p);
}

std::optional<uint8_t> rtprot_parse(std::string_view s) {
  for (auto& [v, n] : kRtProtos)
    if (n == s) return v;
  if (auto v = parse_uint(s, 255)) return uint8_t(*v);
  return std::nullopt;
}

// A group: an IPv4/IPv6 address or a MAC address.
std::optional<McastAddr> parse_group(std::string_view s) {
  if (auto a = IpAddr::parse(s)) return McastAddr::from_ip(*a);
  if (s.find(':') != std::string_view::npos)
    if (auto m = MacAddr::parse(s)) return McastAddr::from_mac(*m);
  return std::nullopt;
}

// iproute2's format_timer: seconds.centiseconds, the seconds padded to 4 when asked.
std::string timer_str(Nanos t, bool pad) {
  const int64_t cs = t / (10 * kMsec);
  return pad ? fmt::format("{:4}.{:02}", cs / 100, cs % 100)
             : fmt::format("{}.{:02}", cs / 100, cs % 100);
}

struct Line {
  const BridgeDevice* br;
  std::string port;
  const proto::MdbEntry* e;
  const proto::PortGroup* pg;  // nullptr: the bridge's own membership
};

void entry_lines(const BridgeDevice& br, const proto::MdbEntry& e, std::vector<Line>& out) {
  if (e.host_joined) out.push_back({&br, br.name(), &e, nullptr});
  for (auto& pg : e.ports) {
    const BridgePort* p = br.port_by_no(uint16_t(pg.port));
    if (p) out.push_back({&br, p->dev().name(), &e, &pg});
  }
}

struct Printed {
  std::string state, filter_mode, protocol;
  std::vector<std::pair<std::string, Nanos>> sources;
  std::vector<std::string> flags;
  bool has_mode = false, has_proto = false;
  Nanos timer = 0;
};

Printed describe(const Line& l, Nanos now) {
  Printed p;
  const proto::MdbEntry& e = *l.e;
  if (!l.pg) {
    // The bridge's membership: an L2 one is permanent, an IP one temporary with its timer.
    p.state = e.key.group.family == McastFamily::kL2 ? "permanent" : "temp";
    p.timer = proto::McastEngine::remaining(e.timer, now);
    return p;
  }
  const proto::PortGroup& pg = *l.pg;
  p.state = pg.permanent() ? "permanent" : "temp";
  if (e.key.group.is_ip() && l.br->mcast().sources_tracked(e.key.vid, e.key.group.family)) {
    p.has_mode = true;
    p.filter_mode = pg.mode == proto::FilterMode::kInclude ? "include" : "exclude";
    for (auto& s : pg.srcs)
      p.sources.emplace_back(s.addr.format(), proto::McastEngine::remaining(s.timer, now));
  }
  p.has_proto = true;
  p.protocol = rtprot_name(pg.rt_protocol);
  if (pg.flags & proto::kMdbPgOffload) p.flags.push_back("offload");
  if (pg.flags & proto::kMdbPgFastLeave) p.flags.push_back("fast_leave");
  if (pg.flags & proto::kMdbPgStarExcl) p.flags.push_back("added_by_star_ex");
  if (pg.flags & proto::kMdbPgBlocked) p.flags.push_back("blocked");
  p.timer = proto::McastEngine::remaining(pg.timer, now);
  return p;
}

std::string line_text(const IpOptions& opt, const Line& l, Nanos now) {
  const proto::MdbEntry& e = *l.e;
  Printed p = describe(l, now);
  std::string s = fmt::format("dev {} port {} grp {}", l.br->name(), l.port, e.key.group.format());
  if (!e.key.star_g()) s += " src " + e.key.src.format();
  s += " " + p.state;
  if (opt.details) {
    if (p.has_mode) s += " filter_mode " + p.filter_mode;
    if (!p.sources.empty()) {
      s += " source_list ";
      for (size_t i = 0; i < p.sources.size(); ++i)
        s += (i ? "," : "") + p.sources[i].first + "/" + timer_str(p.sources[i].second, false);
    }
    // iproute2 6.1 leaves a space after the protocol (later versions dropped it).
    if (p.has_proto) s += " proto " + p.protocol + " ";
  }
  for (auto& f : p.flags) s += " " + f;
  if (e.key.vid) s += fmt::format(" vid {}", e.key.vid);
  if (opt.stats) s += " " + timer_str(p.timer, true);
  return s + "\n";
}

void line_json(Context& ctx, const Line& l, Nanos now, JsonWriter& jw) {
  const proto::MdbEntry& e = *l.e;
  Printed p = describe(l, now);
  jw.start_object();
  jw.member("index", int64_t(l.br->ifindex()));
  jw.member("dev", l.br->name());
  jw.member("port", l.port);
  jw.member("grp", e.key.group.format());
  if (!e.key.star_g()) jw.member("src", e.key.src.format());
  jw.member("state", p.state);
  if (ctx.opt.details) {
    if (p.has_mode) jw.member("filter_mode", p.filter_mode);
    if (!p.sources.empty()) {
      jw.key("source_list");
      jw.start_array();
      for (auto& [a, t] : p.sources) {
        jw.start_object();
        jw.member("address", a);
        jw.member("timer", timer_str(t, false));
        jw.end_object();
      }
      jw.end_array();
    }
    if (p.has_proto) jw.member("protocol", p.protocol);
  }
  jw.key("flags");
  jw.start_array();
  for (auto& f : p.flags) jw.value(f);
  jw.end_array();
  if (e.key.vid) jw.member("vid", uint64_t(e.key.vid));
  if (ctx.opt.stats) jw.member("timer", timer_str(p.timer, true));
  jw.end_object();
}

// Router ports (MDBA_ROUTER), printed with -d.
void routers_text(Context& ctx, const BridgeDevice& br, Nanos now) {
  auto info = br.mcast().router_port_info(now);
  if (info.empty()) return;
  if (!ctx.opt.stats) ctx.out += fmt::format("router ports on {}: ", br.name());
  for (auto& r : info) {
    const BridgePort* p = br.port_by_no(uint16_t(r.port));
    if (!p) continue;
    if (ctx.opt.stats)
      ctx.out += fmt::format("router ports on {}: {} {} {}\n", br.name(), p->dev().name(),
                             timer_str(r.timer, true),
                             r.type == 1 || r.type == 3 ? "temp" : "permanent");
    else
      ctx.out += p->dev().name() + " ";
  }
  if (!ctx.opt.stats) ctx.out += "\n";
}

void routers_json(Context& ctx, const BridgeDevice& br, Nanos now, JsonWriter& jw) {
  auto info = br.mcast().router_port_info(now);
  if (info.empty()) return;
  jw.key(br.name());
  jw.start_array();
  for (auto& r : info) {
    const BridgePort* p = br.port_by_no(uint16_t(r.port));
    if (!p) continue;
    jw.start_object();
    jw.member("port", p->dev().name());
    if (ctx.opt.stats) {
      jw.member("timer", timer_str(r.timer, true));
      jw.member("type", r.type == 1 || r.type == 3 ? "temp" : "permanent");
    }
    jw.end_object();
  }
  jw.end_array();
}

std::vector<const BridgeDevice*> bridges(Context& ctx, const Device* only) {
  std::vector<const BridgeDevice*> out;
  for (auto& [idx, d] : ctx.ns->devices())
    if (auto* br = dynamic_cast<const BridgeDevice*>(d.get()))
      if (!only || only == br) out.push_back(br);
  return out;
}

int print(Context& ctx, const std::vector<const BridgeDevice*>& brs,
          const std::vector<Line>& lines, bool routers) {
  const Nanos now = ctx.world.engine().now();
  if (ctx.opt.json) {
    JsonWriter jw(ctx.opt.pretty);
    jw.start_array();
    jw.start_object();
    jw.key("mdb");
    jw.start_array();
    for (auto& l : lines) line_json(ctx, l, now, jw);
    jw.end_array();
    jw.key("router");
    jw.start_object();
    if (routers && ctx.opt.details)
      for (auto* br : brs) routers_json(ctx, *br, now, jw);
    jw.end_object();
    jw.end_object();
    jw.end_array();
    ctx.out += jw.str() + "\n";
    return 0;
  }
  for (auto& l : lines) ctx.out += line_text(ctx.opt, l, now);
  if (routers && ctx.opt.details)
    for (auto* br : brs) routers_text(ctx, *br, now);
  return 0;
}

int mdb_show(Context& ctx, ArgIt it, ArgIt end) {
  const Device* dev = nullptr;
  std::optional<uint16_t> vid;
  bool have_dev = false, have_vid = false;
  for (; it != end; ++it) {
    const std::string& w = *it;
    if (w == "dev") {
      if (++it == end) return incomplete(ctx);
      if (have_dev) return duparg(ctx, "dev", *it);
      have_dev = true;
      dev = ctx.ns->find(*it);
      if (!dev) return fail(ctx, kExitUsage, fmt::format("Cannot find device \"{}\"", *it));
    } else if (w == "vid") {
      if (++it == end) return incomplete(ctx);
      if (have_vid) return duparg(ctx, "vid", *it);
      have_vid = true;
      vid = uint16_t(std::atoi(it->c_str()));
    }
    // Any other word is ignored, `help` included (iproute2).
  }
  auto brs = bridges(ctx, dev);
  if (dev && brs.empty()) return print(ctx, brs, {}, false);
  std::vector<Line> lines;
  for (auto* br : brs)
    for (auto& e : br->mcast().entries()) {
      if (vid && e.key.vid != *vid) continue;
      entry_lines(*br, e, lines);
    }
  return print(ctx, brs, lines, true);
}

// The words add/del/replace share; `get` and `flush` parse their own.
int mdb_modify(Context& ctx, ArgIt it, ArgIt end, ctl::MdbOp op) {
  ctl::MdbRequest r;
  std::string grp, src;
  bool have_src = false;
  for (; it != end; ++it) {
    const std::string& w = *it;
    auto next = [&]() -> bool { return ++it != end; };
    if (w == "dev") {
      if (!next()) return incomplete(ctx);
      r.dev = *it;
    } else if (w == "grp") {
      if (!next()) return incomplete(ctx);
      grp = *it;
    } else if (w == "port") {
      if (!next()) return incomplete(ctx);
      r.port = *it;
    } else if (w == "permanent") {
      r.permanent = true;
    } else if (w == "temp") {
      r.permanent = false;
    } else if (w == "vid") {
      if (!next()) return incomplete(ctx);
      r.vid = uint16_t(std::atoi(it->c_str()));  // atoi into a 16-bit field, as iproute2
    } else if (w == "src") {
      if (!next()) return incomplete(ctx);
      src = *it;
      have_src = true;
    } else if (w == "filter_mode") {
      if (!next()) return incomplete(ctx);
      if (*it == "include")
        r.mode = proto::FilterMode::kInclude;
      else if (*it == "exclude")
        r.mode = proto::FilterMode::kExclude;
      else
        return fail(ctx, kExitUsage, fmt::format("Invalid filter mode \"{}\"", *it));
    } else if (w == "source_list") {
      if (!next()) return incomplete(ctx);
      std::vector<McastAddr> list;
      for (auto& part : split(*it, ',')) {
        auto a = IpAddr::parse(part);
        if (!a)
          return fail(ctx, kExitUsage, fmt::format("Invalid source entry \"{}\" in source list", part));
        list.push_back(McastAddr::from_ip(*a));
      }
      r.source_list = std::move(list);
    } else if (w == "proto") {
      if (!next()) return incomplete(ctx);
      auto p = rtprot_parse(*it);
      if (!p) return fail(ctx, kExitUsage, fmt::format("Invalid protocol value \"{}\"", *it));
      r.proto = *p;
    } else if (w == "dst" || w == "dst_port" || w == "vni" || w == "src_vni" || w == "via") {
      // VXLAN MDB attributes: a bridge has no use for them (the kernel refuses).
      if (!next()) return incomplete(ctx);
      kernel_error(ctx, Error::with(EINVAL, "bridge: Unsupported attribute"));
      return kExitUsage;
    } else if (matches(w, "help")) {
      return usage(ctx);
    }
  }
  if (r.dev.empty() || grp.empty() || r.port.empty())
    return fail(ctx, kExitUsage, "Device, group address and port name are required arguments.");
  if (!ctx.ns->find(r.dev)) return fail(ctx, kExitUsage, fmt::format("Cannot find device \"{}\"", r.dev));
  if (!ctx.ns->find(r.port))
    return fail(ctx, kExitUsage, fmt::format("Cannot find device \"{}\"", r.port));
  auto g = parse_group(grp);
  if (!g) return fail(ctx, kExitUsage, fmt::format("Invalid address \"{}\"", grp));
  r.group = *g;
  r.src = McastAddr::zero(g->family);
  if (have_src) {
    auto a = IpAddr::parse(src);
    if (!a) return fail(ctx, kExitUsage, fmt::format("Invalid source address \"{}\"", src));
    McastAddr s = McastAddr::from_ip(*a);
    // iproute2 sends no source for 0.0.0.0 / :: (a *,G request).
    if (!s.is_zero() || s.family != g->family) r.src = s;
  }
  if (auto st = ctl::mdb_change(*ctx.ns, r, op); !st) {
    kernel_error(ctx, st.error());
    return kExitUsage;
  }
  return 0;
}

int mdb_get(Context& ctx, ArgIt it, ArgIt end) {
  std::string dev, grp, src;
  uint32_t vid = 0;
  for (; it != end; ++it) {
    const std::string& w = *it;
    if (w == "dev" || w == "grp" || w == "src" || w == "vid" || w == "src_vni") {
      if (++it == end) return incomplete(ctx);
      if (w == "dev") dev = *it;
      if (w == "grp") grp = *it;
      if (w == "src") src = *it;
      if (w == "vid") vid = uint16_t(std::atoi(it->c_str()));
    } else if (matches(w, "help")) {
      return usage(ctx);
    } else {
      return fail(ctx, kExitUsage, fmt::format("Error: unknown argument \"{}\"", w));
    }
  }
  if (dev.empty() || grp.empty())
    return fail(ctx, kExitUsage, "Device and group address are required arguments.");
  const Device* d = ctx.ns->find(dev);
  if (!d) return fail(ctx, kExitUsage, fmt::format("Cannot find device \"{}\"", dev));
  auto g = parse_group(grp);
  if (!g) return fail(ctx, kExitUsage, fmt::format("Invalid group address \"{}\"", grp));
  proto::MdbKey key{*g, McastAddr::zero(g->family), uint16_t(vid)};
  if (!src.empty()) {
    auto a = IpAddr::parse(src);
    if (!a) return fail(ctx, kExitUsage, fmt::format("Invalid source address \"{}\"", src));
    key.src = McastAddr::from_ip(*a);
  }
  auto r = ctl::mdb_get(*ctx.ns, dev, key);
  if (!r) {
    kernel_error(ctx, r.error());
    return 254;  // the command returns -2 on a kernel error
  }
  std::vector<Line> lines;
  entry_lines(*r->first, *r->second, lines);
  const Nanos now = ctx.world.engine().now();
  if (ctx.opt.json) {
    // A bare array of the entry's lines (no "mdb"/"router" wrapper).
    JsonWriter jw(ctx.opt.pretty);
    jw.start_array();
    for (auto& l : lines) line_json(ctx, l, now, jw);
    jw.end_array();
    ctx.out += jw.str() + "\n";
    return 0;
  }
  for (auto& l : lines) ctx.out += line_text(ctx.opt, l, now);
  return 0;
}

int mdb_flush(Context& ctx, ArgIt it, ArgIt end) {
  ctl::MdbFlushRequest r;
  for (; it != end; ++it) {
    const std::string& w = *it;
    if (w == "dev" || w == "port" || w == "vid" || w == "proto") {
      if (++it == end) return incomplete(ctx);
      if (w == "dev") r.dev = *it;
      if (w == "port") {
        if (!ctx.ns->find(*it))
          return fail(ctx, kExitUsage, fmt::format("Cannot find device \"{}\"", *it));
        r.port = *it;
      }
      if (w == "vid") {
        auto v = parse_uint(*it, UINT16_MAX);
        if (!v) return invarg(ctx, "invalid VLAN ID", *it);
        r.vid = uint32_t(*v);
      }
      if (w == "proto") {
        auto p = rtprot_parse(*it);
        if (!p) return fail(ctx, kExitUsage, fmt::format("Invalid protocol value \"{}\"", *it));
        r.proto = *p;
      }
    } else if (w == "permanent") {
      r.permanent = true;
    } else if (w == "nopermanent") {
      r.permanent = false;
    } else if (w == "src_vni" || w == "dst" || w == "dst_port" || w == "vni") {
      if (++it == end) return incomplete(ctx);
      const char* what = w == "src_vni" ? "source VNI" : w == "dst" ? "destination IP"
                         : w == "dst_port" ? "destination port" : "destination VNI";
      kernel_error(ctx, Error::with(EINVAL, std::string("bridge: Flushing by ") + what +
                                                " is not supported"));
      return kExitUsage;
    } else if (matches(w, "help")) {
      return usage(ctx);
    } else {
      return fail(ctx, kExitUsage, fmt::format("Error: unknown argument \"{}\"", w));
    }
  }
  if (r.dev.empty()) return fail(ctx, kExitUsage, "Device is a required argument.");
  if (!ctx.ns->find(r.dev)) return fail(ctx, kExitUsage, fmt::format("Cannot find device \"{}\"", r.dev));
  if (auto st = ctl::mdb_flush(*ctx.ns, r); !st) {
    kernel_error(ctx, st.error());
    return kExitUsage;
  }
  return 0;
}

}  // namespace

std::string mdb_entry_text(const IpOptions& opt, const BridgeDevice& br, const proto::MdbEntry& e,
                           const proto::PortGroup* pg, Nanos now) {
  std::string port = br.name();
  if (pg) {
    const BridgePort* p = br.port_by_no(uint16_t(pg->port));
    port = p ? p->dev().name() : "*";
  }
  return line_text(opt, Line{&br, port, &e, pg}, now);
}

int bridge_mdb(Context& ctx, ArgIt it, ArgIt end) {
  if (it == end) return mdb_show(ctx, it, end);
  const std::string& cmd = *it++;
  if (matches(cmd, "add")) return mdb_modify(ctx, it, end, ctl::MdbOp::kAdd);
  if (matches(cmd, "delete")) return mdb_modify(ctx, it, end, ctl::MdbOp::kDel);
  // replace, get and flush are whole words (newer iproute2 compares them exactly).
  if (cmd == "replace") return mdb_modify(ctx, it, end, ctl::MdbOp::kReplace);
  if (matches(cmd, "show") || matches(cmd, "lst") || matches(cmd, "list"))
    return mdb_show(ctx, it, end);
  if (cmd == "get") return mdb_get(ctx, it, end);
  if (cmd == "flush") return mdb_flush(ctx, it, end);
  if (matches(cmd, "help")) return usage(ctx);
  ctx.err += fmt::format("Command \"{}\" is unknown, try \"bridge mdb help\".\n", cmd);
  return kExitUsage;
}

}  // namespace uvn::cli
