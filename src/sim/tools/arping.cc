// arping (iputils): ARP requests to a neighbour (-c -w -i -I -s -f -q -b), duplicate address
// detection (-D) and gratuitous announcements (-U, -A), with iputils' output and exit
// statuses, on virtual time.
#include <fmt/format.h>

#include "base/strings.h"
#include "sim/tools/tool.h"
#include "world/netns.h"
#include "world/stack/host_stack.h"

namespace uvn::sim {

namespace {

const char kUsage[] =
    "\nUsage:\n"
    "  arping [options] <destination>\n"
    "\n"
    "Options:\n"
    "  -f            quit on first reply\n"
    "  -q            be quiet\n"
    "  -b            keep on broadcasting, do not unicast\n"
    "  -D            duplicate address detection mode\n"
    "  -U            unsolicited ARP mode, update your neighbours\n"
    "  -A            ARP answer mode, update your neighbours\n"
    "  -V            print version and exit\n"
    "  -c <count>    how many packets to send\n"
    "  -w <timeout>  how long to wait for a reply\n"
    "  -i <interval> set interval between packets (default: 1 second)\n"
    "  -I <device>   which ethernet device to use\n"
    "  -s <source>   source ip address\n"
    "  <destination> dns name or ip address\n"
    "\n"
    "For more details see arping(8).\n";

struct ArpingOpts {
  long count = -1;
  long deadline = -1;
  long interval = 1;
  std::string iface, source, target;
  bool quit_first = false, quiet = false, broadcast_only = false, dad = false, unsolicited = false,
       answer = false;
};

int invalid(ToolEnv& env, const std::string& v, const char* range = nullptr) {
  env.err += fmt::format("arping: invalid argument: '{}'{}\n", v,
                         range ? fmt::format(": out of range: {}", range) : "");
  return 1;
}

int parse(ToolEnv& env, const Args& args, ArpingOpts& o) {
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.size() < 2 || a[0] != '-') {
      if (!o.target.empty()) {
        env.err += kUsage;
        return 2;
      }
      o.target = a;
      continue;
    }
    char c = a[1];
    std::string v = a.substr(2);
    bool takes = std::string("cwiIs").find(c) != std::string::npos;
    if (takes && v.empty()) {
      if (i + 1 >= args.size()) {
        env.err += fmt::format("arping: option requires an argument -- '{}'\n{}", c, kUsage);
        return 2;
      }
      v = args[++i];
    }
    switch (c) {
      case 'f': o.quit_first = true; break;
      case 'q': o.quiet = true; break;
      case 'b': o.broadcast_only = true; break;
      case 'D': o.dad = true; o.quit_first = true; break;
      case 'U': o.unsolicited = true; break;
      case 'A': o.answer = o.unsolicited = true; break;
      case 'c': {
        auto n = parse_int(v);
        if (!n) return invalid(env, v);
        if (*n < 1 || *n > 2147483647) return invalid(env, v, "1 <= value <= 2147483647");
        o.count = long(*n);
        break;
      }
      case 'w': {
        auto n = parse_int(v);
        if (!n) return invalid(env, v);
        if (*n < 0) return invalid(env, v, "0 <= value <= 2147483647");
        o.deadline = long(*n);
        break;
      }
      case 'i': {
        auto n = parse_int(v);
        if (!n || *n < 1) return invalid(env, v);
        o.interval = long(*n);
        break;
      }
      case 'I': o.iface = v; break;
      case 's': o.source = v; break;
      case 'V': env.out += "arping from iputils 20221126 (uvn simulator)\n"; return -1;
      default:
        env.err += fmt::format("arping: invalid option -- '{}'\n{}", c, kUsage);
        return 2;
    }
  }
  if (o.target.empty()) {
    env.err += kUsage;
    return 2;
  }
  return 0;
}

}  // namespace

int arping_main(ToolEnv& env, const Args& args) {
  ArpingOpts o;
  int rc = parse(env, args, o);
  if (rc) return rc < 0 ? 0 : rc;
  auto target = Ipv4Addr::parse(o.target);
  if (!target) {
    bool v6 = IpAddr::parse(o.target).has_value();
    env.err += fmt::format("arping: {}: {}\n", o.target,
                           v6 ? "Address family for hostname not supported"
                              : "Name or service not known");
    return 2;
  }
  HostStack& st = env.ns.stack();
  Device* dev = nullptr;
  if (!o.iface.empty()) {
    dev = env.ns.find(o.iface);
    if (!dev) {
      env.err += fmt::format("arping: Device {} not available.\n", o.iface);
      return 2;
    }
  } else {
    const Route* r = st.route_lookup(IpAddr{*target});
    if (!r) {
      env.err += "arping: NETLINK_ROUTE unexpected iov element\n";
      return 1;
    }
    dev = env.ns.find(r->ifindex);
  }
  if (dev->info().link_type != "ether" || (dev->admin_flags() & kIffNoarp)) {
    env.out += fmt::format("Interface \"{}\" is not ARPable\n", dev->name());
    return 2;
  }
  if (!dev->is_up()) {
    env.out += fmt::format("Interface \"{}\" is down\n", dev->name());
    return 2;
  }
  Ipv4Addr src{};
  if (o.unsolicited) {
    src = *target;
    if (!st.is_local(IpAddr{src})) {
      env.err += "arping: bind: Cannot assign requested address\n";
      return 2;
    }
  } else if (!o.source.empty()) {
    auto s = Ipv4Addr::parse(o.source);
    if (!s || !st.is_local(IpAddr{*s})) {
      env.err += "arping: bind: Cannot assign requested address\n";
      return 2;
    }
    src = *s;
  } else if (!o.dad) {
    auto s = st.pick_source(IpAddr{*target}, dev->ifindex());
    if (s) src = s->v4();
  }
  if (!o.quiet)
    env.out += fmt::format("ARPING {} from {} {}\n", target->format(), src.format(), dev->name());

  Engine& eng = env.world.engine();
  long sent = 0, bcasts = 0, received = 0;
  std::optional<MacAddr> peer;
  Nanos last_sent = eng.now();
  bool done = false;
  int sock = st.open_arp([&](Device& d, uint16_t op, const Ipv4Addr& sip, const MacAddr& sha,
                             const Ipv4Addr& tip) {
    if (&d != dev || op != 2 || sip != *target || done) return;
    if (!o.dad && tip != src) return;
    ++received;
    if (!o.broadcast_only) peer = sha;
    if (!o.quiet)
      env.out += fmt::format("Unicast reply from {} [{}]  {:.3f}ms\n", sip.format(),
                             sha.format(), double(eng.now() - last_sent) / 1e6);
    if (o.quit_first) done = true;
    if (o.count > 0 && received >= o.count) done = true;
  });
  Nanos start = eng.now();
  Nanos deadline = o.deadline >= 0 ? start + o.deadline * kSec : kForever;
  for (Nanos t = start; !done; t += o.interval * kSec) {
    if (o.count > 0 && sent >= o.count) {
      eng.advance_to(std::min(deadline, t));
      break;
    }
    eng.advance_to(t);
    if (done) break;
    MacAddr dst = peer && !o.broadcast_only ? *peer : MacAddr::broadcast();
    if (dst.is_broadcast()) ++bcasts;
    uint16_t op = o.answer ? 2 : 1;
    st.send_arp(*dev, op, src, dev->mac(), *target,
                o.unsolicited && !o.answer ? MacAddr::zero() : (o.answer ? dev->mac() : MacAddr::zero()),
                dst);
    ++sent;
    last_sent = eng.now();
    eng.settle();
    if (t >= deadline) break;
  }
  st.close_arp(sock);
  if (!o.quiet)
    env.out += fmt::format("Sent {} probes ({} broadcast(s))\nReceived {} response(s)\n", sent,
                           bcasts, received);
  if (o.dad) return received ? 1 : 0;
  if (o.unsolicited) return 0;
  return received ? 0 : 1;
}

}  // namespace uvn::sim
