// The bundled extension (dist/extension.js, as packaged) with the real
// vscode-languageclient inside it, started against the real server
// (GLS_BINARY) in a stand-in for the VS Code API (fake-vscode.mjs): what a
// VS Code user gets, minus the UI. Diagnostics, settings changes, hover,
// completion, definition and the Look Up Term command. GLS_FEATURES lists
// the optional features built into the server; checks of missing ones are
// skipped, never faked.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { extensionDir } from './helpers.mjs';
import { createVscode, pathOf, Position, CancellationTokenSource } from './fake-vscode.mjs';

const binary = process.env.GLS_BINARY;
const features = new Set((process.env.GLS_FEATURES ?? '').split(/[,\s]+/).filter(Boolean));
const dist = join(extensionDir, 'dist', 'extension.js');
const skip = (!binary && 'GLS_BINARY is not set') || (!existsSync(dist) && 'dist/extension.js is missing (npm run bundle)');
const unless = (feature) => skip || (!features.has(feature) && `the server is built without ${feature}`);

const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'gls-ext-')));
const notes = join(workspace, 'notes.md');
writeFileSync(notes, 'We fine-tune the model with Lora adapters.\nA rotary position embedding rotates queries and keys.\nrotar\n');

const token = () => new CancellationTokenSource().token;

// What `glossary-ls define TERM` says about the best entry.
function define(term) {
  const lines = execFileSync(binary, ['define', term], { encoding: 'utf8' }).split('\n');
  const [, file, line] = /^\s*(.*):(\d+)$/.exec(lines[1]);
  return { title: lines[0], file, line: Number(line) };
}

async function until(predicate, what, ms = 20_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let fake;
let extension;
let document;
const resolveFilename = Module._resolveFilename;

before(async () => {
  if (skip) return;
  fake = createVscode({
    settings: { 'glossaryLs.path': binary, 'glossaryLs.rules': { 'term-case': 'error' } },
    workspaceFolder: workspace,
  });
  Module._resolveFilename = function (request, ...rest) {
    return request === 'vscode' ? 'vscode' : resolveFilename.call(this, request, ...rest);
  };
  const stub = new Module('vscode');
  stub.loaded = true;
  stub.exports = fake.vscode;
  Module._cache.vscode = stub;
  extension = createRequire(import.meta.url)(dist);
  document = fake.openDocument(notes, 'markdown');
  await extension.activate({ subscriptions: [] });
});

after(async () => {
  try {
    if (extension) {
      await extension.deactivate();
    }
  } finally {
    Module._resolveFilename = resolveFilename;
    delete Module._cache.vscode;
    rmSync(workspace, { recursive: true, force: true });
  }
});

function termCase() {
  const diagnostics = fake.record.diagnostics.get(document.uri.toString()) ?? [];
  return diagnostics.filter((d) => (d.code?.value ?? d.code) === 'term-case');
}

test('the client starts the server and shows diagnostics with the configured severity', { skip }, async () => {
  const [diagnostic] = await until(() => termCase().length > 0 && termCase(), 'a term-case diagnostic');
  assert.equal(diagnostic.severity, fake.vscode.DiagnosticSeverity.Error, 'glossaryLs.rules: term-case error');
  assert.deepEqual([diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.character], [0, 28, 32]);
  assert.match(diagnostic.message, /LoRA/);
  assert.deepEqual(fake.record.errors, []);
});

test('a settings change is sent to the running server, without client-only keys', { skip }, async () => {
  await until(() => termCase().length > 0, 'the first diagnostics');
  // The user switches term-case to hint in the settings UI.
  fake.settings['glossaryLs.rules'] = { 'term-case': 'hint' };
  fake.fireConfigurationChange('glossaryLs.rules');
  await until(() => termCase()[0]?.severity === fake.vscode.DiagnosticSeverity.Hint, 'the hint severity');
  // The server logs keys it does not know (glossaryLs.path, trace...).
  const log = fake.record.output.join('');
  assert.ok(!/unknown key/i.test(log), log);
});

test('hover shows the definition', { skip: unless('hover') }, async () => {
  const provider = fake.record.providers.get('registerHoverProvider');
  assert.ok(provider, 'no hover provider registered');
  const hover = await provider.provideHover(document, new Position(1, 8), token());
  const text = hover.contents.map((c) => c.value ?? c).join('\n');
  assert.ok(text.includes(define('rotary position embedding').title), text);
});

test('completion offers the term', { skip: unless('completion') }, async () => {
  const provider = fake.record.providers.get('registerCompletionItemProvider');
  assert.ok(provider, 'no completion provider registered');
  const result = await provider.provideCompletionItems(document, new Position(2, 5), token(), { triggerKind: 0 });
  const items = Array.isArray(result) ? result : result.items;
  const labels = items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
  assert.ok(labels.includes('rotary position embedding'), labels.join(', '));
});

test('go to definition reaches the glossary entry', { skip: unless('definition') }, async () => {
  const provider = fake.record.providers.get('registerDefinitionProvider');
  assert.ok(provider, 'no definition provider registered');
  const result = await provider.provideDefinition(document, new Position(1, 8), token());
  const locations = (Array.isArray(result) ? result : [result]).map((l) => ({
    file: realpathSync(pathOf(l.uri ?? l.targetUri)),
    line: (l.range ?? l.targetRange).start.line + 1,
  }));
  const best = define('rotary position embedding');
  assert.ok(locations.some((l) => l.file === realpathSync(best.file) && l.line === best.line), JSON.stringify(locations));
});

test('Glossary: Look Up Term opens the chosen entry', { skip: unless('symbols') }, async () => {
  const run = fake.vscode.commands.executeCommand('glossaryLs.lookUpTerm', 'LoRA');
  const pick = await until(() => fake.record.quickPicks.at(-1), 'the quick pick');
  await until(() => pick.items.length > 0, 'quick pick items');
  assert.equal(pick.items[0].label, 'LoRA');
  const best = define('LoRA');
  assert.ok(pick.items.some((i) => i.description === best.title), JSON.stringify(pick.items.map((i) => i.description)));
  pick.acceptFirst();
  await run;
  const shown = fake.record.shown.at(-1);
  assert.ok(shown, 'nothing was opened');
  assert.equal(realpathSync(pathOf(shown.uri)), realpathSync(pathOf(pick.items[0].pick.uri)));
  assert.match(pathOf(shown.uri), /\.(txt|glossary)$/);
  assert.equal(shown.options.selection.start.line, pick.items[0].pick.line);
});
