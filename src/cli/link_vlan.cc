// vlan: `type vlan [protocol P] id VID [reorder_hdr|gvrp|mvrp|loose_binding|bridge_binding on|off]` for
// ip link add, and the -d line `vlan protocol P id N <FLAGS> ` (text) / info_data (JSON).
//
// iproute2 parses `id` as a 16-bit number (any base) and `protocol` as a link-layer protocol
// name or number; the kernel then checks the range (0..4094) and that the protocol is a VLAN
// TPID (ctl/link.cc). `ingress-qos-map`/`egress-qos-map` take FROM:TO words (32-bit numbers,
// any base) up to the first word without a colon, which is then read as the next option; an
// empty map is allowed. The same grammar serves
// `ip link set DEV type vlan ...` (vlan_parse_args).
#include <fmt/format.h>

#include <strings.h>

#include "base/strings.h"
#include "cli/ip_errors.h"
#include "cli/ip_link.h"
#include "cli/link_kind.h"
#include "dev/vlan/vlan.h"

namespace uvn::cli {

namespace {

int vlan_usage(Context& ctx, std::string& to) {
  (void)ctx;
  to +=
      "Usage: ... vlan id VLANID\n"
      "\t\t[ protocol VLANPROTO ]\n"
      "\t\t[ reorder_hdr { on | off } ]\n"
      "\t\t[ gvrp { on | off } ]\n"
      "\t\t[ mvrp { on | off } ]\n"
      "\t\t[ loose_binding { on | off } ]\n"
      "\t\t[ bridge_binding { on | off } ]\n"
      "\t\t[ ingress-qos-map QOS-MAP ]\n"
      "\t\t[ egress-qos-map QOS-MAP ]\n"
      "\n"
      "VLANID := 0-4095\n"
      "VLANPROTO: [ 802.1Q | 802.1ad ]\n"
      "QOS-MAP := [ QOS-MAP ] QOS-MAPPING\n"
      "QOS-MAPPING := FROM:TO\n";
  return 1;
}

// A link-layer protocol by name (case-insensitive) or number, as `protocol` takes it. Only
// the names a VLAN user is likely to give are known; the kernel refuses all but the TPIDs.
std::optional<uint16_t> parse_ll_proto(const std::string& s) {
  static constexpr struct {
    const char* name;
    uint16_t id;
  } kNames[] = {{"802.1Q", 0x8100}, {"802.1ad", 0x88a8}, {"ip", 0x0800},
                {"arp", 0x0806},    {"ipv6", 0x86dd},    {"loop", 0x0060}};
  for (auto& n : kNames)
    if (strcasecmp(s.c_str(), n.name) == 0) return n.id;
  auto v = parse_uint(s, 0xffff);
  if (!v) return std::nullopt;
  return uint16_t(*v);
}

// FROM:TO words after `ingress-qos-map`/`egress-qos-map`, up to the first word without a
// colon. `it` is left on the last word taken (or on the keyword when none was).
int parse_qos_map(Context& ctx, ArgIt& it, ArgIt end, const char* what,
                  std::vector<std::pair<uint32_t, uint32_t>>& out) {
  ArgIt w = it + 1;
  for (; w != end; ++w) {
    auto colon = w->find(':');
    if (colon == std::string::npos) break;
    std::string from = w->substr(0, colon);
    auto f = parse_uint(from, 0xffffffff);
    auto t = parse_uint(w->substr(colon + 1), 0xffffffff);
    // iproute2 has cut the word at the colon by then: the FROM part is what it shows.
    if (!f || !t) return invarg(ctx, what, from);
    out.emplace_back(uint32_t(*f), uint32_t(*t));
  }
  it = w - 1;
  return 0;
}

}  // namespace

int vlan_parse_args(Context& ctx, ArgIt it, ArgIt end, ctl::VlanArgs& a) {
  for (; it != end; ++it) {
    const std::string& w = *it;
    size_t flag = kVlanCount;
    if (matches(w, "protocol")) {
      if (++it == end) return incomplete(ctx);
      auto p = parse_ll_proto(*it);
      if (!p) return invarg(ctx, "protocol is invalid", *it);
      a.protocol = *p;
    } else if (matches(w, "id")) {
      if (++it == end) return incomplete(ctx);
      auto v = parse_uint(*it, 0xffff);
      if (!v) return invarg(ctx, "id is invalid", *it);
      a.id = uint16_t(*v);
    } else if (matches(w, "reorder_hdr")) {
      flag = kVlanReorderHdr;
    } else if (matches(w, "gvrp")) {
      flag = kVlanGvrp;
    } else if (matches(w, "mvrp")) {
      flag = kVlanMvrp;
    } else if (matches(w, "loose_binding")) {
      flag = kVlanLooseBinding;
    } else if (matches(w, "bridge_binding")) {
      flag = kVlanBridgeBinding;
    } else if (matches(w, "ingress-qos-map")) {
      if (it + 1 == end) return incomplete(ctx);
      if (int rc = parse_qos_map(ctx, it, end, "invalid ingress-qos-map", a.ingress_qos)) return rc;
    } else if (matches(w, "egress-qos-map")) {
      if (it + 1 == end) return incomplete(ctx);
      if (int rc = parse_qos_map(ctx, it, end, "invalid egress-qos-map", a.egress_qos)) return rc;
    } else if (matches(w, "help")) {
      return vlan_usage(ctx, ctx.err);
    } else {
      ctx.err += fmt::format("vlan: unknown command \"{}\"?\n", w);
      return vlan_usage(ctx, ctx.err);
    }
    if (flag != kVlanCount) {
      if (++it == end) return incomplete(ctx);
      bool on;
      if (!parse_on_off(*it, on))
        return on_off_error(ctx, kVlanOptionTable.specs()[flag].name, *it);
      a.flags.emplace_back(flag, on);
    }
  }
  return 0;
}

namespace {

int vlan_parse(Context& ctx, ArgIt it, ArgIt end, ctl::LinkAddRequest& req) {
  return vlan_parse_args(ctx, it, end, req.vlan);
}

// ` FROM:TO` pairs of a map, text and JSON.
void qos_text(const char* name, const std::vector<std::pair<uint32_t, uint32_t>>& m,
              std::string& s) {
  if (m.empty()) return;
  s += fmt::format("\n      {} {{ ", name);
  for (auto& [f, t] : m) s += fmt::format("{}:{} ", f, t);
  s += "} ";
}

void qos_json(const char* key, const std::vector<std::pair<uint32_t, uint32_t>>& m,
              JsonWriter& jw) {
  if (m.empty()) return;
  jw.key(key);
  jw.start_array();
  for (auto& [f, t] : m) {
    jw.start_object();
    jw.member("from", f);
    jw.member("to", t);
    jw.end_object();
  }
  jw.end_array();
}

std::string_view protocol_name(const VlanDevice& v) {
  return kVlanOptionTable.specs()[kVlanProtocol].names[v.kind_options()->get(kVlanProtocol)];
}

}  // namespace

extern const LinkKind kLinkVlan{
    .kind = "vlan",
    .parse = vlan_parse,
    .print_text =
        [](const Device& dev, std::string& s) {
          auto* v = dynamic_cast<const VlanDevice*>(&dev);
          if (!v) return;
          s += fmt::format("protocol {} id {} ", protocol_name(*v), v->vid());
          std::string flags;
          for (size_t i = kVlanFirstFlag; i <= kVlanLastFlag; ++i)
            if (v->flag(VlanOpt(i))) flags += (flags.empty() ? "" : ",") + std::string(vlan_flag_label(i));
          if (!flags.empty()) s += "<" + flags + "> ";
          qos_text("ingress-qos-map", v->ingress_dump(), s);
          qos_text("egress-qos-map", v->egress_dump(), s);
        },
    .print_json =
        [](const Device& dev, JsonWriter& jw) {
          auto* v = dynamic_cast<const VlanDevice*>(&dev);
          if (!v) return;
          jw.member("protocol", protocol_name(*v));
          jw.member("id", unsigned(v->vid()));
          bool any = false;
          for (size_t i = kVlanFirstFlag; i <= kVlanLastFlag; ++i) any |= v->flag(VlanOpt(i));
          if (any) {
            jw.key("flags");
            jw.start_array();
            for (size_t i = kVlanFirstFlag; i <= kVlanLastFlag; ++i)
              if (v->flag(VlanOpt(i))) jw.value(vlan_flag_label(i));
            jw.end_array();
          }
          qos_json("ingress_qos", v->ingress_dump(), jw);
          qos_json("egress_qos", v->egress_dump(), jw);
        },
};

}  // namespace uvn::cli
