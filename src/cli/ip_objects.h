// The `ip OBJECT` handlers; each takes the arguments after the object name.
#pragma once

#include "cli/context.h"

namespace uvn::cli {

using ArgIt = Args::const_iterator;

int ip_link(Context& ctx, ArgIt it, ArgIt end);
int ip_addr(Context& ctx, ArgIt it, ArgIt end);
int ip_route(Context& ctx, ArgIt it, ArgIt end);
int ip_neigh(Context& ctx, ArgIt it, ArgIt end);
int ip_netns(Context& ctx, ArgIt it, ArgIt end);
int ip_tuntap(Context& ctx, ArgIt it, ArgIt end);
int ip_monitor(Context& ctx, ArgIt it, ArgIt end);

}  // namespace uvn::cli
