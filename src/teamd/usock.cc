#include "teamd/usock.h"

namespace uvn::teamd {

namespace {

std::string escape(std::string_view s) {
  std::string r;
  for (char c : s) {
    if (c == '\n') {
      r += "\\n";
    } else if (c == '\\') {
      r += "\\\\";
    } else {
      r += c;
    }
  }
  return r;
}

std::optional<std::string> unescape(std::string_view s) {
  std::string r;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      r += s[i];
      continue;
    }
    if (++i == s.size()) return std::nullopt;
    if (s[i] == 'n') {
      r += '\n';
    } else if (s[i] == '\\') {
      r += '\\';
    } else {
      return std::nullopt;  // "Corrupted argument in message."
    }
  }
  return r;
}

// Splits at '\n'; the text after the last newline (if any) is returned as a last line.
std::vector<std::string_view> lines(std::string_view msg) {
  std::vector<std::string_view> r;
  size_t start = 0;
  while (start < msg.size()) {
    size_t nl = msg.find('\n', start);
    if (nl == std::string_view::npos) {
      r.push_back(msg.substr(start));
      break;
    }
    r.push_back(msg.substr(start, nl - start));
    start = nl + 1;
  }
  return r;
}

}  // namespace

std::string encode_request(const Request& r) {
  std::string m = "REQUEST\n" + r.method + "\n";
  for (auto& a : r.args) m += escape(a) + "\n";
  return m;
}

std::optional<Request> parse_request(std::string_view msg) {
  auto ls = lines(msg);
  if (ls.size() < 2 || ls[0] != "REQUEST" || ls[1].empty()) return std::nullopt;
  Request r;
  r.method = std::string(ls[1]);
  for (size_t i = 2; i < ls.size(); ++i) {
    auto a = unescape(ls[i]);
    if (!a) return std::nullopt;
    r.args.push_back(*a);
  }
  return r;
}

std::string encode_reply(const Reply& r) {
  if (r.ok) return "REPLY_SUCCESS\n" + r.payload;
  return "REPLY_ERROR\n" + r.code + "\n" + r.message + "\n";
}

std::optional<Reply> parse_reply(std::string_view msg) {
  constexpr std::string_view kOk = "REPLY_SUCCESS\n", kErr = "REPLY_ERROR\n";
  if (msg.substr(0, kOk.size()) == kOk) return Reply::success(std::string(msg.substr(kOk.size())));
  if (msg.substr(0, kErr.size()) != kErr) return std::nullopt;
  auto ls = lines(msg.substr(kErr.size()));
  if (ls.size() < 2) return std::nullopt;
  return Reply::error(std::string(ls[0]), std::string(ls[1]));
}

}  // namespace uvn::teamd
