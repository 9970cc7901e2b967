// The libteam tools' front ends: teamd (start, kill or check a daemon for a team device) and
// teamdctl (talk to a running teamd over its control protocol), with libteam 1.31's command
// lines, help texts and messages (tests/reference/team-ground-truth.md sections 1 and 4).
//
// In the simulator teamd always runs in the background, with or without -d (a foreground
// teamd would never return to the script); without -d (or with -l) its log lines, as many
// as -g asks for, go to the simulator's background output. teamdctl finds the daemon by the
// device name, as the socket path /var/run/teamd/DEV.sock does, and exchanges the protocol's
// bytes with it (teamd/usock.h). Not supported, and said so: D-Bus (-D) and ZeroMQ (-Z).
#pragma once

#include "cli/context.h"

namespace uvn::cli {

// args exclude argv[0]; `prog` is argv[0] as typed (teamd prints it in its help).
int teamd_main(Context& ctx, const Args& args, const std::string& prog = "teamd");
int teamdctl_main(Context& ctx, const Args& args);

}  // namespace uvn::cli
