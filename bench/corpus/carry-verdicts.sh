#!/bin/sh
# carry-verdicts.sh — start the judging of a new sample from an old one.
#
#   bench/corpus/carry-verdicts.sh JUDGED.tsv SAMPLE.tsv > NEW-JUDGED.tsv
#
# SAMPLE.tsv is gls-mentions --sample output of the same seed, corpus and
# --root as the judged run, with --context-words 15 --hover-chars 160 (the
# judged file's excerpt and hover); JUDGED.tsv a judged file such as
# bench/corpus/judged-baseline.tsv. For each sampled mention:
#   - same id, matched text, entry shown first (title, file:line) and hover
#     start: the verdict and reason are kept;
#   - the same but another hover text: the old verdict with a "?" appended
#     ("right?", "wrong-entry?") and the reason "hover changed; was: ...":
#     check it against the new hover (a tag that now says "mentioned in"
#     may have become right);
#   - a mention new to the sample, or one that shows another entry: "?"
#     with the reason "new" or "entry changed: <old entry>".
# The output has the judged file's columns (without its # lines), in the
# sample's order; stderr gets the counts.
set -eu
[ $# -eq 2 ] || { echo "usage: $0 JUDGED.tsv SAMPLE.tsv" >&2; exit 2; }
awk -F '\t' -v OFS='\t' '
  FNR == 1 { file++ }
  file == 1 && ($0 ~ /^#/ || $1 == "id") { next }
  file == 1 {
    # id place matched term via entry defined verdict reason excerpt hover
    old_entry[$1] = $6 " (" $7 ")"; old_matched[$1] = $3; old_hover[$1] = $11
    old_verdict[$1] = $8; old_reason[$1] = $9
    next
  }
  file == 2 && $1 == "id" {
    print "id", "place", "matched", "term", "via", "entry", "defined", "verdict", "reason", "excerpt", "hover"
    next
  }
  file == 2 {
    # id place matched term via entry defined entries context hover
    entry = $6 " (" $7 ")"
    if (!($1 in old_verdict)) { v = "?"; r = "new"; fresh++ }
    else if (old_entry[$1] != entry || old_matched[$1] != $3) {
      v = "?"; r = "entry changed: " old_entry[$1]; changed++
    } else if (old_hover[$1] != $10) {
      v = old_verdict[$1] "?"; r = "hover changed; was: " old_reason[$1]; rehover++
    } else { v = old_verdict[$1]; r = old_reason[$1]; kept++ }
    print $1, $2, $3, $4, $5, $6, $7, v, r, $9, $10
  }
  END {
    printf "kept %d verdicts, %d to check against a changed hover, %d new mentions, %d with another entry\n",
      kept, rehover, fresh, changed > "/dev/stderr"
  }
' "$1" "$2"
