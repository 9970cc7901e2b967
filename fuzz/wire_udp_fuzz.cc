// Fuzzes UdpView/UdpRepr on IPv4 or IPv6 packets (chosen by the version nibble): the IP payload
// is taken as UDP whatever the protocol says. Parsed without the checksum check, re-emitted with
// the same addresses, the datagram must verify and parse equal.
#include <cstdint>
#include <cstring>
#include <vector>

#include "wire/ipv4.h"
#include "wire/ipv6.h"
#include "wire/udp.h"

using namespace uvn::wire;  // NOLINT

namespace {

template <typename Addr>
void check(const uint8_t* p, size_t len, const Addr& src, const Addr& dst, bool v4) {
  auto v = UdpView::parse(p, len);
  if (!v) return;
  if (v->length() > len || v->payload_len() + kUdpHeaderLen != v->length()) __builtin_trap();
  bool verified = v->verify_checksum(src, dst);
  if (verified != bool(UdpRepr::parse(*v, src, dst))) __builtin_trap();
  if (!v4 && v->checksum() == 0 && verified) __builtin_trap();
  auto r = UdpRepr::parse(*v, src, dst, ChecksumCheck::kSkip);
  if (!r) return;
  std::vector<uint8_t> out(r->buffer_len());
  std::memcpy(out.data() + kUdpHeaderLen, v->payload(), v->payload_len());
  r->emit(out.data(), src, dst);
  if (std::memcmp(out.data(), p, 6) != 0 || (out[6] == 0 && out[7] == 0)) __builtin_trap();
  auto v2 = UdpView::parse(out.data(), out.size());
  if (!v2 || !v2->verify_checksum(src, dst)) __builtin_trap();
  auto r2 = UdpRepr::parse(*v2, src, dst);
  if (!r2 || !(*r2 == *r)) __builtin_trap();
  if (v4) {  // without a checksum
    r->emit(out.data());
    auto r3 = UdpRepr::parse(*UdpView::parse(out.data(), out.size()), src, dst);
    if (!r3 || !(*r3 == *r)) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  if (data[0] >> 4 == 4) {
    auto ip = Ipv4View::parse(data, size);
    if (ip) check(ip->payload(), ip->payload_len(), ip->src(), ip->dst(), true);
  } else {
    auto ip = Ipv6View::parse(data, size);
    if (ip) check(ip->payload(), ip->payload_len(), ip->src(), ip->dst(), false);
  }
  return 0;
}
