#include "packet/pool.h"

#include <cstring>

namespace uvn {

void Pool::grow() {
  chunks_.push_back(std::make_unique<uint8_t[]>(chunk_ * kFrameBufSize));
  uint8_t* base = chunks_.back().get();
  for (size_t i = 0; i < chunk_; ++i) free_.push_back(base + i * kFrameBufSize);
  stats_.buffers += chunk_;
}

Frame Pool::alloc(size_t len) {
  Frame f;
  f.pool_ = this;
  f.head_ = kFrameHeadroom;
  f.len_ = uint32_t(len);
  ++stats_.allocs;
  ++stats_.in_use;
  if (len + kFrameHeadroom > kFrameBufSize) {
    ++stats_.oversize;
    f.cap_ = uint32_t(len + 2 * kFrameHeadroom);
    f.buf_ = new uint8_t[f.cap_];
    f.heap_ = true;
    return f;
  }
  if (free_.empty()) grow();
  f.buf_ = free_.back();
  free_.pop_back();
  f.cap_ = kFrameBufSize;
  return f;
}

Frame Pool::from_bytes(const uint8_t* p, size_t len) {
  Frame f = alloc(len);
  if (len) std::memcpy(f.data(), p, len);
  return f;
}

}  // namespace uvn
