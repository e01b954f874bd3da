#!/bin/sh
# check-expected.sh — compare what the engine lights up in a test text with the
# verdicts written down for it (tests/data/second-glossary/expected.tsv).
#
#   bench/corpus/check-expected.sh [BUILD_DIR] [DIR]
#
# DIR (default tests/data/second-glossary) holds the glossary files, usage.md
# and expected.tsv; DIR is the only glossary (--no-default-glossary). Each
# expectation is a line of usage.md, a phrase on it and a verdict:
#   entry   a mention whose text is the phrase (ignoring case) shows one of
#           the listed entries (file:line) first;
#   none    no mention on that line overlaps the phrase;
#   tag-ok  no such mention, or one whose hover says "mentioned in".
# Prints PASS/FAIL per expectation with what was seen, then the counts; the
# exit status is 1 when any expectation fails. The mentions come from
# build/bench/gls-mentions, i.e. the server's own matcher and hover text.
set -eu
build=${1:-build}
dir=${2:-tests/data/second-glossary}
bin=$build/bench/gls-mentions
[ -x "$bin" ] || { echo "$bin: not built (meson compile -C $build)" >&2; exit 2; }
mentions=$(mktemp)
trap 'rm -f "$mentions"' EXIT
"$bin" --no-default-glossary --glossary "$dir" --context-words 1 --hover-chars 400 \
  "$dir/usage.md" > "$mentions" 2>/dev/null

awk -F '\t' '
  function lc(s) { return tolower(s) }
  function base(p) { sub(/^.*\//, "", p); return p }
  FNR == 1 { file++ }
  file == 1 && FNR > 1 {
    # id place matched term via entry defined entries context hover
    split($2, pl, ":"); n = ++count[pl[2]]
    m_text[pl[2], n] = $3; m_def[pl[2], n] = base($7); m_hover[pl[2], n] = $10
    next
  }
  file == 2 && ($0 ~ /^#/ || $1 == "line") { next }
  file == 2 {
    line = $1; phrase = $2; expect = $3; split($4, allowed, " ")
    ok = (expect != "entry"); seen = ""
    for (i = 1; i <= count[line]; i++) {
      t = lc(m_text[line, i]); p = lc(phrase)
      overlap = index(t, p) > 0 || index(p, t) > 0
      if (!overlap) continue
      seen = seen " [" m_text[line, i] " -> " m_def[line, i] "]"
      if (expect == "entry" && t == p)
        for (a in allowed) if (allowed[a] == m_def[line, i]) ok = 1
      if (expect == "none") ok = 0
      if (expect == "tag-ok" && m_hover[line, i] !~ /[Mm]entioned in/) ok = 0
    }
    if (seen == "") seen = " (dark)"
    printf "%s\t%s:%s\t%s\t%s\t%s\n", ok ? "PASS" : "FAIL", "usage.md", line, expect, phrase, seen
    pass[expect] += ok; total[expect]++; all_ok += ok; all++
  }
  END {
    for (e in total) printf "%s: %d of %d pass\n", e, pass[e], total[e]
    printf "all: %d of %d pass\n", all_ok, all
    exit all_ok == all ? 0 : 1
  }' "$mentions" "$dir/expected.tsv"
