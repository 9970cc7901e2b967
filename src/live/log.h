// Log: uvnd's log, one line per event with the UTC time and the level:
//   2026-11-28T17:44:12Z uvnd[info]: adopted kernel interface p1 as uvnt-sw/p1
// Levels, most severe first: error, warning, info, debug (`uvnd --log-level LEVEL`, default
// info). Lines go to stderr: the terminal with --foreground (or the journal under systemd),
// /run/uvn/uvnd.log when uvnd detaches. Tests may capture lines in a string instead.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace uvn::live {

enum class LogLevel { kError = 0, kWarning, kInfo, kDebug };

std::optional<LogLevel> parse_log_level(std::string_view s);

class Log {
 public:
  explicit Log(LogLevel level = LogLevel::kInfo, std::FILE* out = stderr)
      : level_(level), out_(out) {}
  // Lines go to *capture instead of a file.
  void capture_to(std::string* s) { capture_ = s; }

  bool enabled(LogLevel l) const { return l <= level_; }
  void write(LogLevel l, std::string_view msg);

  template <typename... A>
  void error(fmt::format_string<A...> f, A&&... a) { emit(LogLevel::kError, f, std::forward<A>(a)...); }
  template <typename... A>
  void warn(fmt::format_string<A...> f, A&&... a) { emit(LogLevel::kWarning, f, std::forward<A>(a)...); }
  template <typename... A>
  void info(fmt::format_string<A...> f, A&&... a) { emit(LogLevel::kInfo, f, std::forward<A>(a)...); }
  template <typename... A>
  void debug(fmt::format_string<A...> f, A&&... a) { emit(LogLevel::kDebug, f, std::forward<A>(a)...); }

 private:
  template <typename... A>
  void emit(LogLevel l, fmt::format_string<A...> f, A&&... a) {
    if (enabled(l)) write(l, fmt::format(f, std::forward<A>(a)...));
  }
  LogLevel level_;
  std::FILE* out_;
  std::string* capture_ = nullptr;
};

}  // namespace uvn::live
