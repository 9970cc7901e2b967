#!/usr/bin/env python3
"""Compares a golden output (tests/golden/NAME.out) with the recordings of real iproute2.

Usage: diff_reference.py TOPIC NAME.out [--all] [--from=NNN]

TOPIC is a folder of tests/reference/raw (link-formats, addr-route-neigh, netns, ...). The
golden's commands ("$ CMD" lines, as `uvn run --echo` prints them) are matched in order with
the recorded commands of TOPIC (the same text, comments and spacing aside); for each match the
golden's output is compared with the recorded stdout, after masking what differs between runs
by design: MAC addresses, IPv6 link-local addresses (made from the MACs), ifindexes, rtt and
time values, and the remaining time of bridge/STP timers (`hello_timer    0.94`, `"gc_timer":
288.16`). A recorded loop `for n in A B ...; do echo "# $n"; bridge -n $n link; done` is matched
with the golden's unrolled `echo "# A"`, `bridge -n A link`, ... commands. Prints a unified diff
per differing command; --all also lists commands that have no recording; --from=NNN starts
matching at recorded command NNN (for a golden that replays a later part of a recording).
Exit status 1 if anything differs.
"""
import difflib
import os
import re
import sys

REF = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "reference", "raw")


def norm_cmd(cmd):
    cmd = cmd.strip()
    if cmd.startswith("!"):
        cmd = cmd[1:].strip()
    cmd = re.sub(r"\s+#.*$", "", cmd)
    cmd = cmd.replace(">/dev/null", "")
    return " ".join(cmd.split())


MASKS = [
    (re.compile(r"\b([0-9a-f]{2}:){5}[0-9a-f]{2}\b"), "MAC"),
    (re.compile(r"fe80::[0-9a-f:]+"), "fe80::LL"),
    (re.compile(r"^(\s*)\d+: ", re.M), r"\1N: "),
    (re.compile(r"@if\d+"), "@ifN"),
    (re.compile(r'"(ifindex|link_index)":\s?\d+'), r'"\1":N'),
    (re.compile(r"time=[0-9.]+ ms"), "time=T ms"),
    (re.compile(r"time \d+ms"), "time Tms"),
    (re.compile(r"rtt min/avg/max/mdev = [0-9./]+ ms"), "rtt = R ms"),
    (re.compile(r"\b(\w+_timer) +\d+\.\d\d "), r"\1 T "),
    (re.compile(r'"(\w+_timer)":\s?\d+\.\d\d'), r'"\1":T'),
]

LOOP = re.compile(r'^for n in ([\w ]+); do echo "# \$n"; bridge -n \$n link; done$')


def merge_loops(sections):
    """Joins unrolled `echo "# NS"` + `bridge -n NS link` pairs into the recorded loop."""
    out, i = [], 0
    while i < len(sections):
        names, text, j = [], "", i
        while j + 1 < len(sections):
            m = re.match(r'^echo "# (\w+)"$', sections[j][0])
            if not m or norm_cmd(sections[j + 1][0]) != f"bridge -n {m.group(1)} link":
                break
            names.append(m.group(1))
            text += sections[j][1] + sections[j + 1][1]
            j += 2
        if len(names) > 1:
            out.append((f'for n in {" ".join(names)}; do echo "# $n"; bridge -n $n link; done',
                        text))
            i = j
        else:
            out.append(sections[i])
            i += 1
    return out


def mask(text):
    for rx, rep in MASKS:
        text = rx.sub(rep, text)
    return text


def load_topic(topic):
    d = os.path.join(REF, topic)
    recs = []
    for name in sorted(os.listdir(d)):
        if name.endswith(".cmd"):
            base = os.path.join(d, name[:-4])
            with open(base + ".cmd") as f:
                cmd = f.read()
            with open(base + ".out") as f:
                out = f.read()
            recs.append((name[:-4], norm_cmd(cmd), out))
    return recs


def split_golden(path):
    sections, cmd, lines = [], None, []
    with open(path) as f:
        for line in f:
            if line.startswith("$ "):
                if cmd is not None:
                    sections.append((cmd, "".join(lines)))
                cmd, lines = line[2:].rstrip("\n"), []
            else:
                lines.append(line)
    if cmd is not None:
        sections.append((cmd, "".join(lines)))
    return merge_loops(sections)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show_all = "--all" in sys.argv
    if len(args) != 2:
        print(__doc__)
        return 2
    recs = load_topic(args[0])
    start = next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--from=")), None)
    pos, bad = 0, 0
    if start:
        pos = next((i for i, r in enumerate(recs) if r[0] >= start.zfill(3)), len(recs))
    for cmd, out in split_golden(args[1]):
        if not out:
            continue  # nothing to compare; matching `sleep N` etc. could skip ahead
        key = norm_cmd(cmd)
        hit = next((i for i in range(pos, len(recs)) if recs[i][1] == key), None)
        if hit is None:
            if show_all:
                print(f"-- no recording: {cmd}")
            continue
        pos = hit + 1
        rid, _, want = recs[hit]
        if mask(want) != mask(out):
            bad += 1
            print(f"== {cmd}   (raw/{args[0]}/{rid})")
            sys.stdout.writelines(
                difflib.unified_diff(mask(want).splitlines(True), mask(out).splitlines(True),
                                     "recorded", "uvn"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
