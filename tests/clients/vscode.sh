#!/bin/sh
# vscode.sh — the VS Code extension's tests (clients/vscode/test, node's test
# runner): settings mapping, server path resolution, the TextMate grammar,
# the bundled extension driving the real server through a stand-in VS Code API,
# the manifest and the packaged .vsix. Installs the extension's npm
# dependencies first if scripts/setup has not (exit 77, skipped, when that is
# impossible, e.g. offline); packaging itself needs no network.
set -eu
dir="$GLS_SOURCE_ROOT/clients/vscode"
cd "$dir"
if [ ! -d node_modules/@vscode/vsce ]; then
  if ! npm ci --no-audit --no-fund --ignore-scripts; then
    echo "skipped: npm ci failed in clients/vscode (run scripts/setup)"
    exit 77
  fi
fi
npm run --silent compile
npm run --silent bundle
# One file at a time: packaging (manifest.test.mjs) rebuilds out/ and dist/,
# which the other files load.
exec node --test --test-concurrency=1 test/*.test.mjs
