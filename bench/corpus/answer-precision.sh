#!/bin/sh
# answer-precision.sh — every measurement of "Answer precision on real prose"
# (BENCHMARKS.md) in one command, for re-running on a changed engine.
#
#   bench/corpus/answer-precision.sh [BUILD_DIR [MIRRORS_DIR [CORPUS_DIR [OUT_DIR]]]]
#
# Defaults: build, /work/.mirror, /tmp/gls-corpus, /tmp/gls-answers. Builds
# the corpus (d2l-en, peft and trl Markdown, build-corpus.sh) unless
# CORPUS_DIR/COMMITS exists, then writes to OUT_DIR:
#   summary.tsv        counts and the 40 most frequent terms (gls-mentions --summary)
#   sample.tsv         the 200 mentions of seed 2026 (15-word excerpts, hover start)
#   sample-long.tsv    the same mentions with 40 words of context and the
#                      hover's first 300 characters: read this to judge
#   judged.tsv         sample.tsv with the verdicts of judged-baseline.tsv
#                      carried over where the mention and its entry are
#                      unchanged, "?" where they must be judged by hand
#   names.txt          headwords, title names, acronyms that light up: seeds,
#                      second glossary, synthetic 10k --mess glossary
#   dark-names.txt     the ones that stay dark (to check each is meant)
#   second-glossary.txt  check-expected.sh on tests/data/second-glossary
#   hover-defects.txt  gls-hover-defects on the same three glossaries
#   g10k-mess.txt      the synthetic 10k-entry glossary (gen-glossary --mess)
# The corpus and OUT_DIR stay outside the repository (the texts are not ours).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-build}
mirrors=${2:-/work/.mirror}
corpus=${3:-/tmp/gls-corpus}
out=${4:-/tmp/gls-answers}
bin=$build/bench/gls-mentions
[ -x "$bin" ] || { echo "$bin: not built (meson compile -C $build)" >&2; exit 2; }
mkdir -p "$out"

if [ ! -f "$corpus/COMMITS" ]; then
  "$here/build-corpus.sh" "$corpus" "$mirrors/d2l-ai+d2l-en/repo" \
    "$mirrors/huggingface+peft/repo" "$mirrors/huggingface+trl/repo" >&2
fi
set -- "$corpus/d2l-ai+d2l-en" "$corpus/huggingface+peft" "$corpus/huggingface+trl"

"$bin" --root "$corpus" --summary --top 40 "$@" > "$out/summary.tsv"
"$bin" --root "$corpus" --sample 200 --seed 2026 --context-words 15 --hover-chars 160 "$@" > "$out/sample.tsv"
"$bin" --root "$corpus" --sample 200 --seed 2026 --context-words 40 --hover-chars 300 "$@" > "$out/sample-long.tsv"
"$here/carry-verdicts.sh" "$here/judged-baseline.tsv" "$out/sample.tsv" > "$out/judged.tsv"

"$build/bench/gen-glossary" --mess 10000 > "$out/g10k-mess.txt"
: > "$out/names.txt"
: > "$out/dark-names.txt"
: > "$out/hover-defects.txt"
for g in seeds "$root/tests/data/second-glossary" "$out/g10k-mess.txt"; do
  if [ "$g" = seeds ]; then set -- ; else set -- --no-default-glossary --glossary "$g"; fi
  echo "== $(basename "$g")" >> "$out/names.txt"
  "$bin" --names "$@" >> "$out/names.txt" 2>/dev/null
  echo "== $(basename "$g")" >> "$out/dark-names.txt"
  "$bin" --names-list "$@" 2>/dev/null | grep '^dark' >> "$out/dark-names.txt" || true
  echo "== $(basename "$g")" >> "$out/hover-defects.txt"
  "$build/bench/gls-hover-defects" "$@" >> "$out/hover-defects.txt" 2>/dev/null
done
(cd "$root" && "$here/check-expected.sh" "$build") > "$out/second-glossary.txt" || true

cat "$corpus/COMMITS"
head -11 "$out/summary.tsv"
cat "$out/names.txt"
cat "$out/hover-defects.txt"
tail -4 "$out/second-glossary.txt"
awk -F '\t' 'NR > 1 { n[$8]++; t++ } END { for (v in n) printf "%s\t%d\n", v, n[v]; printf "sample\t%d\n", t }' \
  "$out/judged.tsv" | sort
echo "to judge: the rows of $out/judged.tsv whose verdict is ? (context and hover in sample-long.tsv)"
