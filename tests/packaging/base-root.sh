#!/bin/sh
# base-root.sh — the minimal Debian bookworm root the packaging test
# (chroot.sh) installs the packages into: debootstrap --variant=minbase, made
# once into $GLS_CHROOT_CACHE/bookworm-minbase (default
# ~/.cache/glossary-ls-chroot) and never changed afterwards (chroot.sh works
# on a copy). Mostly downloads and dpkg unpacking (~4 minutes the first time,
# nothing after), so scripts/setup starts it in the background
# (scripts/background) while the build and the unit tests run.
#
# One run at a time per cache: the lock ($cache/.lock, flock) makes chroot.sh
# wait for a background run still going instead of bootstrapping beside it.
# Needs root and debootstrap, and the Debian mirror ($GLS_DEBIAN_MIRROR,
# default http://deb.debian.org/debian); prints the reason and exits 77 when
# one is missing or debootstrap fails (the caller reports a skip).
# Prints the root's path last.
set -eu
cache="${GLS_CHROOT_CACHE:-$HOME/.cache/glossary-ls-chroot}"
mirror="${GLS_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

skip() { echo "skipped: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "not root: chroot and mount need root (CI runs this as root)"
command -v debootstrap >/dev/null 2>&1 || skip "debootstrap is not installed (scripts/setup installs it)"

mkdir -p "$cache"
# fd 9 holds the lock until this script exits.
exec 9>"$cache/.lock"
if ! flock -n 9; then
  echo "base-root: waiting for the debootstrap already running into $cache (scripts/setup's background job?)"
  flock 9
fi

base="$cache/bookworm-minbase"
if [ ! -x "$base/bin/sh" ]; then
  echo "base-root: debootstrap --variant=minbase bookworm into $base (once)"
  rm -rf "$base.tmp"
  debootstrap --variant=minbase bookworm "$base.tmp" "$mirror" >"$cache/debootstrap.log" 2>&1 9>&- \
    || { tail -n 20 "$cache/debootstrap.log"; skip "debootstrap failed (no mirror reachable?): see $cache/debootstrap.log"; }
  mv "$base.tmp" "$base"
fi
echo "$base"
