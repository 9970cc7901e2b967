// The control channel between `uvn` (client) and `uvnd` (server): a UNIX stream socket
// (default /run/uvn/uvnd.sock) carrying length-prefixed messages (4 bytes, little-endian,
// then the bytes). A request is one command line, its words separated by NUL; a reply is
// the exit status (4 bytes) and then stdout, a NUL, stderr. Only root may connect (the socket
// is mode 0600 and the server checks SO_PEERCRED).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/result.h"

namespace uvn::sys {

inline constexpr const char* kDefaultControlSocket = "/run/uvn/uvnd.sock";

// Writes/reads one message on a blocking stream socket.
bool send_message(int fd, const std::string& msg);
std::optional<std::string> recv_message(int fd);

std::string encode_command(const std::vector<std::string>& argv);
std::vector<std::string> decode_command(const std::string& msg);
std::string encode_result(int rc, const std::string& out, const std::string& err);
bool decode_result(const std::string& msg, int& rc, std::string& out, std::string& err);

// Server side: a listening socket at `path` (its directory made, an old socket removed),
// mode 0600, or 0660 and owned by group `gid` when one is given (uvnd --group).
Result<int> listen_control(const std::string& path, int gid = -1);
// Reads and writes on `fd` give up after `ms` milliseconds (a client that sends nothing
// cannot hold the daemon).
void set_io_timeout(int fd, int ms);
// The peer's uid, or -1.
int peer_uid(int fd);
// Whether the peer may send commands: root, uvnd's own user, or (gid >= 0) a member of group
// gid, as its primary group or one of its supplementary groups (/proc/PID/status).
bool peer_allowed(int fd, int gid);
// Client side: connected socket, or an error when nothing listens.
Result<int> connect_control(const std::string& path);

}  // namespace uvn::sys
