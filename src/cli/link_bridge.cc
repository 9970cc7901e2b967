// bridge: `type bridge [OPTIONS]` for ip link add/set, the -d printers for the bridge
// (its option table with the STP/FDB status fields) and for its ports (bridge_slave), and
// `ip link xstats type bridge|bridge_slave` (multicast and STP counters).
//
// Under RSTP (uvn's `stp_proto rstp`) a port's line ends with the RSTP fields, after the
// ones Linux prints: `edge on|off oper_edge on|off p2p auto|on|off oper_p2p on|off role
// ROLE` (JSON: booleans for the on/off values, strings for p2p and role).
#include "cli/link_bridge.h"

#include <fmt/format.h>

#include <optional>

#include "cli/bridge_port_args.h"
#include "cli/link_kind.h"
#include "cli/link_options.h"
#include "dev/bridge/bridge.h"

namespace uvn::cli {

namespace {

const BridgePort* port_of(const Device& dev) {
  auto* br = dynamic_cast<const BridgeDevice*>(dev.master());
  if (!br) return nullptr;
  br->kind_options();  // refresh the status fields
  return br->port_of(dev);
}

// The RSTP extension's port fields, or nullopt under STP.
struct RstpFields {
  bool edge, oper_edge;
  std::string_view p2p;
  bool oper_p2p;
  std::string_view role;
};

std::optional<RstpFields> rstp_fields(const BridgePort& p) {
  auto& br = const_cast<BridgePort&>(p).bridge();
  if (!br.stp().rstp()) return std::nullopt;
  Nanos now = br.ctx() ? br.ctx()->engine().now() : 0;
  auto ps = br.stp().port_status(p.port_no(), now);
  const OptionTable& t = kBridgePortOptionTable;
  RstpFields f{};
  f.edge = p.opt(kBpEdge) != 0;
  f.oper_edge = ps && ps->edge;
  f.p2p = t.specs()[kBpP2p].names[p.opt(kBpP2p)];
  f.oper_p2p = ps && ps->oper_p2p;
  f.role = br.opt(kBrStpState) && ps ? std::string_view(ps->role) : "disabled";
  return f;
}

// IGMP/MLD counters (struct br_mcast_stats): the bridge's own (what br0's stack sent and
// received) or a port's; counted while mcast_stats_enabled, printed always.
using McastXstats = proto::McastStats;
const McastXstats& mcast_stats_of(const Device& dev, bool slave) {
  if (slave) return port_of(dev)->mcast_stats;
  return dynamic_cast<const BridgeDevice&>(dev).mcast_stats();
}
constexpr int kRx = 0, kTx = 1;

// The device as `type bridge` (a bridge) or `type bridge_slave` (a bridge port).
bool xstats_applies(const Device& dev, bool slave) {
  if (slave) return port_of(dev) != nullptr;
  return dynamic_cast<const BridgeDevice*>(&dev) != nullptr;
}

constexpr std::string_view kIndent = "                    ";  // "%-16s    " of ""

void mcast_text(const McastXstats& m, std::string& out) {
  auto line = [&](std::string_view s) { out += fmt::format("{}{}\n", kIndent, s); };
  auto rx_tx3 = [&](const uint64_t (&v1)[2], const uint64_t (&v2)[2], const uint64_t (&v3)[2]) {
    for (int d : {kRx, kTx})
      line(fmt::format("  {}: v1 {} v2 {} v3 {}", d == kRx ? "RX" : "TX", v1[d], v2[d], v3[d]));
  };
  auto rx_tx2 = [&](const uint64_t (&v1)[2], const uint64_t (&v2)[2]) {
    for (int d : {kRx, kTx})
      line(fmt::format("  {}: v1 {} v2 {}", d == kRx ? "RX" : "TX", v1[d], v2[d]));
  };
  line("IGMP queries:");
  rx_tx3(m.igmp_v1queries, m.igmp_v2queries, m.igmp_v3queries);
  line("IGMP reports:");
  rx_tx3(m.igmp_v1reports, m.igmp_v2reports, m.igmp_v3reports);
  line(fmt::format("IGMP leaves: RX: {} TX: {}", m.igmp_leaves[kRx], m.igmp_leaves[kTx]));
  line(fmt::format("IGMP parse errors: {}", m.igmp_parse_errors));
  line("MLD queries:");
  rx_tx2(m.mld_v1queries, m.mld_v2queries);
  line("MLD reports:");
  rx_tx2(m.mld_v1reports, m.mld_v2reports);
  line(fmt::format("MLD leaves: RX: {} TX: {}", m.mld_leaves[kRx], m.mld_leaves[kTx]));
  line(fmt::format("MLD parse errors: {}", m.mld_parse_errors));
}

void mcast_json(const McastXstats& m, JsonWriter& jw) {
  auto versions = [&](std::string_view key, std::initializer_list<const uint64_t*> v) {
    jw.key(key);
    jw.start_object();
    for (int d : {kRx, kTx}) {
      int n = 1;
      for (const uint64_t* x : v)
        jw.member(fmt::format("{}_v{}", d == kRx ? "rx" : "tx", n++), x[d]);
    }
    jw.end_object();
  };
  auto rx_tx = [&](std::string_view key, const uint64_t (&v)[2]) {
    jw.key(key);
    jw.start_object();
    jw.member("rx", v[kRx]);
    jw.member("tx", v[kTx]);
    jw.end_object();
  };
  jw.key("multicast");
  jw.start_object();
  versions("igmp_queries", {m.igmp_v1queries, m.igmp_v2queries, m.igmp_v3queries});
  versions("igmp_reports", {m.igmp_v1reports, m.igmp_v2reports, m.igmp_v3reports});
  rx_tx("igmp_leaves", m.igmp_leaves);
  jw.member("igmp_parse_errors", m.igmp_parse_errors);
  versions("mld_queries", {m.mld_v1queries, m.mld_v2queries});
  versions("mld_reports", {m.mld_v1reports, m.mld_v2reports});
  rx_tx("mld_leaves", m.mld_leaves);
  jw.member("mld_parse_errors", m.mld_parse_errors);
  jw.end_object();
}

// The bridge's options as Linux reports them: during a topology change ageing_time is the
// short ageing in use (2 x forward_delay), as the kernel changes br->ageing_time itself.
OptionValues shown_options(const Device& d) {
  OptionValues v = *d.kind_options();
  if (auto* br = dynamic_cast<const BridgeDevice*>(&d))
    v.set(kBrAgeingTime, uint64_t(br->ageing() / (10 * kMsec)));
  return v;
}

TreePortCounters stp_counters(const BridgePort& p) {
  return const_cast<BridgePort&>(p).bridge().stp().port_counters(p.port_no());
}

}  // namespace

bool bridge_slave_text(const Device& dev, std::string& out) {
  const BridgePort* p = port_of(dev);
  if (!p) return false;
  std::string opts;
  options_text(const_cast<BridgePort*>(p)->options(), opts);
  if (p->backup_port) {
    // iproute2 prints backup_port after "locked off".
    auto pos = opts.find("mab ");
    std::string ins = "backup_port " + p->backup_port->dev().name() + " ";
    if (pos != std::string::npos) opts.insert(pos, ins);
  }
  out += opts;
  if (auto r = rstp_fields(*p))
    out += fmt::format("edge {} oper_edge {} p2p {} oper_p2p {} role {} ", r->edge ? "on" : "off",
                       r->oper_edge ? "on" : "off", r->p2p, r->oper_p2p ? "on" : "off", r->role);
  return true;
}

bool bridge_slave_json(const Device& dev, JsonWriter& jw) {
  const BridgePort* p = port_of(dev);
  if (!p) return false;
  options_json(const_cast<BridgePort*>(p)->options(), jw);
  if (p->backup_port) jw.member("backup_port", p->backup_port->dev().name());
  if (auto r = rstp_fields(*p)) {
    jw.member("edge", r->edge);
    jw.member("oper_edge", r->oper_edge);
    jw.member("p2p", r->p2p);
    jw.member("oper_p2p", r->oper_p2p);
    jw.member("role", r->role);
  }
  return true;
}

bool bridge_xstats_text(const Device& dev, bool slave, BridgeXstats which, std::string& out) {
  if (!xstats_applies(dev, slave)) return false;
  out += fmt::format("{:<16}\n", dev.name());
  if (which != BridgeXstats::kStp) mcast_text(mcast_stats_of(dev, slave), out);
  if (slave && which != BridgeXstats::kMcast) {
    TreePortCounters c = stp_counters(*port_of(dev));
    out += fmt::format("{}STP BPDU:  RX: {} TX: {}\n", kIndent, c.rx_bpdu, c.tx_bpdu);
    out += fmt::format("{}STP TCN:   RX: {} TX: {}\n", kIndent, c.rx_tcn, c.tx_tcn);
    out += fmt::format("{}STP Transitions: Blocked: {} Forwarding: {}\n", kIndent, c.transition_blk,
                       c.transition_fwd);
  }
  return true;
}

bool bridge_xstats_json(const Device& dev, bool slave, BridgeXstats which, JsonWriter& jw) {
  if (!xstats_applies(dev, slave)) return false;
  jw.start_object();
  jw.member("ifname", dev.name());
  if (which != BridgeXstats::kStp) mcast_json(mcast_stats_of(dev, slave), jw);
  if (slave && which != BridgeXstats::kMcast) {
    TreePortCounters c = stp_counters(*port_of(dev));
    jw.key("stp");
    jw.start_object();
    jw.member("rx_bpdu", c.rx_bpdu);
    jw.member("tx_bpdu", c.tx_bpdu);
    jw.member("rx_tcn", c.rx_tcn);
    jw.member("tx_tcn", c.tx_tcn);
    jw.member("transition_blk", c.transition_blk);
    jw.member("transition_fwd", c.transition_fwd);
    jw.end_object();
  }
  jw.end_object();
  return true;
}

extern const LinkKind kLinkBridge{
    .kind = "bridge",
    .parse =
        [](Context& ctx, Args::const_iterator it, Args::const_iterator end,
           ctl::LinkAddRequest& req) { return parse_bridge_args(ctx, it, end, req.link.bridge_opts); },
    .print_text = [](const Device& d, std::string& s) { options_text(shown_options(d), s); },
    .print_json = [](const Device& d, JsonWriter& jw) { options_json(shown_options(d), jw); },
    .tso_max_size = 65536,
};

}  // namespace uvn::cli
