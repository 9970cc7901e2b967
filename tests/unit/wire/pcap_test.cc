#include "wire/pcap.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "golden_frames.h"
#include "test_util.h"

namespace uvn::wire {
namespace {

using namespace test;  // NOLINT

// A file in the test's temporary directory, removed at the end of the test.
class TempFile {
 public:
  explicit TempFile(const std::string& name)
      : path_(::testing::TempDir() + "uvn_wire_" + std::to_string(::getpid()) + "_" + name) {}
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

Bytes read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void write_all(const std::string& path, const Bytes& b) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(b.data()), std::streamsize(b.size()));
}

TEST(Pcap, WritesTheClassicFormat) {
  TempFile f("classic.pcap");
  {
    auto w = PcapWriter::open(f.path());
    ASSERT_TRUE(w);
    EXPECT_TRUE(w->write(1'500'123'456'789, golden::kArpRequest, sizeof(golden::kArpRequest)));
    EXPECT_TRUE(w->flush());
  }
  const Bytes want = {
      0xd4, 0xc3, 0xb2, 0xa1, 0x02, 0x00, 0x04, 0x00,  // magic, version 2.4 (little-endian)
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // thiszone, sigfigs
      0x00, 0x00, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00,  // snaplen 262144, Ethernet
      0xdc, 0x05, 0x00, 0x00, 0x40, 0xe2, 0x01, 0x00,  // 1500 s, 123456 us
      0x2a, 0x00, 0x00, 0x00, 0x2a, 0x00, 0x00, 0x00,  // 42 captured, 42 on the wire
  };
  Bytes got = read_all(f.path());
  ASSERT_EQ(got.size(), want.size() + sizeof(golden::kArpRequest));
  EXPECT_EQ(Bytes(got.begin(), got.begin() + ptrdiff_t(want.size())), want);
  EXPECT_EQ(Bytes(got.begin() + ptrdiff_t(want.size()), got.end()), bytes_of(golden::kArpRequest));
}

TEST(Pcap, ReadsBackWhatItWrote) {
  TempFile f("roundtrip.pcap");
  {
    auto w = PcapWriter::open(f.path());
    ASSERT_TRUE(w);
    w->write(0, golden::kIcmpEcho, sizeof(golden::kIcmpEcho));
    w->write(2'000'000'999, golden::kNdpNs, sizeof(golden::kNdpNs));
    w->write(-5, golden::kQinQ, sizeof(golden::kQinQ));  // negative: stamped 0
    w->write(3'000'000'000, nullptr, 0);
  }
  auto r = PcapReader::open(f.path());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->linktype(), kPcapLinkTypeEthernet);
  EXPECT_EQ(r->snaplen(), kPcapDefaultSnaplen);
  EXPECT_EQ(r->version_major(), 2);
  EXPECT_EQ(r->version_minor(), 4);
  auto a = r->next();
  ASSERT_TRUE(a);
  EXPECT_EQ(a->time_ns, 0);
  EXPECT_EQ(a->data, bytes_of(golden::kIcmpEcho));
  auto b = r->next();
  ASSERT_TRUE(b);
  EXPECT_EQ(b->time_ns, 2'000'000'000);  // microsecond resolution
  EXPECT_EQ(b->orig_len, sizeof(golden::kNdpNs));
  EXPECT_EQ(b->data, bytes_of(golden::kNdpNs));
  auto c = r->next();
  ASSERT_TRUE(c);
  EXPECT_EQ(c->time_ns, 0);
  EXPECT_EQ(c->data, bytes_of(golden::kQinQ));
  auto d = r->next();
  ASSERT_TRUE(d);
  EXPECT_EQ(d->time_ns, 3'000'000'000);
  EXPECT_TRUE(d->data.empty());
  EXPECT_FALSE(r->next());
  EXPECT_FALSE(r->error());
}

TEST(Pcap, CutsFramesAtTheSnaplen) {
  TempFile f("snap.pcap");
  {
    auto w = PcapWriter::open(f.path(), kPcapLinkTypeEthernet, 20);
    ASSERT_TRUE(w);
    w->write(1000, golden::kUdp4, sizeof(golden::kUdp4));
  }
  auto r = PcapReader::open(f.path());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->snaplen(), 20u);
  auto a = r->next();
  ASSERT_TRUE(a);
  EXPECT_EQ(a->orig_len, sizeof(golden::kUdp4));
  EXPECT_EQ(a->data, bytes_of(golden::kUdp4, 0, 20));
}

TEST(Pcap, OpenFailsCleanly) {
  EXPECT_FALSE(PcapWriter::open("/nonexistent-dir/x.pcap"));
  EXPECT_FALSE(PcapReader::open("/nonexistent-dir/x.pcap"));
  TempFile f("garbage.pcap");
  write_all(f.path(), Bytes(24, 0x55));
  EXPECT_FALSE(PcapReader::open(f.path()));
  write_all(f.path(), Bytes{0xd4, 0xc3, 0xb2, 0xa1});
  EXPECT_FALSE(PcapReader::open(f.path()));
}

TEST(Pcap, ReaderReportsTruncatedRecords) {
  TempFile f("cut.pcap");
  {
    auto w = PcapWriter::open(f.path());
    ASSERT_TRUE(w);
    w->write(0, golden::kArpReply, sizeof(golden::kArpReply));
  }
  Bytes all = read_all(f.path());
  for (size_t cut = 24 + 1; cut < all.size(); ++cut) {
    write_all(f.path(), Bytes(all.begin(), all.begin() + ptrdiff_t(cut)));
    auto r = PcapReader::open(f.path());
    ASSERT_TRUE(r);
    EXPECT_FALSE(r->next()) << cut;
    EXPECT_TRUE(r->error()) << cut;
  }
}

TEST(Pcap, ReadsBigEndianNanosecondFiles) {
  TempFile f("be.pcap");
  Bytes b = {
      0xa1, 0xb2, 0x3c, 0x4d, 0x00, 0x02, 0x00, 0x04, 0,    0,    0,    0, 0,
      0,    0,    0,    0x00, 0x00, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01,  // snaplen 65535, Ethernet
      0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x07,                    // 2 s, 7 ns
      0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x40,                    // 3 captured of 64
      0xaa, 0xbb, 0xcc};
  write_all(f.path(), b);
  auto r = PcapReader::open(f.path());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->snaplen(), 65535u);
  EXPECT_EQ(r->linktype(), 1u);
  auto a = r->next();
  ASSERT_TRUE(a);
  EXPECT_EQ(a->time_ns, 2'000'000'007);
  EXPECT_EQ(a->orig_len, 64u);
  EXPECT_EQ(a->data, (Bytes{0xaa, 0xbb, 0xcc}));
}

// Runs a shell command and returns its standard output.
std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return out;
  char buf[512];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), p)) > 0) out.append(buf, n);
  ::pclose(p);
  return out;
}

TEST(Pcap, TsharkReadsOurFiles) {
  if (std::system("command -v tshark >/dev/null 2>&1") != 0) GTEST_SKIP() << "no tshark";
  TempFile f("tshark.pcap");
  {
    auto w = PcapWriter::open(f.path());
    ASSERT_TRUE(w);
    w->write(1'000'000'000, golden::kArpRequest, sizeof(golden::kArpRequest));
    w->write(1'000'250'000, golden::kIcmpEcho, sizeof(golden::kIcmpEcho));
    w->write(1'000'500'000, golden::kUdp6, sizeof(golden::kUdp6));
    w->write(1'000'750'000, golden::kNdpNa, sizeof(golden::kNdpNa));
  }
  std::string out = run("tshark -r '" + f.path() +
                        "' -T fields -E separator=, -e frame.time_epoch -e frame.protocols "
                        "2>/dev/null");
  EXPECT_EQ(out,
            "1.000000000,eth:ethertype:arp\n"
            "1.000250000,eth:ethertype:ip:icmp:data\n"
            "1.000500000,eth:ethertype:ipv6:udp:mdns\n"
            "1.000750000,eth:ethertype:ipv6:icmpv6\n");
}

}  // namespace
}  // namespace uvn::wire
