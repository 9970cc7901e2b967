#include "live/log.h"

#include <ctime>

namespace uvn::live {

std::optional<LogLevel> parse_log_level(std::string_view s) {
  if (s == "error") return LogLevel::kError;
  if (s == "warning" || s == "warn") return LogLevel::kWarning;
  if (s == "info") return LogLevel::kInfo;
  if (s == "debug") return LogLevel::kDebug;
  return std::nullopt;
}

void Log::write(LogLevel l, std::string_view msg) {
  static const char* const kNames[] = {"error", "warning", "info", "debug"};
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char when[32];
  std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
  std::string line = fmt::format("{} uvnd[{}]: {}\n", when, kNames[int(l)], msg);
  if (capture_) {
    *capture_ += line;
    return;
  }
  std::fputs(line.c_str(), out_);
  std::fflush(out_);
}

}  // namespace uvn::live
