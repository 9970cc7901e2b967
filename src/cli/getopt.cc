#include "cli/getopt.h"

#include <fmt/format.h>

namespace uvn::cli {

namespace {

// 0: no such option, 1: no argument, 2: required, 3: optional.
int short_kind(const std::string& shorts, char c) {
  if (c == ':') return 0;
  size_t i = shorts.find(c);
  if (i == std::string::npos) return 0;
  if (i + 1 < shorts.size() && shorts[i + 1] == ':')
    return i + 2 < shorts.size() && shorts[i + 2] == ':' ? 3 : 2;
  return 1;
}

}  // namespace

GetoptResult getopt_long(const std::string& prog, const std::vector<std::string>& args,
                         const std::string& shorts, const std::vector<LongOpt>& longs) {
  GetoptResult r;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") {
      r.operands.insert(r.operands.end(), args.begin() + long(i) + 1, args.end());
      break;
    }
    if (a.size() > 2 && a.compare(0, 2, "--") == 0) {
      std::string body = a.substr(2), value;
      bool has_value = false;
      if (auto eq = body.find('='); eq != std::string::npos) {
        value = body.substr(eq + 1);
        body = body.substr(0, eq);
        has_value = true;
      }
      const LongOpt* match = nullptr;
      int matches = 0;
      for (auto& l : longs) {
        std::string n = l.name;
        if (n == body) {
          match = &l;
          matches = 1;
          break;
        }
        if (n.compare(0, body.size(), body) == 0) {
          if (!match || match->short_name != l.short_name) ++matches;
          match = &l;
        }
      }
      if (!match) {
        r.error = fmt::format("{}: unrecognized option '{}'", prog, a);
        return r;
      }
      if (matches > 1) {
        r.error = fmt::format("{}: option '{}' is ambiguous", prog, a);
        return r;
      }
      if (match->arg == LongOpt::kNone && has_value) {
        r.error = fmt::format("{}: option '--{}' doesn't allow an argument", prog, match->name);
        return r;
      }
      if (match->arg == LongOpt::kRequired && !has_value) {
        if (i + 1 >= args.size()) {
          r.error = fmt::format("{}: option '--{}' requires an argument", prog, match->name);
          return r;
        }
        value = args[++i];
        has_value = true;
      }
      r.opts.push_back({match->short_name, has_value ? std::optional(value) : std::nullopt});
      continue;
    }
    if (a.size() < 2 || a[0] != '-') {
      r.operands.push_back(a);
      continue;
    }
    for (size_t j = 1; j < a.size(); ++j) {
      char c = a[j];
      int kind = short_kind(shorts, c);
      if (!kind) {
        r.error = fmt::format("{}: invalid option -- '{}'", prog, c);
        return r;
      }
      if (kind == 1) {
        r.opts.push_back({c, std::nullopt});
        continue;
      }
      std::string rest = a.substr(j + 1);
      if (!rest.empty()) {
        r.opts.push_back({c, rest});
      } else if (kind == 3) {
        r.opts.push_back({c, std::nullopt});
      } else if (i + 1 < args.size()) {
        r.opts.push_back({c, args[++i]});
      } else {
        r.error = fmt::format("{}: option requires an argument -- '{}'", prog, c);
        return r;
      }
      break;
    }
  }
  return r;
}

}  // namespace uvn::cli
