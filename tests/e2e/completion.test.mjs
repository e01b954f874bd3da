// completion.test.mjs — textDocument/completion and completionItem/resolve
// against the real binary: multi-word phrases replaced whole, casing, the
// typo fallback, comments of C / Python / JavaScript (and nothing in code or
// strings), both position encodings with non-ASCII text before the phrase.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, test } from 'node:test';

import { Session, TEAM_GLOSSARY, applyEdits, character, positionOf } from './workspace-session.mjs';

const require = createRequire(import.meta.url);
const { CompletionRequest, CompletionResolveRequest, CompletionItemKind, MarkupKind } =
  require('vscode-languageserver-protocol');

const TIMEOUT = { timeout: 60000 };
after(() => Session.killAll());

const CAPS = {
  textDocument: { completion: { completionItem: { documentationFormat: [MarkupKind.Markdown] } } },
};

// The position right after needle's occurrence.
function after_(s, text, needle, nth = 0) {
  const at = positionOf(text, needle, 'utf-16', nth);
  const line = text.split('\n')[at.line];
  return { line: at.line, character: character(line, at.character + needle.length, s.encoding) };
}

function complete(s, uri, position) {
  return s.connection.sendRequest(CompletionRequest.method, { textDocument: { uri }, position });
}

for (const encoding of ['utf-16', 'utf-8']) {
  test(`a phrase is replaced whole (${encoding})`, TIMEOUT, async () => {
    const s = await Session.start({ encodings: [encoding], capabilities: CAPS });
    const uri = s.uri('notes.md');
    const text = '# Über\n\nЖ 😀 we use rotary po\n';
    await s.open(uri, 'markdown', text);
    const list = await complete(s, uri, after_(s, text, 'rotary po'));
    assert.equal(list.isIncomplete, false);
    assert.deepEqual(list.items.map((i) => i.label), ['rotary position embedding']);
    const [item] = list.items;
    assert.equal(item.kind, CompletionItemKind.Text);
    assert.equal(item.detail, 'Rotary Position Embedding (RoPE)');
    assert.equal(item.textEdit.range.start.line, item.textEdit.range.end.line);
    assert.equal(applyEdits(text, [item.textEdit], s.encoding), '# Über\n\nЖ 😀 we use rotary position embedding\n');

    const resolved = await s.connection.sendRequest(CompletionResolveRequest.method, item);
    assert.equal(resolved.documentation.kind, MarkupKind.Markdown);
    assert.match(resolved.documentation.value, /RoPE encodes positions/);
    assert.equal(await s.stop(), 0);
  });
}

test('canonical casing for irregular terms, the writer\'s capital for others', TIMEOUT, async () => {
  const s = await Session.start();
  const uri = s.uri('notes.md');
  const text = 'pyt. Lev. lev. lo.\n';
  await s.open(uri, 'markdown', text);
  const labels = async (needle) => (await complete(s, uri, after_(s, text, needle))).items.map((i) => i.label);
  assert.deepEqual(await labels('pyt'), ['PyTorch']);
  assert.deepEqual(await labels('Lev'), ['Levenshtein transformer']);
  assert.deepEqual(await labels('lev'), ['levenshtein transformer']);
  assert.equal((await labels('lo'))[0], 'LoRA');
  assert.equal(await s.stop(), 0);
});

test('typos fall back to near terms, kept by the client filter', TIMEOUT, async () => {
  const s = await Session.start();
  const uri = s.uri('notes.md');
  const text = 'we use pytroch\n';
  await s.open(uri, 'markdown', text);
  const list = await complete(s, uri, after_(s, text, 'pytroch'));
  assert.equal(list.isIncomplete, true);
  assert.equal(list.items[0].label, 'PyTorch');
  assert.equal(list.items[0].filterText, 'pytroch');
  assert.equal(applyEdits(text, [list.items[0].textEdit]), 'we use PyTorch\n');
  assert.equal(await s.stop(), 0);
});

test('comments of C, Python and JavaScript; nothing in code or strings', TIMEOUT, async () => {
  const s = await Session.start();
  const cases = [
    ['a.c', 'c', '/* uses rotary po */\nint rotary_po;\nconst char *s = "rotary po";\n', [1, 0]],
    ['a.py', 'python', '# uses rotary po\nrotary_po = 1\nx = "rotary po"\n', [1, 0]],
    ['a.js', 'javascript', '// uses rotary po\nlet rotary_po;\nf(`rotary po`);\n', [1, 0]],
    ['b.md', 'markdown', 'Code `rotary po` and $rotary po$ and rotary po\n', [0, 0, 1]],
  ];
  for (const [name, languageId, text, counts] of cases) {
    const uri = s.uri(name);
    await s.open(uri, languageId, text);
    for (let nth = 0; nth < counts.length; nth++) {
      const list = await complete(s, uri, after_(s, text, 'rotary po', nth));
      assert.equal(list.items.length, counts[nth], `${name}: rotary po #${nth}`);
    }
    if (languageId !== 'markdown') {
      const list = await complete(s, uri, after_(s, text, 'rotary_po'));
      assert.equal(list.items.length, 0, `${name}: identifier`);
    }
  }
  assert.equal(await s.stop(), 0);
});

test('the edit range goes to itemDefaults when the client takes it (as VS Code does)', TIMEOUT, async () => {
  const s = await Session.start({
    encodings: ['utf-8'],
    capabilities: { textDocument: { completion: { completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] } } } },
  });
  const uri = s.uri('notes.md');
  const text = 'Ж 😀 Rotary p\n';
  await s.open(uri, 'markdown', text);
  const list = await complete(s, uri, after_(s, text, 'Rotary p'));
  assert.deepEqual(list.items.map((i) => [i.label, i.textEdit]), [['Rotary position embedding', undefined]]);
  const start = positionOf(text, 'Rotary', 'utf-8');
  assert.deepEqual(list.itemDefaults.editRange, { start, end: { line: 0, character: start.character + 8 } });
  assert.equal(applyEdits(text, [{ range: list.itemDefaults.editRange, newText: list.items[0].label }], 'utf-8'),
    'Ж 😀 Rotary position embedding\n');
  assert.equal(await s.stop(), 0);
});

test('out-of-range positions are clamped, unknown documents are empty', TIMEOUT, async () => {
  const s = await Session.start();
  const uri = s.uri('notes.md');
  await s.open(uri, 'markdown', 'ends with rotary po');
  const clamped = await complete(s, uri, { line: 999, character: 999 });
  assert.deepEqual(clamped.items.map((i) => i.label), ['rotary position embedding']);
  const unknown = await complete(s, s.uri('closed.md'), { line: 0, character: 0 });
  assert.deepEqual(unknown.items, []);
  assert.equal(await s.stop(), 0);
});

test('a term once: no header item that glues two names; tags are offered', TIMEOUT, async () => {
  const s = await Session.start({ capabilities: CAPS, glossary: TEAM_GLOSSARY });
  const uri = s.uri('notes.md');
  const text = 'A bloom f\nOur premium su\nThe gossip pr\n';
  await s.open(uri, 'markdown', text);
  const bloom = await complete(s, uri, after_(s, text, 'bloom f'));
  // "bloom filter bf" is "bloom filter" + "bf", both names of the entry.
  assert.deepEqual(bloom.items.map((item) => item.label), ['bloom filter']);
  const support = await complete(s, uri, after_(s, text, 'premium su'));
  assert.deepEqual(support.items.map((item) => item.label), ['premium support']);
  // Three entries name "gossip protocol": one item.
  const gossip = await complete(s, uri, after_(s, text, 'gossip pr'));
  assert.deepEqual(gossip.items.map((item) => item.label), ['gossip protocol']);
  assert.equal(await s.stop(), 0);
});
