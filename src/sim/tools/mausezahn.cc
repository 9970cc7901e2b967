// mausezahn (netsniff-ng's packet generator), the subset the Linux forwarding selftests use:
// raw Ethernet frames sent on a device as from a packet socket, bypassing the host stack.
//
//   mausezahn DEV [-q] [-c COUNT] [-d DELAY] [-a SMAC|rand|own] [-b DMAC|rand|bcast]
//             [-A SIP|rand] [-B DIP] [-p LEN] [-Q [COS:]VID] [-t arp|ip|udp|icmp ["ARGS"]]
//             ["HEX BYTES"]
//
// -t ip/udp/icmp build IPv4 packets (ARGS for udp: "sp=N,dp=N"); -t arp an ARP request;
// without -t a hex string gives the bytes after the MAC addresses (EtherType first), else the
// frame carries EtherType 0x88b5 (local experimental). Frames are padded to 60 bytes (or -p).
// -c 0 (send forever) is refused: the simulator needs an end. The tool prints nothing, as
// with -q (its banner is not emulated).
#include <fmt/format.h>

#include <cstring>

#include "base/strings.h"
#include "sim/tools/tool.h"
#include "wire/arp.h"
#include "wire/checksum.h"
#include "wire/ethernet.h"
#include "wire/icmp.h"
#include "wire/ipv4.h"
#include "wire/udp.h"
#include "world/netns.h"
#include "world/stack/host_stack.h"

namespace uvn::sim {

namespace {

constexpr size_t kEth = wire::kEthernetHeaderLen;

struct MzSpec {
  std::string dev;
  long count = 1;
  Nanos delay = 0;
  std::string smac = "own", dmac = "bcast", sip, dip;
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

std::optional<std::vector<uint8_t>> parse_hex(const std::string& s) {
  std::vector<uint8_t> out;
  std::string digits;
  for (char c : s) {
    if (std::isxdigit(static_cast<unsigned char>(c))) digits += c;
    else if (c != ':' && c != ' ' && c != '-' && c != '.') return std::nullopt;
  }
  if (digits.empty() || digits.size() % 2) return std::nullopt;
  for (size_t i = 0; i < digits.size(); i += 2)
    out.push_back(uint8_t(std::stoul(digits.substr(i, 2), nullptr, 16)));
  return out;
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

}  // namespace

int mausezahn_main(ToolEnv& env, const Args& a) {
  MzSpec s;
  std::vector<std::string> pos;
  for (size_t i = 1; i < a.size(); ++i) {
    const std::string& o = a[i];
    bool val = i + 1 < a.size();
    if (o == "-q") continue;
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
        case 'a': s.smac = v; break;
        case 'b': s.dmac = v; break;
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

  Device* dev = env.ns.find(s.dev);
  if (!dev) return mz_error(env, fmt::format("device {} does not exist", s.dev));
  // Addresses are resolved once; "rand" ones are drawn anew for every frame.
  Rng& rng = env.world.rng();
  struct MacArg {
    MacAddr fixed;
    bool rand = false;
  };
  struct IpArg {
    Ipv4Addr fixed;
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
    if (v == "rand") return IpArg{{}, true};
    if (v.empty()) {
      if (!src) return IpArg{Ipv4Addr{0xffffffffu}};
      for (auto& addr : env.ns.stack().addrs())
        if (addr.ifindex == dev->ifindex() && addr.local.addr.is_v4())
          return IpArg{addr.local.addr.v4()};
      return IpArg{Ipv4Addr{0}};
    }
    if (auto ip = Ipv4Addr::parse(v)) return IpArg{*ip};
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
  auto ip_value = [&](const IpArg& a) { return a.rand ? Ipv4Addr{uint32_t(rng.next())} : a.fixed; };
  auto smac_arg = resolve_mac(s.smac), dmac_arg = resolve_mac(s.dmac);
  auto sip_arg = resolve_ip(s.sip, true), dip_arg = resolve_ip(s.dip, false);
  if (!smac_arg) return mz_error(env, fmt::format("invalid source MAC \"{}\"", s.smac));
  if (!dmac_arg) return mz_error(env, fmt::format("invalid destination MAC \"{}\"", s.dmac));
  if (!sip_arg) return mz_error(env, fmt::format("invalid source IP \"{}\"", s.sip));
  if (!dip_arg) return mz_error(env, fmt::format("invalid destination IP \"{}\"", s.dip));
  std::vector<uint8_t> raw;
  if (!s.hex.empty()) {
    auto h = parse_hex(s.hex);
    if (!h || h->size() < 2) return mz_error(env, fmt::format("invalid hex string \"{}\"", s.hex));
    raw = *h;
  }
  uint16_t sp = 0, dp = 0;
  if (s.type == "udp") {
    auto p1 = arg_u16(s.args, "sp", 0), p2 = arg_u16(s.args, "dp", 0);
    if (!p1 || !p2) return mz_error(env, fmt::format("invalid arguments \"{}\"", s.args));
    sp = *p1;
    dp = *p2;
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
      arp.sender_ip = ip_value(*sip_arg);
      arp.target_ip = ip_value(*dip_arg);
      l3.resize(arp.buffer_len());
      arp.emit(l3.data());
      type = wire::kEtherTypeArp;
    } else if (!s.type.empty()) {
      size_t l4 = s.type == "udp" ? wire::kUdpHeaderLen : s.type == "icmp" ? 8 : 0;
      size_t payload = s.pad > kEth + 20 + l4 ? s.pad - kEth - 20 - l4 : 0;
      wire::Ipv4Repr ip;
      ip.src = ip_value(*sip_arg);
      ip.dst = ip_value(*dip_arg);
      ip.protocol = s.type == "udp" ? 17 : s.type == "icmp" ? 1 : 0;
      ip.ttl = 255;
      ip.payload_len = uint16_t(l4 + payload);
      l3.assign(ip.buffer_len(), 0);
      uint8_t* p = l3.data() + ip.header_len();
      if (s.type == "udp") {
        wire::UdpRepr u{sp, dp, uint16_t(payload)};
        u.emit(p, ip.src, ip.dst);
      } else if (s.type == "icmp") {
        p[0] = 8;  // echo request
        uint16_t c = wire::internet_checksum(p, l4 + payload);
        p[2] = uint8_t(c >> 8);
        p[3] = uint8_t(c);
      }
      ip.emit(l3.data());
      type = wire::kEtherTypeIpv4;
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
