#!/usr/bin/env bash
# Live: control clients that misbehave cannot stop or crash uvnd: one that connects and sends
# nothing (dropped after a second), one that announces a message larger than the limit, one
# that sends half a message and leaves, and one that sends random bytes as a command line.
# After each, and while the silent one waits, uvnd still answers a real command.
. "$(dirname "$0")/lib.sh"
start_uvnd
uvn ip link show >/dev/null
python3 - "$UVN_SOCKET" <<'PY' &
import socket, sys, time
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); time.sleep(5)   # silent
PY
silent=$!
sleep 0.6
start=$(date +%s%N)
uvn ip link show | grep -q "^1: lo:"
took=$(( ($(date +%s%N) - start) / 1000000 ))
echo "a command behind a silent client took $took ms"
[ "$took" -lt 2500 ]
python3 - "$UVN_SOCKET" <<'PY'
import os, socket, struct, sys
def client(data, close_early=False):
    s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall(data)
    if not close_early:
        s.settimeout(3)
        try: s.recv(65536)
        except OSError: pass
    s.close()
client(struct.pack("<I", 0xFFFFFFF0))                          # beyond the limit
client(struct.pack("<I", 100) + b"ip\0link", close_early=True)  # half a message, then gone
raw = os.urandom(200)
client(struct.pack("<I", len(raw)) + raw)                      # random words as a command
client(b"\x01")                                                # not even a length
PY
wait "$silent" || true
uvn ip link show | grep -q "^1: lo:"
kill -0 "$UVND_PID"
grep -q "sent no complete request" "$UVND_LOG"
echo "live control-garbage: ok"
