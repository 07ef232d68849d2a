#!/usr/bin/env python3
"""Normalises the audit log a differential workload printed (its test log
on stdin) into one line per event of the workload, for comparison
between two boots: what legitimately differs between boots (time,
serials, pids, sessions, inode and device numbers, pointers) is replaced;
everything else is kept as the kernel wrote it.

An event is kept when its SYSCALL record was made by the workload's
syscall helper (comm="sysc") and names a rule key; its records are
written in log order, "TYPE field=value ...", joined by " | "."""
import re
import sys

STAMP = re.compile(r'msg=audit\(([0-9.]+):([0-9]+)\): ?')
VARYING = {'pid', 'ppid', 'ses', 'inode', 'dev', 'old-ses'}
POINTER_FIELDS = {'a0', 'a1', 'a2', 'a3'}


def fields(text):
    """The record's fields as (name, value) pairs, in order."""
    out = []
    for m in re.finditer(r'([A-Za-z0-9_\-\[\]]+)=("[^"]*"|\S*)', text):
        out.append((m.group(1), m.group(2)))
    return out


def norm_value(name, value):
    if name in VARYING:
        return '*'
    if name in POINTER_FIELDS:
        # Addresses of the helper's strings differ from boot to boot.
        try:
            if int(value, 16) > 0xffff:
                return 'PTR'
        except ValueError:
            pass
    return value


def main():
    inside = False
    events = {}
    order = []
    for line in sys.stdin:
        line = line.rstrip('\n')
        if line == '=== log':
            inside = True
            continue
        if line == '=== end':
            break
        if not inside or not line.startswith('type='):
            continue
        line = line.split('\x1d', 1)[0]
        m = STAMP.search(line)
        if not m:
            continue
        rtype = line[len('type='):line.index(' ')]
        serial = m.group(2)
        body = line[m.end():]
        if serial not in events:
            events[serial] = []
            order.append(serial)
        events[serial].append((rtype, body))
    for serial in order:
        recs = events[serial]
        sc = [b for t, b in recs if t == 'SYSCALL']
        if not sc or 'comm="sysc"' not in sc[0] or 'key=(null)' in sc[0]:
            continue
        parts = []
        for rtype, body in recs:
            if rtype == 'EOE':
                continue
            f = ' '.join('%s=%s' % (n, norm_value(n, v)) for n, v in fields(body))
            parts.append('%s %s' % (rtype, f))
        print(' | '.join(parts))


if __name__ == '__main__':
    main()
