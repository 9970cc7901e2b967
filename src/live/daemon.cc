#include "live/daemon.h"

#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include <fmt/format.h>

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

Daemon::Daemon(Clock clock, std::string* log, sys::PacketSocket::Options packet_opts)
    : clock_(std::move(clock)), log_(log) {
  runner_ = std::make_unique<sim::Runner>(sim::RunOptions{});
  epfd_ = epoll_create1(EPOLL_CLOEXEC);
  exposer_ = std::make_unique<Exposer>(runner_->world(), *this, log_);
  adopter_ = std::make_unique<Adopter>(runner_->world(), *this, log_, packet_opts);
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
  // uvn's namespaces first (their taps close), then their kernel twins.
  for (auto it = kernel_netns_.rbegin(); it != kernel_netns_.rend(); ++it) {
    if (Netns* ns = world().find_netns(*it)) {
      exposer_->forget_netns(*ns);
      world().del_netns(*ns);
    }
    (void)sys::run_program({sys::system_ip(), "netns", "del", *it}, out, err);
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
      int rc = sys::run_program(sys_argv, out, err);
      if (rc) return rc;
      rc = runner_->run_in(world().init_ns(), argv, out, err);
      if (rc) {
        std::string o, e;
        (void)sys::run_program({sys::system_ip(), "netns", "del", name}, o, e);
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
      (void)sys::run_program(sys_argv, o, e);
      std::erase(kernel_netns_, name);
      return rc;
    }
    std::string tool = i + 3 < argv.size() ? argv[i + 3] : "";
    if (prefix_of(sub, "exec", 1) &&
        std::find(kUvnTools.begin(), kUvnTools.end(), tool) != kUvnTools.end())
      return runner_->run_in(world().init_ns(), argv, out, err);
    return sys::run_program(sys_argv, out, err);
  }
  if (!uvn_link) return sys::run_program(sys_argv, out, err);
  return runner_->run_in(world().init_ns(), argv, out, err);
}

int Daemon::command(const std::vector<std::string>& argv_in, std::string& out,
                    std::string& err) {
  std::vector<std::string> argv = argv_in;
  if (!argv.empty() && argv[0] == "uvn") argv.erase(argv.begin());
  if (argv.empty()) return 0;
  advance();
  int rc;
  if (argv[0] == "ip") {
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
  return rc;
}

int Daemon::serve(const std::string& path, const volatile bool* stop_flag) {
  auto lfd = sys::listen_control(path);
  if (!lfd) {
    if (log_) *log_ += "uvnd: cannot listen on " + lfd.error().message + "\n";
    return 1;
  }
  int listen_fd = *lfd;
  watch(listen_fd, [this, listen_fd] {
    int c = accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (c < 0) return;
    if (sys::peer_uid(c) != 0 && sys::peer_uid(c) != int(geteuid())) {
      (void)sys::send_message(c, sys::encode_result(1, "", "uvnd: permission denied\n"));
      close(c);
      return;
    }
    // One command per connection; the client waits for the answer.
    if (auto m = sys::recv_message(c)) {
      std::string out, err;
      int rc = command(sys::decode_command(*m), out, err);
      (void)sys::send_message(c, sys::encode_result(rc, out, err));
    }
    close(c);
  });
  epoll_event evs[64];
  while (!stopping_ && !(stop_flag && *stop_flag)) {
    Nanos next = world().engine().next_deadline();
    Nanos now = clock_();
    int timeout_ms = 100;
    if (next != kForever) timeout_ms = int(std::clamp<Nanos>((next - now) / kMsec, 0, 100));
    int n = epoll_wait(epfd_, evs, 64, timeout_ms);
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
