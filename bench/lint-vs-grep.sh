#!/bin/bash
# lint-vs-grep.sh — `glossary-ls lint` against GNU grep's exact multi-pattern
# search for the same terms, side by side on the same Markdown.
#
#   bench/lint-vs-grep.sh [BINARY] [MEGABYTES]
#
# BINARY defaults to build/lsp/glossary-ls, MEGABYTES (the corpus size) to 4.
# The corpus is generated from the seeds' text (glossary bodies are Markdown)
# into ${TMPDIR:-/tmp}/gls-lint-vs-grep/ (outside the work tree: inside it,
# lint would honour .gitignore and skip bench/out), split into files of ~256 KB, with a typo line
# ("Lora", "toolfromer", "rotary positon embedding") every 200 lines so the
# rules have something to report. terms.txt is every term key the matcher
# looks for (`glossary-ls dump --terms`).
#
# Contenders, each run 5 times, median wall time and peak RSS reported:
#   grep-c     cat *.md | tr A-Z a-z | LC_ALL=C grep -Fwo -f terms.txt
#   grep-utf8  the same under LC_ALL=C.UTF-8 (on some data and builds of grep
#              the UTF-8 locale is the faster one, ~4x on the machine of
#              issue 11); lint is compared with the faster of the two ("grep")
#   lint -j1   glossary-ls lint --no-config --format json -j 1
#   lint       the same with one worker per processor (the default)
# Both do strictly less than lint for grep: no Markdown structure (code blocks,
# links, HTML are searched too), no plurals or hyphen/space variants, no typo
# search, no output positions. Peak RSS is the largest process of a pipeline
# (getrusage of children, as /usr/bin/time reports it).
#
# Every contender writes its output to a file, and the script checks that the
# timed runs produced what the untimed first run did. Never time grep with its
# output on /dev/null: since 2.27 GNU grep notices that and stops at the first
# match ("grep can be much faster now when standard output is /dev/null",
# NEWS), so it measures cat and tr, not the search. Before 2026-12-06 this
# script did exactly that and reported grep at 0.024-0.074 s for 4 MB instead of
# the ~0.45 s the search takes.
set -euo pipefail
cd "$(dirname "$0")/.."

binary=${1:-build/lsp/glossary-ls}
megabytes=${2:-4}
runs=5
out=${TMPDIR:-/tmp}/gls-lint-vs-grep
corpus=$out/corpus

[ -x "$binary" ] || { echo "no binary at $binary (meson compile -C build first)" >&2; exit 2; }
rm -rf "$out"
mkdir -p "$corpus"
# A glossary cache of this run's own, warmed by the untimed first run: the
# shared one keeps 8 snapshots, and other binaries linting on the machine
# evict this one's, so a timed run would sometimes parse the glossary.
export GLOSSARY_LS_CACHE_DIR=${GLOSSARY_LS_CACHE_DIR:-$out/cache}

# ---- corpus --------------------------------------------------------------
target=$((megabytes * 1024 * 1024))
part=0
written=0
while [ "$written" -lt "$target" ]; do
  for seed in seeds/*.txt; do
    file=$(printf '%s/part-%03d.md' "$corpus" "$part")
    awk -v part="$part" '
      NR == 1 { printf "# Part %d\n\n", part }
      { print }
      NR % 200 == 0 {
        print ""
        print "We fine-tune with Lora, cite the toolfromer paper and use rotary positon embedding."
        print ""
      }' "$seed" >> "$file"
    size=$(stat -c %s "$file")
    if [ "$size" -ge 262144 ]; then
      written=$((written + size))
      part=$((part + 1))
      [ "$written" -ge "$target" ] && break
    fi
  done
done
if [ -f "$(printf '%s/part-%03d.md' "$corpus" "$part")" ]; then
  written=$((written + $(stat -c %s "$(printf '%s/part-%03d.md' "$corpus" "$part")")))
fi
"$binary" dump --terms 2>/dev/null > "$out/terms.txt"
files=$(ls "$corpus" | wc -l)
echo "corpus: $files Markdown files, $written bytes ($(awk -v b="$written" 'BEGIN { printf "%.2f", b / 1048576 }') MB); $(wc -l < "$out/terms.txt") term keys; $(nproc) processors"

# ---- timing --------------------------------------------------------------
have_time=0
[ -x /usr/bin/time ] && have_time=1

# measure NAME COMMAND: runs COMMAND (a shell string) $runs times; prints the
# medians of wall time (us), CPU time user+system of all its processes (us)
# and peak RSS (KiB). CPU time is the fairer number on a loaded machine.
measure() {
  local name=$1 cmd=$2 i t0 t1 rss cpu
  local -a times=() cpus=() rsses=()
  for ((i = 0; i < runs; i++)); do
    t0=$(date +%s%N)
    if [ "$have_time" = 1 ]; then
      /usr/bin/time -f '%U %S %M' -o "$out/rss" sh -c "$cmd > $out/$name.out" 2> /dev/null || true
      read -r u s rss < <(tail -n 1 "$out/rss")
      cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%d", (u + s) * 1e6 }')
    else
      sh -c "$cmd > $out/$name.out" 2> /dev/null || true
      rss=0
      cpu=0
    fi
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
    cpus+=("$cpu")
    rsses+=("$rss")
    # A run that wrote less than the untimed one did not do the whole job.
    if ! cmp -s "$out/$name.out" "$out/$name.expected"; then
      echo "$name: run $i wrote different output from the first run ($out/$name.out)" >&2
      exit 1
    fi
  done
  median() { printf '%s\n' "$@" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }
  printf '%s %s %s %s\n' "$name" "$(median "${times[@]}")" "$(median "${cpus[@]}")" "$(median "${rsses[@]}")"
}

grep_c_cmd="cat $corpus/*.md | tr A-Z a-z | LC_ALL=C grep -Fwo -f $out/terms.txt"
grep_utf8_cmd="cat $corpus/*.md | tr A-Z a-z | LC_ALL=C.UTF-8 grep -Fwo -f $out/terms.txt"
lint1_cmd="$binary lint --no-config --format json -j 1 $corpus"
lint_cmd="$binary lint --no-config --format json $corpus"

# Warm the page cache, keep each contender's output to compare the timed runs
# against, and check that both find something.
sh -c "$grep_c_cmd" > "$out/grep-c.expected"
sh -c "$grep_utf8_cmd" > "$out/grep-utf8.expected"
cmp -s "$out/grep-c.expected" "$out/grep-utf8.expected" ||
  echo "note: grep finds different matches under C and C.UTF-8 (the corpus has non-ASCII text)" >&2
sh -c "$lint1_cmd" > "$out/lint-j1.expected" 2> /dev/null || true
sh -c "$lint_cmd" > "$out/lint.expected" 2> /dev/null || true
grep_hits=$(wc -l < "$out/grep-c.expected")
lint_findings=$(grep -c '"rule"' "$out/lint.expected" || true)
echo "grep: $grep_hits term occurrences; lint: $lint_findings findings"

results=$( { measure grep-c "$grep_c_cmd"; measure grep-utf8 "$grep_utf8_cmd"
              measure "lint-j1" "$lint1_cmd"; measure lint "$lint_cmd"; } )
# The baseline is the faster grep, by wall time.
fastest=$(echo "$results" | awk '$1 ~ /^grep/ { print $2, $1 }' | sort -n | head -n 1 | cut -d' ' -f2)
grep_us=$(echo "$results" | awk -v f="$fastest" '$1 == f { print $2 }')
grep_cpu=$(echo "$results" | awk -v f="$fastest" '$1 == f { print $3 }')
echo "baseline: $fastest (the faster grep)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '\n%-10s %10s %10s %10s %10s %13s\n' contender "wall s" "lint/grep" "CPU s" "lint/grep" "peak RSS MiB"
echo "$results" | while read -r name us cpu rss; do
  awk -v n="$name" -v us="$us" -v g="$grep_us" -v cpu="$cpu" -v gc="$grep_cpu" -v rss="$rss" -v have="$have_time" 'BEGIN {
    printf "%-10s %10.3f %10.2f %10s %10s %13s\n", n, us / 1e6, us / g,
           (have ? sprintf("%.3f", cpu / 1e6) : "n/a"), (have && gc > 0) ? sprintf("%.2f", cpu / gc) : "n/a",
           have ? sprintf("%.1f", rss / 1024) : "n/a"
  }'
done
