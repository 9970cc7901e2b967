// Pool: fixed-size frame buffers, allocated in chunks and recycled through a free list.
// Single-threaded: each engine instance owns one pool (the live daemon will give each worker
// its own). The pool must outlive every frame taken from it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "packet/frame.h"

namespace uvn {

constexpr size_t kFrameHeadroom = 128;
constexpr size_t kFrameBufSize = 2048 + kFrameHeadroom;  // room for 1500 MTU + tags

struct PoolStats {
  uint64_t allocs = 0;
  uint64_t oversize = 0;    // frames too big for a pool buffer (heap)
  size_t buffers = 0;       // buffers owned by the pool
  size_t in_use = 0;
};

class Pool {
 public:
  explicit Pool(size_t chunk = 256) : chunk_(chunk) {}
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // A frame of `len` bytes (uninitialised) with kFrameHeadroom in front.
  Frame alloc(size_t len);
  // A frame holding a copy of bytes.
  Frame from_bytes(const uint8_t* p, size_t len);

  const PoolStats& stats() const { return stats_; }

 private:
  friend class Frame;
  void give_back(uint8_t* buf) {
    free_.push_back(buf);
    --stats_.in_use;
  }
  void grow();

  size_t chunk_;
  std::vector<std::unique_ptr<uint8_t[]>> chunks_;
  std::vector<uint8_t*> free_;
  PoolStats stats_;
};

}  // namespace uvn
