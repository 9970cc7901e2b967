// Engine: the heart of the data path and of time.
//
// * Frames: a device that receives frames queues them on its backlog (netif_rx) and the
//   device is scheduled; run_pending() then polls scheduled devices in FIFO order, one batch
//   each (like NAPI). Receiving never recurses into transmitting on the same call stack, so
//   loops and floods are processed breadth-first and deterministically.
// * Time: now() is the engine's clock. In the simulator it is virtual and only moves in
//   advance_to(); the live daemon moves it to the real time. Timers (at/cancel) fire in
//   time order, ties in the order they were set. Protocol engines take `now` from here;
//   nothing below app/ reads the wall clock.
#pragma once

#include <cstdint>
#include <functional>
#include <queue>
#include <unordered_set>
#include <vector>

#include "base/time.h"
#include "packet/batch.h"
#include "packet/pool.h"

namespace uvn {

class Engine;

// Something the engine polls for received frames: a device's receive side.
class PollTarget {
 public:
  virtual ~PollTarget();
  // Handles a batch taken from the backlog (the batch is cleared afterwards).
  virtual void poll(Batch& batch) = 0;

 protected:
  // Queues a received frame; schedules this target. Drops (returns false) when the backlog
  // is full, as netif_rx does past netdev_max_backlog.
  bool netif_rx(Engine& engine, Frame&& f);
  // Queues a whole batch (leaves it empty); returns how many were dropped.
  size_t netif_rx_batch(Engine& engine, Batch& b);

 public:
  // Forgets queued frames (device going away or moving).
  void purge_backlog(Engine& engine);

 private:
  friend class Engine;
  // Ring of received frames; grows (by doubling) up to Engine::kMaxBacklog, then stays.
  std::vector<Frame> ring_;
  size_t ring_head_ = 0, ring_len_ = 0;
  bool scheduled_ = false;
  Engine* engine_ = nullptr;
};

using TimerId = uint64_t;

struct EngineStats {
  uint64_t polls = 0;
  uint64_t frames_polled = 0;
  uint64_t backlog_drops = 0;
};

class Engine {
 public:
  static constexpr size_t kMaxBacklog = 1024;  // ~net.core.netdev_max_backlog (1000)

  Engine() = default;
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  Pool& pool() { return pool_; }
  Nanos now() const { return now_; }

  TimerId at(Nanos when, std::function<void()> fn);
  TimerId after(Nanos delay, std::function<void()> fn) { return at(now_ + delay, std::move(fn)); }
  void cancel(TimerId id);
  Nanos next_deadline();  // kForever when no timer is set

  // Polls scheduled targets until none is left or `max_polls` is reached; returns the
  // number of polls made.
  size_t run_pending(size_t max_polls = SIZE_MAX);
  bool has_pending() const { return !ready_.empty(); }

  // Moves the clock to `t`, firing due timers in order and processing frames after each.
  void advance_to(Nanos t);
  // Processes frames and timers up to now without moving the clock.
  void settle() { advance_to(now_); }

  const EngineStats& stats() const { return stats_; }

 private:
  friend class PollTarget;
  void schedule(PollTarget* t);
  void unschedule(PollTarget* t);

  struct Timer {
    Nanos when;
    TimerId id;
    std::function<void()> fn;
  };
  struct Later {
    bool operator()(const Timer& a, const Timer& b) const {
      return a.when != b.when ? a.when > b.when : a.id > b.id;
    }
  };

  Pool pool_;
  Nanos now_ = 0;
  TimerId next_id_ = 1;
  std::priority_queue<Timer, std::vector<Timer>, Later> timers_;
  std::unordered_set<TimerId> live_;  // timers set and neither fired nor cancelled
  // The devices with queued frames, in the order they were scheduled: a ring of pointers
  // that allocates only when it has to grow (std::deque took and freed a block every 64
  // pushes, a heap allocation in the steady state of the data path).
  class ReadyQueue {
   public:
    bool empty() const { return size_ == 0; }
    void push_back(PollTarget* t) {
      if (size_ == buf_.size()) grow();
      buf_[(head_ + size_) & (buf_.size() - 1)] = t;
      ++size_;
    }
    PollTarget* pop_front() {
      PollTarget* t = buf_[head_];
      head_ = (head_ + 1) & (buf_.size() - 1);
      --size_;
      return t;
    }
    // Removes `t`, keeping the others' order.
    void erase(PollTarget* t) {
      const size_t mask = buf_.size() - 1;
      size_t kept = 0;
      for (size_t i = 0; i < size_; ++i) {
        PollTarget* x = buf_[(head_ + i) & mask];
        if (x != t) buf_[(head_ + kept++) & mask] = x;
      }
      size_ = kept;
    }

   private:
    void grow() {
      std::vector<PollTarget*> n(buf_.empty() ? 16 : buf_.size() * 2);  // a power of two
      for (size_t i = 0; i < size_; ++i) n[i] = buf_[(head_ + i) & (buf_.size() - 1)];
      buf_.swap(n);
      head_ = 0;
    }
    std::vector<PollTarget*> buf_;
    size_t head_ = 0, size_ = 0;
  };
  ReadyQueue ready_;
  Batch poll_batch_;  // reused by run_pending
  bool polling_ = false;
  EngineStats stats_;
};

}  // namespace uvn
