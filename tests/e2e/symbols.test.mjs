// symbols.test.mjs — textDocument/documentSymbol on glossary files
// (hierarchical and flat) and workspace/symbol against the real binary.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, test } from 'node:test';

import { GLOSSARY, Session, TEAM_GLOSSARY, positionOf } from './workspace-session.mjs';

const require = createRequire(import.meta.url);
const { DocumentSymbolRequest, WorkspaceSymbolRequest, SymbolKind } = require('vscode-languageserver-protocol');

const TIMEOUT = { timeout: 60000 };
after(() => Session.killAll());

const HIERARCHICAL = { textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true } } };

for (const encoding of ['utf-16', 'utf-8']) {
  test(`document symbols of a glossary file, unsaved edits included (${encoding})`, TIMEOUT, async () => {
    const s = await Session.start({ encodings: [encoding], capabilities: HIERARCHICAL });
    const uri = s.uri('team.glossary');
    let text = 'naïve bayes, bayes classifier, probabilistic models\n**Naïve Bayes** counts.\n';
    await s.open(uri, 'glossary', text);
    let symbols = await s.connection.sendRequest(DocumentSymbolRequest.method, { textDocument: { uri } });
    assert.equal(symbols.length, 1);
    const [entry] = symbols;
    assert.equal(entry.name, 'naïve bayes');
    assert.equal(entry.kind, SymbolKind.Key);
    assert.equal(entry.detail, 'Naïve Bayes');
    const width = encoding === 'utf-8' ? 12 : 11;
    assert.deepEqual(entry.selectionRange, { start: { line: 0, character: 0 }, end: { line: 0, character: width } });
    assert.deepEqual(entry.range.start, { line: 0, character: 0 });
    assert.deepEqual(entry.range.end.line, 1);
    assert.deepEqual(entry.children.map((c) => [c.name, c.kind]),
      [['bayes classifier', SymbolKind.String], ['probabilistic models', SymbolKind.String]]);
    assert.deepEqual(entry.children[0].range.start, positionOf(text, 'bayes classifier', encoding));

    text += 'kv cache, inference\n**KV cache** keeps keys.\n';
    await s.change(uri, 2, [{ text }]);
    symbols = await s.connection.sendRequest(DocumentSymbolRequest.method, { textDocument: { uri } });
    assert.deepEqual(symbols.map((e) => [e.name, e.detail]), [['naïve bayes', 'Naïve Bayes'], ['kv cache', 'KV cache · inference']]);
    assert.equal(await s.stop(), 0);
  });
}

test('flat SymbolInformation without hierarchy support; nothing for other documents', TIMEOUT, async () => {
  const s = await Session.start();
  const glossary = s.uri('terms.txt');
  await s.open(glossary, 'plaintext', GLOSSARY);
  const symbols = await s.connection.sendRequest(DocumentSymbolRequest.method, { textDocument: { uri: glossary } });
  const entries = symbols.filter((x) => x.kind === SymbolKind.Key).map((x) => x.name);
  assert.deepEqual(entries, ['lora', 'rotary position embedding', 'pytorch', 'levenshtein transformer']);
  const alias = symbols.find((x) => x.name === 'rope');
  assert.equal(alias.containerName, 'rotary position embedding');
  assert.equal(alias.location.uri, glossary);

  const notes = s.uri('notes.md');
  await s.open(notes, 'markdown', 'lora, fine tuning\n**LoRA** is not an entry here.\n');
  assert.deepEqual(await s.connection.sendRequest(DocumentSymbolRequest.method, { textDocument: { uri: notes } }), []);
  assert.equal(await s.stop(), 0);
});

// workspaceSymbols: true (here from the project file) asks for every
// matching term; without it only a query naming a term is answered.
const ALL = { projectFile: JSON.stringify({ workspaceSymbols: true }) };

test('workspace symbols: prefix, later words, typos', TIMEOUT, async () => {
  const s = await Session.start(ALL);
  const search = async (query) => s.connection.sendRequest(WorkspaceSymbolRequest.method, { query });
  const py = await search('Py');
  assert.equal(py[0].name, 'PyTorch');
  assert.equal(py[0].kind, SymbolKind.Key);
  assert.equal(py[0].location.uri, s.uri('terms.txt'));
  assert.equal(py[0].location.range.start.line, GLOSSARY.split('\n').indexOf('pytorch, framework'));
  assert.equal(py[0].containerName, 'PyTorch · framework');

  const later = await search('transformer');
  assert.deepEqual(later.map((x) => x.name), ['levenshtein transformer']);
  const typo = await search('levenshtien transformer');
  assert.deepEqual(typo.map((x) => x.name), ['levenshtein transformer']);
  assert.ok((await search('')).length >= 4);
  assert.deepEqual(await search('zzzzzz'), []);
  assert.equal(await s.stop(), 0);
});

test('workspace/symbol finds an entry by its tags and FAQ questions', TIMEOUT, async () => {
  const s = await Session.start({ ...ALL, glossary: TEAM_GLOSSARY });
  const search = async (query) => s.connection.sendRequest(WorkspaceSymbolRequest.method, { query });
  const lines = TEAM_GLOSSARY.split('\n');
  const faq = lines.indexOf('support, premium support, do you offer support, help, contact');
  for (const query of ['do you offer', 'support', 'premium support']) {
    const found = await search(query);
    assert.ok(found.some((sym) => sym.location.range.start.line === faq), `${query}: ${JSON.stringify(found)}`);
  }
  const tag = await search('crash recovery');
  assert.equal(tag[0].location.range.start.line, lines.indexOf('write ahead log, wal, shadow paging, crash recovery'));
  assert.equal(await s.stop(), 0);
});

// An editor's code symbol search (VS Code's Ctrl+T) goes to every server:
// by default terms come only for a query that names one (issue 15).
test('workspace symbols without the opt-in: only a query naming a term', TIMEOUT, async () => {
  const s = await Session.start();
  const search = async (params) => s.connection.sendRequest(WorkspaceSymbolRequest.method, params);
  for (const query of ['Py', 'main', 'levenshtien transformer', '']) {
    assert.deepEqual(await search({ query }), [], query);
  }
  const named = await search({ query: 'PyTorch' });
  assert.deepEqual(named.map((x) => x.name), ['PyTorch']);
  // The request's own opt-in (the VS Code extension's Look Up Term).
  const all = await search({ query: 'Py', glossaryLs: { allTerms: true } });
  assert.equal(all[0].name, 'PyTorch');
  // Settings opt in too (workspace/didChangeConfiguration).
  s.connection.sendNotification('workspace/didChangeConfiguration', { settings: { glossaryLs: { workspaceSymbols: true } } });
  let typo = [];
  for (let i = 0; i < 100 && typo.length === 0; i++) {
    typo = await search({ query: 'levenshtien transformer' });
    if (typo.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.deepEqual(typo.map((x) => x.name), ['levenshtein transformer']);
  assert.equal(await s.stop(), 0);
});
