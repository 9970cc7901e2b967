// Batch: up to kMaxBatch frames moved together through the data path (rx, forwarding and tx
// work on batches, as VPP's vectors and Linux's NAPI budget do). Storage is inline: making,
// filling and clearing a batch allocates nothing.
#pragma once

#include <array>
#include <cstddef>

#include "packet/frame.h"

namespace uvn {

constexpr size_t kMaxBatch = 256;

class Batch {
 public:
  size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  bool full() const { return n_ == kMaxBatch; }
  // Adds a frame; returns false (and leaves the frame with the caller) when full.
  bool push(Frame&& f) {
    if (n_ == kMaxBatch) return false;
    frames_[n_++] = std::move(f);
    return true;
  }
  Frame& operator[](size_t i) { return frames_[i]; }
  Frame* begin() { return frames_.data(); }
  Frame* end() { return frames_.data() + n_; }
  // Frees every frame.
  void clear() {
    for (size_t i = 0; i < n_; ++i) frames_[i] = Frame();
    n_ = 0;
  }
  // Moves all frames to `to` (which must be empty) and leaves this batch empty.
  void move_to(Batch& to) {
    for (size_t i = 0; i < n_; ++i) to.frames_[i] = std::move(frames_[i]);
    to.n_ = n_;
    n_ = 0;
  }

 private:
  std::array<Frame, kMaxBatch> frames_;
  size_t n_ = 0;
};

}  // namespace uvn
