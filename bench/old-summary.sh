#!/usr/bin/env bash
# The summary script researchers used before ycsb-analyze, kept as the baseline that
# `analyze export --format seed-csv` must reproduce and that `npm run bench` races against.
# It knows one naming scheme (<db>-exec-<nodes>-<size>-<workload>-<index>-rf_<rf>[...].txt),
# writes empty cells for anything it cannot find, and does no statistics.
# Usage: bench/old-summary.sh DIR > summary.csv
dir=${1:-.}
echo "DB,Replication,Index,Workload,Size,RunTime,Throughput,ReadLatency,WriteLatency"
for f in "$dir"/*-exec-*.txt; do
  [ -e "$f" ] || continue
  name=$(basename "$f" .txt)
  db=$(echo "$name" | cut -d- -f1)
  size=$(echo "$name" | cut -d- -f4)
  workload=$(echo "$name" | cut -d- -f5)
  index=$(echo "$name" | cut -d- -f6)
  rf=$(echo "$name" | cut -d- -f7 | cut -d_ -f2)
  runtime=$(grep 'RunTime' "$f" | cut -d, -f3 | tr -d ' ')
  throughput=$(grep 'Throughput' "$f" | cut -d, -f3 | tr -d ' ')
  read=$(grep '\[READ\], AverageLatency' "$f" | cut -d, -f3 | tr -d ' ')
  write=$(grep -E '\[(UPDATE|INSERT)\], AverageLatency' "$f" | head -n 1 | cut -d, -f3 | tr -d ' ')
  echo "$db,$rf,$index,$workload,$size,$runtime,$throughput,$read,$write"
done
