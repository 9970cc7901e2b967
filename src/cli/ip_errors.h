// iproute2's error wording and exit statuses, as observed from ip 6.1 (tests/reference/
// errors.txt). Each helper writes the message to ctx.err and returns the exit status the
// real tool uses, so parsers can `return invarg(...)`.
#pragma once

#include <string_view>

#include "base/result.h"
#include "cli/context.h"

namespace uvn::cli {

constexpr int kExitUsage = 255;  // iproute2's exit(-1)

// Error: argument "ARG" is wrong: MSG   (exit 255). MSG is printed as given; several of
// iproute2's messages end in "\n" and so print a blank line after.
int invarg(Context& ctx, std::string_view msg, std::string_view arg);
// Error: duplicate "KEY": "ARG" is the second value.
int duparg(Context& ctx, std::string_view key, std::string_view arg);
// Error: either "KEY" is duplicate, or "ARG" is a garbage.
int duparg2(Context& ctx, std::string_view key, std::string_view arg);
// Command line is not complete. Try option "help"
int incomplete(Context& ctx);
// Error: argument of "KEY" must be "on" or "off", not "ARG"   (exit 1)
int on_off_error(Context& ctx, std::string_view key, std::string_view arg);
// Cannot find device "NAME"   (exit 1)
int no_device(Context& ctx, std::string_view name);
// Device "NAME" does not exist.   (exit 1)
int no_such_device(Context& ctx, std::string_view name);
// A kernel error: "RTNETLINK answers: STRERROR" or "Error: EXTACK." (exit 2).
int kernel_error(Context& ctx, const Error& e);
// Error: any valid prefix is expected rather than "ARG".  (exit 1)
int bad_prefix(Context& ctx, std::string_view arg);
int bad_address(Context& ctx, std::string_view arg);
// Generic: writes MSG + "\n" to err and returns rc.
int fail(Context& ctx, int rc, std::string_view msg);

// Parses on|off as iproute2's parse_on_off.
bool parse_on_off(std::string_view s, bool& out);

}  // namespace uvn::cli
