#!/bin/sh
# run-e2e.sh [BUILD_DIR] — the end-to-end tests with every language server
# they start running under valgrind memcheck, then `glossary-ls lint`, `dump`
# and `define` under memcheck too, all against a plain (non-sanitizer) build.
#
# Passes only if every process that exited reports no memcheck error and no
# definitely or indirectly lost block outside tests/valgrind/glib.supp (GLib's
# one-time allocations, each explained there). "Possibly lost" blocks are not
# errors: a server told to exit while its glossary worker is still parsing
# leaves that thread's live tree-sitter state pointed to only from inside; the
# total is printed. A server a test killed has no leak verdict; such
# processes are counted and listed, not passed over. About 5 minutes.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
binary=$build/lsp/glossary-ls
logs=$(mktemp -d "${TMPDIR:-/tmp}/gls-valgrind.XXXXXX")

vg="valgrind --error-exitcode=99 --leak-check=full --num-callers=40 --child-silent-after-fork=yes
  --show-leak-kinds=definite,indirect
  --errors-for-leak-kinds=definite,indirect
  --suppressions=$root/tests/valgrind/glib.supp --log-file=$logs/vg.%p.log"
vg=$(echo $vg)  # one line, single spaces (client.mjs splits at spaces)

# GSlice magazines would hide leaked GLib objects from memcheck.
export G_SLICE=always-malloc G_DEBUG=gc-friendly
# A fresh glossary cache: the first command below builds and stores the
# glossary, the later ones decode the snapshot, so both paths run under
# memcheck (the e2e suite uses the build tree's cache, see tests/meson.build).
GLOSSARY_LS_CACHE_DIR=$(mktemp -d "${TMPDIR:-/tmp}/gls-valgrind-cache.XXXXXX")
export GLOSSARY_LS_CACHE_DIR

status=0
echo "run-e2e.sh: e2e suite with the server under memcheck (logs in $logs)"
GLS_SERVER_WRAPPER="$vg" meson test -C "$build" --suite e2e --print-errorlogs \
  --timeout-multiplier 5 --num-processes 2 || status=1

echo "run-e2e.sh: lint, dump and define under memcheck"
work=$(mktemp -d "${TMPDIR:-/tmp}/gls-valgrind-lint.XXXXXX")
printf '# Notes\n\nWe fine-tune with Lora in Pytorch and rotary positon embedding.\n' > "$work/notes.md"
printf '/* A Lora adapter for Pytorch. */\nint x;\n' > "$work/code.c"
for args in "lint $root/README.md $work" "lint --format=sarif $work" "lint --fix $work" \
            "dump" "define lora"; do
  # shellcheck disable=SC2086
  $vg "$binary" $args > /dev/null 2>&1 || {
    rc=$?
    # lint exits 1 for findings; 99 is memcheck's verdict.
    if [ "$rc" -eq 99 ]; then echo "memcheck errors in: glossary-ls $args"; status=1; fi
  }
done
rm -rf "$work" "$GLOSSARY_LS_CACHE_DIR"

clean=0; dirty=0; incomplete=0; possible=0
for log in "$logs"/vg.*.log; do
  # Children lint forks to exec git write nothing (--child-silent-after-fork).
  [ -s "$log" ] || continue
  p=$(sed -n 's/.*possibly lost: \([0-9,]*\) bytes.*/\1/p' "$log" | tr -d ,)
  possible=$((possible + ${p:-0}))
  if grep -q "ERROR SUMMARY: 0 errors" "$log"; then
    clean=$((clean + 1))
  elif grep -q "ERROR SUMMARY:" "$log"; then
    dirty=$((dirty + 1)); status=1
    echo "--- $log"; cat "$log"
  else
    incomplete=$((incomplete + 1))
    echo "--- $log (no summary: the process was killed)"; tail -5 "$log"
  fi
done
echo "run-e2e.sh: $clean processes clean, $dirty with errors or leaks, $incomplete without a verdict ($possible bytes possibly lost in all)"
[ "$status" -eq 0 ] && rm -rf "$logs"
exit "$status"
