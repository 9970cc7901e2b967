#!/usr/bin/env python3
"""Summarise raw/<topic>/ recordings as a compact table: command -> stdout/stderr -> exit.
Usage: mktable.py TOPIC [--all]   (default: only commands with non-empty stderr or exit != 0)"""
import sys, os, glob
topic = sys.argv[1]; show_all = '--all' in sys.argv
d = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'raw', topic)
for cmdf in sorted(glob.glob(os.path.join(d, '*.cmd'))):
    base = cmdf[:-4]
    cmd = open(cmdf).read().rstrip('\n')
    rc = open(base + '.rc').read().strip()
    err = open(base + '.err', 'rb').read().decode('utf-8', 'replace')
    out = open(base + '.out', 'rb').read().decode('utf-8', 'replace')
    if not show_all and rc == '0' and not err:
        continue
    e = err.rstrip('\n').replace('\n', '\\n')
    if len(e) > 160: e = e[:157] + '...'
    o = out.rstrip('\n').replace('\n', '\\n')
    if len(o) > 60: o = o[:57] + '...'
    print(f"{os.path.basename(base)} | {cmd} | err: {e} | out: {o} | exit {rc}")
