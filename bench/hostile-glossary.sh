#!/bin/bash
# hostile-glossary.sh — glossary building on shapes chosen to be quadratic.
#
#   bench/hostile-glossary.sh [BUILD_DIR] [N] [RUNS]
#
# BUILD_DIR defaults to build, N to 200000, RUNS to 3. Three glossaries are
# generated in ${TMPDIR:-/tmp}/gls-hostile/ (removed at the end):
#   aliases  one entry whose header names N aliases;
#   shared   N entries that all name the same alias;
#   header   one entry whose header line is 8 MiB.
# Each is loaded alone with `glossary-ls dump --no-cache` (parse, build, print
# every entry); the figure is the median wall time of RUNS runs and that
# run's peak RSS.
# Linear building keeps each within a few seconds; before the fix of
# assign_refs (issue 12) `aliases` took 193 s.
set -euo pipefail
build=${1:-build}
n=${2:-200000}
runs=${3:-3}
bin=$build/lsp/glossary-ls
dir=${TMPDIR:-/tmp}/gls-hostile
rm -rf "$dir"
mkdir -p "$dir"
trap 'rm -rf "$dir"' EXIT

python3 - "$dir" "$n" <<'PY'
import sys
d, n = sys.argv[1], int(sys.argv[2])
open(f'{d}/aliases.txt', 'w').write('head,' + ','.join(f'alias{i}' for i in range(n)) + '\n**Head**\nbody\n')
open(f'{d}/shared.txt', 'w').write(''.join(f'entry{i},shared\n**Entry {i}**\nbody\n' for i in range(n)))
open(f'{d}/header.txt', 'w').write('x' * (8 << 20) + ',y\n**X**\nbody\n')
PY

for shape in aliases shared header; do
  for ((r = 0; r < runs; r++)); do
    /usr/bin/time -f '%e %M' "$bin" dump --no-cache --no-default-glossary -g "$dir/$shape.txt" \
      2>&1 >/dev/null | tail -1
  done | sort -n | awk -v s="$shape" -v runs="$runs" '
    { t[NR] = $1; m[NR] = $2 }
    END { i = int((runs + 1) / 2); printf "%-8s %6.2f s  %4d MiB\n", s, t[i], m[i] / 1024 }'
done
