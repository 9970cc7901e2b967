#include "cli/link_print.h"

#include <fmt/format.h>

#include <vector>

#include "cli/link_bond.h"
#include "cli/link_bridge.h"
#include "cli/link_kind.h"
#include "world/netns.h"

namespace uvn::cli {

namespace {

struct FlagName {
  uint32_t bit;
  std::string_view name;
};
// The order iproute2 prints them in.
constexpr FlagName kFlagNames[] = {
    {kIffLoopback, "LOOPBACK"}, {kIffBroadcast, "BROADCAST"}, {kIffPointopoint, "POINTOPOINT"},
    {kIffMulticast, "MULTICAST"}, {kIffNoarp, "NOARP"},     {kIffAllmulti, "ALLMULTI"},
    {kIffPromisc, "PROMISC"},   {kIffMaster, "MASTER"},       {kIffSlave, "SLAVE"},
    {kIffDebug, "DEBUG"},       {kIffDynamic, "DYNAMIC"},     {kIffAutomedia, "AUTOMEDIA"},
    {kIffPortsel, "PORTSEL"},   {kIffNotrailers, "NOTRAILERS"}, {kIffUp, "UP"},
    {kIffLowerUp, "LOWER_UP"},  {kIffDormant, "DORMANT"},     {kIffEcho, "ECHO"},
};

Netns& ns_of(const Device& d) { return *static_cast<Netns*>(d.ctx()); }

// The peer as IFLA_LINK reports it: in the same namespace (by name) or by index + nsid.
struct LinkRef {
  const Device* dev = nullptr;
  bool same_ns = false;
  int nsid = -1;
};

LinkRef link_ref(Context& ctx, const Device& dev) {
  LinkRef r;
  r.dev = dev.link();
  if (!r.dev) return r;
  r.same_ns = r.dev->ctx() == dev.ctx();
  if (!r.same_ns) r.nsid = ns_of(dev).nsid_of(&ns_of(*r.dev), true);
  (void)ctx;
  return r;
}

// iproute2 names a link-netnsid by finding a named namespace with that id.
std::string netns_name_for(Context& ctx, const Device& dev, int nsid) {
  const Netns* target = ns_of(dev).netns_by_nsid(nsid);
  if (!target) return {};
  // The id is looked up in the namespace `ip` runs in; the device's namespace is that one.
  for (auto& ns : ctx.world.named())
    if (ns.get() == target) return ns->name();
  return {};
}

std::vector<std::string_view> flag_list(const Device& dev, Netns& here) {
  std::vector<std::string_view> out;
  uint32_t f = dev.visible_flags();
  if ((f & kIffUp) && !(f & kIffRunning)) out.push_back("NO-CARRIER");
  for (auto& fn : kFlagNames)
    if (f & fn.bit) out.push_back(fn.name);
  if (const Device* l = dev.link(); l && l->ctx() == dev.ctx()) {
    const Device* byidx = here.find(l->ifindex());
    if (!byidx || !byidx->is_up()) out.push_back("M-DOWN");
  }
  return out;
}

std::string group_name(uint32_t g) { return g == 0 ? "default" : std::to_string(g); }

std::string num_col(uint64_t v, int width) { return fmt::format("{:>{}}", v, width); }

void stats_text(const Device& dev, int level, std::string& s) {
  const LinkStats& st = dev.stats();
  const int w[6] = {10, 7, 6, 7, 7, 7};
  auto row = [&](std::initializer_list<uint64_t> vals) {
    std::string r = "    ";
    int i = 0;
    for (uint64_t v : vals) {
      if (i) r += ' ';
      r += num_col(v, w[i++]);
    }
    return r + " \n";
  };
  s += "    RX:  bytes packets errors dropped  missed   mcast           \n";
  s += row({st.rx_bytes, st.rx_packets, st.rx_errors, st.rx_dropped, st.rx_missed, st.multicast});
  if (level > 1) {
    s += "    RX errors:  length    crc   frame    fifo overrun\n";
    s += fmt::format("    {:>18} {:>6} {:>7} {:>7} {:>7} \n", st.rx_length_errors, st.rx_crc_errors,
                     st.rx_frame_errors, st.rx_fifo_errors, st.rx_missed);
  }
  s += "    TX:  bytes packets errors dropped carrier collsns           \n";
  s += row({st.tx_bytes, st.tx_packets, st.tx_errors, st.tx_dropped, st.tx_carrier,
            st.collisions});
  if (level > 1) {
    s += "    TX errors: aborted   fifo  window heartbt transns\n";
    s += fmt::format("    {:>18} {:>6} {:>7} {:>7} {:>7} \n", st.tx_aborted_errors,
                     st.tx_fifo_errors, st.tx_window_errors, st.tx_heartbeat_errors,
                     dev.carrier_changes());
  }
}

void stats_json(const Device& dev, int level, JsonWriter& jw) {
  const LinkStats& st = dev.stats();
  jw.key("stats64");
  jw.start_object();
  jw.key("rx");
  jw.start_object();
  jw.member("bytes", st.rx_bytes);
  jw.member("packets", st.rx_packets);
  jw.member("errors", st.rx_errors);
  jw.member("dropped", st.rx_dropped);
  jw.member("over_errors", st.rx_missed);
  jw.member("multicast", st.multicast);
  if (level > 1) {
    jw.member("length_errors", st.rx_length_errors);
    jw.member("crc_errors", st.rx_crc_errors);
    jw.member("frame_errors", st.rx_frame_errors);
    jw.member("fifo_errors", st.rx_fifo_errors);
    jw.member("missed_errors", st.rx_missed);
  }
  jw.end_object();
  jw.key("tx");
  jw.start_object();
  jw.member("bytes", st.tx_bytes);
  jw.member("packets", st.tx_packets);
  jw.member("errors", st.tx_errors);
  jw.member("dropped", st.tx_dropped);
  jw.member("carrier_errors", st.tx_carrier);
  jw.member("collisions", st.collisions);
  if (level > 1) {
    jw.member("aborted_errors", st.tx_aborted_errors);
    jw.member("fifo_errors", st.tx_fifo_errors);
    jw.member("window_errors", st.tx_window_errors);
    jw.member("heartbeat_errors", st.tx_heartbeat_errors);
    jw.member("carrier_changes", uint64_t(dev.carrier_changes()));
  }
  jw.end_object();
  jw.end_object();
}

uint32_t tso_max(const Device& dev) {
  const LinkKind* k = find_link_kind(dev.kind());
  return k ? k->tso_max_size : 524280;
}

std::string_view addr_gen_mode_name(const Device& dev) {
  static constexpr std::string_view kNames[] = {"eui64", "none", "stable_secret", "random"};
  return dev.addr_gen_mode < std::size(kNames) ? kNames[dev.addr_gen_mode] : "eui64";
}

// `ip addr -d` has no addrgenmode: its link dump carries no IPv6 per-device block.
std::string details_tail(const Device& dev, bool addrgenmode) {
  return fmt::format(
      "{}numtxqueues {} numrxqueues {} gso_max_size 65536 gso_max_segs 65535 "
      "tso_max_size {} tso_max_segs 65535 gro_max_size 65536 ",
      addrgenmode ? fmt::format("addrgenmode {} ", addr_gen_mode_name(dev)) : "", dev.num_tx_queues, dev.num_rx_queues, tso_max(dev));
}

}  // namespace

std::string link_display_name(Context& ctx, const Device& dev) {
  LinkRef r = link_ref(ctx, dev);
  if (!r.dev) return dev.name();
  if (r.same_ns) return dev.name() + "@" + r.dev->name();
  return fmt::format("{}@if{}", dev.name(), r.dev->ifindex());
}

std::string flags_text(Context& ctx, const Device& dev) {
  (void)ctx;
  std::string s = "<";
  auto fl = flag_list(dev, ns_of(dev));
  for (size_t i = 0; i < fl.size(); ++i) {
    if (i) s += ',';
    s += fl[i];
  }
  return s + ">";
}

std::string link_text(Context& ctx, const Device& dev, LinkView view) {
  std::string s = fmt::format("{}: {}: {} mtu {} qdisc {}", dev.ifindex(),
                              link_display_name(ctx, dev), flags_text(ctx, dev), dev.mtu(),
                              dev.qdisc());
  if (dev.master()) s += " master " + dev.master()->name();
  s += fmt::format(" state {}", operstate_name(dev.operstate()));
  if (view == LinkView::kLink) s += " mode DEFAULT";
  s += fmt::format(" group {} qlen {}\n", group_name(dev.group), int32_t(dev.txqlen));

  std::string_view lt = dev.info().link_type;
  LinkRef r = link_ref(ctx, dev);
  std::string netns_ref;
  if (r.dev && !r.same_ns) {
    std::string nsname = netns_name_for(ctx, dev, r.nsid);
    netns_ref = nsname.empty() ? fmt::format(" link-netnsid {}", r.nsid) : " link-netns " + nsname;
  }
  if (view == LinkView::kAddrFamily) {
    s.insert(s.size() - 1, netns_ref);
    return s;
  }
  s += fmt::format("    link/{} ", lt);
  if (lt != "none") s += dev.mac().format() + " brd " + dev.broadcast().format();
  s += netns_ref;
  if (ctx.opt.details) {
    s += fmt::format(" promiscuity {}  allmulti {} minmtu {} maxmtu {} ", dev.promiscuity(),
                     dev.allmulti(), dev.min_mtu(), dev.max_mtu());
    if (!dev.kind().empty()) {
      s += fmt::format("\n    {} ", dev.kind());
      const LinkKind* k = find_link_kind(dev.kind());
      if (k && k->print_text) k->print_text(dev, s);
    }
    if (dev.master() && dev.master()->kind() == "bridge") {
      s += "\n    bridge_slave ";
      bridge_slave_text(dev, s);
    }
    if (dev.master() && dev.master()->kind() == "bond") {
      s += "\n    bond_slave ";
      bond_slave_text(dev, s);
    }
    // The team sends no slave data: the kind word alone.
    if (dev.master() && dev.master()->kind() == "team") s += "\n    team_slave ";
    s += details_tail(dev, view == LinkView::kLink);
  }
  s += '\n';
  if (!dev.alias.empty()) s += "    alias " + dev.alias + "\n";
  if (ctx.opt.stats && view == LinkView::kLink) stats_text(dev, ctx.opt.stats, s);
  return s;
}

void link_json(Context& ctx, const Device& dev, LinkView view, JsonWriter& jw) {
  LinkRef r = link_ref(ctx, dev);
  jw.member("ifindex", dev.ifindex());
  if (r.dev && !r.same_ns) jw.member("link_index", r.dev->ifindex());
  if (r.dev && r.same_ns) jw.member("link", r.dev->name());
  jw.member("ifname", dev.name());
  jw.key("flags");
  jw.start_array();
  for (auto f : flag_list(dev, ns_of(dev))) jw.value(f);
  jw.end_array();
  jw.member("mtu", dev.mtu());
  jw.member("qdisc", dev.qdisc());
  if (dev.master()) jw.member("master", dev.master()->name());
  jw.member("operstate", operstate_name(dev.operstate()));
  if (view == LinkView::kLink) jw.member("linkmode", "DEFAULT");
  jw.member("group", group_name(dev.group));
  jw.member("txqlen", int32_t(dev.txqlen));
  if (view != LinkView::kAddrFamily) {
    jw.member("link_type", dev.info().link_type);
    if (dev.info().link_type != "none") {
      jw.member("address", dev.mac().format());
      jw.member("broadcast", dev.broadcast().format());
    }
  }
  if (r.dev && !r.same_ns) {
    jw.member("link_netnsid", r.nsid);
  }
  if (ctx.opt.details) {
    jw.member("promiscuity", dev.promiscuity());
    jw.member("allmulti", dev.allmulti());
    jw.member("min_mtu", dev.min_mtu());
    jw.member("max_mtu", dev.max_mtu());
    if (!dev.kind().empty()) {
      jw.key("linkinfo");
      jw.start_object();
      jw.member("info_kind", dev.kind());
      const LinkKind* k = find_link_kind(dev.kind());
      if (k && k->print_json) {
        jw.key("info_data");
        jw.start_object();
        k->print_json(dev, jw);
        jw.end_object();
      }
      if (dev.master() && dev.master()->kind() == "bridge") {
        jw.member("info_slave_kind", "bridge");
        jw.key("info_slave_data");
        jw.start_object();
        bridge_slave_json(dev, jw);
        jw.end_object();
      }
      if (dev.master() && dev.master()->kind() == "bond") {
        jw.member("info_slave_kind", "bond");
        jw.key("info_slave_data");
        jw.start_object();
        bond_slave_json(dev, jw);
        jw.end_object();
      }
      if (dev.master() && dev.master()->kind() == "team") jw.member("info_slave_kind", "team");
      jw.end_object();
    }
    if (view == LinkView::kLink) jw.member("inet6_addr_gen_mode", addr_gen_mode_name(dev));
    jw.member("num_tx_queues", dev.num_tx_queues);
    jw.member("num_rx_queues", dev.num_rx_queues);
    jw.member("gso_max_size", 65536);
    jw.member("gso_max_segs", 65535);
    jw.member("tso_max_size", tso_max(dev));
    jw.member("tso_max_segs", 65535);
    jw.member("gro_max_size", 65536);
  }
  if (!dev.alias.empty()) jw.member("ifalias", dev.alias);
  if (ctx.opt.stats && view == LinkView::kLink) stats_json(dev, ctx.opt.stats, jw);
}

std::string link_stats_text(const Device& dev, int level) {
  std::string s;
  stats_text(dev, level, s);
  return s;
}

std::string link_brief(Context& ctx, const Device& dev, LinkView view) {
  std::string s = fmt::format("{:<16} {:<14} ", link_display_name(ctx, dev),
                              operstate_name(dev.operstate()));
  if (view == LinkView::kLink) {
    if (dev.info().link_type != "none") s += dev.mac().format() + " ";
    s += flags_text(ctx, dev) + " ";
  }
  return s;
}

std::string oneline(const std::string& text) {
  std::string r = text;
  for (size_t i = 0; i + 1 < r.size(); ++i)
    if (r[i] == '\n') r[i] = '\\';
  return r;
}

}  // namespace uvn::cli
