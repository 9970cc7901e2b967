// Fuzzes Icmpv6View/Icmpv6Repr (and the ND option walk) on IPv6 packets: the IPv6 payload is
// taken as an ICMPv6 message whatever the next header says. Parsed without the checksum check,
// re-emitted with the same addresses, the message must verify and parse equal.
#include <cstdint>
#include <vector>

#include "wire/icmpv6.h"
#include "wire/ipv6.h"

using namespace uvn::wire;  // NOLINT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto ipv = Ipv6View::parse(data, size);
  if (!ipv) return 0;
  auto ip = Ipv6Repr::parse(*ipv);
  if (!ip) return 0;
  auto v = Icmpv6View::parse(ipv->payload(), ipv->payload_len());
  if (!v) return 0;
  bool verified = v->verify_checksum(ip->src, ip->dst);
  auto checked = Icmpv6Repr::parse(*v, *ip);
  auto r = Icmpv6Repr::parse(*v, *ip, ChecksumCheck::kSkip);
  if (bool(checked) != (verified && bool(r))) __builtin_trap();
  if (!r) return 0;
  if (r->buffer_len() > v->len() || r->header_len() > r->buffer_len()) __builtin_trap();
  std::vector<uint8_t> out(r->buffer_len());
  r->emit(out.data(), ip->src, ip->dst);
  auto v2 = Icmpv6View::parse(out.data(), out.size());
  if (!v2 || !v2->verify_checksum(ip->src, ip->dst)) __builtin_trap();
  auto r2 = Icmpv6Repr::parse(*v2, *ip);
  if (!r2 || !(*r2 == *r) || r2->type() != r->type()) __builtin_trap();
  return 0;
}
