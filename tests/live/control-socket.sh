#!/usr/bin/env bash
# Live: who may use uvnd's control socket. Root may; another user may not (the socket is
# 0600, and uvnd checks SO_PEERCRED), and is told why; with `uvnd --group nogroup` the socket
# is 0660 for that group and its members (here: user nobody, group nogroup) may. A socket
# nobody answers gets a message saying how to start uvnd.
. "$(dirname "$0")/lib.sh"
command -v setpriv >/dev/null || { echo "live test: no setpriv"; exit 77; }
getent group nogroup >/dev/null || { echo "live test: no group nogroup"; exit 77; }
# The client runs as nobody from a directory it can read.
as_nobody() { (cd / && setpriv --reuid=65534 --regid=65534 --clear-groups "$UVN" "$@"); }
nobody_uvn=$TMPD/bin; mkdir "$nobody_uvn"
cp "$UVN" "$nobody_uvn/uvn"; chmod 755 "$TMPD" "$nobody_uvn" "$nobody_uvn/uvn"
UVN=$nobody_uvn/uvn
start_uvnd
uvn ip link show >/dev/null
[ "$(stat -c %a "$UVN_SOCKET")" = 600 ]
err=$(as_nobody ip link show 2>&1 >/dev/null) && { echo "nobody was let in"; exit 1; }
echo "$err"
echo "$err" | grep -q "permission denied"
stop_uvnd
start_uvnd --group nogroup
[ "$(stat -c %a "$UVN_SOCKET")" = 660 ]
[ "$(stat -c %G "$UVN_SOCKET")" = nogroup ]
as_nobody ip link show | grep -q "^1: lo:"
# Stale socket, no daemon: the message says how to start uvnd.
stop_uvnd
python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])' "$UVN_SOCKET"
err=$(uvn ip link show 2>&1 >/dev/null) && { echo "a stale socket answered"; exit 1; }
echo "$err"
echo "$err" | grep -q "start it with"
echo "live control-socket: ok"
