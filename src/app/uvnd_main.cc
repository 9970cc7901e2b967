// uvnd: the live daemon (issue 8, first slice). Holds uvn's world on the real clock and serves
// `uvn` commands on a control socket; devices of uvn's named namespaces appear in the kernel
// namespaces of the same name as TAP devices (live/exposer.h).
//   uvnd [--foreground] [--socket PATH] [--log-level error|warning|info|debug]
//        [--packet-rx tpacket-v2|tpacket-v3|mmsg] [--busy-poll US] [--state FILE|none]
//        [--keep] [--group GROUP]
// The configuration is saved to FILE (default /var/lib/uvn/uvnd.conf) after every change and
// restored from it at start; --keep leaves the kernel's namespaces and TAPs at exit.
// Without --foreground it detaches (the command returns once the socket answers, its log goes
// to /run/uvn/uvnd.log); a service manager runs it with --foreground. SIGTERM or SIGINT: it
// removes the namespaces and taps it made, and exits.
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <fstream>

#include <iostream>
#include <string>

#include "base/strings.h"
#include "live/daemon.h"
#include "sys/control_socket.h"

namespace {

constexpr const char* kUsage =
    "Usage: uvnd [--foreground] [--socket PATH] [--log-level LEVEL]\n"
    "            [--packet-rx tpacket-v2|tpacket-v3|mmsg] [--busy-poll US] [--state FILE|none]\n"
    "            [--keep] [--group GROUP]\n";
constexpr const char* kDefaultState = "/var/lib/uvn/uvnd.conf";

volatile bool g_stop = false;

void on_signal(int) { g_stop = true; }

uvn::Nanos monotonic() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return uvn::Nanos(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = uvn::sys::kDefaultControlSocket;
  bool foreground = false;
  uvn::live::DaemonOptions dopts;
  dopts.state_file = kDefaultState;
  uvn::live::LogLevel level = uvn::live::LogLevel::kInfo;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--foreground" || a == "-f") {
      foreground = true;
      continue;
    }
    if (a == "--socket" && i + 1 < argc) {
      path = argv[++i];
      continue;
    }
    if (a == "--state" && i + 1 < argc) {
      dopts.state_file = argv[++i];
      if (dopts.state_file == "none") dopts.state_file.clear();
      continue;
    }
    if (a == "--busy-poll" && i + 1 < argc) {
      auto us = uvn::parse_uint(argv[++i]);
      if (!us || *us > 1000000) {
        std::cerr << "uvnd: --busy-poll takes microseconds (0..1000000), not \"" << argv[i]
                  << "\"\n";
        return 2;
      }
      dopts.busy_poll = uvn::Nanos(*us) * 1000;
      continue;
    }
    if (a == "--group" && i + 1 < argc) {
      group* g = getgrnam(argv[++i]);
      if (!g) {
        std::cerr << "uvnd: no group \"" << argv[i] << "\"\n";
        return 2;
      }
      dopts.control_gid = int(g->gr_gid);
      continue;
    }
    if (a == "--keep") {
      dopts.keep = true;
      continue;
    }
    if (a == "--log-level" && i + 1 < argc) {
      auto l = uvn::live::parse_log_level(argv[++i]);
      if (!l) {
        std::cerr << "uvnd: --log-level is error, warning, info or debug, not \"" << argv[i]
                  << "\"\n";
        return 2;
      }
      level = *l;
      continue;
    }
    if (a == "--packet-rx" && i + 1 < argc) {
      std::string m = argv[++i];
      if (m == "tpacket-v3")
        dopts.packet.mode = uvn::sys::PacketSocket::Mode::kRingV3;
      else if (m == "tpacket-v2")
        dopts.packet.mode = uvn::sys::PacketSocket::Mode::kRingV2;
      else if (m == "mmsg")
        dopts.packet.mode = uvn::sys::PacketSocket::Mode::kRecvmmsg;
      else {
        std::cerr << "uvnd: --packet-rx is tpacket-v2, tpacket-v3 or mmsg, not \"" << m << "\"\n";
        return 2;
      }
      continue;
    }
    if (a == "-h" || a == "--help") {
      std::cout << kUsage
                << "Runs uvn's devices for real (live mode); uvn's commands talk to it through "
                   "PATH (default /run/uvn/uvnd.sock).\n"
                   "  --foreground        stay attached, log to stderr (else detach and log to "
                   "/run/uvn/uvnd.log)\n"
                   "  --log-level LEVEL   error, warning, info (default) or debug\n"
                   "  --packet-rx MODE    how adopted interfaces receive: a TPACKET_V2 ring "
                   "(tpacket-v2,\n"
                   "                      default), a TPACKET_V3 ring (tpacket-v3: batches best, "
                   "but a frame\n"
                   "                      may wait up to 1 ms) or recvmmsg (mmsg)\n"
                   "  --busy-poll US      keep polling for US microseconds after the last event "
                   "(default 0)\n"
                   "  --state FILE|none   save the configuration there after every change and "
                   "restore it at start\n"
                   "                      (default /var/lib/uvn/uvnd.conf)\n"
                   "  --keep              at exit, leave the kernel namespaces and TAPs in place\n"
                   "  --group GROUP       members of GROUP may use the control socket too (else "
                   "root only)\n";
      return 0;
    }
    std::cerr << "uvnd: unknown argument \"" << a << "\"\n" << kUsage;
    return 2;
  }
  if (geteuid() != 0) {
    std::cerr << "uvnd: live mode needs root (namespaces and TAP devices)\n";
    return 1;
  }
  if (!foreground) {
    // Detach: the parent returns once the child listens.
    unlink(path.c_str());
    pid_t pid = fork();
    if (pid < 0) {
      std::cerr << "uvnd: fork failed\n";
      return 1;
    }
    if (pid > 0) {
      for (int i = 0; i < 100; ++i) {
        if (access(path.c_str(), F_OK) == 0) return 0;
        usleep(50000);
      }
      std::cerr << "uvnd: the daemon did not start (see /run/uvn/uvnd.log)\n";
      return 1;
    }
    setsid();
    mkdir("/run/uvn", 0755);
    int null = open("/dev/null", O_RDWR);
    int logfd = open("/run/uvn/uvnd.log", O_WRONLY | O_CREAT | O_APPEND, 0644);
    dup2(null, 0);
    dup2(logfd >= 0 ? logfd : null, 1);
    dup2(logfd >= 0 ? logfd : null, 2);
  }
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  signal(SIGPIPE, SIG_IGN);
  uvn::live::Log log(level, stderr);
  const uvn::Nanos start = monotonic();
  int rc;
  {
    log.info("starting; control socket {}", path);
    if (!dopts.state_file.empty()) {
      std::string dir = dopts.state_file.substr(0, dopts.state_file.rfind('/'));
      if (!dir.empty()) mkdir(dir.c_str(), 0755);
    }
    uvn::live::Daemon d([start] { return monotonic() - start; }, log, dopts);
    d.restore();
    rc = d.serve(path, &g_stop);
    d.shutdown();
  }
  log.info("stopped");
  return rc;
}
