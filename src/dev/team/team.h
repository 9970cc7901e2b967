// team: Linux's team driver (drivers/net/team, 6.1, with the independent rx/tx enablement of
// 2025), the thin kernel half of teaming that teamd drives through options. Written from the
// driver's behaviour.
//
// A TeamDevice (team0) holds TeamPorts; each port is its device's rx handler and follows its
// carrier. A port is added (team_port_add) with these refusals, in the kernel's order:
// loopback (EINVAL), already a team port (EBUSY), the team itself (EINVAL), a device already
// above the team (EBUSY), a link type other than the team's (uvn teams stay Ethernet), a
// device that is up (EBUSY); then its MTU becomes the team's, it is opened and it starts
// *enabled* (rx and tx). Removal closes it and gives back its original address and MTU. The
// team never takes a port's address; roundrobin, broadcast and random set each port's address
// to the team's when it joins and when the team's changes (team_modeop_port_enter /
// port_change_dev_addr); activebackup and loadbalance leave addresses to teamd.
//
// Enablement ("team: add independent control of tx and rx enablement"): a port is rx-enabled
// and/or tx-enabled. tx-enabled ports have an index in 0..enabled-1 (the transmit set the modes
// pick from, tx_en_port_count); rx-enabled ports deliver what they receive to the team. The
// per-port option `enabled` reads true only when both are, and setting it sets both;
// `rx_enabled` and `tx_enabled` set one each. Enabling tx starts the peer notifications and
// multicast rejoins, as enabling a port did before the split.
//
// Options (what teamnl lists; their table is ctl/team.h): mode (no ports allowed while it
// changes; "*NOMODE*" at first, which drops all it sends), notify_peers_count/interval,
// mcast_rejoin_count/interval; per port enabled, rx_enabled, tx_enabled, user_linkup,
// user_linkup_enabled, priority, queue_id; activebackup's activeport (ifindex, 0 none);
// loadbalance's lb_tx_method (hash | hash_to_port_mapping), lb_tx_hash_to_port_mapping (256
// buckets of port ifindexes), lb_hash_stats / lb_port_stats (tx bytes per bucket / port over
// the last lb_stats_refresh_interval, in tenths of a second; 0, the default, publishes none),
// and bpf_hash_func. uvn does not run the classic BPF program bpf_hash_func holds: it keeps
// its bytes (for teamnl) and hashes with a C++ function (set_lb_hash) that the teamd runner
// builds from its tx_hash fragments; as in Linux, no function means hash 0, and setting an
// empty bpf_hash_func removes the function.
//
// Port link: user_linkup when user_linkup_enabled, else the port device being up with
// carrier. A port transmits when tx-enabled with link. Carrier: the team has carrier while some
// port has link (__team_carrier_check), until a user sets it (`ip link set team0 carrier`,
// ndo_change_carrier, as teamd's lacp runner does), after which it is the user's alone.
//
// Receive: a port that is not rx-enabled passes link-local frames to its own stack and keeps
// the rest (RX_HANDLER_EXACT, counted as rx_nohandler on the team); activebackup does the same
// with frames from ports other than the active one, loadbalance with LACPDUs; the rest arrive
// on the team. Transmit (over tx-enabled ports): broadcast to every txable port; roundrobin and
// random pick a tx-enabled port by index (a counter / at random) and take the first txable
// from there on; activebackup the active port; loadbalance hash -> bucket -> mapped port
// (hash_to_port_mapping) or tx-enabled port (hash % count). Disabling a port's tx empties the
// loadbalance buckets mapped to it. Nothing to send on: tx_dropped.
//
// Receive mode: every port gets the team's promiscuity and allmulti (references held while
// the team has the flag) and, while the team is up, its unicast and multicast lists
// (team_set_rx_mode); a port gives them back when it leaves, the lists when the team closes.
//
// Differences from Linux: no queue override by queue_id and priority (the options are kept);
// no VLAN-challenged check, no netpoll, no features; the team's counters are its own; no BPF.
#pragma once

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dev/core/device.h"
#include "dev/core/rx_mode_sync.h"

namespace uvn {

extern const KindInfo kTeamInfo;
class TeamDevice;

enum class TeamMode : uint8_t { kNone, kBroadcast, kRoundRobin, kRandom, kActiveBackup, kLoadBalance };
// The option value ("*NOMODE*", "broadcast", ...), and back (nullopt for an unknown name).
std::string_view team_mode_name(TeamMode m);
std::optional<TeamMode> team_mode_from_name(std::string_view s);

enum class TeamLbTxMethod : uint8_t { kHash, kHashToPortMapping };
constexpr size_t kTeamLbBuckets = 256;

class TeamPort : public RxHandler, public DeviceWatcher {
 public:
  TeamPort(TeamDevice& team, Device& dev);
  ~TeamPort() override;

  TeamDevice& team() { return team_; }
  Device& dev() { return dev_; }
  const Device& dev() const { return dev_; }

  // tx-enabled ports have an index in 0..enabled-1 (team_port_tx_enabled); -1 otherwise.
  bool tx_enabled() const { return index >= 0; }
  // Frames received on the port go to the team (team_port_rx_enabled).
  bool rx_enabled() const { return rx_enabled_; }
  // The option `enabled` (team_port_enabled): both.
  bool enabled() const { return rx_enabled_ && tx_enabled(); }
  // port->linkup: the user's value when user_linkup_enabled, else the device's.
  bool linkup() const { return user_linkup_enabled ? user_linkup : state_linkup; }
  bool txable() const { return tx_enabled() && linkup(); }
  // port->state.speed / duplex as teamnl's `ports` shows them: what ethtool reports for the
  // device (KindInfo::speed_mbps, full duplex when known) while it has link, else 0 and half.
  uint32_t speed() const { return state_linkup ? dev_.info().speed_mbps : 0; }
  bool full_duplex() const { return speed() != 0; }

  int index = -1;
  bool state_linkup = false;  // the device up with carrier (netif_oper_up)
  bool user_linkup = false, user_linkup_enabled = false;
  int32_t priority = 0;
  uint32_t queue_id = 0;
  MacAddr orig_mac;
  uint32_t orig_mtu = 0;
  uint64_t lb_tx_bytes = 0, lb_stats = 0;  // loadbalance: counting / last published
  RxModeSync rx_sync;  // the team's promiscuity, allmulti and address lists passed on

  RxResult handle_frame(Device& dev, Frame& f, Device*& another) override;
  void device_changed(Device& dev, uint32_t changes) override;

 private:
  friend class TeamDevice;
  TeamDevice& team_;
  Device& dev_;
  bool rx_enabled_ = false;
};

class TeamDevice : public Device {
 public:
  explicit TeamDevice(NetContext* ctx);
  ~TeamDevice() override;

  bool is_master_kind() const override { return true; }
  // team_port_add: the refusals (check_add_port), then the port joins, enabled.
  Status add_slave(Device& dev) override;
  // The refusals alone, judging `dev` as up or not by `dev_up` (ctl decides before the
  // request's other changes are made). Extack texts and errnos as Linux 6.1.
  Status check_add_port(const Device& dev, bool dev_up) const;
  void remove_slave(Device& dev) override;
  void on_unregister() override;
  void set_mac(const MacAddr& m) override;
  void set_mtu(uint32_t m) override;

  const std::vector<std::unique_ptr<TeamPort>>& ports() const { return ports_; }
  TeamPort* port_of(const Device& d) const;
  TeamPort* port_by_ifindex(int ifindex) const;
  // The tx-enabled ports (tx_en_port_count), and them in index order.
  int enabled_count() const { return int(en_ports_.size()); }
  const std::vector<TeamPort*>& enabled_ports() const { return en_ports_; }
  // The rx-enabled ports (rx_en_port_count).
  int rx_enabled_count() const;

  // Options.
  TeamMode mode() const { return mode_; }
  // team_change_mode: EBUSY with ports, EINVAL for the mode it is in.
  Status set_mode(TeamMode m);
  uint32_t notify_peers_count = 0, notify_peers_interval = 0;  // count, ms
  uint32_t mcast_rejoin_count = 0, mcast_rejoin_interval = 0;
  // `enabled`: rx and tx together (team_port_enable / team_port_disable).
  void set_port_enabled(TeamPort& p, bool on);
  // `tx_enabled`: joins or leaves the transmit set (indexes close up; loadbalance empties the
  // port's buckets); either way the peer notifications and rejoins start.
  void set_port_tx_enabled(TeamPort& p, bool on);
  // `rx_enabled`: whether what the port receives goes to the team.
  void set_port_rx_enabled(TeamPort& p, bool on);
  void set_user_linkup(TeamPort& p, bool up);
  void set_user_linkup_enabled(TeamPort& p, bool on);
  // queue_id must stay below the team's tx queues (EINVAL).
  Status set_queue_id(TeamPort& p, uint32_t q);

  // activebackup: activeport (ab_active_port_set): ENOENT for an ifindex that is no port.
  TeamPort* active_port() const { return active_; }
  Status set_active_port(int ifindex);

  // loadbalance.
  TeamLbTxMethod lb_tx_method() const { return lb_method_; }
  void set_lb_tx_method(TeamLbTxMethod m) { lb_method_ = m; }
  // The bucket's port ifindex (0: none), and setting it: ENODEV unless a tx-enabled port.
  int lb_mapping(uint8_t bucket) const;
  Status set_lb_mapping(uint8_t bucket, int ifindex);
  // bpf_hash_func: the runner's hash; empty means none (every frame hashes to 0).
  using TxHash = std::function<uint32_t(const Frame&)>;
  void set_lb_hash(TxHash h) { lb_hash_ = std::move(h); }
  bool has_lb_hash() const { return bool(lb_hash_); }
  // The option bpf_hash_func: the bytes of a classic BPF program (struct sock_filter, 8 bytes
  // an instruction), kept and shown but never run. EINVAL unless whole instructions, at most
  // 4096 of them, the last a return (the checks of bpf_prog_create that need no interpreter).
  // Empty removes the hash function as well (Linux then hashes everything to 0); otherwise
  // the C++ function set by set_lb_hash stays what hashes.
  const std::vector<uint8_t>& lb_bpf_func() const { return lb_bpf_; }
  Status set_lb_bpf_func(std::vector<uint8_t> prog);
  // The bucket a frame falls in (the 32-bit hash folded to 8 bits by XOR of its bytes).
  uint8_t lb_bucket(const Frame& f) const;
  // lb_hash_stats / lb_port_stats: tx bytes over the last refresh interval.
  uint64_t lb_hash_stats(uint8_t bucket) const { return lb_bucket_stats_[bucket]; }
  uint32_t lb_stats_refresh_interval() const { return lb_refresh_; }
  // 0 (lb_init's default) stops the refresh; another value refreshes at once, then every
  // interval (lb_stats_refresh_interval_set). teamd sets it when tx balancing is configured.
  void set_lb_stats_refresh_interval(uint32_t tenths);
  void lb_refresh_stats();

  // ndo_change_carrier (`ip link set team0 carrier on|off`): from then on the user's.
  void change_carrier(bool on);
  bool user_carrier_enabled() const { return user_carrier_; }

  // Counters for tests: notifications and rejoins sent.
  uint64_t peer_notifications = 0, mcast_rejoins = 0;

 protected:
  void xmit_frame(Frame&& f) override;
  void on_set_rx_mode() override;
  void on_change_rx_flags(uint32_t flag, bool on) override;
  void on_open() override;
  void on_close() override;

 private:
  friend class TeamPort;
  RxResult receive(TeamPort& p, Frame& f, Device*& another);
  void port_changed(TeamPort& p);
  void carrier_check();
  void send_to(TeamPort& p, Frame&& f);
  TeamPort* first_txable_from(TeamPort* p) const;
  void xmit_broadcast(Frame&& f);
  void xmit_loadbalance(Frame&& f);
  void release(TeamPort& p);
  void reindex();
  void notify_peers_start();
  void mcast_rejoin_start();
  void peers_tick();
  void rejoin_tick();
  void schedule_lb_refresh(Nanos first);
  bool mode_sets_port_mac() const {
    return mode_ == TeamMode::kBroadcast || mode_ == TeamMode::kRoundRobin ||
           mode_ == TeamMode::kRandom;
  }

  std::vector<std::unique_ptr<TeamPort>> ports_;
  std::vector<TeamPort*> en_ports_;
  TeamMode mode_ = TeamMode::kNone;
  TeamPort* active_ = nullptr;
  uint64_t rr_sent_ = 0;
  uint64_t rng_ = 0x9e3779b97f4a7c15ull;
  TeamLbTxMethod lb_method_ = TeamLbTxMethod::kHash;
  std::array<TeamPort*, kTeamLbBuckets> lb_map_{};
  std::array<uint64_t, kTeamLbBuckets> lb_bucket_bytes_{}, lb_bucket_stats_{};
  TxHash lb_hash_;
  std::vector<uint8_t> lb_bpf_;
  uint32_t lb_refresh_ = 0;
  bool user_carrier_ = false;
  uint32_t peers_pending_ = 0, rejoin_pending_ = 0;
  TimerId peers_timer_ = 0, rejoin_timer_ = 0, lb_timer_ = 0;
};

}  // namespace uvn
