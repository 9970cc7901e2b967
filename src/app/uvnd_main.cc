// uvnd: the live daemon (issue 8, first slice). Holds uvn's world on the real clock and serves
// `uvn` commands on a control socket; devices of uvn's named namespaces appear in the kernel
// namespaces of the same name as TAP devices (live/exposer.h).
//   uvnd [--foreground] [--socket PATH]
// It stays in the foreground (a service manager runs it; --foreground is accepted for the
// systemd unit's sake). SIGTERM or SIGINT: it removes the namespaces and taps it made, and
// exits.
#include <signal.h>
#include <time.h>
#include <unistd.h>

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
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--foreground" || a == "-f") continue;
    if (a == "--socket" && i + 1 < argc) {
      path = argv[++i];
      continue;
    }
    if (a == "-h" || a == "--help") {
      std::cout << "Usage: uvnd [--foreground] [--socket PATH]\n";
      return 0;
    }
    std::cerr << "uvnd: unknown argument \"" << a << "\"\nUsage: uvnd [--foreground] [--socket PATH]\n";
    return 2;
  }
  if (geteuid() != 0) {
    std::cerr << "uvnd: live mode needs root (namespaces and TAP devices)\n";
    return 1;
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
    uvn::live::Daemon d([start] { return monotonic() - start; }, &log);
    rc = d.serve(path, &g_stop);
    d.shutdown();
  }
  std::cerr << log;
  return rc;
}
