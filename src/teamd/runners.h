// Pieces the runners share: the lacp runner's factory (runner_lacp.cc) and the transmit hash
// that loadbalance and lacp install in the kernel team (teamd's tx_hash recipe).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "dev/team/team.h"
#include "engine/engine.h"

namespace uvn::teamd {

class Teamd;
class Runner;

std::unique_ptr<Runner> make_lacp_runner(Teamd& td);
// Sets a device's address through ctl (teamd's team_hwaddr_set), if it differs.
void set_port_mac(Teamd& td, Device& dev, const MacAddr& mac);
// Every port of the team takes the team's address (loadbalance and lacp).
void give_ports_team_mac(Teamd& td);

// tx_balancer "basic" (loadbalance and lacp): every balancing_interval tenths of a second
// the buckets that carried traffic in the last interval (the kernel's lb_hash_stats) are
// handed out again, the busiest first, each to the enabled port with the least load so far,
// and the kernel transmits by that hash-to-port mapping. Nothing without tx_balancer.
class TxBalancer {
 public:
  explicit TxBalancer(Teamd& td) : td_(td) {}
  ~TxBalancer();
  TxBalancer(const TxBalancer&) = delete;
  TxBalancer& operator=(const TxBalancer&) = delete;
  void start();
  void stop();

 private:
  void schedule();
  void rebalance();
  Teamd& td_;
  TimerId timer_ = 0;
};

enum : unsigned {
  kHashEth = 1,
  kHashVlan = 2,
  kHashIpv4 = 4,
  kHashIpv6 = 8,
  kHashTcp = 16,
  kHashUdp = 32,
  kHashSctp = 64,
};
// The XOR of the fields `mask` names (MAC addresses, VLAN ids, IPv4/IPv6 addresses, the
// first four bytes of TCP/UDP/SCTP: both ports, unfragmented packets only).
uint32_t teamd_tx_hash(const uint8_t* frame, size_t len, unsigned mask);
// The recipe from tx_hash fragment names ("ip" and "l3" are ipv4+ipv6, "l4" tcp+udp+sctp).
TeamDevice::TxHash make_tx_hash(const std::vector<std::string>& frags);

}  // namespace uvn::teamd
