#include "wire/pcap.h"

#include <algorithm>

#include "base/be.h"

namespace uvn::wire {

namespace {

void store_le16(uint8_t* p, uint16_t v) {
  p[0] = uint8_t(v);
  p[1] = uint8_t(v >> 8);
}

void store_le32(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = uint8_t(v >> (8 * i));
}

uint32_t load_le32(const uint8_t* p) {
  return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}

// Records larger than this are treated as corrupt by the reader (libpcap uses a similar cap).
constexpr uint32_t kMaxRecordLen = 16 * 1024 * 1024;

}  // namespace

std::optional<PcapWriter> PcapWriter::open(const std::string& path, uint32_t linktype,
                                           uint32_t snaplen) {
  detail::FilePtr f(std::fopen(path.c_str(), "wb"));
  if (!f) return std::nullopt;
  uint8_t h[kPcapFileHeaderLen];
  store_le32(h, kPcapMagicMicros);
  store_le16(h + 4, 2);
  store_le16(h + 6, 4);
  store_le32(h + 8, 0);   // thiszone
  store_le32(h + 12, 0);  // sigfigs
  store_le32(h + 16, snaplen);
  store_le32(h + 20, linktype);
  if (std::fwrite(h, 1, sizeof(h), f.get()) != sizeof(h)) return std::nullopt;
  return PcapWriter(std::move(f), snaplen);
}

bool PcapWriter::write(int64_t time_ns, const uint8_t* data, size_t len) {
  if (!ok_) return false;
  int64_t t = std::max<int64_t>(time_ns, 0);
  uint32_t caplen = uint32_t(std::min<size_t>(len, snaplen_));
  uint8_t h[kPcapRecordHeaderLen];
  store_le32(h, uint32_t(t / 1000000000));
  store_le32(h + 4, uint32_t(t % 1000000000 / 1000));
  store_le32(h + 8, caplen);
  store_le32(h + 12, uint32_t(std::min<size_t>(len, UINT32_MAX)));
  ok_ = std::fwrite(h, 1, sizeof(h), f_.get()) == sizeof(h) &&
        (caplen == 0 || std::fwrite(data, 1, caplen, f_.get()) == caplen);
  return ok_;
}

bool PcapWriter::flush() {
  if (ok_ && std::fflush(f_.get()) != 0) ok_ = false;
  return ok_;
}

std::optional<PcapReader> PcapReader::open(const std::string& path) {
  detail::FilePtr f(std::fopen(path.c_str(), "rb"));
  if (!f) return std::nullopt;
  uint8_t h[kPcapFileHeaderLen];
  if (std::fread(h, 1, sizeof(h), f.get()) != sizeof(h)) return std::nullopt;
  PcapReader r(std::move(f));
  uint32_t magic = load_le32(h);
  if (magic == kPcapMagicMicros || magic == kPcapMagicNanos) {
    r.swapped_ = false;
  } else if (load_be32(h) == kPcapMagicMicros || load_be32(h) == kPcapMagicNanos) {
    r.swapped_ = true;
    magic = load_be32(h);
  } else {
    return std::nullopt;
  }
  r.nanos_ = magic == kPcapMagicNanos;
  r.major_ = uint16_t(r.swapped_ ? load_be16(h + 4) : h[4] | h[5] << 8);
  r.minor_ = uint16_t(r.swapped_ ? load_be16(h + 6) : h[6] | h[7] << 8);
  r.snaplen_ = r.load32(h + 16);
  r.linktype_ = r.load32(h + 20);
  return r;
}

uint32_t PcapReader::load32(const uint8_t* p) const {
  return swapped_ ? load_be32(p) : load_le32(p);
}

std::optional<PcapRecord> PcapReader::next() {
  if (error_) return std::nullopt;
  uint8_t h[kPcapRecordHeaderLen];
  size_t got = std::fread(h, 1, sizeof(h), f_.get());
  if (got == 0 && std::feof(f_.get())) return std::nullopt;
  if (got != sizeof(h)) {
    error_ = true;
    return std::nullopt;
  }
  uint32_t caplen = load32(h + 8);
  if (caplen > kMaxRecordLen) {
    error_ = true;
    return std::nullopt;
  }
  PcapRecord rec;
  int64_t frac = load32(h + 4);
  rec.time_ns = int64_t(load32(h)) * 1000000000 + (nanos_ ? frac : frac * 1000);
  rec.orig_len = load32(h + 12);
  rec.data.resize(caplen);
  if (caplen != 0 && std::fread(rec.data.data(), 1, caplen, f_.get()) != caplen) {
    error_ = true;
    return std::nullopt;
  }
  return rec;
}

}  // namespace uvn::wire
