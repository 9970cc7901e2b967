#!/usr/bin/env bash
# Runs the data-path benchmarks (Google Benchmark, one core) and prints one table: the cases
# issue 9 names, in ns per frame and million frames per second on this machine.
#   bench/run-all.sh [BUILD_DIR]     MIN_TIME=SECONDS per case (default 0.5)
# Build first (scripts/build.sh, or ninja -C build). Figures vary with the machine's load:
# compare runs made side by side, or count instructions with bench/instr_per_frame.sh.
set -euo pipefail
B=${1:-$(dirname "$0")/../build}/bench
MIN_TIME=${MIN_TIME:-0.5}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
run() {  # run NAME BINARY FILTER
  "$B/$2" --benchmark_filter="$3" --benchmark_min_time="$MIN_TIME" \
    --benchmark_format=json >"$out/$1.json" 2>/dev/null
}
run veth veth_bench '^BM_VethToVeth64/256$'
run bridge bridge_bench '^(BM_BridgeForward64/256|BM_BridgeForward64Fdb1M/256|BM_BridgeFlood64Ports/32)$'
run bond bond_bench '^BM_BondXorL34/batch:256$'
run vlan vlan_bench '^BM_DevVlan(Push|Pop)/batch:256/tags:1$'
run pipeline pipeline_bench '^BM_Pipeline64/256$'
python3 - "$out" <<'PY'
import json, os, sys
d = sys.argv[1]
label = {
    "BM_VethToVeth64/256": "veth -> veth",
    "BM_BridgeForward64/256": "(a) veth -> bridge -> veth, learning, 2 ports, 4,096 MACs",
    "BM_BridgeForward64Fdb1M/256": "(b) the same with 1,000,000 MACs",
    "BM_BondXorL34/batch:256": "(c) balance-xor layer3+4 bond, 4 slaves",
    "BM_DevVlanPush/batch:256/tags:1": "(d) VLAN device, tag push",
    "BM_DevVlanPop/batch:256/tags:1": "(d) VLAN device, tag pop",
    "BM_Pipeline64/256": "(e) veth -> bond -> VLAN -> VLAN-aware bridge -> veth",
    "BM_BridgeFlood64Ports/32": "(f) flooding to 64 ports (per copy delivered)",
}
rows = []
for f in sorted(os.listdir(d)):
    try:
        data = json.load(open(os.path.join(d, f)))
    except ValueError:
        continue
    for b in data.get("benchmarks", []):
        # ns_per_frame is an inverted rate counter: Google Benchmark writes it in seconds.
        ns = b["ns_per_frame"] * 1e9 if "ns_per_frame" in b else None
        if ns is None and b.get("items_per_second"):
            ns = 1e9 / b["items_per_second"]
        if ns:
            rows.append((label.get(b["name"], b["name"]), ns, 1e3 / ns))
print("| path (64-byte frames, batches of 256, one core) | ns per frame | Mpps |")
print("|---|---|---|")
for name, ns, mpps in sorted(rows):
    print(f"| {name} | {ns:.1f} | {mpps:.2f} |")
PY
