// bridge: an IEEE 802.1D learning bridge as Linux's net/bridge implements it.
//
// A BridgeDevice is the master (br0); each enslaved device gets a BridgePort, which registers
// itself as the device's rx handler (br_handle_frame). Frames from ports are learned, looked
// up in the Fdb and forwarded, flooded, or delivered up to br0's host stack; frames the host
// stack sends on br0 are forwarded the same way (br_dev_xmit). Spanning tree comes from the
// proto/ engines (stp_state); with STP off a port forwards whenever its device is up with
// carrier, as Linux.
//
// Files: bridge.cc (device, ports joining and leaving, MAC and carrier rules, options),
// input.cc (receive path), forward.cc (forwarding, flooding, egress rules), fdb.cc,
// fdb_user.cc (user FDB changes), bridge_vlan.cc (VLAN filtering: membership, ingress and
// egress rules, default PVID, per-VLAN local FDB entries; tables in vlan_table.h),
// multicast.cc (IGMP/MLD snooping: classification, the engine of proto/mcast/, snooped
// forwarding, the engine's queries).
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "dev/bridge/bridge_options.h"
#include "dev/bridge/fdb.h"
#include "dev/core/device.h"
#include "dev/bridge/spanning_tree.h"
#include "dev/bridge/vlan_table.h"
#include "proto/mcast/mcast.h"
#include "wire/mcast.h"

namespace uvn {

extern const KindInfo kBridgeInfo;
class BridgeDevice;

class BridgePort : public RxHandler, public DeviceWatcher {
 public:
  BridgePort(BridgeDevice& br, Device& dev, uint16_t port_no);
  ~BridgePort() override;

  BridgeDevice& bridge() { return br_; }
  Device& dev() { return dev_; }
  const Device& dev() const { return dev_; }
  uint16_t port_no() const { return port_no_; }
  uint8_t state() const { return state_; }
  void set_state(uint8_t s);
  bool forwarding() const { return state_ == kBrStateForwarding; }
  bool learning_state() const { return br_state_learns(state_); }
  uint64_t opt(BridgePortOpt o) const { return opts_.get(o); }
  void set_opt(BridgePortOpt o, uint64_t v);
  OptionValues& options() { return opts_; }
  BridgePort* backup_port = nullptr;
  bool cost_set_by_user = false;
  BrVlanTable vlans;  // the port's VLANs (bridge_vlan.cc)
  // For rtnetlink (bridge monitor): what the port last saw of its device (to tell its
  // NETDEV_UP/DOWN/CHANGE events from other changes), whether br_stp_enable_port ran, and
  // how many AF_BRIDGE link messages were sent for it.
  bool seen_up = false, seen_carrier = false;
  bool enabled = false;
  uint64_t notified = 0;

  RxResult handle_frame(Device& dev, Frame& f, Device*& another) override;
  void device_changed(Device& dev, uint32_t changes) override;

  // Frames the port dropped, by reason (the STP counters of `ip link xstats` are the
  // spanning-tree engine's: SpanningTree::port_counters).
  struct Counters {
    uint64_t drops_state = 0, drops_locked = 0, drops_linklocal = 0;
  } counters;
  proto::McastStats mcast_stats;  // IGMP/MLD counters (mcast_stats_enabled)

 private:
  BridgeDevice& br_;
  Device& dev_;
  uint16_t port_no_;
  uint8_t state_ = kBrStateDisabled;
  OptionValues opts_;
};

class BridgeDevice : public Device, private proto::StpSink, private proto::McastSink {
 public:
  explicit BridgeDevice(NetContext* ctx);
  ~BridgeDevice() override;

  bool is_master_kind() const override { return true; }
  Status add_slave(Device& dev) override;
  void remove_slave(Device& dev) override;
  void on_unregister() override;
  void set_mac(const MacAddr& m) override;
  // `ip link set br0 address`: from then on the MAC no longer follows the ports.
  void set_mac_by_user(const MacAddr& m);

  const OptionValues* kind_options() const override;
  uint64_t opt(BridgeOpt o) const { return opts_.get(o); }
  // Sets an option with its side effects (ageing, STP, MAC rules). Validated by ctl.
  void set_opt(BridgeOpt o, uint64_t v);
  OptionValues& options() { return opts_; }

  const std::vector<std::unique_ptr<BridgePort>>& ports() const { return ports_; }
  BridgePort* port_of(const Device& d) const;
  BridgePort* port_by_no(uint16_t no) const;
  Fdb& fdb() { return fdb_; }
  const Fdb& fdb() const { return fdb_; }
  uint64_t bridge_id() const;

  // Recomputes port states, the bridge carrier and local FDB entries after a change.
  void update_port(BridgePort& p);
  void recalc_carrier();
  void recalc_mac();

  // Data path (input.cc, forward.cc). `vid` is the frame's VLAN as classified on ingress
  // (0 without VLAN filtering); with filtering the frame carries the bridge's tag exactly
  // when it arrived tagged, and egress adds or removes it per port.
  RxResult input(BridgePort& in, Frame& f, Device*& another);
  // Sends a frame whose FDB entry points to `out`, if the egress rules allow it.
  void forward(BridgePort* in, BridgePort& out, Frame&& f, bool local_orig, uint16_t vid);
  void flood(BridgePort* in, Frame& f, bool local_orig, bool also_keep, uint16_t vid);
  // Learning (fdb_update); false when the frame must be dropped (locked port).
  bool locked_admit(BridgePort& p, const MacAddr& src, uint16_t vid);
  void learn(BridgePort& p, const MacAddr& src, uint16_t vid);
  void learn_new(BridgePort& p, const MacAddr& src, uint16_t vid, uint16_t flags);
  Nanos ageing() const;  // current ageing time (short during a topology change)
  bool expired(const FdbEntry& e, Nanos now) const;
  void fdb_flush_port(BridgePort* p, bool only_dynamic);
  void port_mac_changed(BridgePort& p);

  // User changes to the FDB (RTM_NEWNEIGH with NTF_MASTER; fdb_user.cc). `port` nullptr
  // means the bridge device itself.
  struct FdbAdd {
    enum State { kPermanent, kStatic, kDynamic } state = kPermanent;
    bool sticky = false;
    std::optional<uint8_t> notify;  // activity_notify bits: 1 notify, 2 inactive
    bool refresh = true;            // false: norefresh keeps `updated`
  };
  Status fdb_add(BridgePort* port, const MacAddr& mac, uint16_t vid, const FdbAdd& a,
                 bool create, bool excl);
  void fdb_external_learn_add(BridgePort* port, const MacAddr& mac, uint16_t vid);
  void fdb_use(BridgePort& port, const MacAddr& mac, uint16_t vid);
  void schedule_gc();

  // VLAN filtering (bridge_vlan.cc). `p` nullptr means the bridge device itself (`self`).
  bool vlan_filtering() const { return opts_.get(kBrVlanFiltering) != 0; }
  uint16_t vlan_tpid() const { return opts_.get(kBrVlanProtocol) ? 0x88a8 : 0x8100; }
  const BrVlanTable& vlans(const BridgePort* p) const { return p ? p->vlans : vlans_; }
  BrVlanTable& vlan_table(BridgePort* p) { return p ? p->vlans : vlans_; }  // per-VLAN options
  // `bridge vlan add`: adds the VID or replaces its flags (pvid moves here; without pvid a
  // VID that was the PVID stops being it; untagged or tagged as given).
  Status vlan_add(BridgePort* p, uint16_t vid, bool pvid, bool untagged);
  // `bridge vlan del`: false when the VID was not there.
  bool vlan_del(BridgePort* p, uint16_t vid);
  // Per-VLAN options (`bridge vlan set`); the VID must exist (ENOENT otherwise). The value
  // rules are the check_* functions, which ctl also runs over a whole range first.
  Status vlan_set_state(BridgePort* p, uint16_t vid, uint8_t state);
  Status vlan_set_mcast_router(BridgePort* p, uint16_t vid, uint8_t v);
  Status check_vlan_state(uint8_t state) const;
  static Status check_vlan_mcast_router(const BridgePort* p, uint8_t v);
  // The counters shown for a VID of `p` (shared bridge-wide ones unless vlan_stats_per_port).
  BrVlanStats vlan_stats(const BridgePort* p, uint16_t vid) const;
  // Whether a port that is a member of `vid` is up and running (bridge_binding uppers).
  std::optional<bool> vlan_has_active_port(uint16_t vid) const override;
  // VLAN classification of a frame entering from `p` (nullptr: sent by br0): the VID, or
  // nullopt when it must be dropped. Priority tags get the PVID written in; `apply` false
  // only looks (link-local learning).
  std::optional<uint16_t> vlan_ingress(BridgePort* p, Frame& f, bool apply);
  // Egress to `p` (nullptr: up to br0): whether `vid` may leave there; retags the frame.
  bool vlan_egress(BridgePort* p, Frame& f, uint16_t vid);
  // The VIDs on which the local entries of `p`'s (or br0's) address live: 0, and each VLAN
  // of it unless fdb_local_vlan_0.
  std::vector<uint16_t> local_vids(const BridgePort* p) const;
  // The FDB entry for a received frame's destination: exact (MAC, VID), or with
  // fdb_local_vlan_0 the bridge's local entry on VID 0 (br_handle_frame_finish).
  FdbEntry* fdb_lookup(const MacAddr& dst, uint16_t vid) {
    FdbEntry* e = fdb_.find(dst, vid);
    if (!e && vid && opt(kBrFdbLocalVlan0)) [[unlikely]]
      e = fdb_lookup_local_vlan_0(dst);
    return e;
  }

  // Multicast snooping (multicast.cc). The engine holds the MDB, router ports and querier;
  // the bridge keeps it in step with its options, ports and VLANs.
  proto::McastEngine& mcast() { return mcast_; }
  const proto::McastEngine& mcast() const { return mcast_; }
  const proto::McastStats& mcast_stats() const { return mcast_stats_; }
  void mcast_sync_config();  // the bridge's mcast_* options
  void mcast_vlan_sync();    // every VLAN context (`bridge vlan global set`, vlan snooping)
  void mcast_vlan_ctx_sync(uint16_t vid);                  // the bridge's VLAN `vid`
  void mcast_port_vlan_sync(BridgePort& p, uint16_t vid);  // a port's VLAN `vid`
  void mcast_port_sync(BridgePort& p);  // a port's mcast_* options
  void mcast_kick();         // runs the engine's due timers and arms the next
  Nanos mcast_now() const { return now(); }

  bool in_topology_change = false;
  SpanningTree& stp() { return stp_; }
  const SpanningTree& stp() const { return stp_; }
  // A port option that the spanning tree uses changed.
  void port_opt_changed(BridgePort& p, BridgePortOpt o);
  // Runs STP's due timers and arms the engine timer for the next one.
  void stp_kick();
  // Announces the port (RTM_NEWLINK, or RTM_DELLINK when it leaves; family AF_BRIDGE), as
  // br_ifinfo_notify.
  void notify_port(BridgePort& p, bool added = true);

 protected:
  void xmit_frame(Frame&& f) override;
  void on_open() override;
  void on_close() override;

 private:
  // One flooded copy out of `out`, tagged for its VLAN entry `v` (nullptr without filtering);
  // an IGMP/MLD frame being forwarded is counted on `out` unless count_mcast is false.
  void send_copy(BridgePort& out, Frame&& f, const BrVlan* v, bool count_mcast = true);
  // multicast.cc: what snooping made of a received (or br0-sent) multicast frame.
  struct McastRx {
    bool drop = false;           // malformed IGMP/MLD or IP header, or a join over a limit
    bool igmp = false;           // a valid IGMP/MLD message (never looked up in the MDB)
    bool mrouters_only = false;  // routers only once a querier exists
    proto::McastFamily family = proto::McastFamily::kL2;
    proto::McastAddr group, src;  // IP destination and source, or the L2 group
    wire::McastMessage msg;       // when igmp
  };
  McastRx mcast_rcv(BridgePort* in, const Frame& f, uint16_t vid);
  // Sends a multicast frame on; true when a copy must also go up to br0.
  bool mcast_forward(BridgePort* in, Frame& f, uint16_t vid, const McastRx& rx, bool local_orig);
  void mcast_flood_snooped(BridgePort* in, Frame& f, uint16_t vid, const proto::MdbEntry* mdst,
                           const McastRx& rx, bool local_orig);
  bool mcast_deliverable(const BridgePort* from, BridgePort& out, uint16_t vid, const BrVlan*& v);
  void mcast_count_tx(BridgePort& out);
  void mcast_port_state(BridgePort& p);
  void mcast_join_snoopers(bool join);
  // proto::McastSink
  std::optional<IpAddr> send_query(const proto::McastQuery& q) override;
  void mdb_notify(const proto::MdbEntry& e, const proto::PortGroup* pg, bool added) override;
  void router_notify(int port, uint16_t vid, bool added) override;
  void snooping_disabled() override;
  // Tags or untags a frame leaving on `p` (nullptr: up to br0) in VLAN entry `v`, which
  // admits it, and counts it; false when the tag could not be changed (drop).
  bool vlan_retag(BridgePort* p, Frame& f, const BrVlan& v);
  // Delivery up to br0's stack (after the VLAN egress rules for br0).
  RxResult up(Frame& f, uint16_t vid, Device*& another);
  void add_local_entry(BridgePort* p, const MacAddr& m, uint16_t vid = 0);
  void add_local_entries(BridgePort* p, const MacAddr& m);  // on every local_vids(p)
  // Removes the local entry of `m` on `vid` owned by `p`, handing it to another owner of the
  // address that has the VID (fdb_delete_local).
  void delete_local_entry(BridgePort* p, const MacAddr& m, uint16_t vid);
  // The same, only for an entry the bridge made itself (br_fdb_find_delete_local).
  void find_delete_local(BridgePort* p, const MacAddr& m, uint16_t vid);
  void vlan_init_port(BridgePort& p);
  void vlan_flush_port(BridgePort& p);
  FdbEntry* fdb_lookup_local_vlan_0(const MacAddr& dst);
  // Per-VLAN rx counters for a frame admitted on `vid` (vlan_stats_enabled).
  void count_vlan_rx(BridgePort* p, const Frame& f, uint16_t vid);
  void vlan_default_pvid_changed(uint16_t old_pvid, uint16_t pvid);
  void vlan_local_vlan_0_changed();
  void recalc_group_addr();
  MacAddr group_mac() const;
  // The VLAN entry whose counters count for `vid` on `p`: the port's own with
  // vlan_stats_per_port, else the bridge-wide one.
  const BrVlan* stats_entry(const BridgePort* p, uint16_t vid) const;
  BrVlanStats* stats_for(BridgePort* p, uint16_t vid);
  void gc();
  Nanos now() const { return ctx() ? ctx()->engine().now() : 0; }
  void stp_sync_bridge_id();
  // proto::StpSink
  void send_bpdu(int port_no, const uint8_t* bpdu, size_t len) override;
  void port_state_changed(int port_no, proto::StpPortState s) override;
  void topology_change(bool active) override;
  void flush_port(int port_no) override;

  SpanningTree stp_{*this};
  proto::McastEngine mcast_{*this};
  proto::McastStats mcast_stats_;
  TimerId mcast_timer_ = 0;
  Nanos mcast_timer_at_ = kForever;
  const wire::McastMessage* mcast_tx_msg_ = nullptr;  // the IGMP/MLD frame being forwarded
  bool snoopers_joined_ = false;
  uint32_t tc_forward_delay_cs_ = 1500;  // operational forward delay when the TC began
  TimerId stp_timer_ = 0;
  Nanos stp_timer_at_ = kForever;

  std::vector<std::unique_ptr<BridgePort>> ports_;
  Fdb fdb_;
  mutable OptionValues opts_;
  BrVlanTable vlans_;  // the bridge's own VLANs and the context of its ports' ones
  bool group_addr_set_ = false;         // group_address given by the user
  uint16_t group_fwd_required_ = 0;     // link-local groups an 802.1ad bridge must forward
  bool mac_set_by_user_ = false;
  MacAddr id_mac_;  // MAC part of the bridge id
  TimerId gc_timer_ = 0;
  Nanos gc_at_ = 0;
  bool deleting_ = false;  // being deleted: ports leave without address recalculation
};

}  // namespace uvn
