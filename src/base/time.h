// Time as the engine sees it: nanoseconds since the clock's epoch. Nothing below app/ reads
// the wall clock; the simulator's clock is virtual, the daemon's is real (see sim/ and app/).
#pragma once

#include <cstdint>

namespace uvn {

using Nanos = int64_t;

constexpr Nanos kUsec = 1000;
constexpr Nanos kMsec = 1000 * kUsec;
constexpr Nanos kSec = 1000 * kMsec;
constexpr Nanos kForever = INT64_MAX;

}  // namespace uvn
