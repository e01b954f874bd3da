#!/bin/sh
# build-corpus.sh — extract an evaluation corpus from public git repositories.
#
#   bench/corpus/build-corpus.sh [--code] [--rev REV] TARGET_DIR REPO...
#
# Each REPO is a clone (work tree or bare) or a bare mirror. The files of
# REV (default HEAD) whose names end in .md (with --code also .py .c .h .cu
# .cuh .cpp) are written under TARGET_DIR/<name of REPO>/, read straight
# from the object store (git ls-tree + git cat-file --batch), so a mirror
# without a work tree works and `git archive` failing on blobs that are
# absent (LFS-like pointers of d2l-en's images) does not matter: only the
# selected blobs are read, and one that is missing is reported and skipped.
# TARGET_DIR/COMMITS gets one line per repository: name, commit, file count.
#
# The corpus is other people's text (CC BY-SA, Apache-2.0, MIT): keep
# TARGET_DIR outside this repository and commit none of it. The text is
# only read by bench programs (bench/mentions.c, bench/precision.c).
#
# The repositories of BENCHMARKS.md, "Answer precision on real prose":
#   bench/corpus/build-corpus.sh /tmp/corpus \
#     /work/.mirror/d2l-ai+d2l-en/repo /work/.mirror/huggingface+peft/repo \
#     /work/.mirror/huggingface+trl/repo
# A repository's name is its directory's name, or the parent's when the
# directory is called "repo" or ".git" (the mirrors' layout), without ".git".
set -eu

usage() {
  echo "usage: $0 [--code] [--rev REV] TARGET_DIR REPO..." >&2
  exit 2
}

code=0
rev=HEAD
while [ $# -gt 0 ]; do
  case "$1" in
    --code) code=1; shift ;;
    --rev) [ $# -ge 2 ] || usage; rev=$2; shift 2 ;;
    --) shift; break ;;
    -*) usage ;;
    *) break ;;
  esac
done
[ $# -ge 2 ] || usage
target=$1
shift

if [ $code = 1 ]; then
  pattern='\.(md|py|c|h|cu|cuh|cpp)$'
else
  pattern='\.md$'
fi

mkdir -p "$target"
: > "$target/COMMITS"
for repo in "$@"; do
  gitdir=$(git -C "$repo" rev-parse --absolute-git-dir 2>/dev/null) ||
    gitdir=$(git --git-dir="$repo" rev-parse --absolute-git-dir) ||
    { echo "$repo: not a git repository" >&2; exit 1; }
  dir=$(cd "$repo" && pwd)
  name=$(basename "$dir")
  case "$name" in
    repo|.git) name=$(basename "$(dirname "$dir")") ;;
  esac
  name=${name%.git}
  commit=$(git --git-dir="$gitdir" rev-parse --verify "$rev^{commit}")
  out="$target/$name"
  rm -rf "$out"
  mkdir -p "$out"
  # Blob id and path of every selected regular file (symbolic links are
  # skipped: their blob is a path, not text); paths with a newline or a
  # leading dash are skipped (a hostile tree must not write outside $out:
  # no path component may be "..").
  list=$(mktemp)
  git --git-dir="$gitdir" ls-tree -r --full-tree "$commit" |
    awk -F '\t' -v pat="$pattern" '$1 ~ /^100(644|755) blob / && $2 ~ pat && $2 !~ /(^|\/)\.\.(\/|$)/ && $2 !~ /^-/ {
      split($1, m, " "); print m[3] "\t" $2 }' > "$list"
  n=0
  # git cat-file --batch prints "<id> blob <size> <path>\n<bytes>\n" per
  # blob (the path is the input line's rest), or "<id> missing". Each blob
  # is copied with head -c, which reads no further than its count.
  tr '\t' ' ' < "$list" |
    git --git-dir="$gitdir" cat-file --batch='%(objectname) %(objecttype) %(objectsize) %(rest)' |
  {
    while IFS= read -r line; do
      case "$line" in
        *' missing') echo "$name: ${line% missing}: blob missing, skipped" >&2; continue ;;
      esac
      rest=${line#* blob }
      size=${rest%% *}
      path=${rest#* }
      mkdir -p "$out/$(dirname "$path")"
      head -c "$size" > "$out/$path"
      head -c 1 > /dev/null   # the newline after the blob
      n=$((n + 1))
    done
    printf '%s\t%s\t%s files\n' "$name" "$commit" "$n" >> "$target/COMMITS"
  }
  rm -f "$list"
done
cat "$target/COMMITS"
