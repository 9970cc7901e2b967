// Classic libpcap capture files (the format of pcap-savefile(5), also described in
// draft-ietf-opsawg-pcap): a 24-byte file header (magic 0xa1b2c3d4, version 2.4, snaplen,
// link type) and per frame a 16-byte record header (seconds, microseconds, captured length,
// original length) followed by the captured bytes. PcapWriter writes little-endian files with
// microsecond stamps, link type 1 (Ethernet) and snaplen 262144 by default; time comes from the
// caller (the virtual clock in the simulator), so the same run gives the same file. PcapReader
// reads files of either byte order, with microsecond or nanosecond (0xa1b23c4d) stamps.
//
// This is the only file I/O in wire/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace uvn::wire {

inline constexpr uint32_t kPcapMagicMicros = 0xa1b2c3d4;
inline constexpr uint32_t kPcapMagicNanos = 0xa1b23c4d;
inline constexpr uint32_t kPcapLinkTypeEthernet = 1;
inline constexpr uint32_t kPcapDefaultSnaplen = 262144;
inline constexpr size_t kPcapFileHeaderLen = 24;
inline constexpr size_t kPcapRecordHeaderLen = 16;

namespace detail {
struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f != nullptr) std::fclose(f);
  }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;
}  // namespace detail

class PcapWriter {
 public:
  // Creates (truncates) `path` and writes the file header. nullopt when the file cannot be
  // opened or written.
  static std::optional<PcapWriter> open(const std::string& path,
                                        uint32_t linktype = kPcapLinkTypeEthernet,
                                        uint32_t snaplen = kPcapDefaultSnaplen);

  // Appends one frame, stamped `time_ns` nanoseconds after the epoch (negative times are
  // written as 0). Frames longer than the snaplen are cut, keeping their original length.
  // Returns false on a write error; later writes keep failing.
  bool write(int64_t time_ns, const uint8_t* data, size_t len);
  bool flush();
  bool ok() const { return ok_; }

 private:
  PcapWriter(detail::FilePtr f, uint32_t snaplen) : f_(std::move(f)), snaplen_(snaplen) {}
  detail::FilePtr f_;
  uint32_t snaplen_;
  bool ok_ = true;
};

struct PcapRecord {
  int64_t time_ns = 0;
  uint32_t orig_len = 0;
  std::vector<uint8_t> data;  // the captured bytes
};

class PcapReader {
 public:
  // nullopt when the file cannot be opened or does not start with a pcap header.
  static std::optional<PcapReader> open(const std::string& path);

  // The next record; nullopt at the end of the file or at a truncated or malformed record
  // (then error() is true).
  std::optional<PcapRecord> next();
  bool error() const { return error_; }
  uint32_t linktype() const { return linktype_; }
  uint32_t snaplen() const { return snaplen_; }
  uint16_t version_major() const { return major_; }
  uint16_t version_minor() const { return minor_; }

 private:
  explicit PcapReader(detail::FilePtr f) : f_(std::move(f)) {}
  uint32_t load32(const uint8_t* p) const;
  detail::FilePtr f_;
  bool swapped_ = false;  // file is big-endian
  bool nanos_ = false;
  bool error_ = false;
  uint32_t linktype_ = 0;
  uint32_t snaplen_ = 0;
  uint16_t major_ = 0;
  uint16_t minor_ = 0;
};

}  // namespace uvn::wire
