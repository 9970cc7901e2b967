#include "sys/control_socket.h"

#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace uvn::sys {

namespace {

constexpr size_t kMaxMessage = 64u << 20;

bool write_all(int fd, const char* p, size_t n) {
  while (n) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    n -= size_t(w);
  }
  return true;
}

bool read_all(int fd, char* p, size_t n) {
  while (n) {
    ssize_t r = read(fd, p, n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    p += r;
    n -= size_t(r);
  }
  return true;
}

void put32(std::string& s, uint32_t v) {
  for (int i = 0; i < 4; ++i) s += char((v >> (8 * i)) & 0xff);
}

uint32_t get32(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= uint32_t(uint8_t(p[i])) << (8 * i);
  return v;
}

sockaddr_un address(const std::string& path) {
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  std::strncpy(a.sun_path, path.c_str(), sizeof a.sun_path - 1);
  return a;
}

}  // namespace

bool send_message(int fd, const std::string& msg) {
  std::string h;
  put32(h, uint32_t(msg.size()));
  return write_all(fd, h.data(), 4) && write_all(fd, msg.data(), msg.size());
}

std::optional<std::string> recv_message(int fd) {
  char h[4];
  if (!read_all(fd, h, 4)) return std::nullopt;
  uint32_t n = get32(h);
  if (n > kMaxMessage) return std::nullopt;
  std::string m(n, '\0');
  if (n && !read_all(fd, m.data(), n)) return std::nullopt;
  return m;
}

std::string encode_command(const std::vector<std::string>& argv) {
  std::string m;
  for (size_t i = 0; i < argv.size(); ++i) {
    if (i) m += '\0';
    m += argv[i];
  }
  return m;
}

std::vector<std::string> decode_command(const std::string& msg) {
  std::vector<std::string> r;
  if (msg.empty()) return r;
  size_t start = 0;
  for (;;) {
    size_t z = msg.find('\0', start);
    r.push_back(msg.substr(start, z == std::string::npos ? std::string::npos : z - start));
    if (z == std::string::npos) break;
    start = z + 1;
  }
  return r;
}

std::string encode_result(int rc, const std::string& out, const std::string& err) {
  std::string m;
  put32(m, uint32_t(rc));
  m += out;
  m += '\0';
  m += err;
  return m;
}

bool decode_result(const std::string& msg, int& rc, std::string& out, std::string& err) {
  if (msg.size() < 4) return false;
  rc = int(get32(msg.data()));
  size_t z = msg.find('\0', 4);
  if (z == std::string::npos) return false;
  out = msg.substr(4, z - 4);
  err = msg.substr(z + 1);
  return true;
}

Result<int> listen_control(const std::string& path, int gid) {
  std::string dir = path.substr(0, path.rfind('/'));
  if (!dir.empty()) mkdir(dir.c_str(), 0755);
  unlink(path.c_str());
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Error::with(errno, fmt::format("socket: {}", std::strerror(errno)));
  sockaddr_un a = address(path);
  mode_t old = umask(0077);
  int rc = bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  umask(old);
  if (rc == 0 && gid < 0 && chmod(path.c_str(), 0600) < 0) rc = -1;
  if (rc == 0 && gid >= 0 && (chown(path.c_str(), 0, gid_t(gid)) < 0 || chmod(path.c_str(), 0660) < 0))
    rc = -1;
  if (rc < 0 || listen(fd, 16) < 0) {
    int e = errno;
    close(fd);
    return Error::with(e, fmt::format("{}: {}", path, std::strerror(e)));
  }
  return fd;
}

void set_io_timeout(int fd, int ms) {
  timeval tv{ms / 1000, (ms % 1000) * 1000};
  (void)setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  (void)setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

bool peer_allowed(int fd, int gid) {
  ucred c{};
  socklen_t len = sizeof c;
  if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &c, &len) < 0) return false;
  if (c.uid == 0 || c.uid == geteuid()) return true;
  if (gid < 0) return false;
  if (c.gid == gid_t(gid)) return true;
  std::ifstream st(fmt::format("/proc/{}/status", c.pid));
  std::string line;
  while (std::getline(st, line)) {
    if (line.rfind("Groups:", 0) != 0) continue;
    std::istringstream groups(line.substr(7));
    long g;
    while (groups >> g)
      if (g == gid) return true;
  }
  return false;
}

int peer_uid(int fd) {
  ucred c{};
  socklen_t len = sizeof c;
  if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &c, &len) < 0) return -1;
  return int(c.uid);
}

Result<int> connect_control(const std::string& path) {
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Error::with(errno, fmt::format("socket: {}", std::strerror(errno)));
  sockaddr_un a = address(path);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) < 0) {
    int e = errno;
    close(fd);
    return Error::with(e, fmt::format("{}: {}", path, std::strerror(e)));
  }
  return fd;
}

}  // namespace uvn::sys
