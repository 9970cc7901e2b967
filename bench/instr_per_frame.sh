#!/usr/bin/env bash
# Instructions per frame of Google Benchmark cases, counted by callgrind: unlike times they do
# not depend on the machine's load, so runs of the same build can be compared. Only what runs
# inside the function COLLECT is counted, and the count is divided by the number of calls to
# PER. Each FILTER is matched whole (^FILTER$).
#
# Usage: bench/instr_per_frame.sh BENCH_BINARY FILTER... [-- COLLECT PER]
#   COLLECT defaults to *send_batch* (vlan_bench's device cases: one batch built, sent and
#   processed, without the setup or the benchmark loop) and PER to CheckingSink::handle_frame
#   (one call per frame consumed).
# Example:
#   bench/instr_per_frame.sh build/bench/vlan_bench 'BM_DevVlanPop/batch:1/tags:1'
#   bench/instr_per_frame.sh build/bench/vlan_bench BM_WireVlanPush/tags:1 -- \
#       '*wire::vlan_push*' wire::vlan_push
# Needs valgrind (apt-get install valgrind).
set -euo pipefail
bin=$1
shift
filters=()
while (($#)) && [[ $1 != -- ]]; do
  filters+=("$1")
  shift
done
collect='*send_batch*'
per='CheckingSink::handle_frame'
if (($#)); then
  collect=$2
  per=$3
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for f in "${filters[@]}"; do
  valgrind --tool=callgrind --toggle-collect="$collect" --callgrind-out-file="$out" \
    "$bin" --benchmark_filter="^$f\$" --benchmark_min_time=0.01 >/dev/null 2>&1
  # Total Ir of the collected part, and the calls to PER (callgrind names a function in full
  # once, then by its number alone).
  awk -v per="$per" -v name="$f" '
    /^(summary|totals):/ { total = $2 }
    /^c?fn=/ {
      s = $0; sub(/^c?fn=/, "", s)
      id = s; sub(/\).*/, ")", id)
      if (index(s, " ")) names[id] = substr(s, index(s, " ") + 1)
      if ($0 ~ /^cfn=/) cfn = names[id]
    }
    /^calls=/ { split($0, a, /[= ]/); if (index(cfn, per)) calls += a[2] }
    END {
      if (calls == 0) { print name ": no calls to " per; exit 1 }
      printf "%-40s %8.1f instructions per frame (%d frames)\n", name, total / calls, calls
    }' "$out"
done
