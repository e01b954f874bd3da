// config.test.mjs — configuration against the real binary: settings changes,
// the workspace/configuration pull, the project file, and glossary reloads
// when a glossary file changes on disk.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';

import { GLOSSARY, Session, VLLM_ENTRY, summary } from './workspace-session.mjs';

const TIMEOUT = { timeout: 60000 };
after(() => Session.killAll());

const TEXT = 'We use Lora with a Levenstein transformer.\n';

test('a configuration change turns a rule off and on again', TIMEOUT, async () => {
  const s = await Session.start();
  const uri = s.uri('a.md');
  await s.open(uri, 'markdown', TEXT);
  let published = await s.diagnostics(uri, (p) => p.version === 1);
  assert.equal(summary(published), 'term-case@0:7 misspelled-term@0:19');

  await s.connection.sendNotification('workspace/didChangeConfiguration', {
    settings: { glossaryLs: { rules: { 'term-case': 'off' } } },
  });
  published = await s.diagnostics(uri, (p) => !summary(p).includes('term-case'));
  assert.equal(summary(published), 'misspelled-term@0:19');

  await s.connection.sendNotification('workspace/didChangeConfiguration', {
    settings: { glossaryLs: { rules: { 'misspelled-term': 'error' } } },
  });
  published = await s.diagnostics(uri, (p) => summary(p).includes('term-case'));
  assert.equal(summary(published), 'term-case@0:7 misspelled-term@0:19');
  assert.equal(published.diagnostics[1].severity, 1);
  assert.equal(await s.stop(), 0);
});

test('settings are pulled with workspace/configuration when the client can', TIMEOUT, async () => {
  let answer = { rules: { 'misspelled-term': false } };
  const asked = [];
  const s = await Session.start({
    capabilities: { workspace: { configuration: true, workspaceEdit: { documentChanges: true } } },
    configuration: (items) => { asked.push(...items); return items.map(() => answer); },
  });
  const uri = s.uri('a.md');
  await s.open(uri, 'markdown', TEXT);
  let published = await s.diagnostics(uri, (p) => summary(p) === 'term-case@0:7');
  assert.ok(asked.some((item) => item.section === 'glossaryLs'), JSON.stringify(asked));

  answer = { rules: { 'term-case': 'hint' } };
  await s.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  published = await s.diagnostics(uri, (p) => p.diagnostics.length === 2);
  assert.equal(published.diagnostics[0].severity, 4);
  assert.equal(await s.stop(), 0);
});

test('the project file sets rules; initializationOptions override it', TIMEOUT, async () => {
  const s = await Session.start({
    projectFile: JSON.stringify({ rules: { 'term-case': 'error', 'misspelled-term': 'info' } }),
    initializationOptions: { glossaryLs: { diagnosticsDelay: 0, rules: { 'misspelled-term': 'hint' } } },
  });
  const uri = s.uri('a.md');
  await s.open(uri, 'markdown', TEXT);
  const published = await s.diagnostics(uri, (p) => p.version === 1);
  assert.deepEqual(published.diagnostics.map((d) => d.severity), [1, 4]);
  assert.equal(await s.stop(), 0);
});

test('a glossary file changed on disk is reloaded and documents re-checked', TIMEOUT, async () => {
  const s = await Session.start();
  const uri = s.uri('a.md');
  await s.open(uri, 'markdown', 'Vllm serves Lora models.\n');
  let published = await s.diagnostics(uri, (p) => p.version === 1);
  assert.equal(summary(published), 'term-case@0:12');

  writeFileSync(s.glossary, GLOSSARY + VLLM_ENTRY);
  published = await s.diagnostics(uri, (p) => summary(p) === 'term-case@0:0 term-case@0:12');
  assert.equal(published.diagnostics[0].data.term, 'vLLM');

  // A broken edit: reported with file:line, and the rest still loads.
  writeFileSync(s.glossary, GLOSSARY + VLLM_ENTRY + 'broken, entry\n**Broken**\n```\nnever closed\n');
  const shown = await s.message((m) => m.type <= 2 && /terms\.txt:\d+/.test(m.message));
  assert.match(shown.message, /never closed|code block/);
  published = await s.diagnostics(uri, (p) => summary(p) === 'term-case@0:0 term-case@0:12');
  assert.equal(await s.stop(), 0);
});

test('the ignore-word command edits the project file, which is then in force', TIMEOUT, async () => {
  const s = await Session.start();
  const uri = s.uri('a.md');
  await s.open(uri, 'markdown', TEXT);
  await s.diagnostics(uri, (p) => p.version === 1);
  await s.connection.sendRequest('workspace/executeCommand', {
    command: 'glossary-ls.ignoreWord', arguments: ['Levenstein', uri],
  });
  const published = await s.diagnostics(uri, (p) => summary(p) === 'term-case@0:7');
  assert.equal(published.version, 1);
  const { readFileSync } = await import('node:fs');
  const file = JSON.parse(readFileSync(join(s.dir, '.glossary-ls.json'), 'utf8'));
  assert.deepEqual(file.ignoreWords, ['Levenstein']);
  assert.equal(await s.stop(), 0);
});
