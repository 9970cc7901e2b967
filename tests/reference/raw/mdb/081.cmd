nlmdb dump         # raw kernel dump (timer = remaining centiseconds, flags bits, rtprot)
