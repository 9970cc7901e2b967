// -batch FILE, shared by `ip` and `bridge`: one command a line, each run through `run_one`;
// a failing command prints "Command failed FILE:LINE" and ends the batch unless -force.
#pragma once

#include <functional>
#include <string>

#include "cli/context.h"

namespace uvn::cli {

int run_batch_file(Context& ctx, const std::string& file,
                   const std::function<int(Context&, const Args&)>& run_one);

}  // namespace uvn::cli
