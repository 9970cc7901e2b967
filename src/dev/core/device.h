// Device: the network device model every kind builds on (Linux's struct net_device, in the
// parts users can see): name, ifindex, MAC, MTU, flags, carrier and operstate, master and
// link relations, counters, and the receive path.
//
// Receive path (Linux's __netif_receive_skb order): a driver hands a frame to rx(); it is
// queued on the device's backlog and polled by the engine in batches. Each frame then goes
// through the device's rx handlers (a master's handler registered on its port: bridge, bond,
// team; VLAN demux), which may consume it, pass it on, or re-inject it as received on another
// device (RX_HANDLER_ANOTHER). What nobody claims goes to the namespace's host stack.
//
// Transmit path: transmit() checks that the device is up, counts, shows the frame to packet
// taps (captures) and calls the kind's xmit().
//
// A device lives in one namespace; it knows it only through NetContext, which world/
// implements (engine, host stack, change notifications, name lookups for IFLA_LINK).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/ip.h"
#include "base/mac.h"
#include "base/result.h"
#include "dev/core/flags.h"
#include "dev/core/options.h"
#include "dev/core/stats.h"
#include "engine/engine.h"

namespace uvn::proto {
struct MdbEntry;
struct PortGroup;
}  // namespace uvn::proto

namespace uvn {

class Device;
struct FdbEntry;

// What changed on a device, for monitors and for devices that follow others (veth peer,
// VLAN on its lower, bond on its slaves).
enum Change : uint32_t {
  kChangeFlags = 1,
  kChangeCarrier = 2,
  kChangeMtu = 4,
  kChangeAddress = 8,
  kChangeName = 16,
  kChangeMaster = 32,
  kChangeOther = 64,
  kChangeVlanPorts = 128,  // a bridge's per-VLAN active ports changed (bridge_binding)
};

// The namespace side of a device (implemented by world::Netns).
class NetContext {
 public:
  virtual ~NetContext() = default;
  virtual Engine& engine() = 0;
  // Frames no rx handler claimed: the host stack.
  virtual void deliver_to_stack(Device& dev, Frame&& f) = 0;
  virtual void notify(Device& dev, uint32_t changes) = 0;
  // rtnetlink messages a kind sends itself: a bridge's FDB entries (fdb_notify: added or
  // changed, or removed) and its ports' AF_BRIDGE link messages (br_ifinfo_notify).
  virtual void notify_fdb(Device& bridge, const FdbEntry& e, bool added) {
    (void)bridge, (void)e, (void)added;
  }
  virtual void notify_bridge_port(Device& port, bool added) { (void)port, (void)added; }
  // A bridge's MDB change (br_mdb_notify: RTM_NEWMDB / RTM_DELMDB); pg nullptr: the bridge's
  // own membership (a host entry).
  virtual void notify_mdb(Device& bridge, const proto::MdbEntry& e, const proto::PortGroup* pg,
                          bool added) {
    (void)bridge, (void)e, (void)pg, (void)added;
  }
  // The host stack joins (leaves) a multicast group on `dev` (ip_mc_inc_group /
  // ipv6_dev_mc_inc), as a kernel user of the group would: the bridge's all-snoopers groups.
  virtual void mc_join(Device& dev, const IpAddr& group, bool join) {
    (void)dev, (void)group, (void)join;
  }
  // A port became (or stopped being) a multicast router port of `bridge` (br_rtr_notify).
  virtual void notify_mdb_router(Device& bridge, Device& port, bool added) {
    (void)bridge, (void)port, (void)added;
  }
  // The source address the host stack would put on a packet to `dst` sent out of `dev`
  // (inet_select_addr / ipv6_dev_get_saddr); nullopt when it has none.
  virtual std::optional<IpAddr> source_for(const Device& dev, const IpAddr& dst) {
    (void)dev, (void)dst;
    return std::nullopt;
  }
  virtual Device* device_by_index(int ifindex) = 0;
  // A fresh random locally administered address (eth_hw_addr_random).
  virtual MacAddr random_mac() { return MacAddr{{0x02, 0, 0, 0, 0, 1}}; }
  // NETDEV_NOTIFY_PEERS: the host stack announces the device's addresses (gratuitous ARP,
  // unsolicited NA), and so do the VLAN devices above it (a bond after a failover).
  virtual void notify_peers(Device& dev) { (void)dev; }
  // NETDEV_RESEND_IGMP: the host stack sends its multicast memberships on the device again.
  virtual void resend_igmp(Device& dev) { (void)dev; }
  // A bond's link-monitor probe for `target` (ARP request or IPv6 NS) from `src_mac`, built by
  // the host stack along the route to the target (HostStack::build_bond_probe); nullopt when
  // the route does not go through `bond`.
  virtual std::optional<Frame> bond_probe(Device& bond, const IpAddr& target,
                                          const MacAddr& src_mac) {
    (void)bond, (void)target, (void)src_mac;
    return std::nullopt;
  }
  // The (TPID, VID) of each VLAN device stacked directly on `dev`, in ifindex order.
  virtual std::vector<std::pair<uint16_t, uint16_t>> vlans_above(const Device& dev) {
    (void)dev;
    return {};
  }
  // Whether `a` is an address of `dev` or of a VLAN device above it.
  virtual bool has_addr_on_or_above(const Device& dev, const IpAddr& a) {
    (void)dev, (void)a;
    return false;
  }
  // Stable id of this namespace (for "is the peer in my namespace").
  virtual int netns_id() const = 0;
};

enum class RxResult { kConsumed, kPass, kAnother };

// A handler on a device's receive path, registered by its master or upper devices.
class RxHandler {
 public:
  virtual ~RxHandler() = default;
  // May modify the frame. For kAnother, sets `another` to the device the frame now arrives on.
  virtual RxResult handle_frame(Device& dev, Frame& f, Device*& another) = 0;
};

// Follows another device's state (a bridge its ports, a VLAN its lower device): told of
// each change and of the device going away.
class DeviceWatcher {
 public:
  virtual ~DeviceWatcher() = default;
  virtual void device_changed(Device& dev, uint32_t changes) = 0;
};

// Sees every frame a device receives or sends (AF_PACKET ptype_all: tcpdump, `capture`).
class FrameTap {
 public:
  virtual ~FrameTap() = default;
  virtual void tap(const Device& dev, const Frame& f, bool outgoing) = 0;
};

// Per-kind constants.
struct KindInfo {
  std::string_view kind;       // "veth", "dummy", "tun", "" for loopback
  std::string_view link_type;  // "ether", "loopback", "none"
  uint32_t min_mtu = 68;
  uint32_t max_mtu = 65535;
  uint32_t default_mtu = 1500;
  uint32_t default_flags = kIffBroadcast | kIffMulticast;
  uint32_t txqlen = 1000;
  bool netns_local = false;    // cannot move between namespaces (loopback, bridge)
  bool oper_unknown = false;   // operstate UNKNOWN when up (drivers without linkwatch)
  std::string_view qdisc_up = "noqueue";
  uint32_t speed_mbps = 0;     // what ethtool would report (0: unknown); a bridge derives
                               // a port's default STP path cost from it
  // Receive counters as the kind's driver keeps them: which frames count as multicast (veth,
  // tun, dummy and loopback count none; VLAN devices and the bridge PACKET_MULTICAST only;
  // NICs every group-addressed frame, broadcast included), and whether rx bytes leave out the
  // Ethernet header (counted after eth_type_trans: VLAN, bridge).
  enum class RxMcast : uint8_t { kNone, kMulticast, kGroup };
  RxMcast rx_multicast = RxMcast::kNone;
  bool rx_bytes_without_l2 = false;
};

class Device : public PollTarget {
 public:
  Device(const KindInfo& info, NetContext* ctx);
  ~Device() override;
  Device(const Device&) = delete;
  Device& operator=(const Device&) = delete;

  const KindInfo& info() const { return info_; }
  std::string_view kind() const { return info_.kind; }

  // Identity.
  const std::string& name() const { return name_; }
  void set_name(std::string n);
  int ifindex() const { return ifindex_; }
  void set_ifindex(int i) { ifindex_ = i; }
  const MacAddr& mac() const { return mac_; }
  virtual void set_mac(const MacAddr& m);
  const MacAddr& broadcast() const { return brd_; }
  void set_broadcast(const MacAddr& m) { brd_ = m; notify(kChangeAddress); }
  const MacAddr& perm_mac() const { return perm_mac_; }
  NetContext* ctx() const { return ctx_; }
  void set_ctx(NetContext* c) { ctx_ = c; }

  // Admin flags (IFF_UP, NOARP, ...) as set by the user.
  uint32_t admin_flags() const { return flags_; }
  bool is_up() const { return flags_ & kIffUp; }
  // dev_open/dev_close; kinds hook on_open/on_close.
  void open();
  void close();
  void set_flag(uint32_t flag, bool on);
  // The flags rtnetlink reports (dev_get_flags): RUNNING/LOWER_UP derived, PROMISC/ALLMULTI
  // from the user's settings only.
  uint32_t visible_flags() const;

  // Carrier (netif_carrier_on/off) and RFC 2863 operstate.
  bool carrier() const { return carrier_; }
  void set_carrier(bool on);
  uint32_t carrier_changes() const { return carrier_changes_; }
  // The qdisc `ip link` names: noop until the device was first opened.
  std::string_view qdisc() const { return ever_up_ ? info_.qdisc_up : "noop"; }
  // Back to noop until the next open (dev_shutdown, as a move to another namespace does).
  void reset_qdisc() { ever_up_ = false; }
  void set_registered(bool r) { registered_ = r; }
  // Registered in its namespace (false before attach and while being unregistered).
  bool registered() const { return registered_; }
  OperState operstate() const;

  uint32_t mtu() const { return mtu_; }
  virtual void set_mtu(uint32_t m);
  uint32_t min_mtu() const { return info_.min_mtu; }
  uint32_t max_mtu() const { return info_.max_mtu; }

  // Promiscuity and allmulti are counters (users: `ip link set promisc on`, bridge ports).
  int promiscuity() const { return promiscuity_; }
  int allmulti() const { return allmulti_; }
  void set_promisc(bool on);     // the user's flag
  void set_allmulticast(bool on);
  void inc_promiscuity(int d);
  // The kernel's own allmulti users (a bridge port): no rtnetlink message, as Linux.
  void inc_allmulti(int d);

  std::string alias;
  uint32_t group = 0;
  // IPv6 address generation mode (IN6_ADDR_GEN_MODE_*: 0 eui64, 1 none, 2 stable_secret,
  // 3 random), `ip link set DEV addrgenmode MODE`; the host stack reads it for the
  // link-local address.
  uint8_t addr_gen_mode = 0;
  uint32_t txqlen = 1000;
  uint32_t num_tx_queues = 1, num_rx_queues = 1;

  // Relations.
  Device* master() const { return master_; }
  void set_master(Device* m);
  // IFLA_LINK: the device this one is linked to (veth peer, VLAN lower), or nullptr.
  virtual Device* link() const { return nullptr; }
  // The device this one is stacked on (a VLAN's lower): deleting it deletes this one too.
  virtual Device* lower() const { return nullptr; }
  // A VLAN-aware master (bridge): whether a member port of `vid` is up and running, for a
  // VLAN upper with bridge_binding; nullopt when this device has no such notion. A change of
  // the answer is announced to watchers as kChangeVlanPorts.
  virtual std::optional<bool> vlan_has_active_port(uint16_t vid) const {
    (void)vid;
    return std::nullopt;
  }
  // The kind's own refusal to open (a VLAN whose lower is down: ENETDOWN).
  virtual Status check_open() const { return {}; }
  // Whether enslaving other devices makes sense (bridge, bond, team).
  virtual bool is_master_kind() const { return false; }
  // Master kinds: take `port` as a slave (the request was validated by ctl; the kind may
  // still refuse with the kernel's errno/extack), and let it go.
  virtual Status add_slave(Device& port) {
    (void)port;
    return Error::errno_only(EOPNOTSUPP);
  }
  virtual void remove_slave(Device& port) { (void)port; }
  // The kind's options (table and values) for `-d` and JSON, when it has a table.
  virtual const OptionValues* kind_options() const { return nullptr; }

  // Receive path.
  // `first`: ahead of the handlers already there (VLAN demux runs before a master's).
  void add_rx_handler(RxHandler* h, bool first = false);
  const std::vector<RxHandler*>& rx_handlers() const { return rx_handlers_; }
  void remove_rx_handler(RxHandler* h);
  void add_tap(FrameTap* t);
  void remove_tap(FrameTap* t);
  void add_watcher(DeviceWatcher* w);
  void remove_watcher(DeviceWatcher* w);
  // Called by drivers: a frame arrived on this device.
  void rx(Frame&& f);
  void poll(Batch& batch) override;

  // Transmit path.
  void transmit(Frame&& f);
  void transmit(Batch& b);

  // The device's address lists (dev_uc_add / dev_mc_add): extra unicast addresses and the
  // multicast groups its users joined, with reference counts, in the order added. `bridge
  // fdb show` lists them as "self permanent" entries.
  struct HwAddr {
    MacAddr mac;
    int refs = 0;
  };
  const std::vector<HwAddr>& uc_list() const { return uc_; }
  const std::vector<HwAddr>& mc_list() const { return mc_; }
  void uc_add(const MacAddr& m) {
    list_add(uc_, m);
    on_set_rx_mode();
  }
  bool uc_del(const MacAddr& m) {
    bool r = list_del(uc_, m);
    if (r) on_set_rx_mode();
    return r;
  }
  void mc_add(const MacAddr& m) {
    list_add(mc_, m);
    on_set_rx_mode();
  }
  bool mc_del(const MacAddr& m) {
    bool r = list_del(mc_, m);
    if (r) on_set_rx_mode();
    return r;
  }

  LinkStats& stats() { return stats_; }
  const LinkStats& stats() const { return stats_; }
  void count_drop(DropReason r, bool rx);

  // Called by the namespace before the device is destroyed or moved.
  virtual void on_unregister() {}

 protected:
  // The kind's transmit of one frame (already counted in tx stats), and of a batch (by
  // default one frame at a time; kinds that can move a batch at once override it).
  virtual void xmit_frame(Frame&& f) = 0;
  virtual void xmit(Batch& b) {
    for (auto& f : b) xmit_frame(std::move(f));
  }
  virtual void on_open() {}
  virtual void on_close() {}
  // ndo_set_rx_mode / ndo_change_rx_flags: the address lists changed, or promiscuity or
  // allmulti went from 0 to 1 or back (`flag` kIffPromisc or kIffAllmulti, `on` its new
  // state). A master passes them on to its slaves.
  virtual void on_set_rx_mode() {}
  virtual void on_change_rx_flags(uint32_t flag, bool on) { (void)flag, (void)on; }
  // Tells the namespace (rtnetlink, the host stack), then the watchers (the notifier chain:
  // a bridge reacting to its port), as dev_change_flags and linkwatch do.
  void notify(uint32_t changes);
  // Tells only the watchers (changes rtnetlink has no message for: kChangeVlanPorts).
  void notify_watchers(uint32_t changes) {
    for (size_t i = 0; i < watchers_.size(); ++i) watchers_[i]->device_changed(*this, changes);
  }
  // Holds this device's notifications until the matching release, which sends what was held
  // as one (a bridge announces its new address after its port's messages, as br_add_if).
  void hold_notify() { ++hold_; }
  void release_notify();

 private:
  void receive_one(Frame&& f);
  static void list_add(std::vector<HwAddr>& l, const MacAddr& m);
  static bool list_del(std::vector<HwAddr>& l, const MacAddr& m);

  const KindInfo& info_;
  NetContext* ctx_;
  std::string name_;
  int ifindex_ = 0;
  MacAddr mac_, brd_ = MacAddr::broadcast(), perm_mac_;
  uint32_t flags_;
  uint32_t mtu_;
  bool carrier_ = true;
  bool ever_up_ = false;
  bool registered_ = false;
  uint32_t carrier_changes_ = 0;
  int hold_ = 0;
  uint32_t held_ = 0;
  int promiscuity_ = 0, allmulti_ = 0;
  Device* master_ = nullptr;
  std::vector<RxHandler*> rx_handlers_;
  std::vector<FrameTap*> taps_;
  std::vector<DeviceWatcher*> watchers_;
  std::vector<HwAddr> uc_, mc_;
  LinkStats stats_;
};

// A random locally administered unicast MAC (eth_random_addr), from a seeded source.
MacAddr random_mac(uint64_t random_bits);

}  // namespace uvn
