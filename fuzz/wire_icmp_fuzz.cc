// Fuzzes IcmpView/IcmpRepr on ICMPv4 messages (the IPv4 payload). Parsed without the checksum
// check, re-emitted, the message must verify, match the input but for the checksum, and parse
// equal.
#include <cstdint>
#include <cstring>
#include <vector>

#include "wire/icmp.h"

using namespace uvn::wire;  // NOLINT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto v = IcmpView::parse(data, size);
  if (!v) return 0;
  bool verified = v->verify_checksum();
  if (verified != bool(IcmpRepr::parse(*v))) __builtin_trap();
  auto r = IcmpRepr::parse(*v, ChecksumCheck::kSkip);
  if (!r) return 0;
  if (r->buffer_len() != size) __builtin_trap();
  std::vector<uint8_t> out(r->buffer_len());
  r->emit(out.data());
  if (std::memcmp(out.data(), data, 2) != 0 || std::memcmp(out.data() + 4, data + 4, size - 4) != 0)
    __builtin_trap();
  if (verified && std::memcmp(out.data(), data, size) != 0) {
    // The same sum can be written two ways (0x0000 and 0xffff); anything else is a bug.
    uint16_t a = uint16_t(out[2] << 8 | out[3]), b = uint16_t(data[2] << 8 | data[3]);
    if (uint16_t(a + b) != 0xffff) __builtin_trap();
  }
  auto v2 = IcmpView::parse(out.data(), out.size());
  if (!v2 || !v2->verify_checksum()) __builtin_trap();
  auto r2 = IcmpRepr::parse(*v2);
  if (!r2 || !(*r2 == *r)) __builtin_trap();
  return 0;
}
