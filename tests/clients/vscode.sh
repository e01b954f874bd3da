#!/bin/sh
# vscode.sh — the VS Code extension's tests (clients/vscode/test, node's test
# runner): settings mapping, server path resolution, the TextMate grammar,
# the bundled extension driving the real server through a stand-in VS Code API,
# the manifest and the packaged .vsix.
#
# Nothing is written into the source tree: the extension's sources are copied
# to $GLS_VSCODE_WORK (a directory of the build tree, set by meson.build),
# its node_modules linked from clients/vscode, and compile, bundle, packaging
# and the tests run there. The test installs nothing: without the npm
# dependencies (scripts/setup installs them) it exits 77, skipped.
set -eu
src="$GLS_SOURCE_ROOT/clients/vscode"
work="$GLS_VSCODE_WORK"
if [ ! -d "$src/node_modules/@vscode/vsce" ]; then
  echo "skipped: clients/vscode/node_modules is not installed (run scripts/setup)"
  exit 77
fi
rm -rf "$work"
mkdir -p "$work"
for item in src test syntaxes scripts package.json package-lock.json tsconfig.json \
            language-configuration.json README.md CHANGELOG.md LICENSE .vscodeignore .npmrc; do
  cp -R "$src/$item" "$work/"
done
ln -s "$src/node_modules" "$work/node_modules"
cd "$work"
npm run --silent compile
npm run --silent bundle
# One file at a time: packaging (manifest.test.mjs) rebuilds out/ and dist/,
# which the other files load.
exec node --test --test-concurrency=1 test/*.test.mjs
