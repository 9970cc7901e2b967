#include <gtest/gtest.h>

#include "dev/core/options.h"

namespace uvn {

namespace {
constexpr std::string_view kModes[] = {"balance-rr", "active-backup", "balance-xor"};
constexpr OptionSpec kSpecs[] = {
    {.name = "mode", .type = OptType::kEnum, .def = 0, .names = kModes},
    {.name = "miimon", .type = OptType::kUint, .def = 0, .min = 0, .max = 1000},
    {.name = "stp_state", .type = OptType::kBool01, .max = 1},
    {.name = "pi", .type = OptType::kOnOff},
    {.name = "group_fwd_mask", .type = OptType::kHex, .max = 0xffff},
    {.name = "group_address", .type = OptType::kMac, .def = 0x0180c2000000},
};
constexpr OptionTable kTable{kSpecs};
}  // namespace

TEST(OptionTable, ParsesNamesAndNumericIndexesForEnums) {
  EXPECT_EQ(kTable.parse(0, "active-backup"), 1u);
  EXPECT_EQ(kTable.parse(0, "2"), 2u);  // iproute2 accepts the index
  EXPECT_FALSE(kTable.parse(0, "3"));
  EXPECT_FALSE(kTable.parse(0, "bogus"));
}

TEST(OptionTable, ChecksRangesAndFormats) {
  EXPECT_EQ(kTable.parse(1, "100"), 100u);
  EXPECT_FALSE(kTable.parse(1, "1001"));
  EXPECT_FALSE(kTable.parse(2, "2"));
  EXPECT_EQ(kTable.parse(3, "on"), 1u);
  EXPECT_FALSE(kTable.parse(3, "yes"));
  EXPECT_EQ(kTable.format(4, 0x8001), "0x8001");
  EXPECT_EQ(kTable.format(5, 0x0180c2000000), "01:80:c2:00:00:00");
  EXPECT_EQ(kTable.parse(5, "01:80:c2:00:00:0e"), 0x0180c200000eu);
  EXPECT_EQ(kTable.find("pi"), 3);
  EXPECT_EQ(kTable.find("nope"), -1);
  EXPECT_EQ(kTable.defaults()[5], 0x0180c2000000u);
}

}  // namespace uvn
