#!/bin/sh
# carry-verdicts.sh — start the judging of a new sample from an old one.
#
#   bench/corpus/carry-verdicts.sh JUDGED.tsv SAMPLE.tsv > NEW-JUDGED.tsv
#
# SAMPLE.tsv is gls-mentions --sample output (same seed, corpus and --root
# as the judged run, e.g. --context-words 15 --hover-chars 0); JUDGED.tsv a
# judged file such as bench/corpus/judged-baseline.tsv. A sampled mention
# whose id, matched text and entry shown first (title and file:line) are those
# of a judged row keeps its verdict and reason; every other row gets the
# verdict "?" and the reason "new" (the mention is new to the sample) or
# "entry changed: <old entry>", to be judged by hand. The output has the
# judged file's columns, in the sample's order; stderr gets the counts.
set -eu
[ $# -eq 2 ] || { echo "usage: $0 JUDGED.tsv SAMPLE.tsv" >&2; exit 2; }
awk -F '\t' -v OFS='\t' '
  FNR == 1 { file++ }
  file == 1 && ($0 ~ /^#/ || $1 == "id") { next }
  file == 1 {
    # id place matched term via entry defined verdict reason excerpt
    old_entry[$1] = $6 "\t" $7; old_matched[$1] = $3
    old_verdict[$1] = $8; old_reason[$1] = $9
    next
  }
  file == 2 && $1 == "id" {
    print "id", "place", "matched", "term", "via", "entry", "defined", "verdict", "reason", "excerpt"
    next
  }
  file == 2 {
    # id place matched term via entry defined entries context [hover]
    if (!($1 in old_verdict)) { v = "?"; r = "new"; fresh++ }
    else if (old_entry[$1] != $6 "\t" $7 || old_matched[$1] != $3) {
      v = "?"; r = "entry changed: " old_entry[$1]; sub(/\t/, " ", r); changed++
    } else { v = old_verdict[$1]; r = old_reason[$1]; kept++ }
    print $1, $2, $3, $4, $5, $6, $7, v, r, $9
  }
  END { printf "kept %d verdicts, %d new mentions, %d with another entry\n", kept, fresh, changed > "/dev/stderr" }
' "$1" "$2"
