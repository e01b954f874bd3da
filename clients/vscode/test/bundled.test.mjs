// The platform package's bundled server (scripts/package-vsix puts it in
// server/bin beside dist/): the bundled extension, copied into a directory
// laid out like an installed platform .vsix, with glossaryLs.path unset and
// no glossary-ls on PATH, starts server/bin/glossary-ls, tells the user so,
// and gives it the package's empty GIO module directory. The real server
// (GLS_BINARY) runs behind a small script that records its environment.
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { extensionDir } from './helpers.mjs';
import { createVscode } from './fake-vscode.mjs';

const binary = process.env.GLS_BINARY;
const dist = join(extensionDir, 'dist', 'extension.js');
const skip = (!binary && 'GLS_BINARY is not set') || (!existsSync(dist) && 'dist/extension.js is missing (npm run bundle)');

const root = realpathSync(mkdtempSync(join(tmpdir(), 'gls-bundled-')));
const installed = join(root, 'extension');     // the unpacked platform .vsix
const workspace = join(root, 'workspace');
const emptyPath = join(root, 'empty-bin');      // PATH: nothing called glossary-ls
const seen = join(root, 'seen-env');
const notes = join(workspace, 'notes.md');

let fake;
let extension;
let document;
const resolveFilename = Module._resolveFilename;
const savedPath = process.env.PATH;

before(async () => {
  if (skip) return;
  for (const dir of [join(installed, 'dist'), join(installed, 'server', 'bin'), join(installed, 'server', 'lib', 'gio-modules'), workspace, emptyPath]) {
    mkdirSync(dir, { recursive: true });
  }
  copyFileSync(dist, join(installed, 'dist', 'extension.js'));
  const server = join(installed, 'server', 'bin', 'glossary-ls');
  writeFileSync(server, `#!/bin/sh\nprintf '%s' "\${GIO_MODULE_DIR-unset}" > '${seen}'\nexec '${binary}' "$@"\n`);
  chmodSync(server, 0o755);
  writeFileSync(notes, 'We fine-tune the model with Lora adapters.\n');

  process.env.PATH = emptyPath;
  fake = createVscode({ settings: { 'glossaryLs.path': '' }, workspaceFolder: workspace });
  Module._resolveFilename = function (request, ...rest) {
    return request === 'vscode' ? 'vscode' : resolveFilename.call(this, request, ...rest);
  };
  const stub = new Module('vscode');
  stub.loaded = true;
  stub.exports = fake.vscode;
  Module._cache.vscode = stub;
  extension = createRequire(import.meta.url)(join(installed, 'dist', 'extension.js'));
  document = fake.openDocument(notes, 'markdown');
  await extension.activate({ subscriptions: [] });
});

after(async () => {
  try {
    if (extension) {
      await extension.deactivate();
    }
  } finally {
    process.env.PATH = savedPath;
    Module._resolveFilename = resolveFilename;
    delete Module._cache.vscode;
    rmSync(root, { recursive: true, force: true });
  }
});

async function until(predicate, what, ms = 20_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('no setting and nothing on PATH: the bundled server starts and serves diagnostics', { skip }, async () => {
  const diagnostics = await until(() => {
    const list = fake.record.diagnostics.get(document.uri.toString()) ?? [];
    return list.length > 0 && list;
  }, 'diagnostics from the bundled server');
  assert.match(diagnostics[0].message, /LoRA/);
  const log = fake.record.output.join('');
  assert.ok(log.includes(`Starting ${join(installed, 'server', 'bin', 'glossary-ls')} (from the server bundled with the extension)`), log);
  assert.deepEqual(fake.record.errors, []);
});

test('the bundled server gets the package\'s own, empty GIO module directory', { skip }, async () => {
  await until(() => existsSync(seen), 'the server start');
  assert.equal(readFileSync(seen, 'utf8'), join(installed, 'server', 'lib', 'gio-modules'));
});
