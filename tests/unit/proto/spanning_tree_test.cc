#include "proto/spanning_tree.h"

#include <gtest/gtest.h>

namespace uvn::proto {
namespace {

TEST(SpanningTree, LinuxPathCostBySpeed) {
  EXPECT_EQ(stp_path_cost_for_speed(10), 100u);
  EXPECT_EQ(stp_path_cost_for_speed(100), 19u);
  EXPECT_EQ(stp_path_cost_for_speed(1000), 4u);
  EXPECT_EQ(stp_path_cost_for_speed(10000), 2u);  // veth reports 10000: `cost 2`
  EXPECT_EQ(stp_path_cost_for_speed(0), 100u);
  EXPECT_EQ(stp_path_cost_for_speed(2500), 100u);
  EXPECT_EQ(stp_path_cost_for_speed(40000), 100u);
}

TEST(SpanningTree, RstpPathCostBySpeed) {  // 802.1D-2004 Table 17-3
  EXPECT_EQ(rstp_path_cost_for_speed(10), 2'000'000u);
  EXPECT_EQ(rstp_path_cost_for_speed(100), 200'000u);
  EXPECT_EQ(rstp_path_cost_for_speed(1000), 20'000u);
  EXPECT_EQ(rstp_path_cost_for_speed(10000), 2'000u);
  EXPECT_EQ(rstp_path_cost_for_speed(100'000), 200u);
  EXPECT_EQ(rstp_path_cost_for_speed(10'000'000), 2u);
  EXPECT_EQ(rstp_path_cost_for_speed(100'000'000), 1u);
  EXPECT_EQ(rstp_path_cost_for_speed(0), 2'000'000u);
}

TEST(SpanningTree, PortIdAsLinux) {
  EXPECT_EQ(stp_make_port_id(32, 1), 0x8001);  // `port_id 0x8001`, `designated_port 32769`
  EXPECT_EQ(stp_make_port_id(0, 1023), 0x03ff);
  EXPECT_EQ(stp_make_port_id(63, 5), 0xfc05);
  EXPECT_EQ(stp_make_port_id(1, 1024), 0x0400);  // the port number keeps 10 bits
}

TEST(SpanningTree, TimeUnits) {
  EXPECT_EQ(cs_to_nanos(1500), 15 * kSec);
  EXPECT_EQ(nanos_to_cs(15 * kSec - 1), 1499u);
  EXPECT_EQ(nanos_to_cs(-5), 0u);
  EXPECT_EQ(bpdu_time_to_nanos(256), kSec);
  EXPECT_EQ(bpdu_time_to_nanos(1), 3'906'250);
  EXPECT_EQ(nanos_to_bpdu_time(4 * kMsec), 1);  // Linux's message age increment: one tick
  EXPECT_EQ(nanos_to_bpdu_time(20 * kSec), 5120);
  EXPECT_EQ(nanos_to_bpdu_time(1000 * kSec), 0xffff);
  EXPECT_EQ(stp_port_state_name(StpPortState::kBlocking), "blocking");
  EXPECT_EQ(stp_port_state_name(StpPortState::kListening), "listening");
}

}  // namespace
}  // namespace uvn::proto
