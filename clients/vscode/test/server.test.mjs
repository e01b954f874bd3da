// The settings the extension sends, against the real server (GLS_BINARY):
// initializationOptions, workspace/didChangeConfiguration and answers to the
// server's workspace/configuration pulls, built with the extension's own
// mapping (out/settings.js), must be accepted without warnings and change
// what the server reports. Uses vscode-jsonrpc, the library under
// vscode-languageclient.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';

import { compiled, extensionDir } from './helpers.mjs';

const { parseSettings, toServerSettings, rewriteConfigurationResult, SECTION } = compiled('settings');
const rpc = createRequire(join(extensionDir, 'package.json'))('vscode-jsonrpc/node');

const binary = process.env.GLS_BINARY;
const skip = !binary && 'GLS_BINARY is not set';
const workspace = mkdtempSync(join(tmpdir(), 'gls-settings-'));
after(() => rmSync(workspace, { recursive: true, force: true }));

// A session that answers workspace/configuration the way the extension's
// middleware does, from `current` (the user's settings of the moment).
async function session(initial) {
  const child = spawn(binary, ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.resume();
  const connection = rpc.createMessageConnection(
    new rpc.StreamMessageReader(child.stdout),
    new rpc.StreamMessageWriter(child.stdin));
  const state = { current: initial, logs: [], shown: [], diagnostics: new Map(), waiters: [] };
  const mapped = () => toServerSettings(parseSettings(state.current), { workspaceFolder: workspace });
  connection.onRequest('workspace/configuration', (params) =>
    rewriteConfigurationResult(params.items, params.items.map(() => ({ path: '/raw/section' })), mapped));
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification('window/logMessage', (p) => state.logs.push(p.message));
  connection.onNotification('window/showMessage', (p) => state.shown.push(p.message));
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    state.diagnostics.set(p.uri, p.diagnostics);
    for (const w of state.waiters.splice(0)) w();
  });
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).href,
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'ws' }],
    capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } },
    initializationOptions: mapped(),
  });
  await connection.sendNotification('initialized', {});
  state.connection = connection;
  state.child = child;
  // What the extension's middleware pushes on every settings change.
  state.push = () => connection.sendNotification('workspace/didChangeConfiguration', { settings: { [SECTION]: mapped() } });
  state.until = async (predicate, what) => {
    const deadline = Date.now() + 20_000;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => {
        state.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  };
  state.close = async () => {
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    await new Promise((resolve) => child.on('exit', resolve));
    connection.dispose();
  };
  return state;
}

function termCase(diagnostics) {
  return (diagnostics ?? []).filter((d) => d.code === 'term-case');
}

test('rule severities and ignore words reach the server and change diagnostics', { skip }, async () => {
  const doc = join(workspace, 'notes.md');
  writeFileSync(doc, 'We fine-tune with Lora adapters.\n');
  const uri = pathToFileURL(doc).href;
  const s = await session({ rules: { 'term-case': 'error' }, path: '/ignored/by/the/server' });
  try {
    await s.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text: 'We fine-tune with Lora adapters.\n' },
    });
    await s.until(() => termCase(s.diagnostics.get(uri)).length === 1, 'a term-case diagnostic');
    assert.equal(termCase(s.diagnostics.get(uri))[0].severity, 1, 'glossaryLs.rules term-case: error');

    s.current = { rules: { 'term-case': 'hint' } };
    s.diagnostics.delete(uri);
    await s.push();
    await s.until(() => termCase(s.diagnostics.get(uri))[0]?.severity === 4, 'the hint severity');

    s.current = { rules: { 'term-case': 'hint' }, ignoreWords: ['Lora'] };
    s.diagnostics.delete(uri);
    await s.push();
    await s.until(() => s.diagnostics.has(uri) && termCase(s.diagnostics.get(uri)).length === 0, 'Lora ignored');

    // Only server keys were sent: no "unknown key" warnings, no errors shown.
    assert.deepEqual(s.logs.filter((m) => /unknown/i.test(m)), []);
    assert.deepEqual(s.shown, []);
  } finally {
    await s.close();
  }
});

test('a glossary from glossaryLs.glossaries (relative to the workspace) is used', { skip }, async () => {
  // A camel-case term: its canonical spelling is the body's (FluxNet).
  writeFileSync(join(workspace, 'team.glossary'), 'fluxnet, time travel\n**FluxNet** routes FluxNet traffic through time.\n');
  const doc = join(workspace, 'plan.md');
  const text = 'Check the Fluxnet wiring.\n';
  writeFileSync(doc, text);
  const uri = pathToFileURL(doc).href;
  const s = await session({ glossaries: ['team.glossary'] });
  try {
    await s.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text },
    });
    await s.until(() => termCase(s.diagnostics.get(uri)).length === 1, 'a finding from the team glossary');
    assert.match(termCase(s.diagnostics.get(uri))[0].message, /FluxNet/);
    assert.deepEqual(s.shown, []);
  } finally {
    await s.close();
  }
});
