#include "sim/tools/udp.h"

#include <fmt/format.h>

#include <cstring>

#include "base/strings.h"
#include "sim/tools/tool.h"
#include "world/netns.h"
#include "world/stack/host_stack.h"
#include "world/world.h"

namespace uvn::sim {

namespace {
constexpr size_t kHeader = 16;  // sequence number (8) + send time (8)
constexpr uint16_t kDefaultPort = 5001;
}  // namespace

UdpSinks::~UdpSinks() = default;

bool UdpSinks::start(Netns& ns, uint16_t port) {
  auto sink = std::make_unique<Sink>(Sink{&ns, port, {}});
  Sink* s = sink.get();
  Engine& eng = ns.engine();
  bool ok = ns.stack().bind_udp(port, [s, &eng](const UdpDatagram& d) {
    UdpSinkStats& st = s->stats;
    if (d.len < kHeader) return;
    uint64_t seq = 0;
    std::memcpy(&seq, d.data, 8);
    Nanos now = eng.now();
    if (seq < st.seen.size() && st.seen[seq]) {
      ++st.duplicates;
      return;
    }
    if (seq >= st.seen.size()) st.seen.resize(seq + 1);
    st.seen[seq] = true;
    if (st.received && seq < st.highest_seq) ++st.out_of_order;
    st.highest_seq = std::max(st.highest_seq, seq);
    if (st.last >= 0) st.longest_gap = std::max(st.longest_gap, now - st.last);
    if (st.first < 0) st.first = now;
    st.last = now;
    ++st.received;
    st.bytes += d.len;
  });
  if (!ok) return false;
  sinks_.push_back(std::move(sink));
  return true;
}

bool UdpSinks::alive(World& w, const Sink& s) const {
  // Its namespace may have been deleted since.
  if (&w.init_ns() == s.ns) return true;
  for (auto& n : w.named())
    if (n.get() == s.ns) return true;
  return false;
}

UdpSinkStats* UdpSinks::find(World& w, const IpAddr& addr, uint16_t port) {
  for (auto& s : sinks_)
    if (alive(w, *s) && s->port == port && s->ns->stack().is_local(addr)) return &s->stats;
  return nullptr;
}

std::vector<std::pair<Netns*, UdpSinkStats*>> UdpSinks::find_all(World& w, uint16_t port) {
  std::vector<std::pair<Netns*, UdpSinkStats*>> out;
  for (auto& s : sinks_)
    if (alive(w, *s) && s->port == port) out.emplace_back(s->ns, &s->stats);
  return out;
}

namespace {

bool is_multicast(const IpAddr& a) {
  return a.is_v4() ? a.v4().is_multicast() : a.v6().is_multicast();
}

// The device a membership without an interface goes to: the route to the group
// (ip_mc_find_dev). IPv6 finds one in the local table's ff00::/8 route of every up device
// (not lo): the first such device.
int membership_device(Netns& ns, const IpAddr& group) {
  const Route* r = ns.stack().route_lookup(group);
  if (r && r->type == kRtnUnicast) return r->ifindex;
  if (!group.is_v4())
    for (auto& [idx, d] : ns.devices())
      if (d->is_up() && d->info().link_type != "loopback") return idx;
  return 0;
}

}  // namespace

int udp_sink_main(ToolEnv& env, const Args& args) {
  uint16_t port = kDefaultPort;
  std::vector<IpAddr> groups;
  std::string iface;
  auto usage = [&] {
    env.err += "usage: udp-sink [-p PORT] [-j GROUP [-I DEV]]\n";
    return 2;
  };
  for (size_t i = 1; i < args.size(); ++i) {
    bool has_val = i + 1 < args.size();
    if (args[i] == "-p" && has_val) {
      auto p = parse_uint(args[++i], 65535);
      if (!p || !*p) {
        env.err += fmt::format("udp-sink: bad port '{}'\n", args[i]);
        return 2;
      }
      port = uint16_t(*p);
    } else if (args[i] == "-j" && has_val) {
      auto g = IpAddr::parse(args[++i]);
      if (!g || !is_multicast(*g)) {
        env.err += fmt::format("udp-sink: bad multicast group '{}'\n", args[i]);
        return 2;
      }
      groups.push_back(*g);
    } else if (args[i] == "-I" && has_val) {
      iface = args[++i];
    } else {
      return usage();
    }
  }
  if (!iface.empty() && groups.empty()) return usage();
  // Where each group is joined, checked before anything changes.
  std::vector<int> where;
  for (const IpAddr& g : groups) {
    int idx = 0;
    if (!iface.empty()) {
      Device* d = env.ns.find(iface);
      if (!d) {
        env.err += fmt::format("udp-sink: {}: No such device\n", iface);
        return 2;
      }
      idx = d->ifindex();
    } else {
      idx = membership_device(env.ns, g);
    }
    if (!idx) {
      env.err += fmt::format("udp-sink: join {}: No such device\n", g.format());
      return 1;
    }
    for (size_t k = 0; k < where.size(); ++k)
      if (groups[k] == g && where[k] == idx) {
        env.err += fmt::format("udp-sink: join {}: Address already in use\n", g.format());
        return 1;
      }
    where.push_back(idx);
  }
  if (!env.sinks->start(env.ns, port)) {
    env.err += fmt::format("udp-sink: bind: Address already in use (port {})\n", port);
    return 1;
  }
  for (size_t k = 0; k < groups.size(); ++k) (void)env.ns.stack().mc_join(where[k], groups[k]);
  return 0;
}

namespace {

// One line per sink on the port: what it received of `count` datagrams to the group.
int report_members(ToolEnv& env, const std::vector<std::pair<Netns*, UdpSinkStats*>>& members,
                   long count) {
  if (members.empty()) {
    env.out += "no udp-sink listening: nothing to compare\n";
    return 0;
  }
  bool any = false;
  for (auto& [ns, st] : members) {
    long lost = count - long(st->received);
    env.out += fmt::format(
        "{}: received {}, lost {} ({:.1f}%), out of order {}, duplicates {}, longest gap {:.3f} "
        "ms\n",
        ns->name().empty() ? "(initial)" : ns->name(), st->received, lost,
        count ? 100.0 * double(lost) / double(count) : 0.0, st->out_of_order, st->duplicates,
        double(st->longest_gap) / 1e6);
    any |= st->received > 0;
  }
  return any ? 0 : 1;
}

}  // namespace

int udp_stream_main(ToolEnv& env, const Args& args) {
  uint16_t port = kDefaultPort;
  double rate = 1000, seconds = 1;
  long count = -1, size = 64;
  uint32_t prio = 0;
  std::string iface, dest;
  auto bad = [&](const std::string& what) {
    env.err += fmt::format("udp-stream: bad {}\nusage: udp-stream [-p PORT] [-r PPS] [-t SECONDS | "
                           "-c COUNT] [-s SIZE] [-Q PRIO] [-I DEV] DEST\n",
                           what);
    return 2;
  };
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    bool has_val = i + 1 < args.size();
    if (a == "-p" && has_val) {
      auto p = parse_uint(args[++i], 65535);
      if (!p || !*p) return bad("port");
      port = uint16_t(*p);
    } else if (a == "-r" && has_val) {
      auto r = parse_double(args[++i]);
      if (!r || *r <= 0 || *r > 1e8) return bad("rate");
      rate = *r;
    } else if (a == "-t" && has_val) {
      auto t = parse_double(args[++i]);
      if (!t || *t <= 0) return bad("time");
      seconds = *t;
    } else if (a == "-c" && has_val) {
      auto c = parse_int(args[++i]);
      if (!c || *c <= 0) return bad("count");
      count = long(*c);
    } else if (a == "-s" && has_val) {
      auto s = parse_int(args[++i]);
      if (!s || *s < long(kHeader) || *s > 65507) return bad("size (16..65507)");
      size = long(*s);
    } else if (a == "-Q" && has_val) {
      auto q = parse_uint(args[++i], 7);
      if (!q) return bad("priority (0..7)");
      prio = uint32_t(*q);
    } else if (a == "-I" && has_val) {
      iface = args[++i];
    } else if (a[0] != '-' && dest.empty()) {
      dest = a;
    } else {
      return bad("argument '" + a + "'");
    }
  }
  auto dst = IpAddr::parse(dest);
  if (!dst) return bad("destination");
  if (count < 0) count = long(rate * seconds + 0.5);
  int oif = 0;
  if (!iface.empty()) {
    Device* d = env.ns.find(iface);
    if (!d) {
      env.err += fmt::format("udp-stream: {}: No such device\n", iface);
      return 2;
    }
    oif = d->ifindex();
  }
  bool mcast = is_multicast(*dst);
  UdpSinkStats* sink = mcast ? nullptr : env.sinks->find(env.world, *dst, port);
  if (sink) env.sinks->reset(*sink);
  auto members = mcast ? env.sinks->find_all(env.world, port)
                       : std::vector<std::pair<Netns*, UdpSinkStats*>>{};
  for (auto& [ns, st] : members) env.sinks->reset(*st);
  Engine& eng = env.world.engine();
  HostStack& st = env.ns.stack();
  std::vector<uint8_t> buf(size_t(size), 0);
  Nanos start = eng.now();
  Nanos gap = Nanos(1e9 / rate);
  long sent = 0, refused = 0;
  for (long i = 0; i < count; ++i) {
    eng.advance_to(start + i * gap);
    uint64_t seq = uint64_t(i);
    int64_t t = eng.now();
    std::memcpy(buf.data(), &seq, 8);
    std::memcpy(buf.data() + 8, &t, 8);
    if (st.send_udp(*dst, 40000, port, buf.data(), buf.size(), oif, prio) == SendError::kOk)
      ++sent;
    else
      ++refused;
  }
  Nanos end = eng.now();
  eng.advance_to(end + kSec);  // let the tail arrive
  double dur = double(end - start) / 1e9;
  env.out += fmt::format("udp-stream to {} port {}: {} sent", dst->format(), port, sent);
  if (refused) env.out += fmt::format(", {} not sent (no route)", refused);
  env.out += fmt::format(", {:.0f} pps for {:.3f} s\n", rate, dur);
  if (mcast) return report_members(env, members, count);
  if (!sink) {
    env.out += "no udp-sink listening: nothing to compare\n";
    return 0;
  }
  long lost = count - long(sink->received);
  env.out += fmt::format("received {}, lost {} ({:.1f}%), out of order {}, duplicates {}\n",
                         sink->received, lost, count ? 100.0 * double(lost) / double(count) : 0.0,
                         sink->out_of_order, sink->duplicates);
  env.out += fmt::format("longest gap {:.3f} ms\n", double(sink->longest_gap) / 1e6);
  return sink->received ? 0 : 1;
}

}  // namespace uvn::sim
