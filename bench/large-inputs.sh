#!/bin/bash
# large-inputs.sh — glossary-ls on inputs far larger than real ones.
#
#   bench/large-inputs.sh [BUILD_DIR] [MEGABYTES] [ENTRIES] [RUNS]
#
# BUILD_DIR defaults to build (a plain, non-sanitizer build), MEGABYTES to
# 100, ENTRIES to 200000, RUNS to 3. Data goes to ${TMPDIR:-/tmp}/gls-large/
# (outside the work tree) and is removed at the end.
#
#   lint     `glossary-ls lint --no-config --format json big.md` on one
#            Markdown file of MEGABYTES MB: the five seed files (glossary
#            bodies are Markdown: bold, lists, tables, code fences) repeated,
#            each copy followed by a line of typos so the rules report
#            something. Wall, user and system time, peak RSS, findings.
#   glossary a synthetic glossary of ENTRIES entries (bench/gen-glossary;
#            200,000 give about a million keys): bench-load's median load time
#            and peak RSS with the entry and key (term) counts, then
#            `glossary-ls define` with that glossary alone, end to end.
#
# Each measurement is the median of RUNS runs (peak RSS: the median too);
# /usr/bin/time reports the child's wall clock and getrusage figures. Not a
# test: it asserts nothing but that the commands succeed.
set -euo pipefail
cd "$(dirname "$0")/.."

build=${1:-build}
megabytes=${2:-100}
entries=${3:-200000}
runs=${4:-3}
binary=$build/lsp/glossary-ls
out=${TMPDIR:-/tmp}/gls-large

for exe in "$binary" "$build/bench/gen-glossary" "$build/bench/bench-load"; do
  [ -x "$exe" ] || { echo "large-inputs.sh: no $exe (meson compile -C $build)" >&2; exit 2; }
done
rm -rf "$out"
mkdir -p "$out"
trap 'rm -rf "$out"' EXIT

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# Runs a command RUNS times under /usr/bin/time; prints "wall user sys rss_kib"
# medians. The command's exit status 0 or 1 (lint findings) is fine.
measure() {
  local samples=$out/samples
  : > "$samples"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %U %S %M' -o "$out/time" "$@" > "$out/stdout" 2> "$out/stderr" || {
      rc=$?
      [ "$rc" -le 1 ] || { echo "large-inputs.sh: '$*' failed ($rc):" >&2; cat "$out/stderr" >&2; exit 1; }
    }
    tail -1 "$out/time" >> "$samples"
  done
  for column in 1 2 3 4; do
    awk -v c="$column" '{ print $c }' "$samples" | median
  done | paste -sd ' '
}

echo "machine: $(nproc) processors, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- 100 MB of Markdown -----------------------------------------------------
target=$((megabytes * 1024 * 1024))
md=$out/big.md
: > "$md"
size=0
while [ "$size" -lt "$target" ]; do
  cat seeds/*.txt >> "$md"
  printf '\nWe tried Lora with Pytorch, a toolfromer, and rotary positon embedding.\n\n' >> "$md"
  size=$(stat -c %s "$md")
done
truncate -s "$target" "$md"
read -r wall user sys rss < <(measure "$binary" lint --no-config --format json "$md")
findings=$(grep -o '"rule"' "$out/stdout" | wc -l)
echo "lint ${megabytes} MB Markdown: wall ${wall} s (user ${user} s, sys ${sys} s), peak RSS $((rss / 1024)) MiB, ${findings} findings, $(awk -v mb="$megabytes" -v w="$wall" 'BEGIN { printf "%.1f", mb / w }') MB/s"
rm -f "$md"

# ---- a million-key glossary ---------------------------------------------------
glossary=$out/glossary.txt
"$build/bench/gen-glossary" "$entries" > "$glossary"
echo "glossary: ${entries} entries, $(( $(stat -c %s "$glossary") / 1024 / 1024 )) MB"
"$build/bench/bench-load" --runs "$runs" "$glossary" | sed 's/^/  bench-load: /'
"$binary" dump --no-default-glossary --glossary="$glossary" > "$out/dump.jsonl"
term=$(head -1 "$out/dump.jsonl" | sed 's/.*"terms":\["\([^"]*\)".*/\1/')
read -r wall user sys rss < <(measure "$binary" define --no-default-glossary --glossary="$glossary" "$term")
echo "define '$term' with that glossary alone: wall ${wall} s (user ${user} s, sys ${sys} s), peak RSS $((rss / 1024)) MiB"
