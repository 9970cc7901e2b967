// teamdctl_view: the client-side formatting half of `teamdctl` (libteam 1.31 with jansson
// 2.14, as Debian 12 ships them), written from the output of the real binaries
// (tests/reference/team-ground-truth.md sections 4.2, 4.3 and 5). No I/O: the caller fetches
// the state or config document from the daemon and writes what comes back.
//
// - teamd_json_dump: how teamdctl re-dumps every JSON document it shows (`config dump`,
//   `state dump`, `port config dump`): four spaces a level (one line with -o), keys sorted by
//   byte order, `", "` / `": "` separators, `{}` / `[]` when empty, non-ASCII escaped as
//   \uXXXX (upper-case hex, surrogate pairs above U+FFFF), `/` and DEL left as they are,
//   reals as %.17g with `.0` added to whole numbers and the exponent's `+` and leading zeros
//   dropped (`1e20`, `1.0000000000000001e-5`), and a final newline.
// - teamdctl_state_view: the text of `teamdctl DEV state` / `state view` (verbosity 0) and
//   with -v (1 or more; -vv adds nothing). It is as strict as the real client: every key it
//   reads must be there with its JSON type (a bool must be true/false, an int must not be a
//   real), in plain mode too, where most of them are not printed; a missing or mistyped key
//   ends the view with teamdctl's "Failed to parse JSON ... dump." line, and an unknown link
//   watcher name fails in plain mode too. Integers are read as C ints (truncated to 32
//   bits), as jansson's unpack does.
//
// Where it differs from teamdctl, deliberately: objects come in byte order of their keys
// (nlohmann::json keeps them sorted), where teamdctl keeps the order of the text it received;
// the two agree for teamd, which sends its state with sorted keys. teamd_json_dump cannot
// fail: values jansson cannot hold (NaN and infinities, invalid UTF-8) are written as `null`
// and \uFFFD where jansson would refuse the document.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace uvn::cli {

// jansson's json_dumps(JSON_INDENT(oneline ? 0 : 4) | JSON_ENSURE_ASCII | JSON_SORT_KEYS)
// followed by "\n", which is what teamdctl prints for each JSON document.
std::string teamd_json_dump(const nlohmann::json& j, bool oneline);

// The outcome of the state view. `out` holds what teamdctl writes to stdout; on failure it
// keeps the lines printed before the failure (teamdctl prints as it goes) and `err` holds the
// one line, with its newline, that teamdctl writes to stderr (for example
// "Failed to parse JSON port dump.\n"). The caller then adds teamdctl's
// "command call failed (Invalid argument)" and exits 1.
struct ViewResult {
  bool ok = true;
  std::string out;
  std::string err;
};

// `teamdctl DEV state [view]` from teamd's state document (section 5 of the ground truth).
// verbosity: 0 plain, 1 or more for -v.
ViewResult teamdctl_state_view(const nlohmann::json& state, int verbosity);

}  // namespace uvn::cli
