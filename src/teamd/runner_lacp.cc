// teamd's lacp runner (libteam 1.31 teamd_runner_lacp.c), on uvn's 802.1AX engine (proto/lacp,
// the same one the bond's 802.3ad mode uses). The team runs the kernel's loadbalance mode with
// the tx_hash recipe and tx_balancer (as the loadbalance runner); LACP decides which ports
// are enabled: a port carries traffic once its Mux machine distributes. Settings: active
// (LACP_Activity), fast_rate (the Timeout bit: ask the partner for an LACPDU every second),
// sys_prio, min_ports (the team's carrier is up while at least that many ports are enabled;
// teamd sets the carrier itself), agg_select_policy (lacp_prio, lacp_prio_stable, bandwidth,
// count, port_config: the aggregator of the port with the highest ports.P.prio); per port
// lacp_prio (the port priority sent) and lacp_key (the key: only equal keys aggregate).
// `state item set ports.P.runner.aggregator.selected true` makes P's aggregator win while P
// is up; false clears that.
//
// Port numbers are the ports' ifindexes, as teamd's; every port takes the team's address (as
// the LACP system id, which follows the team's address) and LACPDUs go out from it. LACP sees
// a port's own link, and once its watchers have been up, their verdict as well (see
// lacp_link); a distributing port carries traffic while its watchers say up. A ping watcher
// that went down gets its port back only if replies reach that port (as with teamd).
// Unlike the bond, a port whose partner never speaks LACP carries nothing (teamd enables only
// ports in sync with a partner). The state shows the aggregator id as teamd does: the
// ifindex of the aggregator's best port (the lowest lacp_prio, then the lowest ifindex).
#include <fmt/format.h>

#include <map>

#include "base/be.h"
#include "proto/lacp/lacp.h"
#include "teamd/runners.h"
#include "teamd/teamd.h"
#include "wire/ethernet.h"
#include "wire/lacp.h"

namespace uvn::teamd {

namespace {

struct LacpPort : RunnerPort {
  int port_no = 0;
  bool watch_was_up = false;  // the watchers have said up at least once
};

proto::LacpSelect select_of(const std::string& p) {
  if (p == "lacp_prio_stable") return proto::LacpSelect::kLacpPrioStable;
  if (p == "bandwidth") return proto::LacpSelect::kBandwidth;
  if (p == "count") return proto::LacpSelect::kCount;
  if (p == "port_config") return proto::LacpSelect::kPortConfig;
  return proto::LacpSelect::kLacpPrio;
}

Json lacpdu_info(const proto::LacpInfo& i) {
  Json j;
  j["system_priority"] = i.system_priority;
  j["system"] = i.system.format();
  j["key"] = i.key;
  j["port_priority"] = i.port_priority;
  j["port"] = i.port;
  j["state"] = i.state;
  return j;
}

class LacpRunner : public Runner, public proto::LacpSink {
 public:
  explicit LacpRunner(Teamd& td) : Runner(td), balancer_(td) {}
  ~LacpRunner() override { td_.engine().cancel(timer_); }
  TeamMode mode() const override { return TeamMode::kLoadBalance; }

  void start() override {
    td_.team().set_lb_hash(make_tx_hash(td_.config().tx_hash));
    lacp_ = std::make_unique<proto::Lacp>(*this, engine_config());
    set_carrier(false);
    balancer_.start();
  }

  void stop() override {
    td_.engine().cancel(timer_);
    timer_ = 0;
    balancer_.stop();
  }

  void port_added(TeamdPort& p) override {
    auto lp = std::make_unique<LacpPort>();
    lp->port_no = p.ifindex;
    int no = lp->port_no;
    p.runner = std::move(lp);
    td_.set_port_enabled(p, false);
    set_port_mac(td_, *p.dev, td_.team().mac());
    p.dev->mc_add(wire::kSlowProtocolsMac);  // lacp_port_added: LACPDUs reach the port
    lacp_->add_port(no, p.dev->mac(), port_config(p), td_.now());
    lacp_->set_port_enabled(no, lacp_link(p), td_.now());
    kick();
  }

  void port_removing(TeamdPort& p) override {
    int no = port_no(p);
    if (!no) return;
    if (cfg_forced_ == no) set_forced(0);
    lacp_->remove_port(no, td_.now());
    p.dev->mc_del(wire::kSlowProtocolsMac);
    p.runner.reset();
    kick();
    update_carrier(&p);
  }

  void port_link_changed(TeamdPort& p) override {
    if (int no = port_no(p)) {
      lacp_->set_port_enabled(no, lacp_link(p), td_.now());
      apply_enabled(p);
    }
    kick();
  }

  void team_mac_changed() override {
    lacp_->set_config(engine_config(), td_.now());
    give_ports_team_mac(td_);
    kick();
  }

  void port_receive(TeamdPort& p, const Frame& f) override {
    int no = port_no(p);
    if (!no || f.size() < 14 || load_be16(f.data() + 12) != wire::kEtherTypeSlow) return;
    lacp_->receive(no, f.data(), f.size(), td_.now());
    kick();
  }

  std::optional<Json> dump() const override {
    const Config& c = td_.config();
    return Json{{"active", c.active},
                {"fast_rate", c.fast_rate},
                {"sys_prio", c.sys_prio},
                {"select_policy", c.agg_select_policy}};
  }

  std::optional<Json> port_dump(const TeamdPort& p) const override {
    int no = port_no(p);
    auto st = no ? lacp_->port_status(no) : std::nullopt;
    if (!st) return std::nullopt;
    uint16_t active = lacp_->active_aggregator_id();
    std::string state = "disabled";
    switch (st->rx) {
      case proto::LacpRxState::kCurrent: state = "current"; break;
      case proto::LacpRxState::kExpired: state = "expired"; break;
      case proto::LacpRxState::kDefaulted: state = "defaulted"; break;
      default: break;
    }
    // Only a port with a current (or expiring) partner is in an aggregator and selected, as
    // teamd shows it; a disabled or defaulted one is in none.
    bool in = state == "current" || state == "expired";
    bool agg_selected = in && st->aggregator_id && st->aggregator_id == active;
    return Json{{"selected", in && st->selected},
                {"aggregator", Json{{"id", in ? aggregator_ifindex(st->aggregator_id) : 0},
                                    {"selected", agg_selected}}},
                {"state", state},
                {"key", p.cfg.lacp_key},
                {"prio", p.cfg.lacp_prio},
                {"actor_lacpdu_info", lacpdu_info(st->actor)},
                {"partner_lacpdu_info", lacpdu_info(st->partner)}};
  }

  std::optional<Status> item_set(const std::string& path, const std::string& value) override {
    // ports.NAME.runner.aggregator.selected (NAME possibly quoted).
    constexpr std::string_view kTail = ".runner.aggregator.selected";
    if (path.size() <= kTail.size() + 6 || path.rfind("ports.", 0) != 0 ||
        path.compare(path.size() - kTail.size(), kTail.size(), kTail) != 0)
      return std::nullopt;
    std::string name = path.substr(6, path.size() - 6 - kTail.size());
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
      name = name.substr(1, name.size() - 2);
    TeamdPort* p = td_.port(name);
    if (!p) return std::nullopt;
    std::string v = value;
    for (auto& ch : v) ch = char(std::tolower(static_cast<unsigned char>(ch)));
    if (v != "true" && v != "false") return Status(Error::with(EINVAL, "ItemValueSetFail"));
    // teamd 1.31 only selects; there is no unselecting.
    if (v == "false") return Status(Error::with(EOPNOTSUPP, "OpNotSupp"));
    set_forced(port_no(*p));
    return Status{};
  }

  // proto::LacpSink.
  void send_frame(int no, const uint8_t* frame, size_t len) override {
    TeamdPort* p = port_by_no(no);
    if (!p) return;
    Frame f = td_.engine().pool().alloc(len);
    std::copy(frame, frame + len, f.data());
    p->dev->transmit(std::move(f));
  }
  void port_datapath_changed(int no, bool, bool) override {
    if (TeamdPort* p = port_by_no(no)) apply_enabled(*p);
  }
  void port_aggregator_changed(int, uint16_t) override {}
  void active_aggregator_changed(uint16_t) override {}
  void carrier_changed(bool) override { update_carrier(nullptr); }

 private:
  proto::LacpConfig engine_config() const {
    const Config& c = td_.config();
    proto::LacpConfig e;
    e.system_priority = uint16_t(c.sys_prio);
    e.system = td_.team().mac();
    e.select = select_of(c.agg_select_policy);
    e.min_links = uint32_t(c.min_ports);
    e.partnerless_datapath = false;
    e.forced_port = cfg_forced_;
    return e;
  }

  proto::LacpPortConfig port_config(const TeamdPort& p) const {
    const Config& c = td_.config();
    proto::LacpPortConfig pc;
    pc.key = uint16_t(p.cfg.lacp_key);
    pc.port_priority = uint16_t(p.cfg.lacp_prio);
    pc.active = c.active;
    pc.rate = c.fast_rate ? proto::LacpRate::kFast : proto::LacpRate::kSlow;
    pc.speed_mbps = p.dev->info().speed_mbps;
    pc.select_prio = p.cfg.prio;
    return pc;
  }

  void set_forced(int no) {
    cfg_forced_ = no;
    lacp_->set_config(engine_config(), td_.now());
    kick();
  }

  // LACP sees the port's own link (the device up with carrier) until its watchers have come
  // up once; from then on their verdict too, so that a path they find dead leaves the
  // aggregate on both sides. (Their verdict alone would never let a ping watcher come up:
  // its replies need the aggregate first.) Traffic needs both.
  static bool lacp_link(TeamdPort& p) {
    auto* lp = dynamic_cast<LacpPort*>(p.runner.get());
    if (lp && p.link_up) lp->watch_was_up = true;
    bool dev_link = p.dev->is_up() && p.dev->carrier();
    return dev_link && (p.link_up || !lp || !lp->watch_was_up);
  }

  void apply_enabled(TeamdPort& p) {
    int no = port_no(p);
    td_.set_port_enabled(p, no && p.link_up && lacp_->port_distributing(no));
    update_carrier(nullptr);
  }

  static int port_no(const TeamdPort& p) {
    auto* lp = dynamic_cast<const LacpPort*>(p.runner.get());
    return lp ? lp->port_no : 0;
  }

  TeamdPort* port_by_no(int no) const {
    for (auto& p : td_.ports())
      if (port_no(*p) == no) return p.get();
    return nullptr;
  }

  int aggregator_ifindex(uint16_t id) const {
    if (!id) return 0;
    // The aggregator's lead port by the policy's port order: port_config the highest prio,
    // the others the best (lowest) lacp_prio; then the lowest ifindex.
    const bool by_prio = td_.config().agg_select_policy == "port_config";
    auto key = [&](const TeamdPort& p) {
      return std::make_pair(by_prio ? -p.cfg.prio : p.cfg.lacp_prio, p.ifindex);
    };
    const TeamdPort* best = nullptr;
    for (auto& p : td_.ports()) {
      int no = port_no(*p);
      if (!no || lacp_->port_aggregator_id(no) != id) continue;
      if (!best || key(*p) < key(*best)) best = p.get();
    }
    return best ? best->ifindex : 0;
  }

  // lacp_update_carrier: up while min_ports ports are enabled.
  void update_carrier(const TeamdPort* leaving) {
    int n = 0;
    for (auto& p : td_.ports())
      if (p.get() != leaving && td_.port_enabled(*p)) ++n;
    set_carrier(n >= td_.config().min_ports);
  }

  void set_carrier(bool up) {
    TeamDevice& t = td_.team();
    if (t.user_carrier_enabled() && t.carrier() == up) return;
    t.change_carrier(up);
    td_.log(1, fmt::format("carrier changed to {}", up ? "UP" : "DOWN"));
  }

  void kick() {
    Engine& eng = td_.engine();
    lacp_->tick(eng.now());
    Nanos next = lacp_->next_deadline();
    if (next == timer_at_ && timer_) return;
    eng.cancel(timer_);
    timer_ = 0;
    timer_at_ = next;
    if (next == kForever) return;
    timer_ = eng.at(next, [this] {
      timer_ = 0;
      timer_at_ = kForever;
      kick();
    });
  }

  std::unique_ptr<proto::Lacp> lacp_;
  TxBalancer balancer_;
  int cfg_forced_ = 0;
  TimerId timer_ = 0;
  Nanos timer_at_ = kForever;
};

}  // namespace

std::unique_ptr<Runner> make_lacp_runner(Teamd& td) { return std::make_unique<LacpRunner>(td); }

}  // namespace uvn::teamd
