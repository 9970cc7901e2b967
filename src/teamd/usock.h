// teamd's control protocol (libteam 1.31 teamd_usock.c, as observed from Debian's teamdctl;
// tests/reference/team-ground-truth.md section 6): one message per request and per reply over
// an AF_UNIX SOCK_SEQPACKET socket /var/run/teamd/DEV.sock.
//   request  "REQUEST\n<Method>\n" then one line per argument, each ending in "\n"; in an
//            argument a newline is sent as the two characters "\n" and a backslash as "\\"
//   reply    "REPLY_SUCCESS\n<payload>" or "REPLY_ERROR\n<Code>\n<Message>\n"
// The simulator's teamdctl speaks it to the simulated teamd in memory, so the bytes a real
// teamdctl would exchange are the ones uvn's tests check.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace uvn::teamd {

struct Request {
  std::string method;
  std::vector<std::string> args;
};

struct Reply {
  bool ok = true;
  std::string payload;        // success
  std::string code, message;  // error
  static Reply success(std::string p = {}) { return Reply{true, std::move(p), {}, {}}; }
  static Reply error(std::string c, std::string m) { return Reply{false, {}, std::move(c), std::move(m)}; }
};

std::string encode_request(const Request& r);
// nullopt for a message teamd ignores (no "REQUEST" line, no method, a bad escape).
std::optional<Request> parse_request(std::string_view msg);
std::string encode_reply(const Reply& r);
std::optional<Reply> parse_reply(std::string_view msg);

}  // namespace uvn::teamd
