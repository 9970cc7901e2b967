// Rng: the one source of randomness (MAC addresses, jitter). Seeded, so a simulation run is
// reproducible. xorshift64* (Vigna); small and fast, not for cryptography.
#pragma once

#include <cstdint>

namespace uvn {

class Rng {
 public:
  explicit Rng(uint64_t seed = 0x9e3779b97f4a7c15ull) : s_(seed ? seed : 1) {}
  uint64_t next() {
    s_ ^= s_ >> 12;
    s_ ^= s_ << 25;
    s_ ^= s_ >> 27;
    return s_ * 0x2545f4914f6cdd1dull;
  }
  uint32_t below(uint32_t n) { return n ? uint32_t(next() % n) : 0; }

 private:
  uint64_t s_;
};

}  // namespace uvn
