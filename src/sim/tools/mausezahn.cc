// mausezahn (netsniff-ng's packet generator), the subset the Linux forwarding selftests use:
// raw Ethernet frames sent on a device as from a packet socket, bypassing the host stack.
//
//   mausezahn DEV [-q] [-4|-6] [-c COUNT] [-d DELAY] [-a SMAC|rand|own] [-b DMAC|rand|bcast]
//             [-A SIP|rand] [-B DIP] [-p LEN] [-Q [COS:]VID] [-t arp|ip|udp|icmp ["ARGS"]]
//             ["HEX BYTES"]
//
// Without -t the argument is a hex string (or "p=HEX"): with neither -a nor -b it is the whole
// frame, destination MAC first, as mausezahn sends it; with -a and/or -b it is the bytes after
// the MAC addresses, EtherType first (mausezahn itself reads the source MAC from the string
// when only -b is given; uvn does not). An empty frame carries EtherType 0x88b5 (local
// experimental). Hex bytes are separated by ':', '-', '.' or blanks, one or two digits each, as
// mausezahn's str2hex() reads them; uvn also splits a longer even-length run of digits into
// bytes, which mausezahn refuses.
//
// -t ip, udp and icmp build IPv4 packets, or IPv6 ones after -6 (ip and udp only): from -A
// (default: the device's first address of the family), to -B (default 255.255.255.255, or
// ff02::1 with -6). Without -b a multicast destination gets its group MAC (as the kernel maps
// it for mausezahn's raw IP socket), anything else the broadcast MAC. ARGS are mausezahn's
// comma-separated NAME=VALUE list: for udp "sp=N,dp=N"; for ip (IPv4) proto=N, ttl=N (default
// 255), tos=HEX, dscp=N, id=N, df, option=HEX (IP options, padded to 4 bytes) and p=HEX /
// payload=HEX, with the header checksum computed (no option is added unless given: the
// selftests' IGMP payloads go without Router Alert); for ip with -6 next=N (default 59), hop=N
// (default 255), tos=HEX (traffic class), dscp=N, flow=HEX and p=HEX (extension headers and
// the upper-layer message, its checksum included, are the payload's business). Other names
// are refused (mausezahn ignores those it does not know). -t arp sends an ARP request. Frames
// are padded to 60 bytes (or -p). -c 0 (send forever) is refused: the simulator needs an end.
// The tool prints nothing, as with -q (its banner is not emulated).
#include <fmt/format.h>

#include <cctype>
#include <cstring>

#include "base/strings.h"
#include "sim/tools/tool.h"
#include "wire/arp.h"
#include "wire/checksum.h"
#include "wire/ethernet.h"
#include "wire/icmp.h"
#include "wire/ipv4.h"
#include "wire/ipv6.h"
#include "wire/udp.h"
#include "world/netns.h"
#include "world/stack/host_stack.h"

namespace uvn::sim {

namespace {

constexpr size_t kEth = wire::kEthernetHeaderLen;
constexpr uint16_t kEtherTypeIpv6 = 0x86dd;

struct MzSpec {
  std::string dev;
  long count = 1;
  Nanos delay = 0;
  std::string smac = "own", dmac = "bcast", sip, dip;
  bool smac_given = false, dmac_given = false;
  bool v6 = false;
  size_t pad = 0;
  int vid = -1, cos = 0;
  std::string type, args, hex;
};

int mz_error(ToolEnv& env, const std::string& what) {
  env.err += fmt::format("mausezahn: {}\n", what);
  return 1;
}

// "100" (usec), "100usec", "10msec"/"10ms", "1s"/"1sec".
std::optional<Nanos> parse_delay(std::string s) {
  Nanos unit = 1000;
  auto ends = [&](std::string_view suf) {
    if (s.size() > suf.size() && s.ends_with(suf)) {
      s.resize(s.size() - suf.size());
      return true;
    }
    return false;
  };
  if (ends("usec") || ends("us")) unit = 1000;
  else if (ends("msec") || ends("ms")) unit = 1000000;
  else if (ends("sec") || ends("s")) unit = 1000000000;
  auto v = parse_double(s);
  if (!v || *v < 0) return std::nullopt;
  return Nanos(*v * double(unit));
}

// mausezahn's str2hex(): bytes separated by ':', '-', '.' or blanks, each one or two hex
// digits; a longer run of an even number of digits is split into bytes (uvn only).
std::optional<std::vector<uint8_t>> parse_hex(const std::string& s) {
  std::vector<uint8_t> out;
  std::string tok;
  auto flush = [&]() {
    if (tok.empty()) return true;
    if (tok.size() > 2 && tok.size() % 2) return false;
    size_t step = tok.size() <= 2 ? tok.size() : 2;
    for (size_t i = 0; i < tok.size(); i += step)
      out.push_back(uint8_t(std::stoul(tok.substr(i, step), nullptr, 16)));
    tok.clear();
    return true;
  };
  for (char c : s) {
    if (std::isxdigit(static_cast<unsigned char>(c))) {
      tok += c;
    } else if (c == ':' || c == '-' || c == '.' || c == ' ' || c == '\t' || c == '\n') {
      if (!flush()) return std::nullopt;
    } else {
      return std::nullopt;
    }
  }
  if (!flush()) return std::nullopt;
  return out;
}

// mausezahn's getarg(): comma-separated arguments; in each the name ends at the first blank or
// '=', and the value is the next blank- or '='-delimited word ("" for a bare flag). Names
// compare without case.
struct MzArg {
  std::string name, value;
};
std::vector<MzArg> parse_args(const std::string& s) {
  std::vector<MzArg> out;
  for (auto& item : split(s, ',')) {
    std::vector<std::string> words;
    std::string w;
    for (char c : item) {
      if (c == ' ' || c == '=') {
        if (!w.empty()) words.push_back(std::move(w));
        w.clear();
      } else {
        w += char(std::tolower(static_cast<unsigned char>(c)));
      }
    }
    if (!w.empty()) words.push_back(std::move(w));
    if (words.empty()) continue;
    out.push_back({words[0], words.size() > 1 ? words[1] : ""});
  }
  return out;
}
// The value of the last `name` (mausezahn's getarg keeps the last one), if present.
const std::string* find_arg(const std::vector<MzArg>& args, std::string_view name) {
  const std::string* v = nullptr;
  for (auto& a : args)
    if (a.name == name) v = &a.value;
  return v;
}

// "sp=1,dp=2" -> value of key, or def.
std::optional<uint16_t> arg_u16(const std::string& args, std::string_view key, uint16_t def) {
  for (auto& kv : split(args, ',')) {
    std::string_view t = kv;
    while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
    if (t.size() > key.size() && t.substr(0, key.size()) == key && t[key.size()] == '=') {
      auto v = parse_uint(std::string(t.substr(key.size() + 1)), 65535);
      if (!v) return std::nullopt;
      return uint16_t(*v);
    }
  }
  return def;
}

// The header fields of -t ip's ARGS (both families).
struct IpArgs {
  uint8_t proto = 0, ttl = 255, tos = 0;  // proto is the next header with -6
  uint16_t id = 0;
  bool df = false;
  uint32_t flow = 0;
  std::vector<uint8_t> options, payload;
};

std::optional<std::string> parse_ip_args(const std::string& s, bool v6, IpArgs& out) {
  if (v6) out.proto = 59;  // no next header
  auto args = parse_args(s);
  // Names mausezahn knows that uvn does not build.
  static const char* const kUnsupported4[] = {"len", "sum", "frag", "mf", "rf", "loose",
                                              "strict", "ether_type", "iplen", "ipsum", "help"};
  static const char* const kUnsupported6[] = {"len", "frag", "mf", "frag_res1", "frag_res2",
                                              "id", "loose", "rtype", "segments", "ether_type",
                                              "iplen", "help"};
  for (auto& a : args) {
    const std::string& n = a.name;
    bool known = n == "tos" || n == "dscp" || n == "p" || n == "payload" ||
                 (v6 ? n == "next" || n == "hop" || n == "flow"
                     : n == "proto" || n == "ttl" || n == "id" || n == "df" || n == "option");
    if (known) continue;
    bool unsupported = false;
    if (v6) {
      for (auto* u : kUnsupported6) unsupported |= n == u;
    } else {
      for (auto* u : kUnsupported4) unsupported |= n == u;
    }
    if (unsupported) return fmt::format("-t ip parameter \"{}\" is not supported here", n);
    std::string hint = n == "dst" || n == "src" || n == "da" || n == "sa"
                           ? " (the addresses are -A and -B)"
                           : "";
    return fmt::format("-t ip{} has no parameter \"{}\"{}", v6 ? " (IPv6)" : "", n, hint);
  }
  auto get = [&](std::string_view name) { return find_arg(args, name); };
  if (auto* v = get(v6 ? "next" : "proto")) {
    auto x = parse_uint(*v, 255, 10);
    if (!x) return fmt::format("invalid {} \"{}\"", v6 ? "next" : "proto", *v);
    out.proto = uint8_t(*x);
  }
  if (auto* v = get(v6 ? "hop" : "ttl")) {
    auto x = parse_uint(*v, 255, 10);
    if (!x) return fmt::format("invalid {} \"{}\"", v6 ? "hop" : "ttl", *v);
    out.ttl = uint8_t(*x);
  }
  if (auto* v = get("tos")) {  // hex, with or without 0x (strtol base 16)
    auto x = parse_uint(*v, 255, 16);
    if (!x) return fmt::format("invalid tos \"{}\"", *v);
    out.tos = uint8_t(*x);
  }
  if (auto* v = get("dscp")) {
    auto x = parse_uint(*v, 63, 10);
    if (!x) return fmt::format("invalid dscp \"{}\"", *v);
    out.tos = uint8_t(*x << 2);
  }
  if (auto* v = get("id")) {
    auto x = parse_uint(*v, 65535, 10);
    if (!x) return fmt::format("invalid id \"{}\"", *v);
    out.id = uint16_t(*x);
  }
  if (get("df")) out.df = true;
  if (auto* v = get("flow")) {
    auto x = parse_uint(*v, 0xfffff, 16);
    if (!x) return fmt::format("invalid flow label \"{}\"", *v);
    out.flow = uint32_t(*x);
  }
  if (auto* v = get("option")) {
    auto h = parse_hex(*v);
    if (!h || h->empty() || h->size() > wire::kIpv4MaxOptionsLen)
      return fmt::format("invalid IP option \"{}\"", *v);
    out.options = std::move(*h);
    out.options.resize((out.options.size() + 3) / 4 * 4, 0);  // zero-padded, as libnet does
  }
  const std::string* p = get("payload");
  if (auto* q = get("p")) p = q;
  if (p) {
    auto h = parse_hex(*p);
    if (!h) return fmt::format("invalid payload \"{}\"", *p);
    out.payload = std::move(*h);
  }
  return std::nullopt;
}

MacAddr group_mac(const IpAddr& a) {
  if (a.is_v4()) {
    uint32_t v = a.v4().v;
    return MacAddr{{0x01, 0x00, 0x5e, uint8_t(v >> 16 & 0x7f), uint8_t(v >> 8), uint8_t(v)}};
  }
  const auto& b = a.v6().b;
  return MacAddr{{0x33, 0x33, b[12], b[13], b[14], b[15]}};
}

}  // namespace

int mausezahn_main(ToolEnv& env, const Args& a) {
  MzSpec s;
  std::vector<std::string> pos;
  for (size_t i = 1; i < a.size(); ++i) {
    const std::string& o = a[i];
    bool val = i + 1 < a.size();
    if (o == "-q") continue;
    if (o == "-4" || o == "-6") {
      s.v6 = o == "-6";
      continue;
    }
    if (o.size() == 2 && o[0] == '-' && std::string_view("cdabABpQt").find(o[1]) != std::string::npos) {
      if (!val) return mz_error(env, fmt::format("option {} needs an argument", o));
      const std::string& v = a[++i];
      switch (o[1]) {
        case 'c': {
          auto c = parse_uint(v, 100000000);
          if (!c) return mz_error(env, fmt::format("invalid count \"{}\"", v));
          if (*c == 0) return mz_error(env, "-c 0 (send forever) cannot end in the simulator");
          s.count = long(*c);
          break;
        }
        case 'd': {
          auto d = parse_delay(v);
          if (!d) return mz_error(env, fmt::format("invalid delay \"{}\"", v));
          s.delay = *d;
          break;
        }
        case 'a':
          s.smac = v;
          s.smac_given = true;
          break;
        case 'b':
          s.dmac = v;
          s.dmac_given = true;
          break;
        case 'A': s.sip = v; break;
        case 'B': s.dip = v; break;
        case 'p': {
          auto p = parse_uint(v, 9000);
          if (!p) return mz_error(env, fmt::format("invalid length \"{}\"", v));
          s.pad = size_t(*p);
          break;
        }
        case 'Q': {
          std::string vid = v;
          if (auto c = v.find(':'); c != std::string::npos) {
            auto cos = parse_uint(v.substr(0, c), 7);
            if (!cos) return mz_error(env, fmt::format("invalid CoS in \"{}\"", v));
            s.cos = int(*cos);
            vid = v.substr(c + 1);
          }
          auto id = parse_uint(vid, 4095);
          if (!id) return mz_error(env, fmt::format("invalid VLAN \"{}\"", v));
          s.vid = int(*id);
          break;
        }
        case 't': s.type = v; break;
      }
      continue;
    }
    if (!o.empty() && o[0] == '-') return mz_error(env, fmt::format("unknown option {}", o));
    pos.push_back(o);
  }
  if (pos.empty()) return mz_error(env, "no interface given");
  s.dev = pos[0];
  if (pos.size() > 2) return mz_error(env, fmt::format("unexpected argument \"{}\"", pos[2]));
  if (pos.size() == 2) (s.type.empty() ? s.hex : s.args) = pos[1];
  if (!s.type.empty() && s.type != "ip" && s.type != "udp" && s.type != "icmp" && s.type != "arp")
    return mz_error(env, fmt::format("packet type \"{}\" is not supported here (arp, ip, udp, icmp)",
                                     s.type));
  if (s.v6 && (s.type == "arp" || s.type == "icmp"))
    return mz_error(env, fmt::format("-t {} is not supported with -6 here (ip, udp)", s.type));
  bool v6 = s.v6 && !s.type.empty();  // -6 only matters to the IP packet types

  Device* dev = env.ns.find(s.dev);
  if (!dev) return mz_error(env, fmt::format("device {} does not exist", s.dev));
  // Addresses are resolved once; "rand" ones are drawn anew for every frame.
  Rng& rng = env.world.rng();
  struct MacArg {
    MacAddr fixed;
    bool rand = false;
  };
  struct IpArg {
    IpAddr fixed;
    bool rand = false;
  };
  auto resolve_mac = [&](const std::string& v) -> std::optional<MacArg> {
    if (v == "rand") return MacArg{{}, true};
    if (v == "own") return MacArg{dev->mac()};
    if (v == "bcast") return MacArg{MacAddr::broadcast()};
    if (auto m = MacAddr::parse(v)) return MacArg{*m};
    return std::nullopt;
  };
  auto resolve_ip = [&](const std::string& v, bool src) -> std::optional<IpArg> {
    if (v == "rand") {
      if (v6) return std::nullopt;  // mausezahn: not in IPv6 mode
      return IpArg{IpAddr{Ipv4Addr{}}, true};
    }
    if (v.empty()) {
      if (!src) return v6 ? IpArg{IpAddr{*Ipv6Addr::parse("ff02::1")}} : IpArg{IpAddr{Ipv4Addr{0xffffffffu}}};
      for (auto& addr : env.ns.stack().addrs())
        if (addr.ifindex == dev->ifindex() && addr.local.addr.is_v4() != v6)
          return IpArg{addr.local.addr};
      return v6 ? IpArg{IpAddr{Ipv6Addr{}}} : IpArg{IpAddr{Ipv4Addr{0}}};
    }
    if (v6) {
      if (auto ip = Ipv6Addr::parse(v)) return IpArg{IpAddr{*ip}};
    } else if (auto ip = Ipv4Addr::parse(v)) {
      return IpArg{IpAddr{*ip}};
    }
    return std::nullopt;
  };
  auto mac_value = [&](const MacArg& m, bool src) {
    if (!m.rand) return m.fixed;
    uint64_t r = rng.next();
    uint8_t b[6];
    for (int i = 0; i < 6; ++i) b[i] = uint8_t(r >> (8 * i));
    if (src) b[0] &= 0xfe;  // a source is never a group address
    return MacAddr::from_bytes(b);
  };
  auto ip_value = [&](const IpArg& a) {
    return a.rand ? IpAddr{Ipv4Addr{uint32_t(rng.next())}} : a.fixed;
  };
  auto smac_arg = resolve_mac(s.smac), dmac_arg = resolve_mac(s.dmac);
  auto sip_arg = resolve_ip(s.sip, true), dip_arg = resolve_ip(s.dip, false);
  if (!smac_arg) return mz_error(env, fmt::format("invalid source MAC \"{}\"", s.smac));
  if (!dmac_arg) return mz_error(env, fmt::format("invalid destination MAC \"{}\"", s.dmac));
  if (!sip_arg) return mz_error(env, fmt::format("invalid source IP \"{}\"", s.sip));
  if (!dip_arg) return mz_error(env, fmt::format("invalid destination IP \"{}\"", s.dip));
  // An IP packet without -b goes to the group MAC of a multicast destination.
  if (!s.dmac_given && !s.type.empty() && s.type != "arp" && !dip_arg->rand) {
    const IpAddr& d = dip_arg->fixed;
    if (d.is_v4() ? d.v4().is_multicast() : d.v6().is_multicast())
      dmac_arg = MacArg{group_mac(d)};
  }
  bool whole_frame = false;  // the hex string holds the MAC addresses too
  std::vector<uint8_t> raw;
  if (!s.hex.empty()) {
    std::string hex = s.hex;
    auto args = parse_args(s.hex);
    const std::string* p = find_arg(args, "payload");
    if (auto* q = find_arg(args, "p")) p = q;
    if (p) hex = *p;
    auto h = parse_hex(hex);
    whole_frame = !s.smac_given && !s.dmac_given;
    if (!h || h->size() < 2) return mz_error(env, fmt::format("invalid hex string \"{}\"", s.hex));
    if (whole_frame && h->size() < kEth)
      return mz_error(env, fmt::format("a frame without -a or -b needs at least {} bytes "
                                       "(destination and source MAC, EtherType): \"{}\"",
                                       kEth, s.hex));
    raw = std::move(*h);
  }
  uint16_t sp = 0, dp = 0;
  if (s.type == "udp") {
    auto p1 = arg_u16(s.args, "sp", 0), p2 = arg_u16(s.args, "dp", 0);
    if (!p1 || !p2) return mz_error(env, fmt::format("invalid arguments \"{}\"", s.args));
    sp = *p1;
    dp = *p2;
  }
  IpArgs ipa;
  if (s.type == "ip") {
    if (auto e = parse_ip_args(s.args, v6, ipa)) return mz_error(env, *e);
  }

  Engine& eng = env.world.engine();
  Nanos start = eng.now();
  for (long n = 0; n < s.count; ++n) {
    if (n && s.delay) eng.advance_to(start + n * s.delay);
    MacAddr smac = mac_value(*smac_arg, true), dmac = mac_value(*dmac_arg, false);
    std::vector<uint8_t> l3;  // after the EtherType
    uint16_t type = 0x88b5;
    if (s.type == "arp") {
      wire::ArpRepr arp;
      arp.op = wire::ArpOp::kRequest;
      arp.sender_mac = smac;
      arp.sender_ip = ip_value(*sip_arg).v4();
      arp.target_ip = ip_value(*dip_arg).v4();
      l3.resize(arp.buffer_len());
      arp.emit(l3.data());
      type = wire::kEtherTypeArp;
    } else if (!s.type.empty()) {
      size_t ip_hdr = v6 ? wire::kIpv6HeaderLen : wire::kIpv4MinHeaderLen + ipa.options.size();
      size_t l4 = s.type == "udp" ? wire::kUdpHeaderLen
                  : s.type == "icmp" ? 8
                                     : ipa.payload.size();
      size_t payload = s.pad > kEth + ip_hdr + l4 ? s.pad - kEth - ip_hdr - l4 : 0;
      IpAddr src = ip_value(*sip_arg), dst = ip_value(*dip_arg);
      l3.assign(ip_hdr + l4 + payload, 0);
      uint8_t* p = l3.data() + ip_hdr;
      if (s.type == "ip") {
        if (!ipa.payload.empty()) std::memcpy(p, ipa.payload.data(), ipa.payload.size());
      } else if (s.type == "udp") {
        wire::UdpRepr u{sp, dp, uint16_t(payload)};
        if (v6) u.emit(p, src.v6(), dst.v6());
        else u.emit(p, src.v4(), dst.v4());
      } else if (s.type == "icmp") {
        p[0] = 8;  // echo request
        uint16_t c = wire::internet_checksum(p, l4 + payload);
        p[2] = uint8_t(c >> 8);
        p[3] = uint8_t(c);
      }
      if (v6) {
        wire::Ipv6Repr ip;
        ip.src = src.v6();
        ip.dst = dst.v6();
        ip.next_header = s.type == "udp" ? 17 : ipa.proto;
        ip.hop_limit = s.type == "udp" ? 255 : ipa.ttl;
        ip.traffic_class = ipa.tos;
        ip.flow_label = ipa.flow;
        ip.payload_len = uint16_t(l4 + payload);
        ip.emit(l3.data());
        type = kEtherTypeIpv6;
      } else {
        wire::Ipv4Repr ip;
        ip.src = src.v4();
        ip.dst = dst.v4();
        ip.protocol = s.type == "udp" ? 17 : s.type == "icmp" ? 1 : ipa.proto;
        ip.ttl = ipa.ttl;
        ip.tos = ipa.tos;
        ip.ident = ipa.id;
        ip.dont_frag = ipa.df;
        ip.options_len = uint8_t(ipa.options.size());
        std::copy(ipa.options.begin(), ipa.options.end(), ip.options.begin());
        ip.payload_len = uint16_t(l4 + payload);
        ip.emit(l3.data());
        type = wire::kEtherTypeIpv4;
      }
    } else if (whole_frame) {
      dmac = MacAddr::from_bytes(raw.data());
      smac = MacAddr::from_bytes(raw.data() + 6);
      type = uint16_t(raw[12] << 8 | raw[13]);
      l3.assign(raw.begin() + kEth, raw.end());
    } else if (!raw.empty()) {
      type = uint16_t(raw[0] << 8 | raw[1]);
      l3.assign(raw.begin() + 2, raw.end());
    }
    size_t tag = s.vid >= 0 ? 4 : 0;
    size_t len = std::max<size_t>({kEth + tag + l3.size(), 60, s.type.empty() ? s.pad : 0});
    Frame f = eng.pool().alloc(len);
    std::memset(f.data(), 0, len);
    uint8_t* d = f.data();
    std::memcpy(d, dmac.b.data(), 6);
    std::memcpy(d + 6, smac.b.data(), 6);
    size_t off = 12;
    if (tag) {
      uint16_t tci = uint16_t(s.cos << 13 | s.vid);
      d[12] = 0x81, d[13] = 0x00, d[14] = uint8_t(tci >> 8), d[15] = uint8_t(tci);
      off = 16;
    }
    d[off] = uint8_t(type >> 8);
    d[off + 1] = uint8_t(type);
    if (!l3.empty()) std::memcpy(d + off + 2, l3.data(), l3.size());
    dev->transmit(std::move(f));
    if ((n & 63) == 63 || !s.delay) eng.settle();
  }
  eng.settle();
  return 0;
}

}  // namespace uvn::sim
