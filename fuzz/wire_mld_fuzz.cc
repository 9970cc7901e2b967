// Fuzzes parse_mld_packet (the IPv6 header, the extension-header walk, ICMPv6, MLD and the MLDv2
// record walk) on IPv6 packets. Whatever the input: the checksum-checked parse succeeds only
// where the unchecked one does; a malformed result says why; a message that parses re-emits to
// a packet that parses back equal.
#include <cstdint>
#include <vector>

#include "wire/mld.h"

using namespace uvn::wire;  // NOLINT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  McastMessage checked, m;
  McastParse c = parse_mld_packet(data, size, checked);
  McastParse r = parse_mld_packet(data, size, m, ChecksumCheck::kSkip);
  if (c == McastParse::kOk && !(r == McastParse::kOk && m == checked)) __builtin_trap();
  if ((c == McastParse::kMalformed) != (checked.error != McastError::kNone)) __builtin_trap();
  if (r != McastParse::kOk) return 0;
  if (m.sources_truncated) {
    if (!m.query_sources.empty()) __builtin_trap();
    return 0;
  }
  // An MLDv2 report with no records parses only when padded to the 24-byte MLD header (shorter
  // ICMPv6 is not MLD to Linux); written back it is 8 bytes.
  if (m.kind == McastMessage::Kind::kReport && m.version == 2 && m.records.empty()) return 0;
  std::vector<uint8_t> out = build_mcast_packet(m);
  if (out.size() != mcast_packet_len(m)) __builtin_trap();
  McastMessage back;
  if (parse_mld_packet(out.data(), out.size(), back) != McastParse::kOk) __builtin_trap();
  if (m.dst.v6().is_zero()) back.dst = m.dst;  // emitting picks the usual destination
  if (!(back == m)) __builtin_trap();
  return 0;
}
