#!/bin/bash
# Multicast recording: `bridge mdb` (add / del / show in every variant, every
# error), IGMP/MLD snooping (entries learned from real IGMPv2/v3 and MLDv1/v2
# reports sent from peer namespaces), router ports, the multicast fields of
# `ip -d link show` and `ip link xstats`, `bridge monitor mdb`, and the packets
# the bridge's own querier sends (tcpdump captures in raw/mdb/*.pcap).
#
# Topology (namespace uvnr-br): bridge br0 with ports p1..p4; their veth
# peers h1..h4 are "hosts" in namespaces uvnr-h1..uvnr-h4 (10.9.0.1N/24).
# Also in uvnr-br: veth pair x1/x2 (not bridge ports) and a second bridge br1
# with port q1 (peer q2).  IPv6 is disabled in all these namespaces so that no
# solicited-node / DAD / MLD noise appears; MLD messages are hand-made.
# The querier section uses a fresh pair uvnr-q (bridge) / uvnr-qh (host) with
# IPv6 enabled on the bridge.
#
# iproute2 6.1 cannot send replace / get / flush / filter_mode / source_list /
# proto.  For those, the helper `nlmdb` (a small raw-rtnetlink client written
# for this recording, embedded below) sends the same netlink requests a newer
# iproute2 sends and prints the kernel's raw answer: errno + extack text, and
# for get/dump the decoded reply.  `mcsend HOST KIND ...` sends hand-made IGMP /
# MLD packets with scapy out of interface HOST in namespace uvnr-HOST.
. "$(dirname "$0")/lib.sh"; sandbox "$0" "$@"
begin mdb

HELP=$(mktemp -d /tmp/uvnr-mdb.XXXXXX)
cleanup() {
  local ns
  [ -n "${BGPIDS:-}" ] && kill $BGPIDS 2>/dev/null
  for ns in $(ls /run/netns 2>/dev/null); do
    case "$ns" in uvnr-*) ip netns del "$ns" 2>/dev/null ;; esac
  done
  rm -rf "$HELP"
  true
}
R=$RAW

cat > "$HELP/nlmdb.py" <<'PYEOF'
#!/usr/bin/python3
# Minimal raw rtnetlink client for bridge MDB requests (RTM_NEWMDB / RTM_DELMDB /
# RTM_GETMDB), used to observe what the kernel itself answers for the request
# attributes that iproute2 6.1 cannot send (filter_mode, source_list, proto,
# replace, get, bulk delete).  Prints the kernel's errno and extended-ack text.
import errno, os, socket, struct, sys

RTM_NEWMDB, RTM_DELMDB, RTM_GETMDB = 84, 85, 86
F_REQ, F_ACK, F_DUMP = 0x1, 0x4, 0x300
F_REPLACE, F_EXCL, F_CREATE, F_BULK = 0x100, 0x200, 0x400, 0x200
NLMSG_ERROR, NLMSG_DONE = 2, 3
PROTOS = {'unspec': 0, 'redirect': 1, 'kernel': 2, 'boot': 3, 'static': 4}

def attr(t, payload):
    ln = 4 + len(payload)
    return struct.pack('=HH', ln, t) + payload + b'\0' * ((4 - ln % 4) % 4)

def ipbytes(s):
    try:
        return socket.inet_pton(socket.AF_INET, s), 0x0800
    except OSError:
        pass
    try:
        return socket.inet_pton(socket.AF_INET6, s), 0x86dd
    except OSError:
        pass
    b = bytes(int(x, 16) for x in s.split(':'))
    if len(b) != 6:
        raise ValueError(s)
    return b, 0

def entry(ifindex, state, vid, grp):
    a, proto = ipbytes(grp)
    return struct.pack('=IBBH', ifindex, state, 0, vid) + a.ljust(16, b'\0') + struct.pack('!H', proto) + b'\0\0'

def idx(name):
    try:
        return socket.if_nametoindex(name)
    except OSError:
        print('Cannot find device "%s"' % name)
        sys.exit(1)

def parse_attrs(buf):
    out = []
    while len(buf) >= 4:
        ln, t = struct.unpack_from('=HH', buf)
        if ln < 4:
            break
        out.append((t & 0x3fff, buf[4:ln]))
        buf = buf[(ln + 3) & ~3:]
    return out

def talk(mtype, flags, body):
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
    s.setsockopt(270, 11, 1)        # NETLINK_EXT_ACK
    s.setsockopt(270, 12, 1)        # NETLINK_GET_STRICT_CHK
    s.bind((0, 0))
    msg = struct.pack('=IHHII', 16 + len(body), mtype, flags, 1, 0) + body
    s.send(msg)
    msgs = []
    while True:
        data = s.recv(1 << 20)
        off = 0
        while off < len(data):
            ln, t, fl, seq, pid = struct.unpack_from('=IHHII', data, off)
            payload = data[off + 16:off + ln]
            off += (ln + 3) & ~3
            if t == NLMSG_ERROR:
                err = -struct.unpack_from('=i', payload)[0]
                olen = struct.unpack_from('=I', payload, 4)[0]
                tl = payload[4 + (16 if fl & 0x100 else olen):]
                ext = [v.rstrip(b'\0').decode() for k, v in parse_attrs(tl) if k == 1]
                return err, (ext[0] if ext else None), msgs
            if t == NLMSG_DONE:
                return 0, None, msgs
            msgs.append((t, payload))
            if not (fl & 0x2):      # not multipart: a single reply (get)
                return 0, None, msgs

def report(err, ext):
    if err == 0:
        print('kernel: ok')
    else:
        print('kernel: error %s (%d: %s)%s' % (errno.errorcode.get(err, '?'), err, os.strerror(err),
              '' if ext is None else ', extack "%s"' % ext))

def fmt_addr(b, proto):
    if len(b) == 4:
        return socket.inet_ntop(socket.AF_INET, b)
    if len(b) == 16:
        return socket.inet_ntop(socket.AF_INET6, b)
    return b.hex()

def decode(mtype, payload):
    fam, ifi = struct.unpack_from('=B3xI', payload)
    names = {RTM_NEWMDB: 'RTM_NEWMDB', RTM_DELMDB: 'RTM_DELMDB', RTM_GETMDB: 'RTM_GETMDB'}
    print('%s family %d ifindex %d' % (names.get(mtype, mtype), fam, ifi))
    for t, v in parse_attrs(payload[8:]):
        if t == 1:      # MDBA_MDB
            for t2, v2 in parse_attrs(v):          # MDBA_MDB_ENTRY
                for t3, v3 in parse_attrs(v2):     # MDBA_MDB_ENTRY_INFO
                    pifi, state, flags, vid = struct.unpack_from('=IBBH', v3)
                    proto = struct.unpack_from('!H', v3, 24)[0]
                    g = v3[8:8 + {0x0800: 4, 0x86dd: 16}.get(proto, 6)]
                    line = '  entry port_ifindex %d state %d flags 0x%x vid %d proto 0x%04x grp %s' % (
                        pifi, state, flags, vid, proto, fmt_addr(g, proto) if proto else g.hex(':'))
                    for t4, v4 in parse_attrs(v3[28:]):
                        if t4 == 1: line += ' timer %d' % struct.unpack('=I', v4)[0]
                        elif t4 == 4: line += ' source %s' % fmt_addr(v4, proto)
                        elif t4 == 3: line += ' group_mode %d' % v4[0]
                        elif t4 == 5: line += ' rtprot %d' % v4[0]
                        elif t4 == 2:
                            srcs = []
                            for _, se in parse_attrs(v4):
                                d = dict(parse_attrs(se))
                                srcs.append('%s/%d' % (fmt_addr(d[1], proto), struct.unpack('=I', d[2])[0]))
                            line += ' src_list [%s]' % ','.join(srcs)
                        else: line += ' attr%d=%s' % (t4, v4.hex())
                    print(line)
        elif t == 2:    # MDBA_ROUTER
            for t2, v2 in parse_attrs(v):
                rifi = struct.unpack_from('=I', v2)[0]
                line = '  router port_ifindex %d' % rifi
                for t3, v3 in parse_attrs(v2[4:]):
                    nm = {1: 'timer', 2: 'type', 3: 'inet_timer', 4: 'inet6_timer', 5: 'vid'}.get(t3, 'attr%d' % t3)
                    val = v3[0] if len(v3) == 1 else struct.unpack('=H' if len(v3) == 2 else '=I', v3)[0]
                    line += ' %s %d' % (nm, val)
                print(line)

def linkattrs(dev):
    # RTM_GETLINK for one device; print the bridge multicast attributes that
    # iproute2 6.1 does not display (querier state, per-port group counters).
    body = struct.pack('=BxHiII', 0, 0, idx(dev), 0, 0)
    err, ext, msgs = talk(18, F_REQ, body)
    for t, p in msgs:
        for at, av in parse_attrs(p[16:]):
            if at != 18:        # IFLA_LINKINFO
                continue
            info = dict(parse_attrs(av))
            if 2 in info:       # IFLA_INFO_DATA (bridge)
                for bt, bv in parse_attrs(info[2]):
                    if bt == 47:    # IFLA_BR_MCAST_QUERIER_STATE
                        parts = []
                        for qt, qv in parse_attrs(bv):
                            nm = {1: 'ipv4_addr', 2: 'ipv4_port', 3: 'ipv4_other_timer',
                                  5: 'ipv6_addr', 6: 'ipv6_port', 7: 'ipv6_other_timer'}.get(qt, 'attr%d' % qt)
                            if qt in (1, 5):
                                val = fmt_addr(qv, 0)
                            elif len(qv) == 8:
                                val = str(struct.unpack('=Q', qv)[0])
                            elif len(qv) == 4:
                                val = str(struct.unpack('=I', qv)[0])
                            else:
                                val = qv.hex()
                            parts.append('%s %s' % (nm, val))
                        print('bridge %s querier_state: %s' % (dev, ' '.join(parts) if parts else '(empty)'))
            if 5 in info:       # IFLA_INFO_SLAVE_DATA (bridge port)
                names = {37: 'mcast_eht_hosts_limit', 38: 'mcast_eht_hosts_cnt',
                         41: 'mcast_n_groups', 42: 'mcast_max_groups'}
                vals = dict(parse_attrs(info[5]))
                print('port %s: %s' % (dev, ' '.join('%s %d' % (names[k], struct.unpack('=I', vals[k])[0])
                                                     for k in (37, 38, 41, 42) if k in vals)))
    report(err, ext)

def main(argv):
    cmd = argv[0]
    kw = {}
    flags_words = set()
    i = 1
    while i < len(argv):
        a = argv[i]
        if a in ('permanent', 'temp', 'nopermanent'):
            flags_words.add(a); i += 1
        else:
            kw[a] = argv[i + 1]; i += 2
    if cmd == 'dump':
        s = struct.pack('=B3xI', 7, 0)
        err, ext, msgs = talk(RTM_GETMDB, F_REQ | F_DUMP, s)
        for t, p in msgs:
            decode(t, p)
        report(err, ext)
        return
    if cmd == 'linkattrs':
        linkattrs(kw['dev'])
        return
    br = idx(kw['dev'])
    port = idx(kw['port']) if 'port' in kw else 0
    vid = int(kw.get('vid', 0))
    state = 1 if 'permanent' in flags_words else 0
    body = struct.pack('=B3xI', 7, br)
    if cmd == 'flush':
        ent = struct.pack('=IBBH', port, state, 0, vid) + b'\0' * 20
        sub = b''
        if 'proto' in kw:
            sub += attr(4, bytes([PROTOS.get(kw['proto']) if kw['proto'] in PROTOS else int(kw['proto'])]))
        if flags_words & {'permanent', 'nopermanent'}:
            sub += attr(10, bytes([1]))     # MDBE_ATTR_STATE_MASK
        body += attr(1, ent)
        if sub:
            body += attr(2 | 0x8000, sub)
        err, ext, _ = talk(RTM_DELMDB, F_REQ | F_ACK | F_BULK, body)
        report(err, ext)
        return
    ent = entry(port, state, vid, kw['grp'])
    sub = b''
    if 'src' in kw:
        sub += attr(1, ipbytes(kw['src'])[0])
    if 'filter_mode' in kw:
        sub += attr(3, bytes([{'include': 1, 'exclude': 0}[kw['filter_mode']]]))
    if 'source_list' in kw:
        lst = b''.join(attr(1 | 0x8000, attr(1, ipbytes(x)[0])) for x in kw['source_list'].split(','))
        sub += attr(2 | 0x8000, lst)
    if 'proto' in kw:
        sub += attr(4, bytes([PROTOS.get(kw['proto']) if kw['proto'] in PROTOS else int(kw['proto'])]))
    body += attr(1, ent)
    if sub:
        body += attr(2 | 0x8000, sub)
    if cmd == 'get':
        err, ext, msgs = talk(RTM_GETMDB, F_REQ, body)
        for t, p in msgs:
            decode(t, p)
        report(err, ext)
        return
    fl = {'add': F_CREATE | F_EXCL, 'replace': F_CREATE | F_REPLACE, 'del': 0}[cmd]
    err, ext, _ = talk(RTM_DELMDB if cmd == 'del' else RTM_NEWMDB, F_REQ | F_ACK | fl, body)
    report(err, ext)

if __name__ == '__main__':
    main(sys.argv[1:])
PYEOF
cat > "$HELP/mcsend.py" <<'PYEOF'
#!/usr/bin/python3
# Send hand-made IGMP / MLD messages out of one interface (scapy).
# usage: mcsend.py IFACE KIND ARGS...
#   igmp2 join|leave GROUP           IGMPv2 membership report / leave group
#   igmp3 TYPE GROUP [SRC,SRC..] ... IGMPv3 report, one record per TYPE GROUP SRCS triple
#                                    TYPE: is_in is_ex to_in to_ex allow block
#   mld1 report|done GROUP           MLDv1 report / done
#   mld2 TYPE GROUP [SRC,..] ...     MLDv2 report (same TYPE names)
#   igmpq 2|3 [GROUP]                IGMP general (or group-specific) query
#   mldq 1|2 [GROUP]                 MLD general (or group-specific) query
import sys, warnings
warnings.filterwarnings('ignore')
from scapy.all import Ether, IP, IPv6, sendp, get_if_hwaddr, conf, Raw
from scapy.layers.inet import IPOption_Router_Alert
from scapy.layers.inet6 import (IPv6ExtHdrHopByHop, RouterAlert, ICMPv6MLReport, ICMPv6MLDone,
                                ICMPv6MLReport2, ICMPv6MLDMultAddrRec, ICMPv6MLQuery, ICMPv6MLQuery2)
from scapy.contrib.igmp import IGMP
from scapy.contrib.igmpv3 import IGMPv3, IGMPv3mr, IGMPv3gr, IGMPv3mq
from scapy.utils6 import in6_getnsma, in6_getnsmac
import socket, subprocess

conf.verb = 0
RT = {'is_in': 1, 'is_ex': 2, 'to_in': 3, 'to_ex': 4, 'allow': 5, 'block': 6}

def v4mac(g):
    o = [int(x) for x in g.split('.')]
    return '01:00:5e:%02x:%02x:%02x' % (o[1] & 0x7f, o[2], o[3])

def v6mac(g):
    b = socket.inet_pton(socket.AF_INET6, g)
    return '33:33:' + ':'.join('%02x' % x for x in b[12:])

def addr(ifc, fam):
    out = subprocess.run(['ip', '-o', fam, 'addr', 'show', 'dev', ifc], capture_output=True, text=True).stdout
    for line in out.splitlines():
        a = line.split()[3].split('/')[0]
        if fam == '-4' or a.startswith('fe80'):
            return a
    if fam == '-4':
        return '0.0.0.0'
    # no IPv6 on the sender: use the EUI-64 link-local address of its MAC
    m = [int(x, 16) for x in get_if_hwaddr(ifc).split(':')]
    m[0] ^= 2
    w = [m[0] << 8 | m[1], m[2] << 8 | 0xff, 0xfe << 8 | m[3], m[4] << 8 | m[5]]
    return 'fe80::' + ':'.join('%x' % x for x in w)

def records(args):
    recs = []
    while args:
        t, g = args[0], args[1]
        srcs = []
        if len(args) > 2 and args[2] not in RT:
            srcs = [s for s in args[2].split(',') if s]
            args = args[3:]
        else:
            args = args[2:]
        recs.append((RT[t], g, srcs))
    return recs

def main():
    ifc, kind, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    mac = get_if_hwaddr(ifc)
    s4, s6 = addr(ifc, '-4'), addr(ifc, '-6')
    ra4 = [IPOption_Router_Alert()]
    hbh = IPv6ExtHdrHopByHop(options=[RouterAlert(value=0)])
    if kind == 'igmp2':
        g = args[1]
        if args[0] == 'join':
            p = Ether(src=mac, dst=v4mac(g)) / IP(src=s4, dst=g, ttl=1, options=ra4) / IGMP(type=0x16, mrcode=0, gaddr=g)
        else:
            p = Ether(src=mac, dst=v4mac('224.0.0.2')) / IP(src=s4, dst='224.0.0.2', ttl=1, options=ra4) / IGMP(type=0x17, mrcode=0, gaddr=g)
    elif kind == 'igmp3':
        grs = [IGMPv3gr(rtype=t, maddr=g, srcaddrs=srcs) for t, g, srcs in records(args)]
        p = (Ether(src=mac, dst=v4mac('224.0.0.22')) / IP(src=s4, dst='224.0.0.22', ttl=1, tos=0xc0, options=ra4)
             / IGMPv3(type=0x22) / IGMPv3mr(records=grs))
    elif kind == 'mld1':
        g = args[1]
        if args[0] == 'report':
            p = Ether(src=mac, dst=v6mac(g)) / IPv6(src=s6, dst=g, hlim=1) / hbh / ICMPv6MLReport(mladdr=g)
        else:
            p = Ether(src=mac, dst=v6mac('ff02::2')) / IPv6(src=s6, dst='ff02::2', hlim=1) / hbh / ICMPv6MLDone(mladdr=g)
    elif kind == 'mld2':
        recs = [ICMPv6MLDMultAddrRec(rtype=t, dst=g, sources=srcs) for t, g, srcs in records(args)]
        p = (Ether(src=mac, dst=v6mac('ff02::16')) / IPv6(src=s6, dst='ff02::16', hlim=1) / hbh
             / ICMPv6MLReport2(records=recs))
    elif kind == 'igmpq':
        g = args[1] if len(args) > 1 else '0.0.0.0'
        dst = g if g != '0.0.0.0' else '224.0.0.1'
        if args[0] == '2':
            q = IGMP(type=0x11, mrcode=100, gaddr=g)
        else:
            q = IGMPv3(type=0x11, mrcode=100) / IGMPv3mq(gaddr=g, qrv=2, qqic=125)
        p = Ether(src=mac, dst=v4mac(dst)) / IP(src=s4, dst=dst, ttl=1, options=ra4) / q
    elif kind == 'mldq':
        g = args[1] if len(args) > 1 else '::'
        dst = g if g != '::' else 'ff02::1'
        q = ICMPv6MLQuery(mrd=10000, mladdr=g) if args[0] == '1' else ICMPv6MLQuery2(mrd=10000, mladdr=g, QRV=2, QQIC=125)
        p = Ether(src=mac, dst=v6mac(dst)) / IPv6(src=s6, dst=dst, hlim=1) / hbh / q
    else:
        sys.exit('unknown kind ' + kind)
    sendp(p, iface=ifc)

main()
PYEOF

nlmdb()  { ip netns exec uvnr-br /usr/bin/python3 "$HELP/nlmdb.py" "$@"; }
nlmdbq() { ip netns exec uvnr-q /usr/bin/python3 "$HELP/nlmdb.py" "$@"; }
mcsend() { local h=$1; shift; ip netns exec uvnr-$h /usr/bin/python3 "$HELP/mcsend.py" $h "$@"; }

NB='ip -n uvnr-br'
B='bridge -n uvnr-br'
NOV6='sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1'

note "helpers (shell functions, see the top of mdb.sh):"
note "  nlmdb ARGS  = ip netns exec uvnr-br python3 nlmdb.py ARGS  (raw RTM_NEWMDB/RTM_DELMDB/RTM_GETMDB; prints 'kernel: ok' or 'kernel: error ERRNO (N: text), extack \"...\"')"
note "  mcsend H ... = ip netns exec uvnr-H python3 mcsend.py H ...  (scapy: igmp2 join|leave G, igmp3 TYPE G SRCS..., mld1 report|done G, mld2 TYPE G SRCS..., igmpq 2|3 [G], mldq 1|2 [G])"
rec "tcpdump --version 2>&1 | head -1; tshark -v | head -1; /usr/bin/python3 -c 'import scapy; print(\"scapy\", scapy.__version__)'"

note "=== setup ==="
rec "for n in br h1 h2 h3 h4; do ip netns add uvnr-\$n && ip netns exec uvnr-\$n $NOV6 && ip -n uvnr-\$n link set lo up; done"
rec "$NB link add br0 type bridge mcast_snooping 1"
rec "for i in 1 2 3 4; do $NB link add p\$i address 02:00:00:00:0\$i:01 type veth peer name h\$i address 02:00:00:00:0\$i:02 netns uvnr-h\$i && $NB link set p\$i master br0; done"
rec "$NB link add x1 address 02:00:00:00:09:01 type veth peer name x2 address 02:00:00:00:09:02   # not bridge ports"
rec "$NB link add br1 type bridge; $NB link add q1 type veth peer name q2; $NB link set q1 master br1; $NB link set br1 up; $NB link set q1 up; $NB link set q2 up"
rec "for i in 1 2 3 4; do ip -n uvnr-h\$i addr add 10.9.0.1\$i/24 dev h\$i && ip -n uvnr-h\$i link set h\$i up; done"

note "=== br0 is DOWN: mdb add is refused, show is empty ==="
rec "$B mdb show"
rec "$B mdb add dev br0 port p1 grp 239.1.1.1 permanent"
rec "$B mdb del dev br0 port p1 grp 239.1.1.1"
rec "for d in br0 p1 p2 p3 p4 x1 x2; do $NB link set \$d up; done; sleep 1"
rec "$B mdb show"
rec "$B -d -s mdb show"
rec "$B -j mdb show"

note "=== help and parse errors of iproute2 6.1 (client side) ==="
rec "$B mdb help"
rec "$B mdb add"
rec "$B mdb add dev br0 grp 239.1.1.1"
rec "$B mdb add dev br0 port p1"
rec "$B mdb del dev br0 port p1"
rec "$B mdb bogus"
rec "$B mdb replace dev br0 port p1 grp 239.1.1.1 permanent   # 6.1 has no replace"
rec "$B mdb get dev br0 grp 239.1.1.1                         # 6.1 has no get"
rec "$B mdb flush dev br0                                     # 6.1 has no flush"
rec "$B mdb add dev br0 port p1 grp bogus"
rec "$B mdb add dev br0 port p1 grp 239.1.1.1 src bogus"
rec "$B mdb add dev br0 port p1 grp 239.1.1.1 src"
rec "$B mdb add dev nosuch port p1 grp 239.1.1.1"
rec "$B mdb add dev br0 port nosuch grp 239.1.1.1"
rec "$B mdb show dev nosuch"
rec "$B mdb show dev br0 dev br0"
rec "$B mdb show vid 1 vid 2"
rec "$B mdb add dev br0 port p1 grp 239.1.1.1 h     # a word that is a prefix of 'help'"
rec "$B mdb show help"
rec "$B mdb a dev br0 port p1 grp 239.9.9.9 permanent   # abbreviations: a / d / s / l"
rec "$B mdb s; $B mdb l; $B mdb lst"
rec "$B mdb d dev br0 port p1 grp 239.9.9.9"
rec "$B mdb add dev br0 port p1 grp 239.9.9.9 permanent filter_mode exclude source_list 10.1.1.1 proto zebra bogus words   # 6.1 ignores unknown words"
rec "$B -d mdb show"
rec "$B mdb del dev br0 port p1 grp 239.9.9.9"

note "=== static port entries: IPv4, IPv6, L2 MAC; permanent / temp; vid; src S ==="
rec "$B mdb add dev br0 port p1 grp 239.1.1.1 permanent"
rec "$B mdb add dev br0 port p2 grp 239.1.1.1 temp"
rec "$B mdb add dev br0 port p1 grp 239.1.1.2          # no state word: temp"
rec "$B mdb add dev br0 port p1 grp ff0e::1 permanent"
rec "$B mdb add dev br0 port p2 grp ff0e::2"
rec "$B mdb add dev br0 port p1 grp 01:00:5e:01:02:03 permanent"
rec "$B mdb add dev br0 port p2 grp 33:33:00:00:00:42 permanent"
rec "$B mdb add dev br0 port p1 grp 239.1.1.3 vid 10 permanent   # no VLAN filtering on this kernel, vid still stored"
rec "$B mdb add dev br0 port p1 grp 239.1.1.3 permanent           # same group without vid: a different entry"
rec "$B mdb add dev br0 port p1 grp 239.1.1.4 src 10.1.1.1 permanent"
rec "$B mdb add dev br0 port p2 grp 239.1.1.4 src 10.1.1.2"
rec "$B mdb add dev br0 port p2 grp ff0e::4 src 2001:db8::1 permanent"
rec "$B mdb add dev br0 port p1 grp 224.0.1.1 permanent          # not link-local: allowed"
rec "$B mdb add dev br0 port p1 grp ff02::5 permanent            # link-local scope but not all-nodes: allowed"
rec "$B mdb add dev br0 port p1 grp ff01::5 permanent"
rec "$B mdb add dev br0 port p1 grp ff:ff:ff:ff:ff:ff permanent  # broadcast MAC counts as multicast"
rec "$B mdb add dev br0 port p1 grp 01:80:c2:00:00:00 permanent"

note "host entries (port = the bridge itself)"
rec "$B mdb add dev br0 port br0 grp 239.1.1.5"
rec "$B mdb add dev br0 port br0 grp 239.1.1.1 temp          # host joins a group that ports also have"
rec "$B mdb add dev br0 port br0 grp ff0e::5"
rec "$B mdb add dev br0 port br0 grp 01:00:5e:00:00:99 permanent"

note "=== show variants (bridge in IGMPv2 / MLDv1 mode: no filter_mode / source_list) ==="
rec "$B mdb show"
rec "$B mdb"
rec "$B mdb show dev br0"
rec "$B mdb show dev p1      # filter compares the BRIDGE ifindex: nothing"
rec "$B mdb show dev br1"
rec "$B mdb show vid 10"
rec "$B mdb show dev br0 vid 10"
rec "$B -d mdb show"
rec "$B -s mdb show"
rec "$B -d -s mdb show"
rec "$B -s -s mdb show"
rec "$B -j mdb show"
rec "$B -j -p mdb show"
rec "$B -d -s -j mdb show"
rec "$B -d -s -j -p mdb show"
rec "$B -o mdb show"
rec "$B -j mdb show dev br1"
rec "$B -j -p mdb show dev br1"
rec "bridge mdb show    # the sandbox namespace has no bridge"
rec "bridge -j mdb show"
rec "nlmdb dump         # raw kernel dump (timer = remaining centiseconds, flags bits, rtprot)"

note "=== del ==="
rec "$B mdb del dev br0 port p1 grp 239.1.1.2"
rec "$B mdb del dev br0 port p1 grp 239.1.1.2    # again"
rec "$B mdb del dev br0 port p2 grp 239.1.1.1 permanent   # state word ignored by del"
rec "$B mdb del dev br0 port p1 grp 239.1.1.3            # without vid: the vid 0 entry"
rec "$B mdb show dev br0 | grep 239.1.1.3"
rec "$B mdb del dev br0 port p1 grp 239.1.1.3 vid 10"
rec "$B mdb del dev br0 port p1 grp 239.1.1.4            # (S,G) needs src"
rec "$B mdb del dev br0 port p1 grp 239.1.1.4 src 10.1.1.1"
rec "$B mdb del dev br0 port br0 grp 239.1.1.5"
rec "$B mdb del dev br0 port br0 grp 239.1.1.5"
rec "$B mdb del dev br0 port br0 grp 239.1.1.1           # host leave; p1 keeps the group"
rec "$B mdb del dev br0 port p3 grp 239.1.1.1            # port without that group"
rec "$B mdb del dev br0 port x1 grp 239.1.1.1"
rec "$B mdb del dev br0 port q1 grp 239.1.1.1"
rec "$B mdb del dev br0 port p1 grp 224.0.0.1"
rec "$B mdb del dev br0 port p1 grp 239.1.1.1 vid 5000"
rec "$B mdb show"

note "=== add errors (iproute2 6.1 where it can express the request) ==="
rec "$B mdb add dev br0 port p1 grp 239.1.1.1 permanent   # duplicate (*,G)"
rec "$B mdb add dev br0 port p1 grp 239.1.1.1 temp        # duplicate, other state"
rec "$B mdb add dev br0 port p2 grp ff0e::4 src 2001:db8::1 permanent   # duplicate (S,G)"
rec "$B mdb add dev br0 port br0 grp ff0e::5               # duplicate host entry"
rec "$B mdb add dev br0 port br0 grp 239.2.0.1 permanent   # IP host entry: permanent refused"
rec "$B mdb add dev br0 port br0 grp 239.2.0.1 temp        # IP host entry: temp accepted"
rec "$B mdb add dev br0 port br0 grp 239.2.0.2 src 10.1.1.1"
rec "$B mdb add dev br0 port br0 grp 01:00:5e:00:00:98      # L2 host entry must be permanent"
rec "$B mdb add dev br0 port p1 grp 01:00:5e:00:00:97       # L2 port entry must be permanent"
rec "$B mdb add dev br0 port p1 grp 01:00:5e:00:00:97 temp"
rec "$B mdb add dev br0 port p1 grp 01:00:5e:00:00:97 src 10.1.1.1 permanent"
rec "$B mdb add dev br0 port p1 grp 02:00:00:00:00:01 permanent   # unicast MAC"
rec "$B mdb add dev br0 port p1 grp 00:00:00:00:00:00 permanent"
rec "$B mdb add dev br0 port p1 grp 224.0.0.1 permanent     # link-local control group"
rec "$B mdb add dev br0 port p1 grp 224.0.0.22 permanent"
rec "$B mdb add dev br0 port p1 grp 224.0.0.255 permanent"
rec "$B mdb add dev br0 port br0 grp 224.0.0.1"
rec "$B mdb add dev br0 port p1 grp ff02::1 permanent       # IPv6 all-nodes"
rec "$B mdb add dev br0 port p1 grp ff02::2 permanent       # all-routers: allowed"
rec "$B mdb add dev br0 port p1 grp ff02::16 permanent"
rec "$B mdb del dev br0 port p1 grp ff02::2; $B mdb del dev br0 port p1 grp ff02::16"
rec "$B mdb add dev br0 port p1 grp 10.0.0.1 permanent      # unicast IPv4"
rec "$B mdb add dev br0 port p1 grp 0.0.0.0 permanent"
rec "$B mdb add dev br0 port p1 grp 2001:db8::1 permanent   # unicast IPv6"
rec "$B mdb add dev br0 port p1 grp :: permanent"
rec "$B mdb add dev br0 port p1 grp 239.2.0.3 src 239.1.1.1 permanent   # group address used as source"
rec "$B mdb add dev br0 port p1 grp ff0e::6 src ff0e::1 permanent"
rec "$B mdb add dev br0 port p1 grp 239.2.0.3 src 2001:db8::1 permanent # family mismatch"
rec "$B mdb add dev br0 port p1 grp ff0e::6 src 10.1.1.1 permanent"
rec "$B mdb add dev br0 port p1 grp 239.2.0.3 src 0.0.0.0 permanent     # src 0.0.0.0 = no source: (*,G)"
rec "$B mdb show dev br0 | grep 239.2.0.3; $B mdb del dev br0 port p1 grp 239.2.0.3"
rec "$B mdb add dev br0 port p1 grp 239.2.0.4 vid 4094 permanent"
rec "$B mdb add dev br0 port p1 grp 239.2.0.4 vid 4095 permanent"
rec "$B mdb add dev br0 port p1 grp 239.2.0.4 vid 5000 permanent"
rec "$B mdb add dev br0 port p1 grp 239.2.0.4 vid 65535 permanent"
rec "$B mdb add dev br0 port p1 grp 239.2.0.4 vid -1 permanent"
rec "$B mdb add dev br0 port p1 grp 239.2.0.5 vid abc permanent   # atoi: vid 0"
rec "$B mdb show dev br0 | grep 239.2.0"
rec "$B mdb add dev br0 port x1 grp 239.2.0.6 permanent     # not a bridge port"
rec "$B mdb add dev br0 port q1 grp 239.2.0.6 permanent     # port of another bridge"
rec "$B mdb add dev br1 port p1 grp 239.2.0.6 permanent"
rec "$B mdb add dev x1 port p1 grp 239.2.0.6 permanent      # dev is not a bridge"
rec "$B mdb add dev p1 port p1 grp 239.2.0.6 permanent"
rec "$B mdb add dev lo port p1 grp 239.2.0.6 permanent"

note "port that is down (STP state disabled): temp refused, permanent accepted"
rec "$B mdb add dev br0 port p4 grp 239.2.1.1 temp; $B mdb add dev br0 port p4 grp 239.2.1.2 permanent; $B mdb show dev br0 | grep 239.2.1"
rec "$NB link set p4 down; $B link show dev p4"
rec "$B mdb show dev br0 | grep 239.2.1     # after the port went down"
rec "$B mdb add dev br0 port p4 grp 239.2.1.3"
rec "$B mdb add dev br0 port p4 grp 239.2.1.3 temp"
rec "$B mdb add dev br0 port p4 grp 239.2.1.3 permanent"
rec "$B mdb add dev br0 port p4 grp 01:00:5e:00:01:03 permanent"
rec "$B mdb del dev br0 port p4 grp 239.2.1.3    # del on a disabled port"
rec "$NB link set p4 up; sleep 0.2; $B mdb show dev br0 | grep -E '239.2.1|00:01:03'"
rec "$B mdb del dev br0 port p4 grp 239.2.1.2; $B mdb del dev br0 port p4 grp 01:00:5e:00:01:03"

note "=== kernel answers for attributes iproute2 6.1 cannot send (raw netlink via nlmdb) ==="
note "nlmdb add = RTM_NEWMDB NLM_F_CREATE|NLM_F_EXCL, replace = NLM_F_CREATE|NLM_F_REPLACE, del = RTM_DELMDB (what iproute2 >= 6.3 sends)"
rec "nlmdb add dev br0 port p1 grp 239.1.1.1 permanent      # duplicate, same as above"
rec "nlmdb add dev br0 port br0 grp 239.3.0.1 filter_mode exclude"
rec "nlmdb add dev br0 port br0 grp 239.3.0.1 filter_mode include source_list 10.1.1.1"
rec "nlmdb add dev br0 port br0 grp 239.3.0.1 source_list 10.1.1.1"
rec "nlmdb add dev br0 port br0 grp 239.3.0.1 proto static"
rec "nlmdb add dev br0 port br0 grp 239.3.0.1 src 10.1.1.1"
rec "nlmdb add dev br0 port p1 grp 239.3.0.2 filter_mode include                 # INCLUDE with empty list"
rec "nlmdb add dev br0 port p1 grp 239.3.0.2 source_list 10.1.1.1                # source_list without filter_mode"
rec "nlmdb add dev br0 port p1 grp 239.3.0.2 src 10.1.1.9 filter_mode include    # filter_mode on (S,G)"
rec "nlmdb add dev br0 port p1 grp 239.3.0.2 src 10.1.1.9 filter_mode exclude source_list 10.1.1.1"
rec "nlmdb add dev br0 port p1 grp 239.3.0.2 src 10.1.1.9 source_list 10.1.1.1"
rec "nlmdb add dev br0 port p1 grp 01:00:5e:00:00:96 permanent filter_mode exclude"
rec "nlmdb add dev br0 port p1 grp 01:00:5e:00:00:96 permanent source_list 10.1.1.1 filter_mode include"
rec "nlmdb add dev br0 port p1 grp 239.3.0.2 filter_mode include source_list 239.1.1.1   # group as source"
rec "nlmdb add dev br0 port p1 grp 239.3.0.2 filter_mode include source_list 10.1.1.1,0.0.0.0"
rec "nlmdb add dev br0 port p1 grp 239.3.0.2 filter_mode include source_list 2001:db8::1"
rec "nlmdb add dev br0 port p1 grp ff0e::3:2 filter_mode include source_list 10.1.1.1"
rec "nlmdb add dev br0 port p1 grp ff0e::3:2 filter_mode include source_list ff0e::1"
rec "nlmdb add dev br0 port p1 grp 239.3.0.2 filter_mode include source_list 10.1.1.1,10.1.1.1   # duplicate source"
rec "nlmdb add dev br0 port p1 grp 239.3.0.2 proto 0"
rec "nlmdb add dev br0 port p1 grp 239.3.0.2 proto 2        # kernel"
rec "nlmdb add dev br0 port p1 grp 239.3.0.2 proto 3        # boot"
rec "nlmdb add dev br0 port p1 grp 239.3.0.2 proto 255"
rec "nlmdb add dev br0 port p1 grp 239.3.0.3 proto 4"
rec "nlmdb add dev br0 port p1 grp 239.3.0.4 proto 186      # 186 is "bgp" in /etc/iproute2/rt_protos"
rec "nlmdb add dev br0 port p1 grp 239.3.0.5 proto 250"
S31=10.2.0.1; for i in $(seq 2 31); do S31="$S31,10.2.0.$i"; done
rec "nlmdb add dev br0 port p2 grp 239.3.1.31 permanent filter_mode include source_list $S31   # 31 sources"
rec "nlmdb add dev br0 port p2 grp 239.3.1.32 permanent filter_mode include source_list $S31,10.2.0.32   # 32 sources"
rec "nlmdb add dev br0 port p2 grp 239.3.1.31 permanent filter_mode exclude source_list 10.2.0.99   # duplicate (*,G)"
rec "nlmdb add dev br0 port p2 grp 239.3.1.31 src 10.2.0.5 permanent    # (S,G) already created by the list"
rec "nlmdb add dev br0 port p1 grp 239.3.2.1 filter_mode exclude source_list 10.3.0.1,10.3.0.2"
rec "nlmdb add dev br0 port p1 grp 239.3.2.2 temp filter_mode include source_list 10.3.0.1,10.3.0.2 proto 99"
rec "nlmdb add dev br0 port p2 grp ff0e::3:3 permanent filter_mode exclude source_list 2001:db8::7"
rec "nlmdb add dev br0 port p1 grp 239.3.0.9 vid 5000 permanent"
rec "nlmdb add dev br0 port p1 grp 239.3.0.9 vid 0 permanent; nlmdb del dev br0 port p1 grp 239.3.0.9"
rec "$B -d mdb show | grep -E '239.3|ff0e::3'"
rec "$B -d -s mdb show | grep -E '239.3.2|ff0e::3:3'"
rec "nlmdb dump | grep -E '239.3.2|ff0e::3:3'"

note "=== replace (raw netlink) ==="
rec "nlmdb replace dev br0 port br0 grp ff0e::5            # existing host entry"
rec "nlmdb replace dev br0 port br0 grp 239.3.3.1          # new host entry"
rec "nlmdb replace dev br0 port br0 grp 239.3.3.1 permanent"
rec "nlmdb replace dev br0 port br0 grp 239.3.3.1 proto static"
rec "$B -s mdb show dev br0 | grep -E 'port br0 grp (ff0e::5|239.3.3.1)'"
rec "nlmdb replace dev br0 port p1 grp 239.3.3.2 temp      # replace creates"
rec "$B -d -s mdb show | grep 239.3.3.2"
rec "nlmdb replace dev br0 port p1 grp 239.3.3.2 permanent proto 186   # temp -> permanent, new proto"
rec "$B -d -s mdb show | grep 239.3.3.2"
rec "nlmdb replace dev br0 port p1 grp 239.3.2.2 permanent filter_mode include source_list 10.3.0.2,10.3.0.3   # list replaced: .1 removed, .3 added"
rec "$B -d -s mdb show | grep 239.3.2.2"
rec "nlmdb replace dev br0 port p1 grp 239.3.2.2 temp filter_mode exclude source_list 10.3.0.3"
rec "$B -d -s mdb show | grep 239.3.2.2"
rec "nlmdb replace dev br0 port p1 grp 239.3.2.2 temp     # no filter_mode = EXCLUDE {}"
rec "$B -d -s mdb show | grep 239.3.2.2"
rec "nlmdb replace dev br0 port p1 grp 01:00:5e:00:00:97 temp"
rec "nlmdb replace dev br0 port p1 grp 239.3.3.3 src 10.1.1.1 temp; nlmdb replace dev br0 port p1 grp 239.3.3.3 src 10.1.1.1 permanent; $B -d -s mdb show | grep 239.3.3.3"

note "=== the same entries with the bridge in IGMPv3 / MLDv2 mode: -d adds filter_mode and source_list ==="
rec "$NB link set br0 type bridge mcast_igmp_version 3 mcast_mld_version 2"
rec "$B -d mdb show"
rec "$B -d -s mdb show"
rec "$B -d -s -j -p mdb show dev br0 | head -120"
rec "nlmdb dump | head -20"
rec "$NB link set br0 type bridge mcast_igmp_version 2 mcast_mld_version 1; $B -d mdb show | grep 239.3.2.1"

note "=== get (RTM_GETMDB request without NLM_F_DUMP; iproute2 >= 6.7 'bridge mdb get'), raw reply ==="
rec "nlmdb get dev br0 grp 239.1.1.1"
rec "nlmdb get dev br0 grp ff0e::5"
rec "nlmdb get dev br0 grp 239.3.1.31"
rec "nlmdb get dev br0 grp 239.3.1.31 src 10.2.0.7"
rec "nlmdb get dev br0 grp 239.3.1.31 src 10.9.9.9"
rec "nlmdb get dev br0 grp 239.3.1.31 src 239.1.1.1"
rec "nlmdb get dev br0 grp 239.2.0.4 vid 4094"
rec "nlmdb get dev br0 grp 239.2.0.4"
rec "nlmdb get dev br0 grp 01:00:5e:01:02:03"
rec "nlmdb get dev br0 grp 239.99.99.99"
rec "nlmdb get dev br0 grp 224.0.0.1"
rec "nlmdb get dev br1 grp 239.1.1.1"
rec "nlmdb get dev p1 grp 239.1.1.1"

note "=== flush (RTM_DELMDB with NLM_F_BULK; iproute2 >= 6.8 'bridge mdb flush') ==="
rec "$B mdb add dev br0 port p3 grp 239.4.0.1 permanent; $B mdb add dev br0 port p3 grp 239.4.0.2; $B mdb add dev br0 port p3 grp 239.4.0.3 vid 7 permanent; nlmdb add dev br0 port p3 grp 239.4.0.4 permanent proto 186; $B mdb add dev br0 port br0 grp 239.4.0.5"
rec "$B mdb show | wc -l; $B mdb show | grep -c ' port p3 '"
rec "nlmdb flush dev br0 port p3 vid 7"
rec "$B mdb show | grep ' port p3 '"
rec "nlmdb flush dev br0 port p3 proto 186"
rec "$B mdb show | grep ' port p3 '"
rec "nlmdb flush dev br0 port p3 nopermanent"
rec "$B mdb show | grep ' port p3 '"
rec "nlmdb flush dev br0 port p3 permanent"
rec "$B mdb show | grep ' port p3 '"
rec "nlmdb flush dev br0 proto kernel      # proto below 'static' is refused by the policy"
rec "nlmdb flush dev br0 proto 3"
rec "nlmdb flush dev br0 vid 5000"
rec "nlmdb flush dev br0 port x1"
rec "nlmdb flush dev br0 port q1"
rec "nlmdb flush dev p1"
rec "nlmdb flush dev br1"
rec "nlmdb flush dev br0 port br0          # host entries only"
rec "$B mdb show"
rec "nlmdb flush dev br0 nopermanent"
rec "$B mdb show"
rec "nlmdb flush dev br0"
rec "$B mdb show"
rec "$NB link set br0 down; nlmdb flush dev br0; $NB link set br0 up; sleep 0.5"

note "=== dynamic entries: IGMPv2 / MLDv1 reports (bridge in IGMPv2 / MLDv1 mode, no querier) ==="
rec "mcsend h1 igmp2 join 239.10.0.1; mcsend h2 igmp2 join 239.10.0.1; mcsend h1 mld1 report ff0e::10:1; sleep 0.2"
rec "$B mdb show"
rec "$B -d mdb show"
rec "$B -s mdb show"
rec "$B -d -s mdb show"
rec "$B -j -p -d -s mdb show"
rec "mcsend h1 igmp3 is_ex 239.10.0.2 '' to_in 239.10.0.3 10.5.0.1; mcsend h1 mld2 is_in ff0e::10:2 2001:db8::1; sleep 0.2   # v3/v2 reports in v2/v1 mode"
rec "$B -d -s mdb show"
rec "mcsend h1 igmp2 leave 239.10.0.1; sleep 0.3; $B -s mdb show | grep 239.10.0.1   # leave, no querier anywhere: timer cut to last_member_count*last_member_interval"
rec "sleep 2.2; $B -s mdb show | grep 239.10.0.1"
rec "mcsend h1 mld1 done ff0e::10:1; sleep 0.3; $B -s mdb show | grep ff0e::10:1"
rec "$NB link set p2 type bridge_slave fastleave on; mcsend h2 igmp2 leave 239.10.0.1; sleep 0.2; $B -s mdb show | grep 239.10.0.1   # fast leave"
rec "$NB link set p2 type bridge_slave fastleave off"
rec "mcsend h3 igmp2 join 224.0.0.5; mcsend h3 igmp2 join 224.0.1.5; mcsend h3 mld1 report ff02::1; mcsend h3 mld1 report ff02::5; sleep 0.2; $B mdb show | grep p3   # link-local groups are not snooped"
rec "nlmdb flush dev br0; $B mdb show"

note "IGMP report sent by the kernel of a peer: ip addr ... autojoin (h4 sends IGMPv3 by default)"
rec "ip -n uvnr-h4 addr add 239.11.0.1/32 dev h4 autojoin; sleep 0.5; $B -d -s mdb show"
rec "ip -n uvnr-h4 addr del 239.11.0.1/32 dev h4; sleep 0.5; $B -d -s mdb show   # the IGMPv3 TO_IN {} leave"
rec "sleep 2; $B mdb show"

note "=== dynamic entries in IGMPv3 / MLDv2 mode: INCLUDE / EXCLUDE source lists ==="
rec "$NB link set br0 type bridge mcast_igmp_version 3 mcast_mld_version 2"
rec "mcsend h1 igmp3 is_in 239.20.0.1 10.5.0.1,10.5.0.2 is_ex 239.20.0.2 10.5.0.3; sleep 0.2"
rec "$B -d -s mdb show"
rec "mcsend h2 igmp3 is_ex 239.20.0.1 10.5.0.9; sleep 0.2   # a second port in EXCLUDE mode for the same group"
rec "$B mdb show"
rec "$B -d mdb show"
rec "$B -d -s mdb show"
rec "$B -s mdb show"
rec "$B -j mdb show"
rec "$B -j -p mdb show"
rec "$B -d -s -j mdb show"
rec "$B -d -s -j -p mdb show"
rec "$B mdb show dev br0"
rec "mcsend h1 igmp3 allow 239.20.0.1 10.5.0.4; sleep 0.2; $B -d -s mdb show | grep 239.20.0.1"
rec "mcsend h1 igmp3 block 239.20.0.1 10.5.0.1; sleep 0.3; $B -d -s mdb show | grep 239.20.0.1   # BLOCK: that source's timer drops to last_member_count*last_member_interval"
rec "mcsend h1 igmp3 to_ex 239.20.0.1 10.5.0.2; sleep 0.2; $B -d -s mdb show | grep 239.20.0.1"
rec "mcsend h1 igmp3 to_in 239.20.0.2 10.5.0.7; sleep 0.2; $B -d -s mdb show | grep 239.20.0.2"
rec "mcsend h3 mld2 is_in ff0e::20:1 2001:db8::1,2001:db8::2 is_ex ff0e::20:2 2001:db8::3; mcsend h2 mld2 is_ex ff0e::20:1 ''; sleep 0.2"
rec "$B -d -s mdb show | grep ff0e"
rec "$B -d -s -j -p mdb show | grep -B3 -A22 '\"ff0e::20:1\"' | head -80"
rec "mcsend h1 igmp2 join 239.20.0.5; mcsend h1 mld1 report ff0e::20:5; sleep 0.2; $B -d -s mdb show | grep -E '239.20.0.5|ff0e::20:5'   # v2/v1 report in v3/v2 mode"
rec "$B mdb add dev br0 port p4 grp 239.20.0.1 src 10.5.0.9 permanent   # static (S,G) next to learned (*,G) EXCLUDE"
rec "$B -d mdb show | grep 239.20.0.1"
rec "nlmdb dump | grep -E '239.20.0.1'"

note "=== router ports ==="
rec "$B -d mdb show | tail -3; $B -j -d mdb show | grep -o '\"router\".*'"
rec "mcsend h3 igmpq 2; sleep 0.2   # IGMPv2 general query from h3 (10.9.0.13): p3 becomes a temp router port"
rec "$B -d mdb show | tail -2"
rec "$B -d -s mdb show | tail -2"
rec "$B -s mdb show | tail -2    # -s alone: no router line"
rec "$B -j -d mdb show | grep -o '\"router\".*'"
rec "$B -j -d -s mdb show | grep -o '\"router\".*'"
rec "$B -j -d -s -p mdb show | sed -n '/\"router\"/,\$p'"
rec "$B -j -s mdb show | grep -o '\"router\".*'"
rec "$NB link set p2 type bridge_slave mcast_router 2   # permanent router port"
rec "$B -d mdb show | tail -1"
rec "$B -d -s mdb show | tail -2"
rec "$B -j -d -s mdb show | grep -o '\"router\".*'"
rec "mcsend h1 mldq 1; sleep 0.2   # MLDv1 query from h1"
rec "$B -d -s mdb show | tail -3"
rec "nlmdb dump | grep router"
rec "$NB link set p2 type bridge_slave mcast_router 0; $NB link set p3 type bridge_slave mcast_router 0; $B -d -s mdb show | tail -2"
rec "$NB link set p2 type bridge_slave mcast_router 1; $NB link set p3 type bridge_slave mcast_router 1; $B -d -s mdb show | tail -2"
rec "$NB link set p1 type bridge_slave mcast_router 3; $B -d -s mdb show | tail -2   # 3 = temp: (re)starts the router timer"
rec "$NB link set p2 type bridge_slave mcast_router 2; $NB link set br0 type bridge mcast_router 2; $B -d -s mdb show | tail -3   # bridge-level mcast_router 2 (the bridge itself is not listed)"
rec "$NB link set br0 type bridge mcast_router 0; $B -d -s mdb show | tail -2; $B -j -d mdb show | grep -o '\"router\".*'   # bridge mcast_router 0: router ports are not dumped at all"
rec "$NB link set br0 type bridge mcast_router 1; $B -d mdb show | tail -1"
rec "$NB link set p1 type bridge_slave mcast_router 1; $NB link set p2 type bridge_slave mcast_router 1; $B -d mdb show | tail -1   # leaving mcast_router 3/2 removes the port from the router list"

note "=== ip -d link show: multicast fields (bridge in v3/v2 mode now) ==="
rec "$NB -d link show br0"
rec "$NB -j -d link show br0"
rec "$NB -j -p -d link show br0 | grep -E 'mcast|multicast'"
rec "$NB -d link show p1"
rec "$NB -j -d link show p1"
rec "$NB link set br0 type bridge mcast_querier 1 mcast_stats_enabled 1 mcast_query_use_ifaddr 1 mcast_router 2 mcast_last_member_count 3 mcast_startup_query_count 4 mcast_last_member_interval 50 mcast_membership_interval 20000 mcast_querier_interval 20000 mcast_query_interval 10000 mcast_query_response_interval 500 mcast_startup_query_interval 333 mcast_hash_max 8192 mcast_hash_elasticity 4"
rec "$NB -d link show br0"
rec "$NB -j -d link show br0"
rec "$NB link set p1 type bridge_slave mcast_router 2 mcast_fast_leave on mcast_flood off mcast_to_unicast on"
rec "$NB -d link show p1"
rec "$NB -j -d link show p1"
rec "$B -d link show dev p1"
rec "$B -j -d link show dev p1"
rec "$NB link set p1 type bridge_slave mcast_router 1 mcast_fast_leave off mcast_flood on mcast_to_unicast off"
rec "nlmdb linkattrs dev br0    # querier state the kernel reports (newer ip prints it)"
rec "sleep 1; nlmdb linkattrs dev br0"
rec "nlmdb linkattrs dev p1; nlmdb linkattrs dev p2; nlmdb linkattrs dev p3; nlmdb linkattrs dev p4   # per-port group counters"
rec "$NB link set br0 type bridge mcast_querier 0 mcast_query_use_ifaddr 0 mcast_router 1 mcast_last_member_count 2 mcast_startup_query_count 2 mcast_last_member_interval 100 mcast_membership_interval 26000 mcast_querier_interval 25500 mcast_query_interval 12500 mcast_query_response_interval 1000 mcast_startup_query_interval 3125 mcast_hash_max 4096 mcast_hash_elasticity 16"
rec "$NB -d link show br0 | grep -o 'mcast_startup_query_interval [0-9]*'"
rec "$NB link set br0 type bridge mcast_querier 2; $NB -d link show br0 | grep -o 'mcast_querier [0-9]*'; $NB link set br0 type bridge mcast_querier 0"
rec "$NB link set br0 type bridge mcast_igmp_version 1"
rec "$NB link set br0 type bridge mcast_igmp_version 4"
rec "$NB link set br0 type bridge mcast_mld_version 0"
rec "$NB link set br0 type bridge mcast_mld_version 3"
rec "$NB link set br0 type bridge mcast_router 3"
rec "$NB link set br0 type bridge mcast_hash_max 1000; $NB -d link show br0 | grep -o 'mcast_hash_max [0-9]*'; $NB link set br0 type bridge mcast_hash_max 4096"
rec "$NB link set br0 type bridge mcast_hash_elasticity 4; $NB -d link show br0 | grep -o 'mcast_hash_elasticity [0-9]*'   # accepted, always reported as 16"
rec "$NB link set br0 type bridge mcast_vlan_snooping 1"
rec "$NB link set br0 type bridge vlan_filtering 1"
rec "$NB link set p1 type bridge_slave mcast_router 4"

note "mcast_hash_max smaller than the number of groups: the next new group disables snooping"
rec "nlmdb flush dev br0; $B mdb add dev br0 port p1 grp 239.8.0.1 permanent; $B mdb add dev br0 port p1 grp 239.8.0.2 permanent; $NB link set br0 type bridge mcast_hash_max 2; $NB -d link show br0 | grep -o 'mcast_snooping [0-9] \|mcast_hash_max [0-9]*'"
rec "$B mdb add dev br0 port p1 grp 239.8.0.3 permanent   # third group"
rec "$NB -d link show br0 | grep -o 'mcast_snooping [0-9] \|mcast_hash_max [0-9]*'; $B mdb show"
rec "mcsend h1 igmp2 join 239.8.0.4; sleep 0.2; $B mdb show | grep 239.8.0.4"
rec "$NB link set br0 type bridge mcast_snooping 1"
rec "$NB link set br0 type bridge mcast_hash_max 4096 mcast_snooping 1; $NB -d link show br0 | grep -o 'mcast_snooping [0-9] \|mcast_hash_max [0-9]*'; $B mdb show; nlmdb flush dev br0"

note "=== multicast statistics (mcast_stats_enabled 1): ip -s -d link, ip link xstats ==="
rec "$NB link xstats type bridge_slave dev p1   # mcast_stats_enabled 1 since the ip -d link section"
rec "$NB link xstats type bridge"
rec "mcsend h1 igmp2 join 239.30.0.1; mcsend h1 igmp2 leave 239.30.0.1; mcsend h1 igmp3 is_ex 239.30.0.2 ''; mcsend h2 mld1 report ff0e::30:1; mcsend h2 mld1 done ff0e::30:1; mcsend h2 mld2 is_ex ff0e::30:2 ''; mcsend h3 igmpq 2; mcsend h3 igmpq 3; mcsend h3 mldq 1; mcsend h3 mldq 2; sleep 0.3"
rec "$NB link xstats type bridge"
rec "$NB link xstats type bridge dev br0"
rec "$NB link xstats type bridge igmp"
rec "$NB link xstats type bridge_slave"
rec "$NB link xstats type bridge_slave dev p1"
rec "$NB -j link xstats type bridge_slave dev p1"
rec "$NB -j -p link xstats type bridge dev br0"
rec "$NB link xstats type bridge help"
rec "$NB link xstats type bridge bogus"
rec "$NB link set br0 type bridge mcast_stats_enabled 0; $NB link xstats type bridge_slave dev p1 | head -6; $NB link set br0 type bridge mcast_stats_enabled 1; $NB link xstats type bridge_slave dev p1 | head -6   # does a 0/1 toggle clear the counters?"
rec "$NB -s -d link show br0"
rec "$NB -s -s -d link show p1"
rec "$NB link set br0 type bridge mcast_stats_enabled 0; mcsend h1 igmp2 join 239.30.0.9; sleep 0.2; $NB link xstats type bridge_slave dev p1   # disabled: counters frozen"

note "=== bridge monitor mdb (started in the background; stdbuf -oL because bridge block-buffers stdout into a file) ==="
note "membership interval 3 s and querier interval 3 s so that learned entries and router ports expire inside the window"
rec "nlmdb flush dev br0; $NB link set br0 type bridge mcast_membership_interval 300 mcast_querier_interval 300 mcast_igmp_version 3 mcast_mld_version 2"
ACT='sleep 0.3; bridge -n uvnr-br mdb add dev br0 port p2 grp 239.40.0.1 permanent; bridge -n uvnr-br mdb add dev br0 port br0 grp 239.40.0.2; bridge -n uvnr-br mdb add dev br0 port p2 grp 239.40.0.3 src 10.1.1.1; bridge -n uvnr-br mdb add dev br0 port p2 grp ff0e::40:1 permanent; bridge -n uvnr-br mdb add dev br0 port p2 grp 01:00:5e:00:40:01 permanent; bridge -n uvnr-br mdb del dev br0 port p2 grp 239.40.0.1; bridge -n uvnr-br mdb del dev br0 port br0 grp 239.40.0.2; nlmdb add dev br0 port p2 grp 239.40.0.4 filter_mode exclude source_list 10.1.1.5 >/dev/null; nlmdb replace dev br0 port p2 grp ff0e::40:1 temp >/dev/null; mcsend h1 igmp3 to_in 239.40.0.5 10.6.0.1; mcsend h1 igmp2 join 239.40.0.6; mcsend h3 igmpq 2; ip -n uvnr-br link set p2 type bridge_slave mcast_router 2; ip -n uvnr-br link set p2 type bridge_slave mcast_router 1; sleep 4.5; nlmdb flush dev br0 >/dev/null; sleep 0.3'
note "ACTIONS (\$ACT): $ACT"
rec "stdbuf -oL bridge -n uvnr-br monitor mdb & M=\$!; $ACT; kill \$M"
rec "stdbuf -oL bridge -n uvnr-br -d -s monitor mdb & M=\$!; $ACT; kill \$M"
rec "stdbuf -oL bridge -n uvnr-br -j monitor mdb & M=\$!; $ACT; kill \$M"
rec "stdbuf -oL bridge -n uvnr-br -t monitor mdb & M=\$!; $ACT; kill \$M"
rec "stdbuf -oL bridge -n uvnr-br monitor all & M=\$!; $ACT; kill \$M"
rec "stdbuf -oL ip -n uvnr-br monitor all & M=\$!; $ACT; kill \$M   # ip monitor does not show RTM_*MDB"
rec "$NB link set br0 type bridge mcast_membership_interval 26000 mcast_querier_interval 25500"

note "=== what happens to entries when a port / the bridge goes down or snooping is turned off ==="
rec "nlmdb flush dev br0; $NB link set br0 type bridge mcast_igmp_version 2 mcast_mld_version 1"
SETUP_E="bridge -n uvnr-br mdb add dev br0 port p1 grp 239.50.0.1 permanent; bridge -n uvnr-br mdb add dev br0 port p1 grp 239.50.0.2 temp; bridge -n uvnr-br mdb add dev br0 port br0 grp 239.50.0.3; bridge -n uvnr-br mdb add dev br0 port br0 grp 01:00:5e:00:50:04 permanent; mcsend h2 igmp2 join 239.50.0.5; sleep 0.2"
rec "$SETUP_E; $B mdb show"
rec "$NB link set p1 down; $NB link set p2 down; $B mdb show; $NB link set p1 up; $NB link set p2 up"
rec "nlmdb flush dev br0; $SETUP_E; $NB link set br0 down; $B mdb show; $B -s mdb show"
rec "$NB link set br0 up; sleep 0.3; $B mdb show"
rec "nlmdb flush dev br0; $SETUP_E; $NB link set br0 type bridge mcast_snooping 0; $B mdb show; $B -d -s mdb show; $NB -d link show br0 | grep -o 'mcast_snooping [0-9]'"
rec "$B mdb add dev br0 port p1 grp 239.50.0.9 permanent"
rec "$B mdb del dev br0 port p1 grp 239.50.0.1"
rec "mcsend h2 igmp2 join 239.50.0.6; sleep 0.2; $B mdb show | grep 239.50.0.6"
rec "$NB link set br0 type bridge mcast_snooping 1; $B mdb show"
rec "$NB link set p1 nomaster; $B mdb show; $NB link set p1 master br0; $NB link set p1 up"
rec "nlmdb flush dev br0"

note "=== which hand-made reports are learned: MLD from a global source address, MLD without the hop-by-hop router alert, IGMP with a bad checksum, IGMP without router alert ==="
rec "ip netns exec uvnr-h1 /usr/bin/python3 -c \"
import warnings; warnings.filterwarnings('ignore')
from scapy.all import *
from scapy.layers.inet6 import *
from scapy.contrib.igmp import IGMP
m=get_if_hwaddr('h1')
sendp(Ether(src=m,dst='33:33:00:00:60:01')/IPv6(src='2001:db8::1',dst='ff0e::60:1',hlim=1)/IPv6ExtHdrHopByHop(options=[RouterAlert()])/ICMPv6MLReport(mladdr='ff0e::60:1'),iface='h1',verbose=0)
sendp(Ether(src=m,dst='33:33:00:00:60:02')/IPv6(src='fe80::1',dst='ff0e::60:2',hlim=1)/ICMPv6MLReport(mladdr='ff0e::60:2'),iface='h1',verbose=0)
sendp(Ether(src=m,dst='01:00:5e:3c:00:01')/IP(src='10.9.0.11',dst='239.60.0.1',ttl=1)/IGMP(type=0x16,gaddr='239.60.0.1',chksum=0x1234),iface='h1',verbose=0)
sendp(Ether(src=m,dst='01:00:5e:3c:00:02')/IP(src='10.9.0.11',dst='239.60.0.2',ttl=1)/IGMP(type=0x16,gaddr='239.60.0.2'),iface='h1',verbose=0)
\"; sleep 0.2; $B mdb show"
rec "nlmdb flush dev br0"

note "=== the bridge's own querier: packets captured on the host side (uvnr-qh/qh) ==="
note "fresh namespaces: uvnr-q (br0 02:00:00:00:0a:00, IPv6 on for br0, off for port q1) and uvnr-qh (qh 02:00:00:00:0a:02, 10.9.1.2/24, IPv6 off)"
Q='ip -n uvnr-q'
BQ='bridge -n uvnr-q'
QF="igmp or (ip6 and ip6[6]==0)"
rec "for n in q qh; do ip netns add uvnr-\$n && ip -n uvnr-\$n link set lo up; done; ip netns exec uvnr-qh $NOV6"
rec "$Q link add br0 address 02:00:00:00:0a:00 type bridge mcast_querier 1 mcast_startup_query_interval 100 mcast_query_interval 200 mcast_query_response_interval 100 mcast_stats_enabled 1"
rec "$Q link add q1 address 02:00:00:00:0a:01 type veth peer name qh address 02:00:00:00:0a:02 netns uvnr-qh; ip netns exec uvnr-q sysctl -qw net.ipv6.conf.q1.disable_ipv6=1; $Q link set q1 master br0; ip -n uvnr-qh addr add 10.9.1.2/24 dev qh; ip -n uvnr-qh link set qh up   # IPv6 off on the port q1 itself (no DAD/MLD of its own)"
note "Q1: startup. querier 1, startup_query_interval 1 s, query_interval 2 s, response 1 s, IGMPv2/MLDv1, br0 without IPv4 address; capture starts 1 s before br0 and q1 go up (raw/mdb/q1-startup.pcap)"
ip netns exec uvnr-qh timeout 15 tcpdump -i qh -nn -U -w $R/q1-startup.pcap 2>/dev/null & TP=$!; BGPIDS="$BGPIDS $TP"
rec "sleep 1; date +%s.%N; $Q link set q1 up; $Q link set br0 up; date +%s.%N"
rec "sleep 14.5"
wait $TP 2>/dev/null
rec "tcpdump -r $R/q1-startup.pcap -nn -tt -v 2>/dev/null"
rec "tcpdump -r $R/q1-startup.pcap -nn -ttttt '$QF' 2>/dev/null   # time relative to the first packet"
rec "tshark -r $R/q1-startup.pcap -Y 'igmp.type == 0x11' -V | sed '/^\$/q'"
rec "tshark -r $R/q1-startup.pcap -Y 'icmpv6.type == 130' -V | sed '/^\$/q'"
rec "tcpdump -r $R/q1-startup.pcap -nn -XX 'igmp[0] == 0x11' 2>/dev/null | head -5"
rec "tcpdump -r $R/q1-startup.pcap -nn -XX 'ip6 and ip6[6]==0 and ip6[48]==130' 2>/dev/null | head -7"
rec "$BQ -d -s mdb show; nlmdbq linkattrs dev br0"

note "Q2: source address: mcast_query_use_ifaddr 0/1, with and without an IPv4 address on br0"
rec "ip netns exec uvnr-qh timeout 3 tcpdump -i qh -nn -tt 'igmp[0] == 0x11' 2>/dev/null   # use_ifaddr 0, no address"
rec "$Q addr add 10.9.1.1/24 dev br0; ip netns exec uvnr-qh timeout 3 tcpdump -i qh -nn -tt 'igmp[0] == 0x11' 2>/dev/null   # use_ifaddr 0, address 10.9.1.1"
rec "$Q link set br0 type bridge mcast_query_use_ifaddr 1; ip netns exec uvnr-qh timeout 3 tcpdump -i qh -nn -tt 'igmp[0] == 0x11' 2>/dev/null   # use_ifaddr 1"
rec "$Q addr del 10.9.1.1/24 dev br0; ip netns exec uvnr-qh timeout 3 tcpdump -i qh -nn -tt 'igmp[0] == 0x11' 2>/dev/null   # use_ifaddr 1, no address"
rec "$Q addr add 10.9.1.1/24 dev br0; sleep 0.5; nlmdbq linkattrs dev br0"

note "Q3: IGMPv3 / MLDv2 general queries (raw/mdb/q3-v3.pcap)"
rec "$Q link set br0 type bridge mcast_igmp_version 3 mcast_mld_version 2; ip netns exec uvnr-qh timeout 3 tcpdump -i qh -nn -U -w $R/q3-v3.pcap '$QF' 2>/dev/null"
rec "tcpdump -r $R/q3-v3.pcap -nn -tt -v 2>/dev/null"
rec "tshark -r $R/q3-v3.pcap -Y 'igmp.type == 0x11' -V | sed '/^\$/q'"
rec "tshark -r $R/q3-v3.pcap -Y 'icmpv6.type == 130' -V | sed '/^\$/q'"
rec "tcpdump -r $R/q3-v3.pcap -nn -XX 'igmp[0] == 0x11' 2>/dev/null | head -5"
rec "tcpdump -r $R/q3-v3.pcap -nn -XX 'ip6 and ip6[48]==130' 2>/dev/null | head -7"

note "Q4: leave processing by our querier: group-specific queries (IGMPv2 leave, MLDv1 done), group-and-source-specific queries (IGMPv3 BLOCK, MLDv2 BLOCK)"
rec "$Q link set br0 type bridge mcast_igmp_version 2 mcast_mld_version 1 mcast_query_interval 12500 mcast_startup_query_interval 3125; sleep 0.3"
rec "mcsend qh igmp2 join 239.70.0.1; mcsend qh mld1 report ff0e::70:1; sleep 0.2; $BQ -s mdb show"
rec "ip netns exec uvnr-qh timeout 5 tcpdump -i qh -nn -U -w $R/q4-leave-v2.pcap '$QF' 2>/dev/null & sleep 0.5; mcsend qh igmp2 leave 239.70.0.1; $BQ -s mdb show; sleep 1; $BQ -s mdb show; wait"
rec "tcpdump -r $R/q4-leave-v2.pcap -nn -tt -v 2>/dev/null"
rec "tshark -r $R/q4-leave-v2.pcap -Y 'igmp.type == 0x11' -V | sed '/^\$/q'"
rec "ip netns exec uvnr-qh timeout 5 tcpdump -i qh -nn -U -w $R/q4-leave-v1.pcap '$QF' 2>/dev/null & sleep 0.5; mcsend qh mld1 done ff0e::70:1; $BQ -s mdb show; sleep 1; $BQ -s mdb show; wait"
rec "tcpdump -r $R/q4-leave-v1.pcap -nn -tt -v 2>/dev/null"
rec "tshark -r $R/q4-leave-v1.pcap -Y 'icmpv6.type == 130' -V | sed '/^\$/q'"
rec "tcpdump -r $R/q4-leave-v1.pcap -nn -XX 'ip6 and ip6[48]==130' 2>/dev/null | head -7"
rec "$BQ -s mdb show"
rec "$Q link set br0 type bridge mcast_igmp_version 3 mcast_mld_version 2; mcsend qh igmp3 is_in 239.70.0.2 10.7.0.1,10.7.0.2; mcsend qh mld2 is_in ff0e::70:2 2001:db8::71,2001:db8::72; sleep 0.2; $BQ -d -s mdb show"
rec "ip netns exec uvnr-qh timeout 6 tcpdump -i qh -nn -U -w $R/q4-leave-v3.pcap '$QF' 2>/dev/null & sleep 0.5; mcsend qh igmp3 block 239.70.0.2 10.7.0.1; $BQ -d -s mdb show | grep 239.70.0.2; sleep 1.5; $BQ -d -s mdb show | grep 239.70.0.2; wait"
rec "tcpdump -r $R/q4-leave-v3.pcap -nn -tt -v 2>/dev/null"
rec "tshark -r $R/q4-leave-v3.pcap -Y 'igmp.type == 0x11' -V | sed '/^\$/q'"
rec "tcpdump -r $R/q4-leave-v3.pcap -nn -XX 'igmp[0] == 0x11' 2>/dev/null | head -5"
rec "ip netns exec uvnr-qh timeout 6 tcpdump -i qh -nn -U -w $R/q4-leave-v2mld.pcap '$QF' 2>/dev/null & sleep 0.5; mcsend qh mld2 block ff0e::70:2 2001:db8::71; $BQ -d -s mdb show | grep ff0e::70:2; sleep 1.5; $BQ -d -s mdb show | grep ff0e::70:2; wait"
rec "tcpdump -r $R/q4-leave-v2mld.pcap -nn -tt -v 2>/dev/null"
rec "tshark -r $R/q4-leave-v2mld.pcap -Y 'icmpv6.type == 130' -V | sed '/^\$/q'"
rec "tcpdump -r $R/q4-leave-v2mld.pcap -nn -XX 'ip6 and ip6[48]==130' 2>/dev/null | head -8"
rec "$BQ -d -s mdb show"
rec "ip netns exec uvnr-qh timeout 6 tcpdump -i qh -nn -tt -v '$QF' 2>/dev/null & sleep 0.5; mcsend qh igmp3 to_in 239.70.0.2 ''; $BQ -d -s mdb show; sleep 2.5; $BQ -d -s mdb show; wait   # TO_IN {} = leave in v3"

note "Q5: querier election (lowest IPv4 address wins). br0 becomes 10.9.1.100 and its querier is restarted; querier_interval 4 s"
rec "$Q addr del 10.9.1.1/24 dev br0; $Q addr add 10.9.1.100/24 dev br0; $Q link set br0 type bridge mcast_query_interval 200 mcast_startup_query_interval 100 mcast_querier_interval 400 mcast_querier 0; $Q link set br0 type bridge mcast_querier 1; sleep 1.5; nlmdbq linkattrs dev br0"
rec "ip netns exec uvnr-qh timeout 9 tcpdump -i qh -nn -tt '$QF' 2>/dev/null & sleep 0.5; mcsend qh igmpq 3; nlmdbq linkattrs dev br0; $BQ -d -s mdb show | grep router; sleep 2; nlmdbq linkattrs dev br0; wait   # lower address 10.9.1.2 wins: our IGMP queries stop until the other-querier timer (4 s) expires, MLD queries go on"
rec "nlmdbq linkattrs dev br0"
rec "ip -n uvnr-qh addr add 10.9.1.200/24 dev qh; ip netns exec uvnr-qh timeout 5 tcpdump -i qh -nn -tt '$QF' 2>/dev/null & sleep 0.5; ip netns exec uvnr-qh /usr/bin/python3 -c \"
import warnings; warnings.filterwarnings('ignore')
from scapy.all import *
from scapy.contrib.igmpv3 import IGMPv3, IGMPv3mq
sendp(Ether(src=get_if_hwaddr('qh'),dst='01:00:5e:00:00:01')/IP(src='10.9.1.200',dst='224.0.0.1',ttl=1,options=[IPOption_Router_Alert()])/IGMPv3(type=0x11,mrcode=100)/IGMPv3mq(gaddr='0.0.0.0'),iface='qh',verbose=0)
\"; nlmdbq linkattrs dev br0; $BQ -d -s mdb show | grep router; wait   # higher address 10.9.1.200: loses, our queries go on (but q1 still becomes a router port)"
rec "$Q link set br0 type bridge mcast_querier_interval 25500"

note "Q6: querier on but snooping off: no queries"
rec "$Q link set br0 type bridge mcast_snooping 0; ip netns exec uvnr-qh timeout 3 tcpdump -i qh -nn -tt '$QF' 2>/dev/null; $Q link set br0 type bridge mcast_snooping 1"
note "multicast statistics of the querier bridge (mcast_stats_enabled 1 since it was created)"
rec "ip -n uvnr-q link xstats type bridge_slave dev q1"
rec "ip -n uvnr-q link xstats type bridge dev br0"
note "VLAN-tagged queries (per-VLAN querier, mcast_vlan_snooping) cannot be recorded here: this kernel has no CONFIG_BRIDGE_VLAN_FILTERING (see the vlan_filtering / mcast_vlan_snooping errors above)"

note "=== extra: order of the add checks; deleting entries made by a source list (back in uvnr-br, IGMPv3 mode) ==="
rec "$B mdb add dev x1 port p1 grp 224.0.0.1 permanent     # group check comes before the 'is it a bridge' check"
rec "$B mdb add dev x1 port p1 grp 239.1.1.1 vid 5000 permanent"
rec "$NB link set br0 down; $B mdb add dev br0 port p1 grp 224.0.0.1 permanent; $B mdb add dev br0 port x1 grp 239.1.1.1 permanent; $NB link set br0 up"
rec "$B mdb add dev br0 port x1 grp 0.0.0.0 permanent      # port check before the 0.0.0.0 check"
rec "$B mdb add dev br0 port br0 grp 239.2.0.2 src 10.1.1.1 permanent   # flags check before the sources check"
rec "$B mdb add dev br0 port br0 grp 01:00:5e:00:00:98 permanent; $B mdb add dev br0 port br0 grp 01:00:5e:00:00:98 permanent; $B mdb del dev br0 port br0 grp 01:00:5e:00:00:98"
rec "$NB link set br0 type bridge mcast_igmp_version 3; nlmdb add dev br0 port p3 grp 239.1.9.1 permanent filter_mode include source_list 10.1.9.1,10.1.9.2; $B -d mdb show | grep 239.1.9.1"
rec "$B mdb del dev br0 port p3 grp 239.1.9.1 src 10.1.9.1; $B -d mdb show | grep 239.1.9.1   # one (S,G) of the list"
rec "$B mdb del dev br0 port p3 grp 239.1.9.1; $B -d mdb show | grep 239.1.9.1   # the (*,G): its (S,G) go too"

note "=== cleanup ==="
rec "for n in br h1 h2 h3 h4 q qh; do ip netns del uvnr-\$n; done; ip netns list"
