#!/bin/sh
# run.sh — the Emacs client's ERT tests in batch (test/glossary-ls-test.el)
# against the real server. Exits 77 (skipped, for meson) when Emacs, eglot
# or markdown-mode is missing (scripts/setup installs emacs-nox, elpa-eglot,
# elpa-markdown-mode). Environment: GLS_BINARY, GLS_FEATURES.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v emacs >/dev/null 2>&1; then
  echo "skipped: emacs is not installed"
  exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gls-emacs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/home" "$tmp/project/.git"
export HOME="$tmp/home" GLS_TEST_PROJECT="$tmp/project"
# --batch without -Q: Debian's site-start makes the elpa-* packages loadable.
if ! emacs --batch --eval "(progn (package-initialize) (require 'eglot) (require 'markdown-mode))" \
    >"$tmp/probe.log" 2>&1; then
  echo "skipped: eglot or markdown-mode is not installed"
  exit 77
fi
exec emacs --batch --eval "(package-initialize)" -L "$here/.." -l "$here/glossary-ls-test.el" \
  -f ert-run-tests-batch-and-exit
