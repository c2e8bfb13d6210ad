#!/usr/bin/env bash
# The lightest script a user would write instead of ycsb-analyze: each run file's [OVERALL]
# throughput, then its mean and standard deviation per configuration. `npm run bench` races
# against it (issue 18's bounds are ratios to it). No statistics beyond that, no checks.
#
# Usage: bench/light-summary.sh DIR > summary.txt
#
# - Reads the run-phase files the study's scripts (and bench/generate.ts) write,
#   <db>-exec-<nodes>-<recordcount>-<workload>-<rep>-rf_<rf>[-bs_<n>-fs_<n>].txt, anywhere under DIR;
#   load-phase files (<db>-load-…) are left out, as ycsb-analyze leaves them out by default.
# - The configuration is the file name without its repetition (the 6th dash-separated token).
# - As a naive user's script would, it takes every `[OVERALL], Throughput(ops/sec), X` it finds:
#   a failed run that printed `Throughput(ops/sec), 0.0` counts as a 0.0 (the study has two:
#   citus c rf_1 rep 6 and citus d rf_2 rep 1, so those two means and sds differ from
#   ycsb-analyze's, which leaves failed runs out); a file cut off before its summary counts as
#   nothing. Everywhere else the means and sds are ycsb-analyze's (checked once on the study).
# - One find and two awks: the first prints "configuration throughput" per file (find runs it on
#   as many files as one command line takes: 100,000 names do not fit one `awk … DIR/*`), the
#   second sums per configuration; sd is the sample sd (n - 1) from the sum of squares.
dir=${1:-.}
echo "configuration n mean sd"
find "$dir" -type f -name '*-exec-*.txt' -exec awk -F', ' '
  $1 == "[OVERALL]" && $2 == "Throughput(ops/sec)" {
    name = FILENAME; sub(/.*\//, "", name); sub(/\.txt$/, "", name)
    k = split(name, t, "-"); config = t[1]
    for (i = 2; i <= k; i++) if (i != 6) config = config "-" t[i]
    print config, $3
  }' {} + |
awk '
  { n[$1]++; s[$1] += $2; ss[$1] += $2 * $2 }
  END {
    for (c in n) {
      m = s[c] / n[c]
      v = n[c] > 1 ? (ss[c] - n[c] * m * m) / (n[c] - 1) : 0
      printf "%s %d %.4f %.4f\n", c, n[c], m, sqrt(v > 0 ? v : 0)
    }
  }' | sort
