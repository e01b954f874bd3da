// definition.test.mjs — textDocument/definition and textDocument/references
// against the real binary, in both position encodings, from Markdown, from
// code comments and from inside the glossary file.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, test } from 'node:test';

import { GLOSSARY, Session, TEAM_GLOSSARY, character, positionOf } from './workspace-session.mjs';

const require = createRequire(import.meta.url);
const { DefinitionRequest, ReferencesRequest } = require('vscode-languageserver-protocol');

const TIMEOUT = { timeout: 60000 };
after(() => Session.killAll());

function inside(s, text, needle, nth = 0) {
  const at = positionOf(text, needle, 'utf-16', nth);
  const line = text.split('\n')[at.line];
  return { line: at.line, character: character(line, at.character + 1, s.encoding) };
}

// The range of a whole line of the glossary (its header line).
function headerRange(header) {
  const line = GLOSSARY.split('\n').indexOf(header);
  assert.ok(line >= 0, header);
  return { start: { line, character: 0 }, end: { line, character: header.length } };
}

for (const encoding of ['utf-16', 'utf-8']) {
  test(`definition: Locations, or LocationLinks when supported (${encoding})`, TIMEOUT, async () => {
    const s = await Session.start({
      encodings: [encoding],
      capabilities: { textDocument: { definition: { linkSupport: true } } },
    });
    const uri = s.uri('notes.md');
    const text = '# Über\n\nЖ 😀 PyTorch trains models.\n';
    await s.open(uri, 'markdown', text);
    const links = await s.connection.sendRequest(DefinitionRequest.method, {
      textDocument: { uri }, position: inside(s, text, 'PyTorch'),
    });
    assert.equal(links.length, 1);
    assert.equal(links[0].targetUri, s.uri('terms.txt'));
    assert.deepEqual(links[0].targetSelectionRange, headerRange('pytorch, framework'));
    assert.equal(links[0].targetRange.end.line, headerRange('pytorch, framework').start.line + 2);
    const start = positionOf(text, 'PyTorch', encoding);
    assert.deepEqual(links[0].originSelectionRange,
      { start, end: { line: start.line, character: start.character + 7 } });
    assert.equal(await s.stop(), 0);
  });
}

test('definition: Location[] from a comment and from the glossary file', TIMEOUT, async () => {
  const s = await Session.start();
  const code = s.uri('a.py');
  const text = '# Fine-tune with LoRA.\nlora = "LoRA"\n';
  await s.open(code, 'python', text);
  const locations = await s.connection.sendRequest(DefinitionRequest.method, {
    textDocument: { uri: code }, position: inside(s, text, 'LoRA'),
  });
  assert.deepEqual(locations, [{ uri: s.uri('terms.txt'), range: headerRange('lora, low-rank adaptation, fine-tuning') }]);
  for (const nth of [0, 1]) {
    const needle = nth === 0 ? 'lora' : 'LoRA';
    const none = await s.connection.sendRequest(DefinitionRequest.method, {
      textDocument: { uri: code }, position: inside(s, text, needle, nth),
    });
    assert.equal(none, null, `${needle} in code`);
  }

  const glossary = s.uri('terms.txt');
  await s.open(glossary, 'plaintext', GLOSSARY);
  const self = await s.connection.sendRequest(DefinitionRequest.method, {
    textDocument: { uri: glossary }, position: inside(s, GLOSSARY, 'levenshtein transformer'),
  });
  assert.deepEqual(self, [{ uri: glossary, range: headerRange('levenshtein transformer, sequence generation') }]);
  assert.equal(await s.stop(), 0);
});

for (const encoding of ['utf-16', 'utf-8']) {
  test(`references across open documents (${encoding})`, TIMEOUT, async () => {
    const s = await Session.start({ encodings: [encoding] });
    const a = s.uri('a.md');
    const b = s.uri('b.js');
    const textA = 'Ж 😀 RoPE first.\n\nThen RoPE again, and LoRA.\n';
    const textB = '// RoPE in a comment\nconst rope = "RoPE";\n';
    await s.open(a, 'markdown', textA);
    await s.open(b, 'javascript', textB);
    const params = { textDocument: { uri: a }, position: inside(s, textA, 'RoPE'), context: { includeDeclaration: false } };
    const refs = await s.connection.sendRequest(ReferencesRequest.method, params);
    const where = (uri, text, nth) => {
      const start = positionOf(text, 'RoPE', encoding, nth);
      return { uri, range: { start, end: { line: start.line, character: start.character + 4 } } };
    };
    assert.deepEqual(refs, [where(a, textA, 0), where(a, textA, 1), where(b, textB, 0)]);

    params.context.includeDeclaration = true;
    const withDecl = await s.connection.sendRequest(ReferencesRequest.method, params);
    assert.deepEqual(withDecl.slice(0, 3), refs);
    assert.deepEqual(withDecl.slice(3), [{ uri: s.uri('terms.txt'), range: headerRange('rotary position embedding, rope, positional encoding') }]);
    assert.equal(await s.stop(), 0);
  });
}

test('definition: one location per meaning, the best first', TIMEOUT, async () => {
  const s = await Session.start({ glossary: TEAM_GLOSSARY });
  const uri = s.uri('notes.md');
  const text = 'Nodes run a gossip protocol. We need support.\n';
  await s.open(uri, 'markdown', text);
  const locations = await s.connection.sendRequest(DefinitionRequest.method, {
    textDocument: { uri }, position: inside(s, text, 'gossip'),
  });
  // The entries at lines 15 and 17 share a title: only the first is given.
  const lines = TEAM_GLOSSARY.split('\n');
  assert.deepEqual(locations.map((l) => l.range.start.line), [
    lines.indexOf('gossip protocol, epidemic dissemination, cluster membership'),
    lines.indexOf('gossip protocol, anti entropy, replica repair'),
  ]);
  // "support" heads a FAQ answer: a tag, not a term in prose.
  const support = await s.connection.sendRequest(DefinitionRequest.method, {
    textDocument: { uri }, position: inside(s, text, 'support'),
  });
  assert.equal(support, null);
  assert.equal(await s.stop(), 0);
});
