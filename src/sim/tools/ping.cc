// ping (iputils): ICMP/ICMPv6 echo with iputils' options (-c -i -W -w -s -I -q -4 -6 -t -Q),
// output lines and exit statuses (0 replies, 1 no reply, 2 error), on virtual time.
// The rtt printed is the measured virtual round trip.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "base/strings.h"
#include "sim/tools/tool.h"
#include "world/netns.h"
#include "world/stack/host_stack.h"

namespace uvn::sim {

namespace {

struct PingOpts {
  long count = -1;
  double interval = 1.0;
  double wait = -1;      // -W: how long to wait for a reply
  double deadline = -1;  // -w
  long size = 56;
  std::string iface;     // -I device
  std::optional<IpAddr> src;
  bool quiet = false;
  int family = 0;
  int ttl = 64;
  uint32_t priority = 0;
  std::string target;
};

int bad_arg(ToolEnv& env, const std::string& v, const std::string& range = {}) {
  env.err += "ping: invalid argument: '" + v + "'" + (range.empty() ? "" : ": out of range: " + range) + "\n";
  return 1;
}

int parse(ToolEnv& env, const Args& args, PingOpts& o) {
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto need = [&](std::string& v) {
      if (i + 1 >= args.size()) return false;
      v = args[++i];
      return true;
    };
    std::string v;
    if (a.size() > 2 && a[0] == '-' && std::string("ciWwsItQ").find(a[1]) != std::string::npos) {
      v = a.substr(2);  // -c3 form
    }
    if (a == "-q") {
      o.quiet = true;
    } else if (a == "-4") {
      o.family = 4;
    } else if (a == "-6") {
      o.family = 6;
    } else if (a == "-n" || a == "-v" || a == "-D" || a == "-O" || a == "-U") {
    } else if (a[0] == '-' && a.size() >= 2 && std::string("ciWwsItQ").find(a[1]) != std::string::npos) {
      if (v.empty() && !need(v)) {
        env.err += fmt::format("ping: option requires an argument -- '{}'\n", a[1]);
        return 2;
      }
      switch (a[1]) {
        case 'c': {
          auto n = parse_int(v);
          if (!n) return bad_arg(env, v);
          if (*n < 1) return bad_arg(env, v, "1 <= value <= 9223372036854775807");
          o.count = long(*n);
          break;
        }
        case 'i': {
          auto d = parse_double(v);
          if (d && *d >= 0) o.interval = *d;  // iputils ignores a bad interval
          break;
        }
        case 'W': {
          auto d = parse_double(v);
          if (!d || *d < 0) return bad_arg(env, v);
          o.wait = *d;
          break;
        }
        case 'w': {
          auto d = parse_double(v);
          if (!d || *d < 0) return bad_arg(env, v);
          o.deadline = *d;
          break;
        }
        case 's': {
          auto n = parse_int(v);
          if (!n) return bad_arg(env, v);
          if (*n < 0 || *n > 2147483647) return bad_arg(env, v, "0 <= value <= 2147483647");
          o.size = long(*n);
          break;
        }
        case 't': {
          auto n = parse_int(v);
          if (!n || *n < 1 || *n > 255) return bad_arg(env, v, "1 <= value <= 255");
          o.ttl = int(*n);
          break;
        }
        case 'Q': {
          auto n = parse_uint(v, 255);
          if (!n) return bad_arg(env, v);
          // IP_TOS also sets the socket priority from the TOS bits (Linux rt_tos2priority):
          // 0x00-0x03 best effort (0), 0x04-0x07 bulk (2), 0x08-0x0b interactive (6),
          // 0x0c-0x0f interactive bulk (4), indexed by (tos & 0x1e) >> 1 as pairs.
          static constexpr uint8_t kTos2Prio[16] = {0, 0, 0, 0, 2, 2, 2, 2,
                                                    6, 6, 6, 6, 4, 4, 4, 4};
          o.priority = kTos2Prio[(uint32_t(*n) & 0x1e) >> 1];
          break;
        }
        case 'I':
          if (auto ip = IpAddr::parse(v))
            o.src = *ip;
          else
            o.iface = v;
          break;
      }
    } else if (a[0] == '-' && a.size() > 1) {
      env.err += fmt::format("ping: invalid option -- '{}'\n", a.substr(1, 1));
      return 2;
    } else {
      o.target = a;
    }
  }
  if (o.target.empty()) {
    env.err += "ping: usage error: Destination address required\n";
    return 1;
  }
  return 0;
}

std::string rtt_text(double ms) {
  if (ms < 1) return fmt::format("{:.3f}", ms);
  if (ms < 10) return fmt::format("{:.2f}", ms);
  if (ms < 100) return fmt::format("{:.1f}", ms);
  return fmt::format("{}", long(ms));
}

}  // namespace

int ping_main(ToolEnv& env, const Args& args) {
  PingOpts o;
  if (int rc = parse(env, args, o)) return rc;
  // Target: an address, optionally with %scope for IPv6 link-local; "localhost".
  std::string host = o.target, scope;
  if (auto pct = host.find('%'); pct != std::string::npos) {
    scope = host.substr(pct + 1);
    host = host.substr(0, pct);
  }
  std::optional<IpAddr> dst;
  bool named = false;
  if (host == "localhost") {
    dst = o.family == 6 ? IpAddr::parse("::1") : IpAddr::parse("127.0.0.1");
    named = true;
  } else {
    dst = IpAddr::parse(host);
  }
  if (!dst || (o.family == 4 && !dst->is_v4()) || (o.family == 6 && dst->is_v4())) {
    env.err += fmt::format("ping: {}: {}\n", o.target,
                           dst ? "Address family for hostname not supported"
                               : "Temporary failure in name resolution");
    return 2;
  }
  Netns& ns = env.ns;
  HostStack& st = ns.stack();
  int oif = 0;
  std::string ifname = !o.iface.empty() ? o.iface : scope;
  if (!ifname.empty()) {
    Device* d = ns.find(ifname);
    if (!d) {
      env.err += fmt::format("ping: {}: No such device\n", ifname);
      return 2;
    }
    oif = d->ifindex();
  }
  bool v4 = dst->is_v4();
  if (!v4 && dst->v6().is_link_local() && !oif) {
    // Without a scope, Linux picks the first device with a link-local route.
    for (auto& r : st.routes())
      if (!r.dst.addr.is_v4() && r.dst.contains(*dst)) {
        oif = r.ifindex;
        break;
      }
  }
  // connect(): a route must exist (with -I dev, SO_BINDTODEVICE sends regardless).
  if (!st.is_local(*dst) && !o.iface.size()) {
    const Route* r = st.route_lookup(*dst, oif);
    if (!r || r->type != kRtnUnicast) {
      env.err += "ping: connect: Network is unreachable\n";
      return 2;
    }
  }
  std::string shown = named ? fmt::format("{} ({})", o.target, dst->format()) : o.target;
  std::string from_part;
  if (!o.iface.empty()) {
    auto s = st.pick_source(*dst, oif);
    from_part = fmt::format(" from {} {}:", s ? s->format() : (v4 ? "0.0.0.0" : "::"), o.iface);
  } else if (o.src) {
    from_part = fmt::format(" from {} :", o.src->format());
  }
  if (v4) {
    env.out += fmt::format("PING {} ({}){} {}({}) bytes of data.\n", named ? o.target : host,
                           dst->format(), from_part, o.size, o.size + 28);
  } else {
    env.out += fmt::format("PING {}({}){} {} data bytes\n", o.target, o.target, from_part, o.size);
  }

  Engine& eng = env.world.engine();
  std::vector<uint8_t> payload(size_t(o.size));
  for (size_t i = 0; i < payload.size(); ++i) payload[i] = uint8_t(i);
  bool timing = o.size >= 8;
  long transmitted = 0, received = 0, errors = 0;
  int pipe = 1;
  std::map<uint16_t, Nanos> sent_at;
  std::vector<double> rtts;
  std::string reply_name = v4 ? (named ? shown : dst->format()) : dst->format();
  if (!v4 && dst->v6().is_link_local() && oif) reply_name += "%" + ns.find(oif)->name();
  int id = st.open_icmp([&](const IcmpEvent& ev) {
    auto it = sent_at.find(ev.seq);
    if (ev.is_error) {
      ++errors;
      if (v4) pipe = std::max<int>(pipe, int(transmitted - ev.seq + 1));
      if (o.quiet) return;
      std::string why;
      if (v4) {
        if (ev.type == 3)
          why = ev.code == 0 ? "Destination Net Unreachable"
                : ev.code == 1 ? "Destination Host Unreachable"
                : ev.code == 3 ? "Destination Port Unreachable"
                               : fmt::format("Dest Unreachable, Bad Code: {}", ev.code);
        else
          why = "Time to live exceeded";
      } else {
        why = ev.type == 1 && ev.code == 3 ? "Destination unreachable: Address unreachable"
              : ev.type == 1              ? "Destination unreachable: No route"
                                          : "Time exceeded: Hop limit";
      }
      env.out += fmt::format("From {} icmp_seq={} {}\n", ev.from.format(), ev.seq, why);
      return;
    }
    if (it == sent_at.end()) return;
    ++received;
    double ms = double(eng.now() - it->second) / 1e6;
    sent_at.erase(it);
    if (timing) rtts.push_back(ms);
    if (o.quiet) return;
    std::string line = fmt::format("{} bytes from {}: icmp_seq={} ttl={}", ev.payload_len + 8,
                                   reply_name, ev.seq, ev.ttl);
    if (timing) line += " time=" + rtt_text(ms) + " ms";
    env.out += line + "\n";
  });

  Nanos start = eng.now();
  Nanos interval = Nanos(o.interval * 1e9);
  Nanos deadline = o.deadline >= 0 ? start + Nanos(o.deadline * 1e9) : kForever;
  Nanos linger = o.wait >= 0 ? Nanos(o.wait * 1e9) : 10 * kSec;
  Nanos last_send = start;
  int rc_send = 0;
  for (;;) {
    bool more = o.count < 0 || transmitted < o.count;
    Nanos next = transmitted == 0 ? start : last_send + interval;
    if (more && next < deadline) {
      eng.advance_to(next);
      if (o.count > 0 && received >= o.count) break;
      uint16_t seq = uint16_t(transmitted + 1);
      sent_at[seq] = eng.now();
      auto e = st.send_echo(*dst, uint16_t(id), seq, payload.data(), payload.size(), oif,
                            uint8_t(o.ttl), o.priority);
      ++transmitted;
      last_send = eng.now();
      if (e == SendError::kNoRoute && !o.iface.empty()) {
        // SO_BINDTODEVICE with no route: nothing leaves.
      } else if (e == SendError::kNoAddress || e == SendError::kNetDown) {
        rc_send = 1;
      }
      continue;
    }
    // All sent: wait for the replies (up to -W after the last probe, or the deadline).
    Nanos until = std::min(deadline, last_send + linger);
    while (eng.now() < until && received + errors < transmitted) {
      Nanos step = std::min(until, eng.next_deadline());
      if (step <= eng.now()) step = until;
      eng.advance_to(step);
    }
    break;
  }
  (void)rc_send;
  st.close_icmp(id);

  Nanos elapsed = transmitted > 1 ? last_send - start : 0;
  env.out += fmt::format("\n--- {} ping statistics ---\n", o.target);
  std::string line = fmt::format("{} packets transmitted, {} received", transmitted, received);
  if (errors) line += fmt::format(", +{} errors", errors);
  long loss = transmitted ? (transmitted - received) * 100 / transmitted : 0;
  line += fmt::format(", {}% packet loss, time {}ms\n", loss, elapsed / kMsec);
  env.out += line;
  std::string tail;
  if (received && timing && !rtts.empty()) {
    double mn = *std::min_element(rtts.begin(), rtts.end());
    double mx = *std::max_element(rtts.begin(), rtts.end());
    double sum = 0, sq = 0;
    for (double r : rtts) sum += r, sq += r * r;
    double avg = sum / double(rtts.size());
    double mdev = std::sqrt(std::max(0.0, sq / double(rtts.size()) - avg * avg));
    tail = fmt::format("rtt min/avg/max/mdev = {:.3f}/{:.3f}/{:.3f}/{:.3f} ms", mn, avg, mx, mdev);
  }
  if (pipe > 1) tail += (tail.empty() ? "" : ", ") + fmt::format("pipe {}", pipe);
  env.out += tail + "\n";
  bool failed = received == 0 || (o.deadline >= 0 && o.count > 0 && received < o.count);
  return failed ? 1 : 0;
}

}  // namespace uvn::sim
