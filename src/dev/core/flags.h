// Interface flags and operational states with the values Linux uses (if.h, RFC 2863), so
// printers and JSON can name them exactly as iproute2 does.
#pragma once

#include <cstdint>
#include <string_view>

namespace uvn {

enum IfFlag : uint32_t {
  kIffUp = 0x1,
  kIffBroadcast = 0x2,
  kIffDebug = 0x4,
  kIffLoopback = 0x8,
  kIffPointopoint = 0x10,
  kIffNotrailers = 0x20,
  kIffRunning = 0x40,
  kIffNoarp = 0x80,
  kIffPromisc = 0x100,
  kIffAllmulti = 0x200,
  kIffMaster = 0x400,
  kIffSlave = 0x800,
  kIffMulticast = 0x1000,
  kIffPortsel = 0x2000,
  kIffAutomedia = 0x4000,
  kIffDynamic = 0x8000,
  kIffLowerUp = 0x10000,
  kIffDormant = 0x20000,
  kIffEcho = 0x40000,
};

enum class OperState : uint8_t {
  kUnknown = 0,
  kNotPresent = 1,
  kDown = 2,
  kLowerLayerDown = 3,
  kTesting = 4,
  kDormant = 5,
  kUp = 6,
};

inline std::string_view operstate_name(OperState s) {
  static constexpr std::string_view kNames[] = {"UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN",
                                                "TESTING", "DORMANT",    "UP"};
  return kNames[static_cast<int>(s)];
}

}  // namespace uvn
