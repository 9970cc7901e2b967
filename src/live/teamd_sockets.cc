#include "live/teamd_sockets.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <vector>

#include "teamd/teamd.h"

namespace uvn::live {

TeamdSockets::TeamdSockets(World& w, FdWatch& fds, std::string dir)
    : w_(w), fds_(fds), dir_(std::move(dir)) {}

TeamdSockets::~TeamdSockets() {
  while (!servers_.empty()) close_server(servers_.begin()->first);
}

void TeamdSockets::sync() {
  std::set<std::string> want;
  for (auto& name : w_.process_names()) {
    if (name.rfind("teamd/", 0) != 0) continue;
    std::string dev = name.substr(6);
    auto* td = teamd::find_teamd(w_, dev);
    if (td && td->options().usock) want.insert(dev);
  }
  std::vector<std::string> gone;
  for (auto& [dev, s] : servers_)
    if (!want.count(dev)) gone.push_back(dev);
  for (auto& dev : gone) close_server(dev);
  for (auto& dev : want) {
    if (servers_.count(dev)) continue;
    mkdir(dir_.c_str(), 0755);
    std::string path = dir_ + "/" + dev + ".sock";
    unlink(path.c_str());
    int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
    if (fd < 0) continue;
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::strncpy(a.sun_path, path.c_str(), sizeof a.sun_path - 1);
    if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) < 0 || listen(fd, 10) < 0) {
      close(fd);
      continue;
    }
    chmod(path.c_str(), 0600);
    servers_[dev].listen_fd = fd;
    fds_.watch(fd, [this, dev] { accept_on(dev); });
  }
}

void TeamdSockets::accept_on(const std::string& dev) {
  auto it = servers_.find(dev);
  if (it == servers_.end()) return;
  int c = accept4(it->second.listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
  if (c < 0) return;
  it->second.clients.insert(c);
  fds_.watch(c, [this, dev, c] { serve(dev, c); });
}

void TeamdSockets::serve(const std::string& dev, int fd) {
  std::vector<char> buf(1 << 16);
  ssize_t n = recv(fd, buf.data(), buf.size(), 0);
  auto it = servers_.find(dev);
  if (n <= 0 || it == servers_.end()) {
    fds_.unwatch(fd);
    close(fd);
    if (it != servers_.end()) it->second.clients.erase(fd);
    return;
  }
  auto* td = teamd::find_teamd(w_, dev);
  auto req = teamd::parse_request(std::string_view(buf.data(), size_t(n)));
  if (!td || !req) return;  // teamd logs a corrupted message and answers nothing
  teamd::Reply r = td->handle(*req);
  if (!r.ok && r.code.empty()) return;  // an unknown method: no answer either
  std::string msg = teamd::encode_reply(r);
  (void)send(fd, msg.data(), msg.size(), MSG_NOSIGNAL);
}

void TeamdSockets::close_server(const std::string& dev) {
  auto it = servers_.find(dev);
  if (it == servers_.end()) return;
  for (int c : it->second.clients) {
    fds_.unwatch(c);
    close(c);
  }
  fds_.unwatch(it->second.listen_fd);
  close(it->second.listen_fd);
  unlink((dir_ + "/" + dev + ".sock").c_str());
  servers_.erase(it);
}

}  // namespace uvn::live
