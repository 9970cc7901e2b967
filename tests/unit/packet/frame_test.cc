#include <gtest/gtest.h>

#include "packet/batch.h"
#include "packet/pool.h"

namespace uvn {

TEST(Frame, PushPullPutWithinHeadroomAndTailroom) {
  Pool pool;
  Frame f = pool.alloc(60);
  ASSERT_TRUE(f.valid());
  EXPECT_EQ(f.size(), 60u);
  EXPECT_EQ(f.headroom(), kFrameHeadroom);
  uint8_t* tag = f.push(4);
  ASSERT_NE(tag, nullptr);
  EXPECT_EQ(f.size(), 64u);
  EXPECT_TRUE(f.pull(4));
  EXPECT_EQ(f.size(), 60u);
  EXPECT_EQ(f.push(kFrameHeadroom + 1), nullptr);
  EXPECT_FALSE(f.pull(61));
  EXPECT_NE(f.put(10), nullptr);
  EXPECT_EQ(f.size(), 70u);
  EXPECT_EQ(f.put(f.tailroom() + 1), nullptr);
}

TEST(Pool, RecyclesBuffersWithoutGrowing) {
  Pool pool(16);
  for (int i = 0; i < 1000; ++i) {
    Frame f = pool.alloc(64);
    f.data()[0] = uint8_t(i);
  }
  EXPECT_EQ(pool.stats().buffers, 16u);
  EXPECT_EQ(pool.stats().in_use, 0u);
  EXPECT_EQ(pool.stats().allocs, 1000u);
}

TEST(Pool, OversizeFramesComeFromTheHeapAndAreCounted) {
  Pool pool;
  {
    Frame f = pool.alloc(9000);
    EXPECT_EQ(f.size(), 9000u);
    EXPECT_EQ(pool.stats().oversize, 1u);
    EXPECT_EQ(pool.stats().in_use, 1u);
  }
  EXPECT_EQ(pool.stats().in_use, 0u);
}

TEST(Frame, CloneCopiesBytesAndMeta) {
  Pool pool;
  uint8_t bytes[] = {1, 2, 3, 4};
  Frame f = pool.from_bytes(bytes, 4);
  f.meta.priority = 5;
  Frame g = f.clone();
  ASSERT_EQ(g.size(), 4u);
  EXPECT_EQ(g.data()[3], 4);
  EXPECT_EQ(g.meta.priority, 5u);
  EXPECT_NE(g.data(), f.data());
}

TEST(Batch, HoldsUpTo256AndClears) {
  Pool pool;
  Batch b;
  for (size_t i = 0; i < kMaxBatch; ++i) EXPECT_TRUE(b.push(pool.alloc(64)));
  EXPECT_TRUE(b.full());
  Frame extra = pool.alloc(64);
  EXPECT_FALSE(b.push(std::move(extra)));
  EXPECT_TRUE(extra.valid());  // left with the caller
  Batch c;
  b.move_to(c);
  EXPECT_TRUE(b.empty());
  EXPECT_EQ(c.size(), kMaxBatch);
  c.clear();
  extra = Frame();
  EXPECT_EQ(pool.stats().in_use, 0u);
}

}  // namespace uvn
