#!/bin/bash
# ml-corpus.sh — false findings of the rules on real ML text (BENCHMARKS.md,
# "False findings on ML corpora").
#
#   bench/ml-corpus.sh OUT_DIR REPO...
#
# Each REPO is a git repository (a bare mirror or a clone: d2l-ai/d2l-en,
# huggingface/peft, huggingface/trl, huggingface/diffusers, karpathy/llm.c in
# the latest figures). Its HEAD is extracted under OUT_DIR/<name>/ (git
# archive: tracked files only), and every Markdown, Python, C and CUDA file
# (*.md *.mdx *.py *.c *.h *.cu *.cuh) is checked by build/bench/gls-precision,
# which prints every finding (OUT_DIR/findings.txt) and the prose word count
# and findings per 10,000 words (stderr). Judging the findings is by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

[ $# -ge 2 ] || { echo "usage: bench/ml-corpus.sh OUT_DIR REPO..." >&2; exit 2; }
out=$1
shift
precision=build/bench/gls-precision
[ -x "$precision" ] || { echo "no $precision (meson compile -C build first)" >&2; exit 2; }
mkdir -p "$out"
: > "$out/files.txt"
for repo in "$@"; do
  name=$(basename "$(dirname "$repo")")
  [ "$(basename "$repo")" = repo ] || name=$(basename "$repo" .git)
  commit=$(git -C "$repo" rev-parse HEAD)
  echo "$name $commit" >&2
  rm -rf "${out:?}/$name"
  mkdir -p "$out/$name"
  # File by file from git (not git archive): a snapshot may lack some large
  # blobs (d2l-en's images), which would stop an archive halfway.
  git -C "$repo" ls-tree -r -z --name-only HEAD |
    while IFS= read -r -d '' f; do
      case "$f" in *.md|*.mdx|*.py|*.c|*.h|*.cu|*.cuh) ;; *) continue ;; esac
      mkdir -p "$out/$name/$(dirname "$f")"
      git -C "$repo" cat-file blob "HEAD:$f" > "$out/$name/$f" 2>/dev/null || rm -f "$out/$name/$f"
    done
  find "$out/$name" -type f | sort >> "$out/files.txt"
done
"$precision" --files-from "$out/files.txt" > "$out/findings.txt"
echo "findings: $out/findings.txt" >&2
