// uvnd: the live daemon (issue 8, first slice). Holds uvn's world on the real clock and serves
// `uvn` commands on a control socket; devices of uvn's named namespaces appear in the kernel
// namespaces of the same name as TAP devices (live/exposer.h).
//   uvnd [--foreground] [--socket PATH]
// Without --foreground it detaches (the command returns once the socket answers, its log goes
// to /run/uvn/uvnd.log); a service manager runs it with --foreground. SIGTERM or SIGINT: it
// removes the namespaces and taps it made, and exits.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <fstream>

#include <iostream>
#include <string>

#include "live/daemon.h"
#include "sys/control_socket.h"

namespace {

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
  uvn::sys::PacketSocket::Options packet_opts;
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
    if (a == "--packet-rx" && i + 1 < argc) {
      std::string m = argv[++i];
      if (m == "ring")
        packet_opts.mode = uvn::sys::PacketSocket::Mode::kRingV3;
      else if (m == "mmsg")
        packet_opts.mode = uvn::sys::PacketSocket::Mode::kRecvmmsg;
      else {
        std::cerr << "uvnd: --packet-rx is \"ring\" or \"mmsg\", not \"" << m << "\"\n";
        return 2;
      }
      continue;
    }
    if (a == "-h" || a == "--help") {
      std::cout << "Usage: uvnd [--foreground] [--socket PATH]\n"
                   "Runs uvn's devices for real (live mode); uvn's commands talk to it through "
                   "PATH (default /run/uvn/uvnd.sock).\n";
      return 0;
    }
    std::cerr << "uvnd: unknown argument \"" << a << "\"\nUsage: uvnd [--foreground] [--socket PATH]\n";
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
  std::string log;
  const uvn::Nanos start = monotonic();
  int rc;
  {
    uvn::live::Daemon d([start] { return monotonic() - start; }, &log, packet_opts);
    rc = d.serve(path, &g_stop);
    d.shutdown();
  }
  std::cerr << log;
  return rc;
}
