#!/usr/bin/env bash
# packaging/uvnd.service is a valid systemd unit whose command line uvnd accepts: the unit,
# with ExecStart pointed at the built uvnd, passes `systemd-analyze verify` without a
# message, and uvnd takes its options (checked with --help appended, which exits at once).
# Skips (77) where systemd-analyze is missing.
set -euo pipefail
UVND=${1:?usage: $0 PATH/TO/uvnd}
UNIT=$(dirname "$0")/../../packaging/uvnd.service
command -v systemd-analyze >/dev/null || { echo "no systemd-analyze"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
sed "s|^ExecStart=/usr/local/bin/uvnd|ExecStart=$UVND|" "$UNIT" > "$dir/uvnd.service"
out=$(systemd-analyze verify "$dir/uvnd.service" 2>&1 || true)
if [ -n "$out" ]; then echo "systemd-analyze verify: $out"; exit 1; fi
args=$(sed -n 's|^ExecStart=/usr/local/bin/uvnd ||p' "$UNIT")
# shellcheck disable=SC2086
"$UVND" $args --help | grep -q "^Usage: uvnd"
echo "uvnd.service: ok"
