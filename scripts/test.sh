#!/usr/bin/env bash
# Quick start, part 2 (and CI): install what is missing, build, run the whole test suite,
# then build with AddressSanitizer + UndefinedBehaviorSanitizer and run it again.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
jobs=$(nproc)
scripts/build.sh
ctest --test-dir build --output-on-failure -j "$jobs"
BUILD_DIR=build-asan scripts/build.sh -DUVN_SANITIZE=ON -DUVN_BENCH=OFF -DCMAKE_BUILD_TYPE=Debug
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs"
