// Fuzzes Ipv4View/Ipv4Repr on IPv4 packets. The repr is taken without the checksum check (so
// the fuzzer reaches past it); re-emitted with the payload, it must verify and parse equal.
#include <cstdint>
#include <cstring>
#include <vector>

#include "wire/ipv4.h"

using namespace uvn::wire;  // NOLINT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto v = Ipv4View::parse(data, size);
  if (!v) return 0;
  if (v->header_len() < kIpv4MinHeaderLen || v->header_len() > kIpv4MaxHeaderLen ||
      v->header_len() + v->payload_len() > size)
    __builtin_trap();
  bool verified = v->verify_checksum();
  if (verified != bool(Ipv4Repr::parse(*v)) && v->version() == 4) __builtin_trap();
  auto r = Ipv4Repr::parse(*v, ChecksumCheck::kSkip);
  if (!r) return 0;
  if (r->buffer_len() != v->total_len() || r->frag_offset % 8 != 0) __builtin_trap();

  std::vector<uint8_t> out(r->buffer_len());
  r->emit(out.data());
  std::memcpy(out.data() + r->header_len(), v->payload(), v->payload_len());
  // Only the checksum and the reserved flag may differ from the input header.
  for (size_t i = 0; i < r->header_len(); ++i) {
    if (i == 10 || i == 11) continue;
    uint8_t mask = i == 6 ? 0x7f : 0xff;
    if ((out[i] & mask) != (data[i] & mask)) __builtin_trap();
  }
  auto v2 = Ipv4View::parse(out.data(), out.size());
  if (!v2 || !v2->verify_checksum()) __builtin_trap();
  auto r2 = Ipv4Repr::parse(*v2);
  if (!r2 || !(*r2 == *r)) __builtin_trap();
  return 0;
}
