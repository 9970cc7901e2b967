// /proc/net/vlan/config and /proc/net/vlan/DEV, in vlanproc.c's formats (see proc_vlan.h).
#include "sim/proc_vlan.h"

#include <fmt/format.h>

#include "dev/vlan/vlan.h"

namespace uvn::sim {

namespace {

const VlanDevice* as_vlan(const Device& d) {
  return dynamic_cast<const VlanDevice*>(&d);
}

}  // namespace

uint64_t proc_vlan_priv_flags(const VlanDevice& dev) {
  // IFF_XMIT_DST_RELEASE comes from the lower (vlan_newlink); a VLAN lower passes on what it
  // got from its own lower.
  const Device* lower = dev.lower();
  while (lower && as_vlan(*lower)) lower = lower->lower();
  return lower && lower->is_master_kind() ? kProcVlanPrivFlagsOnMaster : kProcVlanPrivFlags;
}

namespace {

std::string lower_name(const VlanDevice& v) {
  return v.lower() ? v.lower()->name() : "";
}

}  // namespace

std::string proc_vlan_config(const Netns& ns) {
  // vlan_seq_show: the header (a TAB before " | VLAN ID"), the namespace's name type (only
  // the old vconfig ioctl changes it), then "%-15s| %d  | %s\n" per device.
  std::string s = "VLAN Dev name\t | VLAN ID\nName-Type: VLAN_NAME_TYPE_RAW_PLUS_VID_NO_PAD\n";
  for (auto& [ifindex, dev] : ns.devices())
    if (const VlanDevice* v = as_vlan(*dev))
      s += fmt::format("{:<15}| {}  | {}\n", v->name(), v->vid(), lower_name(*v));
  return s;
}

std::optional<std::string> proc_vlan_device(const Netns& ns, std::string_view name) {
  const Device* d = ns.find(name);
  const VlanDevice* v = d ? as_vlan(*d) : nullptr;
  if (!v) return std::nullopt;
  // vlandev_seq_show.
  const LinkStats& st = v->stats();
  std::string s = fmt::format("{}  VID: {}\t REORDER_HDR: {}  dev->priv_flags: {:x}\n", v->name(),
                              v->vid(), v->flag(kVlanReorderHdr) ? 1 : 0, proc_vlan_priv_flags(*v));
  auto counter = [&s](std::string_view label, uint64_t n) {
    s += fmt::format("{:>30} {:>12}\n", label, n);
  };
  counter("total frames received", st.rx_packets);
  counter("total bytes received", st.rx_bytes);
  counter("Broadcast/Multicast Rcvd", st.multicast);
  s += "\n";
  counter("total frames transmitted", st.tx_packets);
  counter("total bytes transmitted", st.tx_bytes);
  s += fmt::format("Device: {}\n", lower_name(*v));
  s += fmt::format("INGRESS priority mappings: 0:{}  1:{}  2:{}  3:{}  4:{}  5:{}  6:{} 7:{}\n",
                   v->ingress_priority(0), v->ingress_priority(1), v->ingress_priority(2),
                   v->ingress_priority(3), v->ingress_priority(4), v->ingress_priority(5),
                   v->ingress_priority(6), v->ingress_priority(7));
  s += " EGRESS priority mappings: ";
  for (auto& [prio, pcp] : v->egress_entries()) s += fmt::format("{}:{} ", prio, pcp);
  s += "\n";
  return s;
}

}  // namespace uvn::sim
