// HostStack: a namespace's own IP endpoint, enough to test every device: addresses
// (`ip addr`), routes (`ip route`), neighbours (ARP, IPv6 ND; `ip neigh`), ICMP/ICMPv6 echo
// replies, and sockets for the simulated tools (ping, arping, UDP streams).
//
// It receives what no device claims (Netns::deliver_to_stack) and sends through the route
// table and the neighbour table. The pieces live in one file each: addr.cc, route.cc,
// neigh.cc, ipv4.cc, ipv6.cc (with ICMP, ND and UDP demux).
//
// Multicast: group membership per device with IGMPv1/v2/v3 and MLDv1/v2 as a Linux host runs
// them (mcast.cc): reports on join, leaves, answers to queries, the older-version compatibility
// modes; multicast datagrams reach the stack only for groups joined on the receiving device.
//
// Deliberate simplifications (documented in docs/architecture.md): no IP forwarding between
// devices (a namespace is a host, not a router), no fragmentation, no TCP.
#pragma once

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "base/result.h"
#include "base/rng.h"
#include "dev/core/device.h"
#include "world/stack/types.h"

namespace uvn {

class Netns;

// A received ICMP/ICMPv6 message for a ping socket, or an error about one it sent.
struct IcmpEvent {
  IpAddr from;
  uint8_t type = 0, code = 0;
  uint16_t id = 0, seq = 0;
  uint8_t ttl = 0;               // hop limit of the reply
  size_t payload_len = 0;        // ICMP payload bytes (after the 8-byte header)
  const uint8_t* payload = nullptr;
  bool is_error = false;         // destination unreachable etc. about our own echo
};

struct UdpDatagram {
  IpAddr src, dst;
  uint16_t sport = 0, dport = 0;
  const uint8_t* data = nullptr;
  size_t len = 0;
};

// What the stack reports back to a sender.
enum class SendError { kOk, kNoRoute, kNetDown, kNoAddress, kTooBig };

struct StackCounters {
  uint64_t ip_in = 0, ip_out = 0, icmp_in = 0, icmp_out = 0, udp_in = 0, udp_out = 0;
  uint64_t udp_no_port = 0, arp_in = 0, arp_out = 0, nd_in = 0, nd_out = 0, dropped = 0;
  // IGMP and MLD messages sent and taken (valid ones addressed to us), and multicast datagrams
  // dropped because the receiving device has not joined their group.
  uint64_t igmp_out = 0, igmp_in = 0, mld_out = 0, mld_in = 0, mc_not_joined = 0;
};

// One multicast group of a device, as `ip maddr` lists it.
struct McMembership {
  IpAddr group;
  int users = 0;
};

struct McIface;
struct McHost;

class HostStack {
 public:
  using IcmpHandler = std::function<void(const IcmpEvent&)>;
  using UdpHandler = std::function<void(const UdpDatagram&)>;

  explicit HostStack(Netns& ns);
  ~HostStack();

  Netns& ns() { return ns_; }

  // --- addresses (addr.cc)
  const std::vector<IfAddr>& addrs() const { return addrs_; }
  Status addr_add(IfAddr a, bool replace = false);
  Status addr_del(int ifindex, const IpPrefix& p, bool match_len);
  // The address `src` would use to reach `dst` out of `ifindex`.
  std::optional<IpAddr> pick_source(const IpAddr& dst, int ifindex) const;
  bool is_local(const IpAddr& a, int ifindex = 0) const;
  const IfAddr* find_addr(const IpAddr& a) const;
  bool has_addr(int ifindex, const IpAddr& a) const;

  // --- routes (route.cc)
  const std::vector<Route>& routes() const { return routes_; }
  Status route_add(Route r, bool replace, bool excl);
  Status route_del(const Route& match);
  // Longest-prefix match in the main table (local addresses are answered by is_local).
  const Route* route_lookup(const IpAddr& dst, int oif = 0) const;

  // --- neighbours (neigh.cc)
  const std::map<std::pair<int, std::string>, Neighbour>& neighbours() const { return neigh_; }
  Status neigh_add(const Neighbour& n, bool replace, bool excl);
  Status neigh_del(int ifindex, const IpAddr& a);
  size_t neigh_flush(int ifindex, uint16_t state_mask);

  // --- sending (ipv4.cc / ipv6.cc)
  // Sends an IP datagram: routes it, resolves the next hop, builds the frame.
  SendError send_ip(const IpAddr& dst, uint8_t proto, const uint8_t* l4, size_t l4_len,
                    std::optional<IpAddr> src = std::nullopt, int oif = 0, uint8_t ttl = 64,
                    uint32_t priority = 0);
  // ICMP echo request (ping); the payload is the bytes after the 8-byte ICMP header.
  SendError send_echo(const IpAddr& dst, uint16_t id, uint16_t seq, const uint8_t* payload,
                      size_t len, int oif = 0, uint8_t ttl = 64, uint32_t priority = 0);
  SendError send_udp(const IpAddr& dst, uint16_t sport, uint16_t dport, const uint8_t* data,
                     size_t len, int oif = 0, uint32_t priority = 0);
  // ARP request for `target` out of `dev` (arping); gratuitous when target is our own.
  void send_arp(Device& dev, uint16_t op, const Ipv4Addr& sender_ip, const MacAddr& sender_mac,
                const Ipv4Addr& target_ip, const MacAddr& target_mac, const MacAddr& eth_dst);

  // The frames of send_arp and of a neighbour solicitation/advertisement, unsent, with
  // `eth_src` (ARP) or `lladdr` (ND: Ethernet source and link-layer option) as given.
  Frame build_arp(uint16_t op, const Ipv4Addr& sip, const MacAddr& sha, const Ipv4Addr& tip,
                  const MacAddr& tha, const MacAddr& eth_dst, const MacAddr& eth_src);
  Frame build_nd(bool solicit, const Ipv6Addr& src, const Ipv6Addr& target, const Ipv6Addr& dst,
                 const MacAddr& eth_dst, bool solicited_flag, const MacAddr& lladdr);

  // A bond's ARP or NS monitor probe for `target` (bond_arp_send_all / bond_ns_send_all): an
  // ARP request (or an NS to the target's solicited-node group) from `slave_mac`, with the
  // source address the route to the target gives, tagged for each VLAN device between that
  // route's device and the bond. No route: sent untagged from 0.0.0.0 (::). nullopt when the
  // route leaves through a device that is not the bond or stacked on it.
  std::optional<Frame> build_bond_probe(Device& bond, const IpAddr& target,
                                        const MacAddr& slave_mac);
  // Whether `a` is an address of `dev` or of a VLAN device stacked on it (bond_has_this_ip).
  bool has_addr_on_or_above(const Device& dev, const IpAddr& a) const;

  // NETDEV_NOTIFY_PEERS on `dev`: a gratuitous ARP request (broadcast, sender = target = the
  // address, target MAC zero) for each IPv4 address of the device, and an unsolicited
  // Neighbour Advertisement to ff02::1 (override set) for each IPv6 address past DAD.
  void notify_peers(Device& dev);

  // --- multicast membership (mcast.cc)
  // Joins `group` on `ifindex` (a socket's IP_ADD_MEMBERSHIP / IPV6_JOIN_GROUP): reference
  // counted; the first join puts the group's MAC on the device and reports the group (IGMPv3 /
  // MLDv2 change records, or v1/v2 reports in compatibility mode). EINVAL when `group` is not
  // multicast, ENODEV without the device.
  Status mc_join(int ifindex, const IpAddr& group);
  // Drops one reference; the last leaves the group (an IGMPv2 leave / MLDv1 done if we sent the
  // last report, or TO_IN({}) records). EADDRNOTAVAIL when not joined.
  Status mc_leave(int ifindex, const IpAddr& group);
  bool mc_is_member(int ifindex, const IpAddr& group) const;
  // The groups of a device, IPv4 then IPv6, each newest first (/proc/net/igmp and igmp6 order).
  std::vector<McMembership> mc_groups(int ifindex) const;
  // The protocol version a device speaks now: IGMP 3 unless an IGMPv2 (2) or v1 (1) querier was
  // heard within the Older Version Querier Present Timeout; MLD 2 unless an MLDv1 querier (1).
  int igmp_version(int ifindex) const;
  int mld_version(int ifindex) const;
  // `ip maddr add|del LLADDR dev DEV` (SIOCADDMULTI, SIOCDELMULTI): a static entry on the
  // device's multicast list; adding twice is not an error, deleting a missing one is ENOENT.
  Status mc_static_add(int ifindex, const MacAddr& m);
  Status mc_static_del(int ifindex, const MacAddr& m);
  bool mc_is_static(int ifindex, const MacAddr& m) const;

  // --- sockets
  int open_icmp(IcmpHandler h);  // returns the echo identifier to use
  void close_icmp(int id);
  using ArpHandler = std::function<void(Device&, uint16_t op, const Ipv4Addr& sip,
                                        const MacAddr& sha, const Ipv4Addr& tip)>;
  int open_arp(ArpHandler h);
  void close_arp(int h);
  bool bind_udp(uint16_t port, UdpHandler h);
  void unbind_udp(uint16_t port);

  // --- device events (from Netns)
  void on_device_change(Device& dev, uint32_t changes);
  void on_device_gone(Device& dev);
  void on_device_added(Device& dev);
  void receive(Device& dev, Frame&& f);

  const StackCounters& counters() const { return counters_; }

  // net.ipv6.conf.{all,default}.disable_ipv6 of the namespace (`sysctl -w`): on, the devices
  // lose their IPv6 addresses, get no link-local address and drop IPv6 frames.
  bool ipv6_disabled() const { return ipv6_disabled_; }
  void set_ipv6_disabled(bool on);

 private:
  friend class StackTest;
  friend struct McHost;  // mcast.cc
  // addr.cc
  void addr_publish(const IfAddr& a, bool added);
  void add_link_local(Device& dev);
  void start_dad(IfAddr& a);
  void dad_done(int ifindex, Ipv6Addr addr, bool failed);
  void insert_addr(IfAddr a);
  void on_up(Device& dev);
  void on_down(Device& dev);
  void add_prefix_routes(const IfAddr& a);
  void del_prefix_routes(const IfAddr& a);
  // neigh.cc
  Neighbour* neigh_lookup(int ifindex, const IpAddr& a);
  Neighbour& neigh_create(int ifindex, const IpAddr& a);
  void neigh_update(Device& dev, const IpAddr& a, const MacAddr& mac, bool solicited,
                    bool override_);
  void neigh_output(Device& dev, const IpAddr& nexthop, Frame&& f);
  void neigh_solicit(Device& dev, Neighbour& n);
  void neigh_timer(int ifindex, std::string key);
  void neigh_publish(const Neighbour& n, bool added);
  // ipv4.cc / ipv6.cc
  void receive_arp(Device& dev, Frame& f);
  void receive_ipv4(Device& dev, Frame& f);
  void receive_ipv6(Device& dev, Frame& f);
  void send_nd(Device& dev, bool solicit, const Ipv6Addr& target, const Ipv6Addr& dst,
               const MacAddr& eth_dst, bool solicited_flag);
  void emit_frame(Device& dev, const MacAddr& dst, uint16_t ethertype, Frame&& payload_frame);
  // mcast.cc: device events and IGMP/MLD input
  void mc_device_added(Device& dev);
  void mc_device_gone(Device& dev);
  void mc_up(Device& dev);
  void mc_down(Device& dev);
  void mc_carrier_on(Device& dev);
  void mc_dad_complete(Device& dev);
  void mc_cancel_all();
  // The namespace's autojoin socket (IFA_F_MCAUTOJOIN): joining a group it holds is EADDRINUSE.
  Status autojoin(int ifindex, const IpAddr& group, bool join);
  void receive_igmp(Device& dev, Frame& f, const uint8_t* ip, size_t len);
  void receive_mld(Device& dev, Frame& f, const uint8_t* ip, size_t len);
  // send.cc: a copy of a multicast UDP datagram for our own socket (IP_MULTICAST_LOOP).
  void loop_multicast_udp(const IpAddr& src, const IpAddr& dst, const uint8_t* l4, size_t len);
  void deliver_icmp(const IcmpEvent& ev);
  // A queued frame could not be sent (neighbour FAILED): tell its local sender, as
  // ipv4_link_failure / ndisc's address-unreachable error does.
  void link_failure(Frame& f);
  Frame build_ip(const IpAddr& src, const IpAddr& dst, uint8_t proto, const uint8_t* l4,
                 size_t l4_len, uint8_t ttl, bool l4_is_icmpv6);

  Netns& ns_;
  std::set<int> up_;  // devices the stack has seen come up (and configured)
  std::vector<IfAddr> addrs_;
  uint64_t addr_seq_ = 0;
  std::vector<Route> routes_;
  std::map<std::pair<int, std::string>, Neighbour> neigh_;
  std::map<int, IcmpHandler> icmp_socks_;
  int next_icmp_id_ = 1;
  std::map<int, ArpHandler> arp_socks_;
  int next_arp_ = 1;
  std::map<uint16_t, UdpHandler> udp_socks_;
  std::map<int, std::array<uint8_t, 8>> random_iid_;  // addrgenmode random, per ifindex
  bool ipv6_disabled_ = false;
  StackCounters counters_;
  uint16_t ip_id_ = 1;
  std::map<int, std::unique_ptr<McIface>> mc_;  // multicast state per ifindex (mcast.cc)
  // The report delays' random source: drawn from the world's seeded one when first needed
  // without advancing it, so that the MAC addresses the world hands out stay the same.
  std::optional<Rng> mc_rng_;
  // Expires with the stack: timers that cannot be cancelled one by one (DAD) check it.
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace uvn
