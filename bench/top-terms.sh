#!/bin/sh
# bench/top-terms.sh — which glossary terms fire most on a corpus, and which
# entry each one opens (the first entry `define` prints, i.e. the hover's).
#
#   bench/top-terms.sh BUILD_DIR N PATH...    e.g. build 30 $(find corpus -name '*.md')
#
# Counts the "hit" lines of gls-precision --hits by term key. Prints
# "count  key  ->  title of the best entry (role it was matched as)".
set -eu
build=$1 n=$2
shift 2
"$build/bench/gls-precision" --hits "$@" 2>/dev/null |
  sed -n 's/^[^ ]*: hit .* = \(.*\)$/\1/p' | sort | uniq -c | sort -rn | head -n "$n" |
  while read -r count key; do
    first=$("$build/lsp/glossary-ls" define "$key" 2>/dev/null | head -1)
    via=$("$build/lsp/glossary-ls" define "$key" 2>/dev/null | sed -n 's/^  matched as: //p' | head -1)
    printf '%6s  %-28s -> %s [%s]\n' "$count" "$key" "$first" "$via"
  done
