#include "sim/proc_bonding.h"

#include <fmt/format.h>

#include "dev/bond/bond.h"

namespace uvn::sim {

namespace {

std::string_view slave_mii(BondLink l) {
  switch (l) {
    case BondLink::kUp: return "up";
    case BondLink::kFail: return "going down";
    case BondLink::kDown: return "down";
    case BondLink::kBack: return "going back";
  }
  return "unknown";
}

std::string_view churn_word(uint8_t c) {
  switch (c) {
    case 0: return "monitoring";
    case 1: return "churned";
    case 2: return "none";
    default: return "unknown";
  }
}

std::string enum_text(const BondDevice& b, BondOpt o) {
  return kBondOptionTable.format(o, b.opt(o));
}

void master_part(const BondDevice& b, std::string& s) {
  const BondMode mode = b.mode();
  s += fmt::format("Bonding Mode: {}", bond_mode_long_name(mode));
  if (mode == BondMode::kActiveBackup && b.opt(kBondFailOverMac))
    s += fmt::format(" (fail_over_mac {})", enum_text(b, kBondFailOverMac));
  s += "\n";
  if (bond_mode_hashes(mode) ||
      ((mode == BondMode::kTlb || mode == BondMode::kAlb) && !b.opt(kBondTlbDynamicLb)))
    s += fmt::format("Transmit Hash Policy: {} ({})\n", enum_text(b, kBondXmitHashPolicy),
                     b.opt(kBondXmitHashPolicy));
  if (bond_uses_primary(mode)) {
    const BondSlave* p = b.primary_slave();
    s += fmt::format("Primary Slave: {}", p ? p->dev().name() : "None");
    if (p) s += fmt::format(" (primary_reselect {})", enum_text(b, kBondPrimaryReselect));
    const BondSlave* c = b.curr_active();
    s += fmt::format("\nCurrently Active Slave: {}\n", c ? c->dev().name() : "None");
  }
  s += fmt::format("MII Status: {}\n", b.carrier() ? "up" : "down");
  s += fmt::format("MII Polling Interval (ms): {}\n", b.opt(kBondMiimon));
  s += fmt::format("Up Delay (ms): {}\n", b.delay_ms(kBondUpdelay));
  s += fmt::format("Down Delay (ms): {}\n", b.delay_ms(kBondDowndelay));
  s += fmt::format("Peer Notification Delay (ms): {}\n", b.delay_ms(kBondPeerNotifyDelay));
  if (b.opt(kBondArpInterval)) {
    s += fmt::format("ARP Polling Interval (ms): {}\n", b.opt(kBondArpInterval));
    s += fmt::format("ARP Missed Max: {}\n", b.opt(kBondArpMissedMax));
    s += "ARP IP target/s (n.n.n.n form):";
    for (size_t i = 0; i < b.arp_targets().size(); ++i)
      s += (i ? ", " : " ") + b.arp_targets()[i].format();
    s += "\nNS IPv6 target/s (xx::xx form):";
    for (size_t i = 0; i < b.ns_targets().size(); ++i)
      s += (i ? ", " : " ") + b.ns_targets()[i].format();
    s += "\n";
  }
  if (mode == BondMode::k8023ad) {
    s += "\n802.3ad info\n";
    s += fmt::format("LACP active: {}\n", enum_text(b, kBondLacpActive));
    s += fmt::format("LACP rate: {}\n", enum_text(b, kBondLacpRate));
    s += fmt::format("Min links: {}\n", b.opt(kBondMinLinks));
    s += fmt::format("Aggregator selection policy (ad_select): {}\n", enum_text(b, kBondAdSelect));
    s += fmt::format("System priority: {}\n", b.opt(kBondAdActorSysPrio));
    s += fmt::format("System MAC address: {}\n", b.ad_system().format());
    if (auto info = b.ad_info()) {
      s += "Active Aggregator Info:\n";
      s += fmt::format("\tAggregator ID: {}\n", info->aggregator);
      s += fmt::format("\tNumber of ports: {}\n", info->num_ports);
      s += fmt::format("\tActor Key: {}\n", info->actor_key);
      s += fmt::format("\tPartner Key: {}\n", info->partner_key);
      s += fmt::format("\tPartner Mac Address: {}\n", info->partner_mac.format());
    } else {
      s += fmt::format("bond {} has no active aggregator\n", b.name());
    }
  }
}

void slave_part(const BondDevice& b, const BondSlave& sl, std::string& s) {
  s += fmt::format("\nSlave Interface: {}\n", sl.dev().name());
  s += fmt::format("MII Status: {}\n", slave_mii(sl.link));
  if (uint32_t sp = sl.speed())
    s += fmt::format("Speed: {} Mbps\nDuplex: full\n", sp);
  else
    s += "Speed: Unknown\nDuplex: Unknown\n";
  s += fmt::format("Link Failure Count: {}\n", sl.link_failure_count);
  s += fmt::format("Permanent HW addr: {}\n", sl.perm_hwaddr.format());
  s += fmt::format("Slave queue ID: {}\n", sl.opt(kBsQueueId));
  if (b.mode() != BondMode::k8023ad) return;
  auto p = b.ad_port(sl);
  if (!p || !p->aggregator_id) {
    s += "Aggregator ID: N/A\n";
    return;
  }
  s += fmt::format("Aggregator ID: {}\n", p->aggregator_id);
  s += fmt::format("Actor Churn State: {}\n", churn_word(p->actor_churn));
  s += fmt::format("Partner Churn State: {}\n", churn_word(p->partner_churn));
  s += fmt::format("Actor Churned Count: {}\n", p->actor_churned);
  s += fmt::format("Partner Churned Count: {}\n", p->partner_churned);
  s += "details actor lacp pdu:\n";
  s += fmt::format("    system priority: {}\n", p->actor_sys_prio);
  s += fmt::format("    system mac address: {}\n", p->actor_system.format());
  s += fmt::format("    port key: {}\n", p->actor_key);
  s += fmt::format("    port priority: {}\n", p->actor_port_prio);
  s += fmt::format("    port number: {}\n", p->actor_port);
  s += fmt::format("    port state: {}\n", p->actor_state);
  s += "details partner lacp pdu:\n";
  s += fmt::format("    system priority: {}\n", p->partner_sys_prio);
  s += fmt::format("    system mac address: {}\n", p->partner_system.format());
  s += fmt::format("    oper key: {}\n", p->partner_key);
  s += fmt::format("    port priority: {}\n", p->partner_port_prio);
  s += fmt::format("    port number: {}\n", p->partner_port);
  s += fmt::format("    port state: {}\n", p->partner_state);
}

}  // namespace

std::optional<std::string> proc_bonding(const Netns& ns, std::string_view name) {
  const auto* b = dynamic_cast<const BondDevice*>(ns.find(name));
  if (!b) return std::nullopt;
  std::string s = fmt::format("Ethernet Channel Bonding Driver: v{}\n\n", kProcBondingRelease);
  master_part(*b, s);
  for (auto& sl : b->slaves()) slave_part(*b, *sl, s);
  return s;
}

}  // namespace uvn::sim
