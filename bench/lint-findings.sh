#!/bin/bash
# lint-findings.sh — `glossary-ls lint` where every word is a finding: time and
# peak RSS must grow linearly with the input, and RSS stay far below the
# input's findings (issue 12: one 80 KB line used to take 1.9 GB).
#
#   bench/lint-findings.sh [BUILD_DIR] [MEGABYTES] [LINE_MEGABYTES] [RUNS]
#
# BUILD_DIR defaults to build, MEGABYTES to 100, LINE_MEGABYTES to 15, RUNS
# to 3. Generated in ${TMPDIR:-/tmp}/gls-findings/ (removed at the end):
#   lines   a Markdown file of MEGABYTES MB (and of 1/4 and 1/2 of it) made
#           of lines "Lora Lora ... Lora" (10 words, 10 findings a line);
#   line    one line of LINE_MEGABYTES MB (and 1/4, 1/2) of "Lora " repeated.
# Each is linted with `lint --no-config --max-file-size 0 FILE` (text format,
# stdout to /dev/null; the default per-file cap of 1000 findings applies, all
# findings are still found and counted), and the largest ones also with
# --format json. Prints the median wall time, user+system CPU and peak RSS of
# RUNS runs, MB/s, and the summary line (the count of findings). Not a test.
set -euo pipefail
cd "$(dirname "$0")/.."

build=${1:-build}
megabytes=${2:-100}
line_megabytes=${3:-15}
runs=${4:-3}
binary=$build/lsp/glossary-ls
out=${TMPDIR:-/tmp}/gls-findings

[ -x "$binary" ] || { echo "lint-findings.sh: no $binary (meson compile -C $build)" >&2; exit 2; }
rm -rf "$out"
mkdir -p "$out"
trap 'rm -rf "$out"' EXIT

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# generate KIND BYTES FILE
generate() {
  python3 - "$1" "$2" "$3" <<'PY'
import sys
kind, size, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
unit = "Lora Lora Lora Lora Lora Lora Lora Lora Lora Lora\n" if kind == "lines" else "Lora "
block = unit * (1048576 // len(unit) + 1)
with open(path, "w") as f:
    left = size
    while left > len(block):
        f.write(block)
        left -= len(block)
    f.write(unit * (left // len(unit)))
    if kind == "line":
        f.write("\n")
PY
}

# measure LABEL FILE ARGS...
measure() {
  local label=$1 file=$2
  shift 2
  local walls=() cpus=() rsss=() summary=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %U %S %M' -o "$out/time" "$binary" lint --no-config --max-file-size 0 "$@" "$file" \
      >/dev/null 2>"$out/err" || [ $? -eq 1 ]
    read -r wall user sys rss < <(tail -1 "$out/time")
    walls+=("$wall")
    cpus+=("$(echo "$user + $sys" | bc)")
    rsss+=("$rss")
    summary=$(grep -E 'findings|not shown' "$out/err" | tail -1)
  done
  local wall cpu rss bytes
  wall=$(printf '%s\n' "${walls[@]}" | median)
  cpu=$(printf '%s\n' "${cpus[@]}" | median)
  rss=$(printf '%s\n' "${rsss[@]}" | median)
  bytes=$(stat -c %s "$file")
  printf '%-34s %8.1f MB  wall %6.2f s  cpu %6.2f s  %6.1f MB/s  peak RSS %6.0f MiB  | %s\n' \
    "$label" "$(echo "$bytes / 1000000" | bc -l)" "$wall" "$cpu" "$(echo "$bytes / 1000000 / $wall" | bc -l)" \
    "$(echo "$rss / 1024" | bc -l)" "$summary"
}

echo "glossary-ls lint, every word a finding: $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) CPUs"
for kind in lines line; do
  if [ "$kind" = lines ]; then total=$megabytes; else total=$line_megabytes; fi
  for part in 4 2 1; do
    bytes=$((total * 1000000 / part))
    file="$out/$kind-$part.md"
    generate "$kind" "$bytes" "$file"
    measure "$kind, text, 1/$part" "$file"
    [ "$part" -ne 1 ] || measure "$kind, json, 1/$part" "$file" --format json
    rm -f "$file"
  done
done
