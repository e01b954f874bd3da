#!/bin/sh
# smoke.sh FUZZER CORPUS_DIR [DICT] — the CI run of one libFuzzer target.
#
# Replays every committed input of CORPUS_DIR (seeds and regression inputs of
# crashes found and fixed), then fuzzes for a fixed budget: FUZZ_RUNS inputs
# (default 20000) or FUZZ_SECONDS seconds (default 20), whichever comes first.
# New inputs go to a temporary directory, so the committed corpus never
# changes here. Exits non-zero on any crash, sanitizer report, leak or
# timeout, leaving the reproducer in FUZZ_ARTIFACTS (default: a temporary
# directory, printed).
set -eu
fuzzer=$1
corpus=$2
dict=${3:-}

work=$(mktemp -d "${TMPDIR:-/tmp}/gls-fuzz.XXXXXX")
artifacts=${FUZZ_ARTIFACTS:-$work/artifacts}
mkdir -p "$work/new" "$artifacts"
trap 'rm -rf "$work/new"' EXIT

set -- -runs="${FUZZ_RUNS:-20000}" -max_total_time="${FUZZ_SECONDS:-20}" \
  -timeout=25 -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 \
  -artifact_prefix="$artifacts/"
if [ -n "$dict" ]; then set -- "$@" -dict="$dict"; fi

if ! "$fuzzer" "$@" "$work/new" "$corpus"; then
  echo "smoke.sh: $(basename "$fuzzer") failed; reproducer(s) in $artifacts:" >&2
  ls -l "$artifacts" >&2
  exit 1
fi
rm -rf "$work"
