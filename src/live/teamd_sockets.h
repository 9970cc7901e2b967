// TeamdSockets: in live mode every uvn teamd with its UNIX socket interface on (-U, the
// default) listens where libteam's teamd listens, /var/run/teamd/DEV.sock (AF_UNIX,
// SOCK_SEQPACKET), and answers teamd's request/reply protocol (teamd/usock.h) there, so that
// Debian's own teamdctl drives uvn's teamd (it also needs DEV in its namespace: the exposed
// TAP). A request teamd would not answer gets no answer.
#pragma once

#include <map>
#include <set>
#include <string>

#include "live/exposer.h"
#include "world/world.h"

namespace uvn::live {

class TeamdSockets {
 public:
  TeamdSockets(World& w, FdWatch& fds, std::string dir = "/var/run/teamd");
  ~TeamdSockets();
  // Listens for each running teamd and stops for each gone; call after every command.
  void sync();

 private:
  struct Server {
    int listen_fd = -1;
    std::set<int> clients;
  };
  void accept_on(const std::string& dev);
  void serve(const std::string& dev, int fd);
  void close_server(const std::string& dev);

  World& w_;
  FdWatch& fds_;
  std::string dir_;
  std::map<std::string, Server> servers_;
};

}  // namespace uvn::live
