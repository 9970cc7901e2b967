#include "cli/ip_errors.h"

#include <fmt/format.h>

#include <cstring>

namespace uvn::cli {

int invarg(Context& ctx, std::string_view msg, std::string_view arg) {
  ctx.err += fmt::format("Error: argument \"{}\" is wrong: {}\n", arg, msg);
  return kExitUsage;
}

int duparg(Context& ctx, std::string_view key, std::string_view arg) {
  ctx.err += fmt::format("Error: duplicate \"{}\": \"{}\" is the second value.\n", key, arg);
  return kExitUsage;
}

int duparg2(Context& ctx, std::string_view key, std::string_view arg) {
  ctx.err += fmt::format("Error: either \"{}\" is duplicate, or \"{}\" is a garbage.\n", key, arg);
  return kExitUsage;
}

int incomplete(Context& ctx) {
  ctx.err += "Command line is not complete. Try option \"help\"\n";
  return kExitUsage;
}

int on_off_error(Context& ctx, std::string_view key, std::string_view arg) {
  ctx.err +=
      fmt::format("Error: argument of \"{}\" must be \"on\" or \"off\", not \"{}\"\n", key, arg);
  return 1;
}

int no_device(Context& ctx, std::string_view name) {
  ctx.err += fmt::format("Cannot find device \"{}\"\n", name);
  return 1;
}

int no_such_device(Context& ctx, std::string_view name) {
  ctx.err += fmt::format("Device \"{}\" does not exist.\n", name);
  return 1;
}

int kernel_error(Context& ctx, const Error& e) {
  if (!e.message.empty()) {
    ctx.err += "Error: " + e.message;
    if (e.message.back() != '.') ctx.err += '.';
    ctx.err += '\n';
  } else {
    ctx.err += fmt::format("RTNETLINK answers: {}\n", std::strerror(e.code));
  }
  return 2;
}

int bad_prefix(Context& ctx, std::string_view arg) {
  ctx.exited = true;
  ctx.err += fmt::format("Error: any valid prefix is expected rather than \"{}\".\n", arg);
  return 1;
}

int bad_address(Context& ctx, std::string_view arg) {
  ctx.exited = true;
  ctx.err += fmt::format("Error: any valid address is expected rather than \"{}\".\n", arg);
  return 1;
}

int fail(Context& ctx, int rc, std::string_view msg) {
  ctx.err += msg;
  ctx.err += '\n';
  return rc;
}

bool parse_on_off(std::string_view s, bool& out) {
  if (s == "on") {
    out = true;
    return true;
  }
  if (s == "off") {
    out = false;
    return true;
  }
  return false;
}

}  // namespace uvn::cli
