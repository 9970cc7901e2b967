#!/usr/bin/env bash
# Times `uvn run` on a generated script: N namespaces, each with a veth pair to the initial
# namespace, an address on the inner end, both ends up. Usage: bench/scale.sh [N] [UVN]
set -euo pipefail
n=${1:-1000}
uvn=${2:-build/src/uvn}
script=$(mktemp --suffix=.uvn)
trap 'rm -f "$script"' EXIT
{
  for ((i = 0; i < n; i++)); do echo "ip netns add n$i"; done
  for ((i = 0; i < n; i++)); do
    echo "ip link add v$i type veth peer name e0 netns n$i"
    echo "ip -n n$i addr add 10.$((i / 250)).$((i % 250)).2/24 dev e0"
    echo "ip -n n$i link set e0 up"
    echo "ip link set v$i up"
  done
} >"$script"
start=$(date +%s.%N)
"$uvn" run "$script" >/dev/null
end=$(date +%s.%N)
echo "namespaces=$n seconds=$(echo "$end - $start" | bc)"
