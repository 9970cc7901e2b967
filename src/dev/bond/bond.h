// bond: Linux's bonding driver (drivers/net/bonding) in its seven modes.
//
// A BondDevice is the master (bond0); each enslaved device gets a BondSlave, which is the
// device's rx handler (bond_handle_frame) and follows its carrier. Transmit picks slaves by
// mode (bond_xmit.cc): balance-rr in turn (packets_per_slave, 0 = random), active-backup on
// the current active slave, balance-xor and 802.3ad by xmit_hash_policy over the usable
// slaves, broadcast on all, balance-tlb/alb by load (bond_alb.cc). Receive: frames from an
// inactive slave (an active-backup backup, a port outside the active aggregator) reach nobody
// unless all_slaves_active, except link-local ones, which stay with the slave's own stack.
//
// Link monitoring as Linux: the MII monitor (bond_monitor.cc) polls each slave's carrier every
// miimon ms, with updelay/downdelay counted in miimon ticks (updelay skipped while no slave is
// active), and the states UP, GOING_DOWN (FAIL), DOWN, GOING_BACK (BACK); the ARP/NS monitor
// (bond_arp.cc). Without a monitor slaves stay up. Failover (bond_active.cc) picks the new
// active slave from primary, primary_reselect and slave prio, moves MACs by fail_over_mac,
// moves promiscuity, and schedules num_peer_notif peer notifications (gratuitous ARP and
// unsolicited NA from the host stack, on the bond and the VLANs above it) spaced by
// peer_notify_delay, and resend_igmp IGMP rejoins.
//
// MAC rules: a bond without its own address takes the first slave's; slaves get the bond's
// (except active-backup with fail_over_mac, and tlb/alb, where each keeps its own) and get
// their permanent address back on release; the last slave leaving gives the bond a new random
// address. A slave's MTU becomes the bond's and is restored on release; release closes it.
//
// Files: bond.cc (device, enslave, release, MAC, carrier, options), bond_active.cc (active
// slave, failover, peer notification), bond_monitor.cc (MII monitor), bond_arp.cc (ARP and NS
// monitors), bond_xmit.cc (transmit and receive), bond_3ad.cc (802.3ad on proto/lacp),
// bond_alb.cc (tlb/alb).
//
// Differences from Linux: the bond's counters are its own (Linux shows the sum of its
// slaves'); speed and duplex come from the slave kind (KindInfo::speed_mbps, full duplex when
// the speed is known).
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/ip.h"
#include "dev/bond/bond_options.h"
#include "dev/core/device.h"
#include "dev/core/rx_mode_sync.h"
#include "proto/lacp/lacp.h"
#include "wire/vlan.h"

namespace uvn {

extern const KindInfo kBondInfo;
class BondDevice;
class BondLacpSink;

// A slave's link state as the monitors see it (BOND_LINK_*), in Linux's numbering.
enum class BondLink : uint8_t { kUp = 0, kFail = 1, kDown = 2, kBack = 3 };
// mii_status as iproute2 prints it ("UP", "GOING_DOWN", "DOWN", "GOING_BACK").
std::string_view bond_link_name(BondLink l);

class BondSlave : public RxHandler, public DeviceWatcher {
 public:
  BondSlave(BondDevice& bond, Device& dev);
  ~BondSlave() override;

  BondDevice& bond() { return bond_; }
  Device& dev() { return dev_; }
  const Device& dev() const { return dev_; }

  uint64_t opt(BondSlaveOpt o) const { return opts_.get(o); }
  void set_opt(BondSlaveOpt o, uint64_t v) { opts_.set(o, v); }
  OptionValues& options() { return opts_; }
  const OptionValues& options() const { return opts_; }
  int32_t prio() const { return int32_t(uint32_t(opts_.get(kBsPrio))); }

  // Carrier and admin state of the device (bond_slave_is_up).
  bool is_up() const { return dev_.is_up() && dev_.carrier(); }
  // Whether frames may be sent through it (bond_slave_can_tx).
  bool can_tx() const { return is_up() && link == BondLink::kUp && !backup; }
  uint32_t speed() const;  // Mb/s, 0 unknown
  bool full_duplex() const { return speed() != 0; }

  BondLink link = BondLink::kUp;
  BondLink new_link = BondLink::kUp;  // proposed by inspect, applied by commit
  bool link_changed = false;          // a proposal is pending
  bool backup = false;                // state BACKUP (else ACTIVE)
  bool inactive = false;              // received frames are not delivered
  int delay = 0;                      // updelay/downdelay ticks left
  uint32_t link_failure_count = 0;
  MacAddr perm_hwaddr;
  uint32_t original_mtu = 0;
  Nanos last_link_up = 0;
  // ARP monitor: last time an ARP (or any, without filter) arrived / was sent, per target.
  Nanos last_rx = 0, last_tx = 0;
  std::array<Nanos, kBondMaxArpTargets> target_last_arp_rx{};
  uint16_t ad_port_no = 0;  // 802.3ad port number (1, 2, ... in enslave order)
  // balance-tlb/alb: bytes sent in the current rebalance period.
  uint64_t tlb_load = 0;
  // The bond's promiscuity/allmulti and address lists passed on to the device.
  RxModeSync rx_sync;
  // Solicited-node groups of the NS targets joined as a backup (bond_slave_ns_maddrs_add).
  std::vector<MacAddr> ns_maddrs;

  RxResult handle_frame(Device& dev, Frame& f, Device*& another) override;
  void device_changed(Device& dev, uint32_t changes) override;

 private:
  BondDevice& bond_;
  Device& dev_;
  OptionValues opts_;
};

// 802.3ad status for printers (ip -d link, /proc/net/bonding).
struct BondAdInfo {  // the active aggregator
  uint16_t aggregator = 0, num_ports = 0, actor_key = 0, partner_key = 0;
  MacAddr partner_mac;
};
struct BondAdPort {
  uint16_t aggregator_id = 0;  // 0: none
  uint8_t actor_state = 0, partner_state = 0;
  uint16_t actor_sys_prio = 0, actor_key = 0, actor_port_prio = 0, actor_port = 0;
  MacAddr actor_system;
  uint16_t partner_sys_prio = 0, partner_key = 0, partner_port_prio = 0, partner_port = 0;
  MacAddr partner_system;
  uint8_t actor_churn = 0, partner_churn = 0;  // 0 monitoring, 1 churned, 2 none
  uint32_t actor_churned = 0, partner_churned = 0;
};
// The 802.3ad counters of `ip -s link xstats type bond 802.3ad`.
struct BondAdStats {
  uint64_t lacpdu_rx = 0, lacpdu_tx = 0, lacpdu_unknown_rx = 0, lacpdu_illegal_rx = 0;
  uint64_t marker_rx = 0, marker_tx = 0, marker_response_rx = 0, marker_response_tx = 0;
  uint64_t marker_unknown_rx = 0;
};

// The LACP engine's sink (bond_3ad.cc): LACPDUs out of the slaves, the data path and the
// carrier back to the bond.
class BondLacpSink : public proto::LacpSink {
 public:
  explicit BondLacpSink(BondDevice& b) : b_(b) {}
  void send_frame(int port_no, const uint8_t* frame, size_t len) override;
  void port_datapath_changed(int port_no, bool collecting, bool distributing) override;
  void port_aggregator_changed(int, uint16_t) override {}
  void active_aggregator_changed(uint16_t) override;
  void carrier_changed(bool) override;
  void fallback_changed(bool) override;

 private:
  BondDevice& b_;
};

class BondDevice : public Device {
 public:
  explicit BondDevice(NetContext* ctx);
  ~BondDevice() override;

  bool is_master_kind() const override { return true; }
  // bond_enslave's own refusals (the device up, itself, ...), then the slave is joined.
  Status add_slave(Device& dev) override;
  // Those refusals alone (ctl asks before the device leaves another master, so that a
  // refused request changes nothing; Linux releases it from the old master first), and the
  // loop check of netdev_upper_dev_link (EBUSY when the bond already sits above `dev`).
  Status check_enslave(const Device& dev) const;
  // The refusals after the self and up checks: the link type (Ethernet in uvn), whether the
  // device can open, and no loop.
  Status check_enslave_links(const Device& dev) const;
  void remove_slave(Device& dev) override;
  void on_unregister() override;
  const OptionValues* kind_options() const override { return &opts_; }
  // `ip link set bond0 address` (bond_set_mac_address): the bond keeps it when slaves join
  // (NET_ADDR_SET), and the slaves follow as the mode says.
  void set_mac(const MacAddr& m) override;
  // The random address of a new bond (NET_ADDR_RANDOM).
  void set_random_mac(const MacAddr& m) {
    mac_random_ = true;
    Device::set_mac(m);
  }
  void set_mtu(uint32_t m) override;

  BondMode mode() const { return BondMode(opts_.get(kBondMode)); }
  uint64_t opt(BondOpt o) const { return opts_.get(o); }
  OptionValues& options() { return opts_; }
  // Sets one option with the kernel setter's side effects (validated by ctl/bond.cc).
  void set_opt(BondOpt o, uint64_t v);
  // updelay/downdelay/peer_notify_delay in ms (ticks x miimon), as reported.
  uint64_t delay_ms(BondOpt o) const;

  const std::vector<Ipv4Addr>& arp_targets() const { return arp_targets_; }
  const std::vector<Ipv6Addr>& ns_targets() const { return ns_targets_; }
  void set_arp_targets(std::vector<Ipv4Addr> t);
  void set_ns_targets(std::vector<Ipv6Addr> t);

  const std::vector<std::unique_ptr<BondSlave>>& slaves() const { return slaves_; }
  BondSlave* slave_of(const Device& d) const;
  BondSlave* curr_active() const { return curr_active_; }
  BondSlave* primary_slave() const { return primary_slave_; }
  // The name given with `primary` (kept while that device is not a slave).
  const std::string& primary_name() const { return primary_name_; }

  // active_slave / clear_active_slave (bond_option_active_slave_set); `s` nullptr clears.
  Status set_active_slave(BondSlave* s);
  // primary DEV (bond_option_primary_set): the name, and the slave if it is one.
  void set_primary(const std::string& name);

  // Active slave selection and failover (bond_active.cc).
  void select_active_slave();
  void change_active_slave(BondSlave* new_active);
  BondSlave* find_best_slave();
  void set_carrier_from_slaves();  // bond_set_carrier

  // MII monitor (bond_monitor.cc).
  void mii_monitor();
  // ARP / NS monitor (bond_arp.cc).
  void arp_monitor();
  void arp_rcv(BondSlave& s, const Frame& f);

  // 802.3ad (bond_3ad.cc): a slave's LACP port priority (bond_slave actor_port_prio).
  void set_actor_port_prio(BondSlave& s, uint16_t prio);
  // The active aggregator, if any; a port's LACP view (nullopt outside 802.3ad or without
  // an aggregator); counters of a slave (nullptr: the bond's sum).
  std::optional<BondAdInfo> ad_info() const;
  std::optional<BondAdPort> ad_port(const BondSlave& s) const;
  BondAdStats ad_stats(const BondSlave* s) const;
  // The LACP system: ad_actor_system, or the bond's address when that is zero.
  MacAddr ad_system() const;
  // The engine, while the bond runs 802.3ad (tests and status).
  const proto::Lacp* lacp() const { return lacp_.get(); }

  // Counters of events users see in logs: failovers.
  uint64_t failovers = 0;
  // Peer notifications and IGMP rejoins sent (NETDEV_NOTIFY_PEERS / NETDEV_RESEND_IGMP).
  uint64_t peer_notifications = 0, igmp_resends = 0;

  // Receive (bond_xmit.cc): what the slave's handler does with a frame.
  RxResult handle_frame(BondSlave& s, Frame& f, Device*& another);

 protected:
  void xmit_frame(Frame&& f) override;
  void on_open() override;
  void on_close() override;
  // bond_set_rx_mode / bond_change_rx_flags: the bond's address lists, promiscuity and
  // allmulti go to every slave, or in active-backup/tlb/alb to the active one only.
  void on_set_rx_mode() override;
  void on_change_rx_flags(uint32_t flag, bool on) override;

 private:
  // Whether `s` gets the bond's address lists and rx flags now.
  bool gets_rx_mode(const BondSlave& s) const;
  void sync_rx_mode(BondSlave& s);
  void unsync_rx_mode(BondSlave& s);
  void release(BondSlave& s, bool deleting);
  void set_slave_active(BondSlave& s);    // bond_set_slave_active_flags
  void set_slave_inactive(BondSlave& s);  // bond_set_slave_inactive_flags
  void set_link(BondSlave& s, BondLink l);
  void hw_addr_swap(BondSlave* new_active, BondSlave* old_active);
  void do_fail_over_mac(BondSlave* new_active, BondSlave* old_active);
  void update_usable();  // bond_update_slave_arr
  void schedule_mii(Nanos delay);
  void schedule_arp(Nanos delay);
  void notify_peers();
  void resend_igmp();
  bool should_notify_peers() const;
  void miimon_commit();
  bool miimon_inspect();
  // ARP/NS monitor pieces (bond_arp.cc).
  Nanos slave_last_rx(const BondSlave& s) const;
  void na_rcv(BondSlave& s, const Frame& f, const wire::VlanTags& tags);
  void update_ns_maddrs();
  void send_probes(BondSlave& s);
  bool ab_arp_inspect();
  void ab_arp_commit();
  void ab_arp_probe();
  void loadbalance_arp_mon();
  // Transmit by mode (bond_xmit.cc).
  void xmit_slave(BondSlave& s, Frame&& f);
  void xmit_rr(Frame&& f);
  void xmit_hash(Frame&& f);
  uint32_t xmit_hash(const Frame& f) const;
  void xmit_broadcast(Frame&& f);
  void xmit_slave_from(size_t start, Frame&& f);
  // 802.3ad (bond_3ad.cc): a slow-protocols frame from a slave; true when consumed.
  bool ad_rx(BondSlave& s, Frame& f);
  // balance-tlb/alb (bond_alb.cc).
  void xmit_tlb(Frame&& f);
  void alb_rx(BondSlave& s, Frame& f);
  void alb_start();
  void alb_stop();
  void alb_monitor();
  void alb_slave_changed();
  void alb_active_changed(BondSlave* new_active, BondSlave* old_active);
  void tlb_clear_slave(BondSlave* s, bool save_load);
  BondSlave* tlb_least_loaded() const;
  BondSlave* tlb_choose(uint8_t index, size_t len);
  void send_learning_packets(BondSlave& s, const MacAddr& mac);
  BondSlave* rlb_next_slave();
  BondSlave* rlb_arp_xmit(Frame& f, const wire::VlanTags& tags);
  void rlb_update_clients();
  uint32_t rr_next_id();
  // 802.3ad glue (bond_3ad.cc).
  BondSlave* ad_slave(int port_no) const;
  proto::LacpConfig ad_config() const;
  proto::LacpPortConfig ad_port_config(const BondSlave& s) const;
  void ad_start();
  void ad_stop();
  void ad_add_port(BondSlave& s);
  void ad_remove_port(BondSlave& s);
  void ad_link_changed(BondSlave& s);
  void ad_config_changed();
  void ad_kick();
  void ad_datapath(BondSlave& s, bool collecting, bool distributing);
  void ad_refresh();
  bool ad_carrier() const;
  Nanos now() const { return ctx() ? ctx()->engine().now() : 0; }

  OptionValues opts_;
  std::vector<Ipv4Addr> arp_targets_;
  std::vector<Ipv6Addr> ns_targets_;
  std::vector<std::unique_ptr<BondSlave>> slaves_;
  std::vector<BondSlave*> usable_;
  BondSlave* curr_active_ = nullptr;
  BondSlave* primary_slave_ = nullptr;
  BondSlave* current_arp_slave_ = nullptr;
  std::string primary_name_;
  bool force_primary_ = false;
  bool mac_random_ = true;  // addr_assign_type NET_ADDR_RANDOM
  bool deleting_ = false;
  uint64_t rr_counter_ = 0;
  uint64_t rng_state_ = 0x9e3779b97f4a7c15ull;
  uint32_t send_peer_notif_ = 0;
  uint32_t igmp_retrans_ = 0;
  TimerId mii_timer_ = 0, arp_timer_ = 0, igmp_timer_ = 0;
  // balance-tlb/alb state (bond_alb.cc).
  struct TlbEntry {
    BondSlave* slave = nullptr;
    uint64_t tx_bytes = 0, load_history = 0;
  };
  struct RlbClient {  // per client IPv4 address (zero: a free entry)
    Ipv4Addr ip;
    BondSlave* slave = nullptr;
    MacAddr mac;
    Ipv4Addr server_ip;
    bool assigned = false, ntt = false, sent = false;
  };
  std::array<TlbEntry, 256> tlb_{};
  uint64_t unbalanced_load_ = 0;
  uint64_t alb_ticks_ = 0, lp_ticks_ = 0;
  TimerId alb_timer_ = 0;
  std::array<RlbClient, 256> rlb_{};
  size_t rlb_next_ = 0;
  int rlb_update_delay_ = 0;
  std::unique_ptr<BondLacpSink> lacp_sink_;
  std::unique_ptr<proto::Lacp> lacp_;
  TimerId ad_timer_ = 0;
  Nanos ad_timer_at_ = kForever;
  friend class BondSlave;
  friend class BondLacpSink;
};

}  // namespace uvn
