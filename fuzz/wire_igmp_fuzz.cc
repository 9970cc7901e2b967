// Fuzzes parse_igmp_packet (the IPv4 header, IGMP and the IGMPv3 record walk) on IPv4 packets.
// Whatever the input: the checksum-checked parse succeeds only where the unchecked one does; a
// malformed result says why; a message that parses re-emits to a packet that parses back equal.
#include <cstdint>
#include <vector>

#include "wire/igmp.h"

using namespace uvn::wire;  // NOLINT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  McastMessage checked, m;
  McastParse c = parse_igmp_packet(data, size, checked);
  McastParse r = parse_igmp_packet(data, size, m, ChecksumCheck::kSkip);
  if (c == McastParse::kOk && !(r == McastParse::kOk && m == checked)) __builtin_trap();
  if ((c == McastParse::kMalformed) != (checked.error != McastError::kNone)) __builtin_trap();
  if (r != McastParse::kOk) return 0;
  if (m.sources_truncated) {
    if (!m.query_sources.empty()) __builtin_trap();
    return 0;
  }
  // An IGMPv1 query is general whatever its group field says, so it may go anywhere; written
  // back with group 0 it would have to go to 224.0.0.1.
  if (m.kind == McastMessage::Kind::kQuery && m.version == 1 && m.dst != uvn::IpAddr{kIgmpAllHosts})
    return 0;
  std::vector<uint8_t> out = build_mcast_packet(m);
  if (out.size() != mcast_packet_len(m)) __builtin_trap();
  McastMessage back;
  if (parse_igmp_packet(out.data(), out.size(), back) != McastParse::kOk) __builtin_trap();
  if (m.dst.v4().is_zero()) back.dst = m.dst;  // emitting picks the usual destination
  if (!(back == m)) __builtin_trap();
  return 0;
}
