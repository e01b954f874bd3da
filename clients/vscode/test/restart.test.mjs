// The bundled extension in the stand-in VS Code (fake-vscode.mjs) with
// glossaryLs.path = /bin/false, a program that exits at once (issue 15: the
// harness died on an uncaught EPIPE): the extension reports that the server
// did not start, leaves no unhandled rejection behind, and once the setting
// names the real server (GLS_BINARY) restarts cleanly and serves diagnostics.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

import { extensionDir } from './helpers.mjs';
import { createVscode } from './fake-vscode.mjs';

const binary = process.env.GLS_BINARY;
const dist = join(extensionDir, 'dist', 'extension.js');
const skip = (!binary && 'GLS_BINARY is not set') || (!existsSync(dist) && 'dist/extension.js is missing (npm run bundle)')
  || (!existsSync('/bin/false') && 'no /bin/false');

const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'gls-restart-')));
const notes = join(workspace, 'notes.md');
writeFileSync(notes, 'We fine-tune the model with Lora adapters.\n');
const resolveFilename = Module._resolveFilename;
const unhandled = [];
const onUnhandled = (reason) => unhandled.push(reason);
let extension;

after(async () => {
  try {
    if (extension) await extension.deactivate();
  } finally {
    process.off('unhandledRejection', onUnhandled);
    Module._resolveFilename = resolveFilename;
    delete Module._cache.vscode;
    rmSync(workspace, { recursive: true, force: true });
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

test('glossaryLs.path = /bin/false: a message, no unhandled rejection, then a clean restart', { skip }, async () => {
  process.on('unhandledRejection', onUnhandled);
  const fake = createVscode({ settings: { 'glossaryLs.path': '/bin/false' }, workspaceFolder: workspace });
  Module._resolveFilename = function (request, ...rest) {
    return request === 'vscode' ? 'vscode' : resolveFilename.call(this, request, ...rest);
  };
  const stub = new Module('vscode');
  stub.loaded = true;
  stub.exports = fake.vscode;
  Module._cache.vscode = stub;
  extension = createRequire(import.meta.url)(dist);
  const document = fake.openDocument(notes, 'markdown');
  await extension.activate({ subscriptions: [] });

  const message = await until(() => fake.record.errors.find((e) => e.includes('did not start')), 'the error message');
  assert.match(message, /glossary-ls did not start \(\/bin\/false\)/);
  assert.match(fake.record.output.join(''), /stopped before it initialized \(exit status 1\)/);
  // Unhandled rejections surface on a later turn: give them time.
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.deepEqual(unhandled.map(String), []);

  // The user fixes the setting: the extension restarts with the real server.
  fake.settings['glossaryLs.path'] = binary;
  fake.fireConfigurationChange('glossaryLs.path');
  await until(() => (fake.record.diagnostics.get(document.uri.toString()) ?? [])
    .some((d) => (d.code?.value ?? d.code) === 'term-case'), 'diagnostics from the restarted server');
  assert.match(fake.record.output.join(''), new RegExp(`Starting ${binary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  assert.deepEqual(unhandled.map(String), []);
});
