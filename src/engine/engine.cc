#include "engine/engine.h"

#include <algorithm>

namespace uvn {

PollTarget::~PollTarget() {
  if (engine_) purge_backlog(*engine_);
}

bool PollTarget::netif_rx(Engine& engine, Frame&& f) {
  engine_ = &engine;
  if (ring_len_ == ring_.size()) {
    if (ring_.size() >= Engine::kMaxBacklog) {
      ++engine.stats_.backlog_drops;
      return false;
    }
    std::vector<Frame> bigger(ring_.empty() ? 16 : ring_.size() * 2);
    for (size_t i = 0; i < ring_len_; ++i)
      bigger[i] = std::move(ring_[(ring_head_ + i) % ring_.size()]);
    ring_ = std::move(bigger);
    ring_head_ = 0;
  }
  ring_[(ring_head_ + ring_len_++) % ring_.size()] = std::move(f);
  engine.schedule(this);
  return true;
}

size_t PollTarget::netif_rx_batch(Engine& engine, Batch& b) {
  size_t dropped = 0;
  for (auto& f : b) dropped += netif_rx(engine, std::move(f)) ? 0 : 1;
  b.clear();
  return dropped;
}

void PollTarget::purge_backlog(Engine& engine) {
  for (auto& f : ring_) f = Frame();
  ring_len_ = 0;
  engine.unschedule(this);
}

void Engine::schedule(PollTarget* t) {
  if (t->scheduled_) return;
  t->scheduled_ = true;
  ready_.push_back(t);
}

void Engine::unschedule(PollTarget* t) {
  if (!t->scheduled_) return;
  t->scheduled_ = false;
  ready_.erase(t);
}

size_t Engine::run_pending(size_t max_polls) {
  size_t polls = 0;
  if (polling_) return 0;  // frames queued from inside a poll wait for the outer loop
  polling_ = true;
  Batch& batch = poll_batch_;
  while (!ready_.empty() && polls < max_polls) {
    PollTarget* t = ready_.pop_front();
    t->scheduled_ = false;
    while (t->ring_len_ && !batch.full()) {
      batch.push(std::move(t->ring_[t->ring_head_]));
      t->ring_head_ = (t->ring_head_ + 1) % t->ring_.size();
      --t->ring_len_;
    }
    if (t->ring_len_) schedule(t);  // more than one batch: poll again later
    ++polls;
    ++stats_.polls;
    stats_.frames_polled += batch.size();
    t->poll(batch);
    batch.clear();
  }
  polling_ = false;
  return polls;
}

TimerId Engine::at(Nanos when, std::function<void()> fn) {
  TimerId id = next_id_++;
  live_.insert(id);
  timers_.push(Timer{std::max(when, now_), id, std::move(fn)});
  return id;
}

void Engine::cancel(TimerId id) {
  live_.erase(id);
}

Nanos Engine::next_deadline() {
  while (!timers_.empty() && !live_.count(timers_.top().id)) timers_.pop();
  return timers_.empty() ? kForever : timers_.top().when;
}

void Engine::advance_to(Nanos t) {
  run_pending();
  while (!timers_.empty() && timers_.top().when <= t) {
    Timer timer = timers_.top();
    timers_.pop();
    if (!live_.erase(timer.id)) continue;
    now_ = std::max(now_, timer.when);
    timer.fn();
    run_pending();
  }
  now_ = std::max(now_, t);
}

}  // namespace uvn
