#include "packet/frame.h"

#include "packet/pool.h"

namespace uvn {

Frame& Frame::operator=(Frame&& o) noexcept {
  if (this != &o) {
    release();
    buf_ = std::exchange(o.buf_, nullptr);
    pool_ = o.pool_;
    cap_ = o.cap_;
    head_ = o.head_;
    len_ = o.len_;
    heap_ = o.heap_;
    meta = o.meta;
    offload = o.offload;
  }
  return *this;
}

void Frame::release() {
  if (!buf_) return;
  if (heap_) {
    delete[] buf_;
    --pool_->stats_.in_use;
  } else {
    pool_->give_back(buf_);
  }
  buf_ = nullptr;
}

uint8_t* Frame::push(size_t n) {
  if (n > head_) return nullptr;
  head_ -= uint32_t(n);
  len_ += uint32_t(n);
  if (offload.any()) shift_offload(int(n));
  return buf_ + head_;
}

bool Frame::pull(size_t n) {
  if (n > len_) return false;
  head_ += uint32_t(n);
  len_ -= uint32_t(n);
  if (offload.any()) shift_offload(-int(n));
  return true;
}

uint8_t* Frame::put(size_t n) {
  if (n > tailroom()) return nullptr;
  uint8_t* p = buf_ + head_ + len_;
  len_ += uint32_t(n);
  return p;
}

Frame Frame::clone() const {
  Frame f = pool_->alloc(len_);
  std::memcpy(f.data(), data(), len_);
  f.meta = meta;
  f.offload = offload;
  return f;
}

void Frame::shift_offload(int delta) {
  if (offload.csum_partial) offload.csum_start = uint16_t(offload.csum_start + delta);
  if (offload.hdr_len) offload.hdr_len = uint16_t(offload.hdr_len + delta);
}

}  // namespace uvn
