#include "teamd/teamd.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "ctl/link.h"

namespace uvn::teamd {

namespace {

std::string process_name(std::string_view dev) { return fmt::format("teamd/{}", dev); }

// What teamd's packet sockets on a port see: every frame the port receives.
class PortTap : public FrameTap {
 public:
  PortTap(Teamd& td, TeamdPort& p) : td_(td), p_(p) {}
  void tap(const Device&, const Frame& f, bool outgoing) override {
    if (outgoing) return;
    for (auto& w : p_.watches) w->receive(f);
    td_.runner().port_receive(p_, f);
  }

 private:
  Teamd& td_;
  TeamdPort& p_;
};

}  // namespace

Teamd* find_teamd(World& w, std::string_view dev) {
  return dynamic_cast<Teamd*>(w.find_process(process_name(dev)));
}

void LinkWatch::set_up(bool up) {
  if (up == up_) return;
  up_ = up;
  if (!up) ++down_count_;
  td_.log(1, fmt::format("{}: {}-link went {}.", port_.name, cfg_.name, up ? "up" : "down"));
  td_.watch_changed(port_);
}

Teamd::Teamd(World& w, Netns& ns, Config cfg, const TeamdOptions& opts, std::string* log)
    : world_(w), ns_(ns), cfg_(std::move(cfg)), opts_(opts), log_(log) {}

Teamd::~Teamd() {
  // The world is ending (or the daemon already quit): whoever owned the log may be gone.
  log_ = nullptr;
  quit();
}

void Teamd::log(int level, const std::string& line) {
  if (!log_ || level > opts_.debug) return;
  *log_ += line + "\n";
}

Result<Teamd*> Teamd::start(World& w, Netns& ns, Config cfg, const TeamdOptions& opts,
                            std::string* log) {
  std::string name = !opts.device.empty() ? opts.device : cfg.device;
  std::string msgs;
  if (name.empty()) {
    // teamd_get_devname: the first free teamN.
    if (opts.debug) msgs += "Failed to get team device name from config.\n";
    for (int i = 0;; ++i) {
      name = fmt::format("team{}", i);
      if (!ns.find(name) && !find_teamd(w, name)) break;
    }
    if (opts.debug) msgs += fmt::format("Generated team device name \"{}\".\n", name);
  }
  if (!ctl::valid_ifname(name))
    return Error::with(EINVAL, msgs + "Failed to create team device.\nteamd_init() failed.\n"
                                      "Failed: Invalid argument");
  cfg.device = name;
  cfg.raw["device"] = name;
  if (opts.debug) {
    msgs += fmt::format("Using team device \"{}\".\n", name);
    msgs += fmt::format("Using PID file \"{}\"\n", opts.pid_file.empty()
                                                        ? fmt::format("/var/run/teamd/{}.pid", name)
                                                        : opts.pid_file);
  }
  if (auto* running = find_teamd(w, name))
    return Error::with(EBUSY, msgs + fmt::format("Daemon already running on PID {}.",
                                                 running->pid()));
  std::unique_ptr<Teamd> td(new Teamd(w, ns, std::move(cfg), opts, log));
  td->devname_ = name;
  if (td->opts_.pid_file.empty()) td->opts_.pid_file = fmt::format("/var/run/teamd/{}.pid", name);
  std::string err;
  if (auto st = td->init(err); !st) {
    td->quit();
    return Error::with(st.error().code, msgs + err);
  }
  if (log) *log += msgs;
  Teamd* raw = td.get();
  raw->pid_ = w.alloc_pid();
  w.add_process(process_name(name), std::move(td));
  return raw;
}

Status Teamd::init(std::string& err) {
  auto fail = [&](int code, std::string_view what) {
    err = fmt::format("{}\nteamd_init() failed.\nFailed: {}", what, std::strerror(code));
    return Error::errno_only(code);
  };
  Device* existing = ns_.find(devname_);
  if (existing && opts_.recreate) {
    if (auto st = ctl::link_del(world_, ns_, *existing); !st)
      return fail(st.error().code, "Failed to create team device.");
    existing = nullptr;
  }
  if (existing) {
    if (!opts_.take_over || !dynamic_cast<TeamDevice*>(existing))
      return fail(EEXIST, "Failed to create team device.");
  } else {
    ctl::LinkAddRequest req;
    req.kind = "team";
    req.link.name = devname_;
    if (auto st = ctl::link_add(world_, ns_, req); !st)
      return fail(st.error().code, "Failed to create team device.");
  }
  team_ = dynamic_cast<TeamDevice*>(ns_.find(devname_));
  if (!team_) return fail(ENODEV, "Failed to create team device.");
  // Take-over adopts the ports the team already has; a new mode needs none.
  TeamMode mode = runner_kernel_mode(cfg_.runner);
  if (team_->mode() != mode) {
    if (auto st = team_->set_mode(mode); !st) return fail(st.error().code, "Failed to init runner.");
  }
  if (cfg_.hwaddr) {
    ctl::LinkSpec s;
    s.address = *cfg_.hwaddr;
    if (auto st = ctl::link_set(world_, ns_, *team_, s); !st)
      return fail(st.error().code, "Hardware address set failed.");
  }
  team_->notify_peers_count = uint32_t(cfg_.notify_peers_count);
  team_->notify_peers_interval = uint32_t(cfg_.notify_peers_interval);
  team_->mcast_rejoin_count = uint32_t(cfg_.mcast_rejoin_count);
  team_->mcast_rejoin_interval = uint32_t(cfg_.mcast_rejoin_interval);
  runner_ = make_runner(*this, cfg_.runner);
  runner_->start();
  events_sub_ = world_.events().subscribe([this](const Event& e) { on_event(e); });
  for (auto& p : team_->ports()) adopt_port(p->dev());
  if (!opts_.no_ports) {
    for (auto& [name, pc] : cfg_.ports) {
      if (port(name)) continue;
      if (!ns_.find(name)) {
        log(1, fmt::format("{}: Skipped adding a missing port.", name));
        continue;
      }
      if (auto st = port_add(name); !st) {
        err = fmt::format("{}: Failed to add port ({}).\nFailed to add ports.\nteamd_init() failed.\n"
                          "Failed: Invalid argument",
                          name, st.error().message);
        return Error::errno_only(EINVAL);
      }
    }
  }
  return {};
}

void Teamd::quit() {
  if (quit_) return;
  quit_ = true;
  if (events_sub_) world_.events().unsubscribe(events_sub_);
  events_sub_ = 0;
  engine().cancel(sync_timer_);
  bool team_alive = team_ && ns_.find(devname_) == team_;
  while (!ports_.empty()) {
    TeamdPort& p = *ports_.back();
    Device* dev = p.dev;
    drop_port(p);
    if (team_alive && dev->master() == team_) {
      ctl::LinkSpec s;
      s.master = "";
      (void)ctl::link_set(world_, ns_, *dev, s);
    }
  }
  if (runner_) runner_->stop();
  if (team_alive && !opts_.no_quit_destroy) (void)ctl::link_del(world_, ns_, *team_);
  team_ = nullptr;
}

TeamdPort* Teamd::port(std::string_view name) const {
  for (auto& p : ports_)
    if (p->name == name) return p.get();
  return nullptr;
}

TeamdPort* Teamd::port_of(const Device& d) const {
  for (auto& p : ports_)
    if (p->dev == &d) return p.get();
  return nullptr;
}

PortConfig Teamd::port_config(const std::string& name) {
  auto it = cfg_.ports.find(name);
  return it == cfg_.ports.end() ? PortConfig{} : it->second;
}

Status Teamd::port_add(const std::string& ifname) {
  Device* dev = ns_.find(ifname);
  if (!dev) return Error::with(ENODEV, "NoSuchDev");
  if (dev->master() == team_) return Error::with(EBUSY, "PortAddFail");
  ctl::LinkSpec s;
  s.master = devname_;
  if (auto st = ctl::link_set(world_, ns_, *dev, s); !st)
    return Error::with(st.error().code, "PortAddFail");
  sync_ports();
  return {};
}

Status Teamd::port_remove(const std::string& ifname) {
  Device* dev = ns_.find(ifname);
  if (!dev) return Error::with(ENODEV, "NoSuchDev");
  if (dev->master() != team_) return Error::with(ENOENT, "PortRemoveFail");
  ctl::LinkSpec s;
  s.master = "";
  if (auto st = ctl::link_set(world_, ns_, *dev, s); !st)
    return Error::with(st.error().code, "PortRemoveFail");
  sync_ports();
  return {};
}

void Teamd::adopt_port(Device& dev) {
  auto owned = std::make_unique<TeamdPort>();
  TeamdPort& p = *owned;
  p.name = dev.name();
  p.dev = &dev;
  p.ifindex = dev.ifindex();
  p.cfg = port_config(p.name);
  ports_.push_back(std::move(owned));
  log(1, fmt::format("{}: Adding port (found ifindex \"{}\").", p.name, p.ifindex));
  // Watchers: the port's own, then the global ones; the implicit ethtool when neither.
  std::vector<WatchConfig> ws = p.cfg.link_watch;
  ws.insert(ws.end(), cfg_.link_watch.begin(), cfg_.link_watch.end());
  if (ws.empty()) {
    WatchConfig e;
    e.name = "ethtool";
    ws.push_back(e);
    cfg_.raw["ports"][p.name]["link_watch"]["name"] = "ethtool";
  }
  // adopt_port runs for the team's own ports only (sync_ports, init).
  TeamPort& tp = *team_->port_of(dev);
  apply_port_options(p);
  // teamd_hwaddr_check_change: with no hwaddr configured, the first port's address becomes
  // the team's.
  if (ports_.size() == 1 && !cfg_.hwaddr && team_->mac() != tp.orig_mac) {
    ctl::LinkSpec s;
    s.address = tp.orig_mac;
    (void)ctl::link_set(world_, ns_, *team_, s);
    runner_->team_mac_changed();
  }
  for (size_t i = 0; i < ws.size(); ++i)
    p.watches.push_back(make_link_watch(*this, p, ws[i], int(i)));
  p.tap = std::make_unique<PortTap>(*this, p);
  dev.add_tap(p.tap.get());
  team_->set_user_linkup_enabled(tp, true);
  runner_->port_added(p);
  for (auto& w : p.watches) w->start();
  watch_changed(p);
}

void Teamd::apply_port_options(TeamdPort& p) {
  TeamPort* tp = team_->port_of(*p.dev);
  if (!tp) return;
  tp->priority = p.cfg.prio;
  if (p.cfg.queue_id) (void)team_->set_queue_id(*tp, *p.cfg.queue_id);
}

void Teamd::drop_port(TeamdPort& p) {
  log(1, fmt::format("{}: Removing port (found ifindex \"{}\").", p.name, p.ifindex));
  runner_->port_removing(p);
  p.watches.clear();
  if (p.tap) p.dev->remove_tap(p.tap.get());
  p.tap.reset();
  auto it = std::find_if(ports_.begin(), ports_.end(), [&](auto& q) { return q.get() == &p; });
  ports_.erase(it);
}

void Teamd::sync_ports() {
  if (quit_ || !team_) return;
  for (size_t i = ports_.size(); i-- > 0;) {
    TeamdPort& p = *ports_[i];
    if (!team_->port_of(*p.dev)) drop_port(p);
  }
  for (auto& tp : team_->ports())
    if (!port_of(tp->dev())) adopt_port(tp->dev());
}

void Teamd::on_event(const Event& e) {
  if (quit_ || e.ns != &ns_ || !e.dev) return;
  if (e.type == EventType::kDelLink) {
    if (e.dev == team_) {
      // The team went away under us: teamd quits.
      log(0, fmt::format("Team device \"{}\" removed, quitting.", devname_));
      // The device still exists while its deletion is announced: the ports leave teamd as
      // they leave the team (the runner undoes what it did to them).
      while (!ports_.empty()) drop_port(*ports_.back());
      team_ = nullptr;
      quit();
      world_.end_process(process_name(devname_));
      return;
    }
    if (TeamdPort* p = port_of(*e.dev)) drop_port(*p);
    return;
  }
  if (e.type != EventType::kNewLink) return;
  if (TeamdPort* p = port_of(*e.dev)) {
    for (auto& w : p->watches) w->refresh();
  }
  // Ports joining or leaving by other hands (ip link set ... master/nomaster).
  if (!sync_timer_)
    sync_timer_ = engine().after(0, [this] {
      sync_timer_ = 0;
      sync_ports();
    });
}

void Teamd::watch_changed(TeamdPort& p) {
  bool up;
  if (p.watches.empty()) {
    up = true;
  } else if (cfg_.link_watch_all) {
    up = std::all_of(p.watches.begin(), p.watches.end(), [](auto& w) { return w->up(); });
  } else {
    up = std::any_of(p.watches.begin(), p.watches.end(), [](auto& w) { return w->up(); });
  }
  if (TeamPort* tp = team_ ? team_->port_of(*p.dev) : nullptr)
    if (tp->user_linkup != up) team_->set_user_linkup(*tp, up);
  if (up == p.link_up) return;
  p.link_up = up;
  runner_->port_link_changed(p);
}

void Teamd::set_port_enabled(TeamdPort& p, bool on) {
  TeamPort* tp = team_ ? team_->port_of(*p.dev) : nullptr;
  if (!tp || tp->enabled() == on) return;
  team_->set_port_enabled(*tp, on);
  for (auto& w : p.watches) w->refresh();
}

bool Teamd::port_enabled(const TeamdPort& p) const {
  TeamPort* tp = team_ ? team_->port_of(*p.dev) : nullptr;
  return tp && tp->enabled();
}

bool Teamd::any_port_enabled() const {
  return std::any_of(ports_.begin(), ports_.end(), [this](auto& p) { return port_enabled(*p); });
}

}  // namespace uvn::teamd
