#!/usr/bin/env python3
"""The light script again, as most researchers would write it: in Python (3.8+, standard library only).

Usage: python3 bench/light-summary.py DIR > summary.txt

Does exactly what bench/light-summary.sh does (see there): each run-phase file's
`[OVERALL], Throughput(ops/sec), X` (files named *-exec-*.txt anywhere under DIR), then n, mean
and sample sd per configuration (the file name without its 6th dash-separated token, the
repetition), sorted, with the same arithmetic (sums and sums of squares in doubles), so that both
print the same lines. `npm run bench` times both beside ycsb-analyze (issue 18's bounds).
"""
import os
import sys

PREFIX = b'[OVERALL], Throughput(ops/sec), '


def main(root):
    n, s, ss = {}, {}, {}
    for folder, _, files in os.walk(root):
        for name in files:
            if '-exec-' not in name or not name.endswith('.txt'):
                continue
            t = name[:-4].split('-')
            config = '-'.join(t[:5] + t[6:])
            with open(os.path.join(folder, name), 'rb') as f:
                for line in f:
                    if line.startswith(PREFIX):
                        x = float(line[len(PREFIX):].split(b',')[0])
                        n[config] = n.get(config, 0) + 1
                        s[config] = s.get(config, 0.0) + x
                        ss[config] = ss.get(config, 0.0) + x * x
    print('configuration n mean sd')
    for c in sorted(n):
        m = s[c] / n[c]
        v = (ss[c] - n[c] * m * m) / (n[c] - 1) if n[c] > 1 else 0.0
        print('%s %d %.4f %.4f' % (c, n[c], m, max(v, 0.0) ** 0.5))


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
