// teamd's runners other than lacp (runner_lacp.cc), from teamd.conf(5) and the behaviour of
// libteam 1.31's teamd_runner_{broadcast,roundrobin,random,activebackup,loadbalance}.c:
// * broadcast, roundrobin, random: the kernel mode of that name; a port is enabled while its
//   link (the watchers' verdict) is up.
// * activebackup: one port enabled, the active one (the kernel's activeport). The choice,
//   made whenever a port's link changes or a port goes: the current port stays while its link
//   is up and it is sticky or no up port has a higher prio; otherwise the first up port with
//   the highest prio. `state item set runner.active_port PORT` forces a port. hwaddr_policy:
//   same_all gives every port the team's address when it joins; by_active gives the team the
//   active port's address; only_active gives the team's address to the active port alone
//   (the others keep their own).
// * loadbalance: enabling as broadcast, every port takes the team's address; the kernel's
//   hash function built from tx_hash (teamd compiles it to BPF; uvn installs the same recipe
//   as a C++ function), and tx_balancer (TxBalancer in runners.h).
#include <fmt/format.h>

#include <algorithm>

#include "base/be.h"
#include "ctl/link.h"
#include "teamd/runners.h"
#include "teamd/teamd.h"

namespace uvn::teamd {

namespace {

class BasicRunner : public Runner {
 public:
  BasicRunner(Teamd& td, TeamMode m) : Runner(td), mode_(m) {}
  TeamMode mode() const override { return mode_; }
  void port_added(TeamdPort& p) override { td_.set_port_enabled(p, p.link_up); }
  void port_link_changed(TeamdPort& p) override { td_.set_port_enabled(p, p.link_up); }

 private:
  TeamMode mode_;
};

class ActiveBackupRunner : public Runner {
 public:
  using Runner::Runner;
  TeamMode mode() const override { return TeamMode::kActiveBackup; }

  void port_added(TeamdPort& p) override {
    td_.set_port_enabled(p, false);
    if (policy() == "same_all") set_mac(*p.dev, td_.team().mac());
    choose();
  }

  void port_removing(TeamdPort& p) override {
    if (active_ == &p) {
      td_.log(1, fmt::format("Clearing active port \"{}\".", p.name));
      active_ = nullptr;
    }
    gone_ = &p;
    choose();
    gone_ = nullptr;
  }

  void port_link_changed(TeamdPort&) override { choose(); }

  std::optional<Json> dump() const override {
    return Json{{"active_port", active_ ? active_->name : ""}};
  }

  std::optional<Status> item_set(const std::string& path, const std::string& value) override {
    if (path != "runner.active_port") return std::nullopt;
    TeamdPort* p = td_.port(value);
    if (!p) return Status(Error::with(ENODEV, "ItemValueSetFail"));
    change(p);
    return Status{};
  }

 private:
  const std::string& policy() const { return td_.config().hwaddr_policy; }

  void set_mac(Device& d, const MacAddr& m) { set_port_mac(td_, d, m); }

  void choose() {
    TeamdPort* best = nullptr;
    for (auto& p : td_.ports()) {
      if (p.get() == gone_ || !p->link_up) continue;
      if (!best || p->cfg.prio > best->cfg.prio) best = p.get();
    }
    if (active_ && active_->link_up) {
      if (active_->cfg.sticky || !best || best->cfg.prio <= active_->cfg.prio) return;
    }
    change(best);
  }

  void change(TeamdPort* p) {
    if (p == active_) return;
    TeamdPort* old = active_;
    active_ = p;
    if (old) {
      td_.set_port_enabled(*old, false);
      if (policy() == "only_active") {
        if (TeamPort* tp = td_.team().port_of(*old->dev)) set_mac(*old->dev, tp->orig_mac);
      }
    }
    if (!p) return;
    if (policy() == "only_active") set_mac(*p->dev, td_.team().mac());
    if (policy() == "by_active") {
      if (TeamPort* tp = td_.team().port_of(*p->dev)) set_mac(td_.team(), tp->orig_mac);
    }
    (void)td_.team().set_active_port(p->ifindex);
    td_.set_port_enabled(*p, true);
    td_.log(1, fmt::format("Changed active port to \"{}\".", p->name));
  }

  TeamdPort* active_ = nullptr;
  TeamdPort* gone_ = nullptr;
};

class LoadBalanceRunner : public Runner {
 public:
  explicit LoadBalanceRunner(Teamd& td) : Runner(td), balancer_(td) {}
  TeamMode mode() const override { return TeamMode::kLoadBalance; }

  void start() override {
    td_.team().set_lb_hash(make_tx_hash(td_.config().tx_hash));
    balancer_.start();
  }
  void stop() override { balancer_.stop(); }
  void port_added(TeamdPort& p) override {
    set_port_mac(td_, *p.dev, td_.team().mac());
    td_.set_port_enabled(p, p.link_up);
  }
  void port_link_changed(TeamdPort& p) override { td_.set_port_enabled(p, p.link_up); }
  void team_mac_changed() override { give_ports_team_mac(td_); }

 private:
  TxBalancer balancer_;
};

}  // namespace

TxBalancer::~TxBalancer() { stop(); }

void TxBalancer::start() {
  if (!td_.config().tx_balancer) return;
  td_.team().set_lb_stats_refresh_interval(uint32_t(td_.config().balancing_interval));
  td_.team().set_lb_tx_method(TeamLbTxMethod::kHashToPortMapping);
  schedule();
}

void TxBalancer::stop() {
  td_.engine().cancel(timer_);
  timer_ = 0;
}

void TxBalancer::schedule() {
  int tenths = std::max(1, td_.config().balancing_interval);
  timer_ = td_.engine().after(Nanos(tenths) * 100 * kMsec, [this] {
    timer_ = 0;
    rebalance();
    schedule();
  });
}

void TxBalancer::rebalance() {
  TeamDevice& t = td_.team();
  const auto& en = t.enabled_ports();
  if (en.empty()) return;
  std::vector<std::pair<uint64_t, int>> buckets;
  for (size_t b = 0; b < kTeamLbBuckets; ++b)
    if (uint64_t n = t.lb_hash_stats(uint8_t(b))) buckets.emplace_back(n, int(b));
  std::stable_sort(buckets.begin(), buckets.end(),
                   [](auto& a, auto& b) { return a.first > b.first; });
  std::vector<uint64_t> load(en.size(), 0);
  for (auto& [bytes, b] : buckets) {
    size_t best = size_t(std::min_element(load.begin(), load.end()) - load.begin());
    load[best] += bytes;
    (void)t.set_lb_mapping(uint8_t(b), en[best]->dev().ifindex());
  }
}

void set_port_mac(Teamd& td, Device& dev, const MacAddr& mac) {
  if (dev.mac() == mac) return;
  ctl::LinkSpec s;
  s.address = mac;
  (void)ctl::link_set(td.world(), td.ns(), dev, s);
}

void give_ports_team_mac(Teamd& td) {
  for (auto& p : td.ports()) set_port_mac(td, *p->dev, td.team().mac());
}

TeamMode runner_kernel_mode(const std::string& name) {
  if (name == "broadcast") return TeamMode::kBroadcast;
  if (name == "random") return TeamMode::kRandom;
  if (name == "activebackup") return TeamMode::kActiveBackup;
  if (name == "loadbalance" || name == "lacp") return TeamMode::kLoadBalance;
  return TeamMode::kRoundRobin;
}

std::unique_ptr<Runner> make_runner(Teamd& td, const std::string& name) {
  if (name == "activebackup") return std::make_unique<ActiveBackupRunner>(td);
  if (name == "loadbalance") return std::make_unique<LoadBalanceRunner>(td);
  if (name == "lacp") return make_lacp_runner(td);
  return std::make_unique<BasicRunner>(td, runner_kernel_mode(name));
}

// ---------------------------------------------------------------- tx_hash

TeamDevice::TxHash make_tx_hash(const std::vector<std::string>& frags) {
  unsigned m = 0;
  for (auto& f : frags) {
    if (f == "eth") m |= kHashEth;
    if (f == "vlan") m |= kHashVlan;
    if (f == "ipv4" || f == "ip" || f == "l3") m |= kHashIpv4;
    if (f == "ipv6" || f == "ip" || f == "l3") m |= kHashIpv6;
    if (f == "tcp" || f == "l4") m |= kHashTcp;
    if (f == "udp" || f == "l4") m |= kHashUdp;
    if (f == "sctp" || f == "l4") m |= kHashSctp;
  }
  return [m](const Frame& f) { return teamd_tx_hash(f.data(), f.size(), m); };
}

uint32_t teamd_tx_hash(const uint8_t* p, size_t len, unsigned m) {
  // teamd's BPF program loads fields and XORs them into one word; so does this.
  if (len < 14) return 0;
  uint32_t h = 0;
  if (m & kHashEth) h ^= load_be32(p) ^ load_be16(p + 4) ^ load_be32(p + 6) ^ load_be16(p + 10);
  uint16_t type = load_be16(p + 12);
  size_t off = 14;
  while ((type == 0x8100 || type == 0x88a8) && len >= off + 4) {
    if (m & kHashVlan) h ^= load_be16(p + off) & 0x0fff;
    type = load_be16(p + off + 2);
    off += 4;
  }
  uint8_t proto = 0;
  size_t l4 = 0;
  if (type == 0x0800 && len >= off + 20) {
    if (m & kHashIpv4) h ^= load_be32(p + off + 12) ^ load_be32(p + off + 16);
    proto = p[off + 9];
    bool fragment = load_be16(p + off + 6) & 0x3fff;
    if (!fragment) l4 = off + size_t(p[off] & 0x0f) * 4;
  } else if (type == 0x86dd && len >= off + 40) {
    if (m & kHashIpv6)
      for (size_t i = 8; i < 40; i += 4) h ^= load_be32(p + off + i);
    proto = p[off + 6];
    l4 = off + 40;
  }
  bool want = (proto == 6 && (m & kHashTcp)) || (proto == 17 && (m & kHashUdp)) ||
              (proto == 132 && (m & kHashSctp));
  if (want && l4 && len >= l4 + 4) h ^= load_be32(p + l4);
  return h;
}

}  // namespace uvn::teamd
