#!/usr/bin/env bash
# Quick start, part 1: install what is missing, build, and run the seed examples in the
# simulator (examples/seed/*.uvn), printing each command and its output.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
for f in examples/seed/*.uvn; do
  echo "=== $f"
  build/src/uvn run --echo "$f"
done
echo "=== all seed examples passed"
