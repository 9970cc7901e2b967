#include "live/daemon.h"

#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/ip.h"
#include "live/kernel_l3.h"
#include "sys/control_socket.h"
#include "sys/process.h"
#include "world/netns.h"

namespace uvn::live {

namespace {

// iproute2's global options that take a value.
bool takes_value(const std::string& o) {
  static const char* kWithValue[] = {"-n", "-netns", "-b", "-batch", "-f", "-family",
                                     "-rc", "-rcvbuf", "-l", "-loops"};
  return std::any_of(std::begin(kWithValue), std::end(kWithValue),
                     [&](const char* k) { return o == k; });
}

bool prefix_of(const std::string& w, std::string_view full, size_t min_len) {
  return w.size() >= min_len && w.size() <= full.size() && full.substr(0, w.size()) == w;
}

const std::vector<std::string> kUvnTools{"ip", "bridge", "teamd", "teamdctl", "teamnl",
                                         "bond2team"};

}  // namespace

Daemon::Daemon(Clock clock, Log& log, DaemonOptions opts)
    : clock_(std::move(clock)), log_(log), opts_(std::move(opts)) {
  runner_ = std::make_unique<sim::Runner>(sim::RunOptions{});
  epfd_ = epoll_create1(EPOLL_CLOEXEC);
  exposer_ = std::make_unique<Exposer>(runner_->world(), *this, log_);
  adopter_ = std::make_unique<Adopter>(runner_->world(), *this, log_, opts_.packet);
  teamd_sockets_ = std::make_unique<TeamdSockets>(runner_->world(), *this);
  advance();
}

Daemon::~Daemon() {
  shutdown();
  if (epfd_ >= 0) close(epfd_);
}

void Daemon::shutdown() {
  if (!runner_) return;
  std::string out, err;
  if (opts_.keep) exposer_->keep_all();
  // uvn's namespaces first (their taps close), then their kernel twins.
  for (auto it = kernel_netns_.rbegin(); it != kernel_netns_.rend(); ++it) {
    if (Netns* ns = world().find_netns(*it)) {
      exposer_->forget_netns(*ns);
      world().del_netns(*ns);
    }
    if (!opts_.keep) (void)sys::run_program({sys::system_ip(), "netns", "del", *it}, out, err);
  }
  kernel_netns_.clear();
  teamd_sockets_.reset();
  adopter_.reset();
  exposer_.reset();
  runner_.reset();
}

void Daemon::watch(int fd, std::function<void()> readable) {
  fds_[fd] = std::move(readable);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = fd;
  epoll_ctl(epfd_, EPOLL_CTL_ADD, fd, &ev);
}

void Daemon::unwatch(int fd) {
  epoll_ctl(epfd_, EPOLL_CTL_DEL, fd, nullptr);
  fds_.erase(fd);
}

void Daemon::advance() {
  Nanos now = clock_();
  Engine& e = world().engine();
  if (now > e.now()) e.advance_to(now);
  e.settle();
}

int Daemon::run_system(const std::vector<std::string>& argv, std::string& out,
                       std::string& err) {
  kernel_touched_ = true;  // the kernel's addresses or routes may have changed
  return sys::run_program(argv, out, err);
}

int Daemon::ip_command(const std::vector<std::string>& argv, std::string& out,
                       std::string& err) {
  size_t i = 1;
  while (i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-') i += takes_value(argv[i]) ? 2 : 1;
  std::string obj = i < argv.size() ? argv[i] : "";
  bool uvn_link = prefix_of(obj, "link", 1) || prefix_of(obj, "tuntap", 4) ||
                  prefix_of(obj, "monitor", 2) || obj == "help" || obj.empty();
  std::vector<std::string> sys_argv = argv;
  sys_argv[0] = sys::system_ip();
  if (prefix_of(obj, "netns", 3)) {
    std::string sub = i + 1 < argv.size() ? argv[i + 1] : "";
    std::string name = i + 2 < argv.size() ? argv[i + 2] : "";
    if (prefix_of(sub, "add", 1) && !name.empty()) {
      // At start, a namespace kept by an earlier `uvnd --keep` is taken over as it is.
      bool kept = restoring_ && access(("/run/netns/" + name).c_str(), F_OK) == 0;
      int rc = kept ? 0 : run_system(sys_argv, out, err);
      if (rc) return rc;
      rc = runner_->run_in(world().init_ns(), argv, out, err);
      if (rc) {
        std::string o, e;
        (void)run_system({sys::system_ip(), "netns", "del", name}, o, e);
        return rc;
      }
      kernel_netns_.push_back(name);
      if (Netns* ns = world().find_netns(name)) exposer_->adopt_netns(*ns);
      return 0;
    }
    if ((prefix_of(sub, "delete", 1)) && !name.empty()) {
      if (Netns* ns = world().find_netns(name)) exposer_->forget_netns(*ns);
      int rc = runner_->run_in(world().init_ns(), argv, out, err);
      std::string o, e;
      (void)run_system(sys_argv, o, e);
      std::erase(kernel_netns_, name);
      return rc;
    }
    std::string tool = i + 3 < argv.size() ? argv[i + 3] : "";
    if (prefix_of(sub, "exec", 1) &&
        std::find(kUvnTools.begin(), kUvnTools.end(), tool) != kUvnTools.end())
      return runner_->run_in(world().init_ns(), argv, out, err);
    return run_system(sys_argv, out, err);
  }
  if (!uvn_link) return run_system(sys_argv, out, err);
  return runner_->run_in(world().init_ns(), argv, out, err);
}

int Daemon::command(const std::vector<std::string>& argv_in, std::string& out,
                    std::string& err) {
  std::vector<std::string> argv = argv_in;
  if (!argv.empty() && argv[0] == "uvn") argv.erase(argv.begin());
  if (argv.empty()) return 0;
  advance();
  int rc;
  if (argv[0] == "dump-config") {
    rc = runner_->run_in(world().init_ns(), argv, out, err);
    if (!rc) out += kernel_l3();
  } else if (argv[0] == "ip") {
    rc = ip_command(argv, out, err);
  } else if (std::find(kUvnTools.begin(), kUvnTools.end(), argv[0]) != kUvnTools.end()) {
    rc = runner_->run_in(world().init_ns(), argv, out, err);
  } else {
    err += fmt::format(
        "uvnd: \"{}\" is a simulator tool; in live mode run the real program (for example "
        "`ip netns exec NS {} ...`)\n",
        argv[0], argv[0]);
    rc = 1;
  }
  advance();
  teamd_sockets_->sync();
  if (!rc) save();
  return rc;
}

std::string Daemon::world_dump() {
  std::string out, err;
  (void)runner_->run_in(world().init_ns(), {"dump-config"}, out, err);
  return out;
}

std::string Daemon::kernel_l3() {
  std::string out;
  for (const std::string& name : kernel_netns_) {
    Netns* ns = world().find_netns(name);
    if (!ns) continue;
    std::set<std::string> devs;
    for (auto& [i, d] : ns->devices()) devs.insert(d->name());
    for (const std::string& line : kernel_l3_commands(name, devs)) out += line + "\n";
  }
  return out;
}

std::string Daemon::dump() { return world_dump() + kernel_l3(); }

void Daemon::save() {
  if (opts_.state_file.empty() || restoring_) return;
  // The kernel's side is asked again (three `ip` runs per namespace) only when something may
  // have changed it: a system `ip` command, or a change in uvn's world (a TAP made anew loses
  // its addresses). A read-only command costs one in-process dump.
  std::string world = world_dump();
  if (kernel_touched_ || world != saved_world_) {
    kernel_cache_ = kernel_l3();
    saved_world_ = world;
    kernel_touched_ = false;
  }
  std::string now = world + kernel_cache_;
  if (now == saved_) return;
  std::string tmp = opts_.state_file + ".tmp";
  {
    std::ofstream f(tmp, std::ios::trunc);
    f << "# uvnd state: the commands that rebuild this network (uvn dump-config)\n" << now;
    f.flush();
    if (!f) {
      log_.error("cannot write {}", tmp);
      return;
    }
  }
  if (std::rename(tmp.c_str(), opts_.state_file.c_str()) != 0) {
    log_.error("cannot rename {} to {}: {}", tmp, opts_.state_file, std::strerror(errno));
    return;
  }
  saved_ = std::move(now);
  log_.debug("saved the configuration to {}", opts_.state_file);
}

int Daemon::restore() {
  if (opts_.state_file.empty()) return 0;
  std::ifstream f(opts_.state_file);
  if (!f) return 0;  // nothing saved yet
  restoring_ = true;
  int failed = 0, lineno = 0, done = 0;
  std::string line;
  while (std::getline(f, line)) {
    ++lineno;
    if (line.empty() || line[0] == '#') continue;
    std::string out, err;
    int rc = command(cli::split_command_line(line), out, err);
    if (rc) {
      ++failed;
      while (!err.empty() && err.back() == '\n') err.pop_back();
      log_.warn("{}:{}: \"{}\" failed: {}", opts_.state_file, lineno, line, err);
    } else {
      ++done;
    }
  }
  restoring_ = false;
  log_.info("restored {} commands from {} ({} failed)", done, opts_.state_file, failed);
  saved_world_ = world_dump();
  kernel_cache_ = kernel_l3();
  kernel_touched_ = false;
  saved_ = saved_world_ + kernel_cache_;
  return failed;
}

int Daemon::serve(const std::string& path, const volatile bool* stop_flag) {
  auto lfd = sys::listen_control(path, opts_.control_gid);
  if (!lfd) {
    log_.error("cannot listen on {}", lfd.error().message);
    return 1;
  }
  int listen_fd = *lfd;
  watch(listen_fd, [this, listen_fd] {
    int c = accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (c < 0) return;
    if (!sys::peer_allowed(c, opts_.control_gid)) {
      log_.warn("refused a command from uid {}", sys::peer_uid(c));
      (void)sys::send_message(
          c, sys::encode_result(1, "", "uvnd: permission denied (root, or uvnd's --group)\n"));
      close(c);
      return;
    }
    // One command per connection; the client waits for the answer. A client gets a second
    // to send its request: one that sends nothing, garbage or half a message is dropped.
    sys::set_io_timeout(c, 1000);
    auto m = sys::recv_message(c);
    if (!m) log_.warn("a control client sent no complete request; dropped");
    if (m) {
      std::string out, err;
      auto argv = sys::decode_command(*m);
      int rc = command(argv, out, err);
      if (log_.enabled(LogLevel::kDebug))
        log_.debug("command \"{}\": exit {}", fmt::join(argv, " "), rc);
      (void)sys::send_message(c, sys::encode_result(rc, out, err));
    }
    close(c);
  });
  epoll_event evs[64];
  Nanos last_event = -opts_.busy_poll - 1;
  while (!stopping_ && !(stop_flag && *stop_flag)) {
    Nanos next = world().engine().next_deadline();
    Nanos now = clock_();
    int timeout_ms = 100;
    if (next != kForever) timeout_ms = int(std::clamp<Nanos>((next - now) / kMsec, 0, 100));
    // Busy polling: for a while after the last event the loop does not sleep, so the next
    // frame is taken without a wake-up's latency.
    if (now - last_event < opts_.busy_poll) timeout_ms = 0;
    int n = epoll_wait(epfd_, evs, 64, timeout_ms);
    if (n > 0) last_event = clock_();
    advance();
    for (int k = 0; k < n; ++k) {
      auto it = fds_.find(evs[k].data.fd);
      if (it != fds_.end()) {
        auto fn = it->second;  // the handler may unwatch itself
        fn();
      }
    }
    advance();
  }
  unwatch(listen_fd);
  close(listen_fd);
  unlink(path.c_str());
  return 0;
}

}  // namespace uvn::live
