#!/usr/bin/env python3
"""Writes the golden scripts that replay the reference recordings (tests/golden/*.uvn).

Usage: from_reference.py        (rewrites link-lo, link-veth, link-tap, link-attrs, addr,
                                 route, neigh and netns .uvn; link-dummy.uvn is hand-written)

Each script is a list of recorded commands (tests/reference/raw/TOPIC/NNN.cmd) in ranges that
are either "full" (every command, so its output lands in the golden) or "quiet" (only the
commands that change state: add/set/del/flush/..., sleep, exec), so that the shown commands
run in the state they were recorded in. Commands the simulator cannot run (shell jobs,
sysctl, PIDs, bridges) are left out or replaced (subst); a recorded failure gets "! ".
Check the new outputs with diff_reference.py before accepting them.
"""
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
REF = os.path.join(HERE, "..", "reference", "raw")

SKIP_PAT = [r"\bsh -c\b", r"sysctl", r"^ls ", r"\$\$", r"\$\(", r"&", r";", r"\bunshare\b",
            r"netns attach", r"uvnref4", r"bridge", r"\bbr0\b", r"\bbr1\b", r"^kill", r"^cat ", r"^printf"]

def load(topic, i):
    b = f"{REF}/{topic}/{i:03d}"
    cmd = open(b + ".cmd").read().strip()
    out = open(b + ".out").read()
    rc = int(open(b + ".rc").read())
    return cmd, out, rc

def transform(cmd):
    return cmd.replace(" >/dev/null", "").replace(">/dev/null", "").rstrip()

def gen(topic, parts, extra_skip=(), subst=None):
    lines = []
    for kind, lo, hi in parts:
        for i in range(lo, hi + 1):
            if not os.path.exists(f"{REF}/{topic}/{i:03d}.cmd"):
                continue
            if subst and i in subst:
                lines.extend(subst[i])
                continue
            cmd, out, rc = load(topic, i)
            if i in extra_skip or any(re.search(p, cmd) for p in SKIP_PAT):
                continue
            words = set(cmd.split())
            changes = {"add", "set", "del", "delete", "flush", "change", "replace", "append",
                       "prepend", "exec", "sleep"}
            if kind == "quiet" and not (words & changes):
                continue
            c = transform(cmd)
            lines.append(("! " if rc else "") + c)
    return lines


def write(name, header, lines):
    with open(os.path.join(HERE, name + ".uvn"), "w") as f:
        for h in header:
            f.write("# " + h + "\n")
        f.write("\n".join(lines) + "\n")


def main():
    write("link-lo", ["Loopback in a fresh namespace, down then up: ip link show, -d, -j, -j -p, -d -j, -br,",
      "-o, -s, -s -s, and ip addr show / -o / -br / -j. Commands as link-formats.sh records them",
      "(tests/reference/raw/link-formats/001-028)."], gen("link-formats", [("full", 1, 28)]))
    write("link-veth", ["A veth pair in one namespace: both ends down, one end up (NO-CARRIER, M-DOWN), both up,",
      "link-local tentative then not; statistics after a ping once veth2 has moved to a second",
      "namespace; then the pair across namespaces (NAME@ifN, link-netns NAME).",
      "tests/reference/raw/link-formats/029-092, after the loopback steps of 001-028.",
      "Known difference: numtxqueues/numrxqueues are 1 (the recording machine has 2 CPUs)."],
      gen("link-formats", [("quiet", 1, 28), ("full", 29, 92)]) + [
      "# link-netnsid N: the peer is in a namespace without a name (the recording used an unnamed",
      "# namespace, raw/link-formats/093-100; here it is the initial one).",
      "ip link add vx0 type veth peer name vx1 netns uvnref1",
      "ip -n uvnref1 link show vx1", "ip -n uvnref1 -d link show vx1", "ip -n uvnref1 -j -p link show vx1",
      "ip -n uvnref1 -br link show vx1", "ip -n uvnref1 -o link show vx1", "ip -n uvnref1 netns list-id",
      "ip -n uvnref1 -j netns list-id"])
    write("link-tap", ["A tap and a tun made by ip tuntap (no reader): down, then up (NO-CARRIER), -d details,",
      "tuntap show/list with multi_queue, user, group, one_queue; deleting with the wrong flags fails.",
      "tests/reference/raw/link-formats/102-149, after the state-changing steps of 001-101."],
      gen("link-formats", [("quiet", 1, 101), ("full", 102, 149)], extra_skip=(94,)))
    write("link-attrs", ["Link attributes (alias, group, txqueuelen, mtu, promisc, allmulticast, arp off, address,",
      "multicast off) in every listing format, link add with attributes, and the show filters",
      "(type, dev, up, group) and abbreviations. tests/reference/raw/link-formats/150-231 without",
      "the bridge steps (bridges are a later issue), after the state-changing steps of 001-149."],
      gen("link-formats", [("quiet", 1, 149), ("full", 150, 236)], extra_skip=(94,)))
    write("addr", ["ip addr: brd +, labels, scope, secondary, lifetimes, nodad, tentative; show with -4, -6,",
      "-o, -br, -j, -j -p, -d, -s and the filters (dev, label, scope, to, primary, secondary, up);",
      "change/replace, del (also the wildcard-deletion warning), flush.",
      "tests/reference/raw/addr-route-neigh/001-078."], gen("addr-route-neigh", [("full", 1, 78)]))
    write("route", ["ip route: default via, via dev, metric, src, host route, proto static, blackhole,",
      "unreachable, prohibit; show with -4, -6, -o, -j, -j -p, -d and filters; IPv6 routes; get;",
      "change/replace/append/prepend/del/flush; linkdown. tests/reference/raw/addr-route-neigh/",
      "079-161, after the state-changing steps of 001-078."],
      gen("addr-route-neigh", [("quiet", 1, 78), ("full", 79, 161)]))
    write("neigh", ["ip neigh after pings (REACHABLE), an arping from the peer (STALE), an absent address",
      "(INCOMPLETE, FAILED), static entries (PERMANENT, NOARP, router), -s, -j, -j -p, -o, -br, -4, -6,",
      "filters, get, replace, change, del, flush. tests/reference/raw/addr-route-neigh/162-237",
      "(without the sysctl and shell-job steps), after the state-changing steps of 001-161.",
      "Known difference: neighbour ages (used/confirmed/updated) and rtt are virtual times."],
      gen("addr-route-neigh", [("quiet", 1, 161), ("full", 162, 237)], subst={
          203: ["# (recorded as a background ping and a look 0.3 s later)",
                "! ip netns exec uvnref1 ping -c 1 -W 1 10.1.0.99",
                "ip -n uvnref1 neigh show 10.1.0.99"],
          209: ["! ip netns exec uvnref1 ping -6 -c 1 -W 1 fd00:1::99",
                "ip -n uvnref1 -6 neigh show fd00:1::99"]}))
    write("netns", ["ip netns list (empty, with ids, -j, -j -p), set, list-id, identify, exec, -all netns exec,",
      "moving links between namespaces (netns NS, netns NS name NEW), veth created across",
      "namespaces, deleting namespaces, -all netns del. tests/reference/raw/netns/001-093 without",
      "PIDs, attach and shell jobs."], gen("netns", [("full", 1, 93)], subst={
          60: ["# (recorded with the PID of a process in uvnref2: the simulator has no processes)",
               "ip -n uvnref1 link set veth2 netns uvnref2"]}))


if __name__ == "__main__":
    main()
