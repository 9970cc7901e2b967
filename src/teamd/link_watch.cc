// teamd's link watchers (teamd_lw_ethtool.c, teamd_lw_arp_ping.c, teamd_lw_nsna_ping.c,
// teamd_lw_psr.c in libteam 1.31), written from teamd.conf(5) and observed behaviour:
// * ethtool: the port device's link (up with carrier), a change taking effect after
//   delay_up / delay_down ms (a change back within the delay cancels it).
// * arp_ping / nsna_ping (the periodic send-and-receive pair): after init_wait ms, then every
//   interval ms: a reply seen since the last period makes the link up and clears `missed`;
//   none adds one to `missed`, and more than missed_max takes the link down; then a probe is
//   sent: nsna_ping always, arp_ping on a port that is enabled, or always with send_always,
//   or on every port while no port of the team is enabled. A probe is an ARP request from source_host (tagged with
//   vlanid if set) for target_host, or a neighbour solicitation for target_host from the
//   port's EUI-64 link-local address. A reply is an ARP reply (an NA for the target); with
//   validate_active (on an enabled port) or validate_inactive (on a disabled one) it must
//   come from target_host and be addressed to source_host.
// * tipc: uvn has no TIPC; the watcher exists (its state shows) and stays down.
// A watcher starts down and counts each up -> down change (down_count).
#include <fmt/format.h>

#include "teamd/teamd.h"
#include "wire/arp.h"
#include "wire/ethernet.h"
#include "wire/icmpv6.h"
#include "wire/ip_proto.h"
#include "wire/ipv6.h"
#include "wire/vlan.h"
#include "world/stack/host_stack.h"

namespace uvn::teamd {

namespace {


class EthtoolWatch : public LinkWatch {
 public:
  using LinkWatch::LinkWatch;
  ~EthtoolWatch() override { td_.engine().cancel(timer_); }

  void start() override { refresh(); }

  void refresh() override {
    bool link = port_.dev->is_up() && port_.dev->carrier();
    if (link == target_) return;
    target_ = link;
    td_.engine().cancel(timer_);
    timer_ = 0;
    int delay = link ? cfg_.delay_up : cfg_.delay_down;
    if (link == up_) return;  // back within the delay
    if (delay <= 0) {
      set_up(link);
      return;
    }
    timer_ = td_.engine().after(Nanos(delay) * kMsec, [this] {
      timer_ = 0;
      set_up(target_);
    });
  }

  void dump(Json& j) const override {
    j["delay_up"] = cfg_.delay_up;
    j["delay_down"] = cfg_.delay_down;
  }

 private:
  bool target_ = false;
  TimerId timer_ = 0;
};

// The periodic send-and-receive watchers.
class PingWatch : public LinkWatch {
 public:
  using LinkWatch::LinkWatch;
  ~PingWatch() override { td_.engine().cancel(timer_); }

  void start() override {
    timer_ = td_.engine().after(Nanos(cfg_.init_wait) * kMsec, [this] { periodic(); });
  }

  void receive(const Frame& f) override {
    if (is_reply(f)) reply_received_ = true;
  }

  void dump(Json& j) const override {
    j["target_host"] = cfg_.target_host_text;
    j["interval"] = cfg_.interval;
    j["init_wait"] = cfg_.init_wait;
    j["missed_max"] = cfg_.missed_max;
    j["missed"] = missed_;
  }

 protected:
  virtual bool is_reply(const Frame& f) const = 0;
  virtual void send() = 0;
  // Validation applies to this port now.
  bool validating() const {
    return td_.port_enabled(port_) ? cfg_.validate_active : cfg_.validate_inactive;
  }
  virtual bool may_send() const {
    return cfg_.send_always || td_.port_enabled(port_) || !td_.any_port_enabled();
  }
  // The frame's payload after at most one tag; `vid` is -1 when untagged.
  static const uint8_t* l3(const Frame& f, uint16_t& type, size_t& len, int& vid) {
    auto tags = wire::parse_vlan_tags(f.data(), f.size());
    if (!tags || tags->count > 1) return nullptr;
    type = tags->ethertype;
    vid = tags->count ? int(tags->tag[0].vid()) : -1;
    len = f.size() - tags->l3_offset;
    return f.data() + tags->l3_offset;
  }

  int missed_ = 0;

 private:
  void periodic() {
    timer_ = 0;
    bool link = up_;
    if (reply_received_) {
      link = true;
      missed_ = 0;
    } else {
      ++missed_;
      if (missed_ > cfg_.missed_max) link = false;
    }
    reply_received_ = false;
    if (link != up_) set_up(link);
    if (may_send()) send();
    timer_ = td_.engine().after(Nanos(std::max(cfg_.interval, 1)) * kMsec, [this] { periodic(); });
  }

  bool reply_received_ = false;
  TimerId timer_ = 0;
};

class ArpPingWatch : public PingWatch {
 public:
  using PingWatch::PingWatch;

  void dump(Json& j) const override {
    PingWatch::dump(j);
    j["source_host"] = cfg_.source_host.format();
    j["validate_active"] = cfg_.validate_active;
    j["validate_inactive"] = cfg_.validate_inactive;
    j["send_always"] = cfg_.send_always;
    if (cfg_.vlanid) j["vlanid"] = *cfg_.vlanid;
  }

 private:
  bool is_reply(const Frame& f) const override {
    uint16_t type;
    size_t len;
    int vid;
    const uint8_t* p = l3(f, type, len, vid);
    if (!p || type != wire::kEtherTypeArp) return false;
    if (cfg_.vlanid ? vid != int(*cfg_.vlanid) : vid >= 0) return false;
    auto v = wire::ArpView::parse(p, len);
    if (!v) return false;
    auto arp = wire::ArpRepr::parse(*v);
    if (!arp || arp->op != wire::ArpOp::kReply) return false;
    if (!validating()) return true;
    return arp->sender_ip == cfg_.target_host.v4() && arp->target_ip == cfg_.source_host;
  }

  void send() override {
    const MacAddr mac = port_.dev->mac();
    Frame f = td_.ns().stack().build_arp(1, cfg_.source_host, mac, cfg_.target_host.v4(),
                                         MacAddr::zero(), MacAddr::broadcast(), mac);
    if (cfg_.vlanid) {
      if (!wire::vlan_push(f.data(), f.size(), f.headroom(),
                           wire::VlanTag{wire::kEtherTypeVlan, *cfg_.vlanid}))
        return;
      f.push(wire::kVlanTagLen);
    }
    port_.dev->transmit(std::move(f));
  }
};

class NsnaPingWatch : public PingWatch {
 public:
  using PingWatch::PingWatch;

 private:
  // teamd's nsna_ping probes on every port, enabled or not.
  bool may_send() const override { return true; }

  bool is_reply(const Frame& f) const override {
    uint16_t type;
    size_t len;
    int vid;
    const uint8_t* p = l3(f, type, len, vid);
    if (!p || type != wire::kEtherTypeIpv6 || vid >= 0) return false;
    auto v = wire::Ipv6View::parse(p, len);
    if (!v) return false;
    auto ip = wire::Ipv6Repr::parse(*v);
    if (!ip || ip->next_header != wire::kIpProtoIcmpv6) return false;
    auto iv = wire::Icmpv6View::parse(v->payload(), v->payload_len());
    if (!iv) return false;
    auto msg = wire::Icmpv6Repr::parse(*iv, *ip);
    if (!msg) return false;
    auto* na = std::get_if<wire::NdpNeighborAdvert>(&msg->msg);
    return na && na->target == cfg_.target_host.v6();
  }

  void send() override {
    const MacAddr mac = port_.dev->mac();
    Ipv6Addr t = cfg_.target_host.v6();
    Frame f = td_.ns().stack().build_nd(true, Ipv6Addr::link_local_eui64(mac.b.data()), t, t.solicited_node(),
                                        MacAddr::broadcast(), false, mac);
    port_.dev->transmit(std::move(f));
  }
};

class TipcWatch : public LinkWatch {
 public:
  using LinkWatch::LinkWatch;
  void start() override {}
  void dump(Json& j) const override { j["tipc_bearer"] = cfg_.tipc_bearer; }
};

}  // namespace

std::unique_ptr<LinkWatch> make_link_watch(Teamd& td, TeamdPort& port, const WatchConfig& cfg,
                                           int id) {
  if (cfg.name == "arp_ping") return std::make_unique<ArpPingWatch>(td, port, cfg, id);
  if (cfg.name == "nsna_ping") return std::make_unique<NsnaPingWatch>(td, port, cfg, id);
  if (cfg.name == "tipc") return std::make_unique<TipcWatch>(td, port, cfg, id);
  return std::make_unique<EthtoolWatch>(td, port, cfg, id);
}

}  // namespace uvn::teamd
