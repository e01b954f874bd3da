#!/bin/sh
# run.sh TEST.lua — runs one headless Neovim test of the glossary-ls client
# (TAP on stdout). Exits 77 (skipped, for meson) when nvim is not installed.
# Environment: GLS_BINARY (the server, set by tests/meson.build), GLS_FEATURES
# (optional features built into it). Neovim gets a throw-away HOME and XDG
# directories, a project directory with a .git root marker, and no user config.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
test_file=$1
if ! command -v nvim >/dev/null 2>&1; then
  echo "1..0 # SKIP nvim is not installed (scripts/setup installs it)"
  exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gls-nvim.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/home" "$tmp/project/.git"
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_DATA_HOME="$tmp/home/.local/share" \
  XDG_STATE_HOME="$tmp/home/.local/state" XDG_CACHE_HOME="$tmp/home/.cache"
export GLS_TEST_PROJECT="$tmp/project" GLS_NVIM_TEST_DIR="$here" GLS_NVIM_PLUGIN_DIR="$(dirname "$here")"
# -u NONE: no user config or plugins; -i NONE: no shada. Neovim's messages go
# to stderr (2>), so stdout is TAP only. A hung test is killed by meson.
nvim --headless -u NONE -i NONE --noplugin -c "luafile $test_file" </dev/null 2>"$tmp/nvim.log" || status=$?
status=${status:-0}
if [ "$status" -ne 0 ] && [ -s "$tmp/nvim.log" ]; then
  sed 's/^/# nvim: /' "$tmp/nvim.log"
fi
exit "$status"
