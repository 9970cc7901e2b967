#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "engine/engine.h"

namespace uvn {

TEST(Engine, TimersFireInTimeOrderThenInSetOrder) {
  Engine e;
  std::vector<int> order;
  e.at(2 * kSec, [&] { order.push_back(3); });
  e.at(1 * kSec, [&] { order.push_back(1); });
  e.at(1 * kSec, [&] { order.push_back(2); });
  e.advance_to(5 * kSec);
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(e.now(), 5 * kSec);
}

TEST(Engine, CancelledTimersDoNotFireAndTimeOnlyMovesForward) {
  Engine e;
  int fired = 0;
  TimerId t = e.after(kSec, [&] { ++fired; });
  e.cancel(t);
  e.advance_to(2 * kSec);
  EXPECT_EQ(fired, 0);
  e.advance_to(kSec);  // going back is a no-op
  EXPECT_EQ(e.now(), 2 * kSec);
  EXPECT_EQ(e.next_deadline(), kForever);
}

TEST(Engine, TimerSetFromATimerInThePastRunsNow) {
  Engine e;
  Nanos seen = -1;
  e.at(kSec, [&] { e.at(0, [&] { seen = e.now(); }); });
  e.advance_to(3 * kSec);
  EXPECT_EQ(seen, kSec);
}

struct Counter : PollTarget {
  Engine& e;
  std::vector<size_t> polls;
  explicit Counter(Engine& en) : e(en) {}
  bool give(Frame&& f) { return netif_rx(e, std::move(f)); }
  void poll(Batch& b) override { polls.push_back(b.size()); }
};

TEST(Engine, BacklogIsPolledInBatchesOfAtMost256) {
  Engine e;
  Counter c(e);
  for (int i = 0; i < 600; ++i) ASSERT_TRUE(c.give(e.pool().alloc(64)));
  e.run_pending();
  EXPECT_EQ(c.polls, (std::vector<size_t>{256, 256, 88}));
}

TEST(Engine, BacklogOverflowDropsAndCounts) {
  Engine e;
  Counter c(e);
  size_t accepted = 0;
  for (size_t i = 0; i < Engine::kMaxBacklog + 10; ++i) accepted += c.give(e.pool().alloc(64));
  EXPECT_EQ(accepted, Engine::kMaxBacklog);
  EXPECT_EQ(e.stats().backlog_drops, 10u);
  e.run_pending();
  EXPECT_EQ(e.pool().stats().in_use, 0u);
}

// Devices are polled in the order they got frames, also past the ready queue's growth and
// wrap-around, and one that forgets its backlog leaves the queue without disturbing the rest.
struct Named : PollTarget {
  Engine& e;
  int id;
  std::vector<int>& log;
  Named(Engine& en, int i, std::vector<int>& l) : e(en), id(i), log(l) {}
  bool give(Frame&& f) { return netif_rx(e, std::move(f)); }
  void poll(Batch&) override { log.push_back(id); }
};

TEST(Engine, ReadyDevicesArePolledInArrivalOrder) {
  Engine e;
  std::vector<int> log;
  std::vector<std::unique_ptr<Named>> t;
  for (int i = 0; i < 40; ++i) t.push_back(std::make_unique<Named>(e, i, log));
  std::vector<int> want;
  // Rounds of different sizes move the ring's head around before it grows.
  for (int round : {5, 12, 40, 3, 33}) {
    log.clear();
    want.clear();
    for (int i = 0; i < round; ++i) {
      int k = (i * 7 + round) % 40;
      ASSERT_TRUE(t[size_t(k)]->give(e.pool().alloc(64)));
      want.push_back(k);
    }
    if (round == 33) {  // one of them forgets its frames before the poll
      t[size_t(want[10])]->purge_backlog(e);
      want.erase(want.begin() + 10);
    }
    e.run_pending();
    EXPECT_EQ(log, want) << "round " << round;
  }
}

}  // namespace uvn
