#!/bin/bash
# run-all.sh — every benchmark of glossary-ls, one after the other, each
# section's output as it prints it (BENCHMARKS.md says what each measures
# and records the latest figures).
#
#   bench/run-all.sh [BUILD_DIR] > report.txt
#
# BUILD_DIR defaults to build (plain, non-sanitizer: sanitizers distort every
# figure). Takes about 5 minutes on 2 cores. Synthetic data goes to
# ${TMPDIR:-/tmp}/gls-bench (outside the work tree) and is removed at the end.
# Run it on a quiet machine: every section's figures are medians of several
# runs, but other processes still show.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
data=${TMPDIR:-/tmp}/gls-bench
rm -rf "$data"
mkdir -p "$data"
trap 'rm -rf "$data"' EXIT

section() { printf '\n## %s  (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }

echo "machine: $(nproc) processors, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM, kernel $(uname -r); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"

section "glossary load (bench-load: seeds, 10k and 100k synthetic entries)"
"$build/bench/gen-glossary" 10000 > "$data/g10k.txt"
"$build/bench/gen-glossary" 100000 > "$data/g100k.txt"
"$build/bench/bench-load" --runs 9
"$build/bench/bench-load" --runs 5 "$data/g10k.txt"
"$build/bench/bench-load" --runs 5 "$data/g100k.txt"
# Warm loads: the built glossary read back from the cache (glossary_cache.h).
"$build/bench/bench-load" --runs 9 --cache "$data/cache"
"$build/bench/bench-load" --runs 5 --cache "$data/cache" "$data/g10k.txt"
"$build/bench/bench-load" --runs 5 --cache "$data/cache" "$data/g100k.txt"

section "trie (bench-trie: 100k and 1M keys)"
"$build/bench/bench-trie"

section "prose extraction (bench-prose)"
"$build/bench/bench-prose"

section "analysis engine (bench-analysis: seeds, then the 100k glossary)"
"$build/bench/bench-analysis"
"$build/bench/bench-analysis" --no-default --glossary "$data/g100k.txt" --runs 3

section "lint vs grep (bench/lint-vs-grep.sh, 4 MB)"
bench/lint-vs-grep.sh "$build/lsp/glossary-ls" 4

section "language server latency (bench/lsp-latency.mjs: 100k entries, 6 MB document)"
node bench/lsp-latency.mjs --binary "$build/lsp/glossary-ls" --gen "$build/bench/gen-glossary" --runs 3

section "soak (bench/soak.mjs: 100,000 messages, one server)"
node bench/soak.mjs --binary "$build/lsp/glossary-ls" --requests 100000 --check

section "large inputs (bench/large-inputs.sh: 100 MB Markdown, 200k entries)"
bench/large-inputs.sh "$build" 100 200000 3

section "lint when every word is a finding (bench/lint-findings.sh: 100 MB of lines, a 15 MB line)"
bench/lint-findings.sh "$build" 100 15 3

section "hostile glossaries (bench/hostile-glossary.sh: 200k aliases, 200k entries sharing one, 8 MiB header)"
bench/hostile-glossary.sh "$build" 200000 3

section "hostile requests (bench/hostile-requests.py: codeAction on a 320 KB line, closed documents' memory)"
bench/hostile-requests.py "$build/lsp/glossary-ls" 1000
