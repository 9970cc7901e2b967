# Common helpers for the reference recordings. Sourced by the topic scripts.
#
# Every topic script re-executes itself inside a private sandbox:
#   unshare --net --mount --propagation private  + a tmpfs on /run/netns
# so that (a) the host's eth0 and the host's own namespaces are unreachable,
# (b) `ip netns list` / `ip -all netns exec` only ever see the uvnref*
# namespaces created by the script.  All namespaces are deleted on exit
# (trap), and they die with the sandbox anyway.

set -u
REFDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

sandbox() {   # call as: sandbox "$0" "$@"
  if [ -z "${UVNREF_SANDBOX:-}" ]; then
    export UVNREF_SANDBOX=1
    exec unshare --net --mount --propagation private \
      bash -c 'mkdir -p /run/netns && mount -t tmpfs uvnref-netns /run/netns && exec bash "$0" "$@"' "$@"
  fi
}

cleanup() {
  local ns
  for ns in $(ls /run/netns 2>/dev/null); do
    case "$ns" in uvnref*) ip netns del "$ns" 2>/dev/null ;; esac
  done
  [ -n "${BGPIDS:-}" ] && kill $BGPIDS 2>/dev/null
  true
}

begin() {     # begin TOPIC   -> writes $REFDIR/TOPIC.txt and raw/TOPIC/
  TOPIC=$1
  OUT=$REFDIR/$TOPIC.txt
  RAW=$REFDIR/raw/$TOPIC
  rm -rf "$RAW"; mkdir -p "$RAW"
  N=0
  BGPIDS=
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  {
    echo "# $TOPIC -- recorded $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "# $(ip -V)"
    echo "# kernel $(uname -r)"
    echo "# Output lines are shown as by 'cat -A': every line ends with '\$'"
    echo "# (so trailing spaces are visible), TAB is '^I'. A final line"
    echo "# WITHOUT '\$' means the output did not end with a newline."
    echo "# Byte-exact raw outputs: raw/$TOPIC/NNN.{cmd,out,err,rc}"
    echo
  } > "$OUT"
}

note() { printf '\n### %s\n\n' "$*" >> "$OUT"; }

# rec 'COMMAND'  -- run COMMAND (via eval in a subshell), record everything.
rec() {
  N=$((N+1))
  local id; id=$(printf '%03d' "$N")
  printf '%s\n' "$1" > "$RAW/$id.cmd"
  ( eval "$1" ) > "$RAW/$id.out" 2> "$RAW/$id.err" < /dev/null
  local rc=$?
  echo "$rc" > "$RAW/$id.rc"
  {
    echo "\$ $1"
    echo "[exit $rc]   (raw/$TOPIC/$id)"
    if [ -s "$RAW/$id.out" ]; then echo "--- stdout"; cat -A "$RAW/$id.out"; \
       [ -n "$(tail -c1 "$RAW/$id.out")" ] && echo; else echo "--- stdout (empty)"; fi
    if [ -s "$RAW/$id.err" ]; then echo "--- stderr"; cat -A "$RAW/$id.err"; \
       [ -n "$(tail -c1 "$RAW/$id.err")" ] && echo; else echo "--- stderr (empty)"; fi
    echo
  } >> "$OUT"
  return $rc
}
