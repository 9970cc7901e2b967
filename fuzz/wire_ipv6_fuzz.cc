// Fuzzes Ipv6View/Ipv6Repr on IPv6 packets: a parsed header re-emits byte for byte and
// re-parses equal.
#include <cstdint>
#include <cstring>
#include <vector>

#include "wire/ipv6.h"

using namespace uvn::wire;  // NOLINT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto v = Ipv6View::parse(data, size);
  if (!v) return 0;
  if (kIpv6HeaderLen + v->payload_len() > size) __builtin_trap();
  auto r = Ipv6Repr::parse(*v);
  if (!r) return 0;
  std::vector<uint8_t> out(r->buffer_len());
  r->emit(out.data());
  if (std::memcmp(out.data(), data, kIpv6HeaderLen) != 0) __builtin_trap();
  std::memcpy(out.data() + kIpv6HeaderLen, v->payload(), v->payload_len());
  auto v2 = Ipv6View::parse(out.data(), out.size());
  if (!v2) __builtin_trap();
  auto r2 = Ipv6Repr::parse(*v2);
  if (!r2 || !(*r2 == *r)) __builtin_trap();
  return 0;
}
