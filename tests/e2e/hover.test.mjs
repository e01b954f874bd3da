// hover.test.mjs — textDocument/hover against the real binary through
// vscode-jsonrpc: Markdown prose, C / Python / JavaScript comments (and no
// hover on identifiers or string literals), glossary files, both position
// encodings with non-ASCII text before the term, out-of-range positions.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, test } from 'node:test';

import { binary } from './client.mjs';
import { GLOSSARY, Session, TEAM_GLOSSARY, character, positionOf } from './workspace-session.mjs';

const require = createRequire(import.meta.url);
const { DefinitionRequest, HoverRequest, MarkupKind } = require('vscode-languageserver-protocol');

const TIMEOUT = { timeout: 60000 };
after(() => Session.killAll());

const GLOSSARY_WITH_LINK = `${GLOSSARY}kv cache, inference\n**KV Cache**\nThe KV cache keeps keys and values; see [paged attention](https://example.org/paged) and \\_cache\\_size.\n`;

const MARKDOWN = { textDocument: { hover: { contentFormat: [MarkupKind.Markdown, MarkupKind.PlainText] } } };

function hover(s, uri, position) {
  return s.connection.sendRequest(HoverRequest.method, { textDocument: { uri }, position });
}

// The position of needle's occurrence, moved right by delta characters
// (JS string units, converted to the session's encoding).
function inside(s, text, needle, delta = 1, nth = 0) {
  const at = positionOf(text, needle, 'utf-16', nth);
  const line = text.split('\n')[at.line];
  return { line: at.line, character: character(line, at.character + delta, s.encoding) };
}

function rangeOf(s, text, needle, nth = 0) {
  const start = positionOf(text, needle, s.encoding, nth);
  const line = text.split('\n')[start.line];
  const index = positionOf(text, needle, 'utf-16', nth).character;
  return { start, end: { line: start.line, character: character(line, index + needle.length, s.encoding) } };
}

for (const encoding of ['utf-16', 'utf-8']) {
  test(`Markdown prose, whole term range (${encoding})`, TIMEOUT, async () => {
    const s = await Session.start({ encodings: [encoding], capabilities: MARKDOWN });
    assert.equal(s.encoding, encoding);
    const uri = s.uri('notes.md');
    const text = '# Über\n\nЖ 😀 We use Rotary-Position Embeddings and LoRA.\n\n```\nLoRA in code\n```\n';
    await s.open(uri, 'markdown', text);

    // On the second word of a multi-word term: the range is all of it,
    // plural included, in the negotiated encoding.
    const result = await hover(s, uri, inside(s, text, 'Position', 3));
    assert.equal(result.contents.kind, MarkupKind.Markdown);
    assert.match(result.contents.value, /^\*\*Rotary Position Embedding \(RoPE\)\*\*/);
    assert.ok(result.contents.value.includes(`](${s.uri('terms.txt')}#L4)`), result.contents.value);
    assert.deepEqual(result.range, rangeOf(s, text, 'Rotary-Position Embeddings'));
    if (encoding === 'utf-8') {
      // Ж is 2 bytes, 😀 4 bytes (2 UTF-16 units): the columns differ.
      assert.equal(result.range.start.character, positionOf(text, 'Rotary', 'utf-16').character + 3);
    }

    const lora = await hover(s, uri, inside(s, text, 'LoRA', 0));
    assert.deepEqual(lora.range, rangeOf(s, text, 'LoRA'));
    assert.match(lora.contents.value, /LoRA \(Low-Rank Adaptation\)/);

    assert.equal(await hover(s, uri, inside(s, text, 'LoRA', 1, 1)), null, 'inside a code fence');
    assert.equal(await hover(s, uri, inside(s, text, 'use')), null, 'not a term');
    assert.equal(await s.stop(), 0);
  });
}

test('comments of C, Python and JavaScript, not identifiers or strings', TIMEOUT, async () => {
  const s = await Session.start({ capabilities: MARKDOWN });
  const cases = [
    ['a.c', 'c', '/* Scale the LoRA update. */\nint lora = 0;\nconst char *s = "LoRA";\n', [true, false]],
    ['a.py', 'python', '"""Module about RoPE."""\nrope = "RoPE"\n# RoPE again\n', [true, false, true]],
    ['a.js', 'javascript', '// uses LoRA\nconst lora = \'LoRA\';\n/* LoRA block */\n', [true, false, true]],
  ];
  for (const [name, languageId, text, expected] of cases) {
    const uri = s.uri(name);
    await s.open(uri, languageId, text);
    const needle = name === 'a.py' ? 'RoPE' : 'LoRA';
    for (let nth = 0; nth < expected.length; nth++) {
      const result = await hover(s, uri, inside(s, text, needle, 1, nth));
      assert.equal(result !== null, expected[nth], `${name}: ${needle} #${nth}`);
    }
    const identifier = name === 'a.py' ? 'rope' : 'lora';
    assert.equal(await hover(s, uri, inside(s, text, identifier)), null, `${name}: identifier`);
  }
  assert.equal(await s.stop(), 0);
});

// A plaintext-only client (eglot without markdown-mode, a terminal client)
// shows the text as it comes: no link, bold or escape syntax in it (issue 15).
test('plain text when the client prefers it', TIMEOUT, async () => {
  const glossary = GLOSSARY_WITH_LINK;
  const s = await Session.start({
    glossary,
    capabilities: { textDocument: { hover: { contentFormat: [MarkupKind.PlainText] } } },
  });
  const uri = s.uri('notes.md');
  const text = 'PyTorch models use a KV cache.\n';
  await s.open(uri, 'markdown', text);
  const result = await hover(s, uri, inside(s, text, 'PyTorch'));
  assert.equal(result.contents.kind, MarkupKind.PlainText);
  assert.ok(!result.contents.value.includes('**'), result.contents.value);
  assert.match(result.contents.value, /^PyTorch/);
  const linked = await hover(s, uri, inside(s, text, 'KV cache'));
  assert.equal(linked.contents.kind, MarkupKind.PlainText);
  const value = linked.contents.value;
  assert.ok(value.includes('paged attention (https://example.org/paged)'), value);
  for (const markup of ['](', '**', '\\_', '[paged']) {
    assert.ok(!value.includes(markup), `${JSON.stringify(markup)} in ${value}`);
  }
  assert.ok(value.includes('terms.txt:'), value);
  assert.equal(await s.stop(), 0);
});

test('inside the glossary file, and out-of-range positions', TIMEOUT, async () => {
  const s = await Session.start({ capabilities: MARKDOWN });
  const { GLOSSARY } = await import('./workspace-session.mjs');
  const glossary = s.uri('terms.txt');
  await s.open(glossary, 'plaintext', GLOSSARY);
  const header = await hover(s, glossary, inside(s, GLOSSARY, 'pytorch, framework'));
  assert.match(header.contents.value, /^\*\*PyTorch\*\*/);
  const body = await hover(s, glossary, inside(s, GLOSSARY, 'RoPE encodes', 1));
  assert.match(body.contents.value, /Rotary Position Embedding/);

  const uri = s.uri('notes.md');
  await s.open(uri, 'markdown', 'LoRA\n');
  assert.equal(await hover(s, uri, { line: 999, character: 999 }), null);
  assert.equal(await hover(s, uri, { line: 0, character: 999 }) !== null, true, 'clamped to the end of LoRA');
  assert.equal(await hover(s, s.uri('closed.md'), { line: 0, character: 0 }), null);
  assert.equal(await s.stop(), 0);
});

// How a definition reads (issue 10): a glossary written for the tests in the
// seed format, with a page-export one-line entry, export-damaged LaTeX
// (control characters, lost backslashes, a line break that was "\r"), a
// generic title and a trailing heading.
const SECOND = readFileSync(new URL('../data/second-glossary.txt', import.meta.url), 'utf8');
const PROSE = 'The write-ahead log, softmax temperature, a bloom filter and raft consensus.\n';

async function hoverTerm(s, uri, needle) {
  const result = await hover(s, uri, inside(s, PROSE, needle, 2));
  assert.ok(result, needle);
  return result.contents;
}

test('hovers read well: blocks, the title once, the name for a generic title, Unicode math', TIMEOUT, async () => {
  const s = await Session.start({ capabilities: MARKDOWN, glossary: SECOND });
  const uri = s.uri('notes.md');
  await s.open(uri, 'markdown', PROSE);

  const wal = (await hoverTerm(s, uri, 'write-ahead log')).value;
  // The title opens the definition: no heading repeats it.
  assert.match(wal, /^\*\*Write-Ahead Log \(WAL\)\*\* is a /);
  assert.equal(wal.split('Write-Ahead Log (WAL)').length, 2, wal);
  // The one-line page export is a heading and a list again.
  assert.match(wal, /\n\*\*Why a WAL Is Used\*\* *\n- Crash safety: [^\n]*\n- Fewer random writes:/);

  const softmax = (await hoverTerm(s, uri, 'softmax temperature')).value;
  assert.match(softmax, /^\*\*softmax temperature\*\* · \*sampling\*/, 'not "The problem"');
  assert.ok(softmax.includes('temperature τ'), softmax);
  assert.ok(softmax.includes('scale β'), softmax);
  assert.doesNotMatch(softmax, /[\t\b]/);

  const bloom = (await hoverTerm(s, uri, 'bloom filter')).value;
  assert.ok(bloom.includes('p ≈ (1 − e^(−kn/m))ᵏ'), bloom);
  assert.doesNotMatch(bloom, /\night|ight\)/);

  const raft = (await hoverTerm(s, uri, 'raft consensus')).value;
  assert.doesNotMatch(raft, /Safety/, 'a trailing heading with nothing under it is dropped');
  assert.equal(await s.stop(), 0);
});

test('plain text hovers carry no Markdown: no link syntax, bold or escapes', TIMEOUT, async () => {
  const s = await Session.start({
    capabilities: { textDocument: { hover: { contentFormat: [MarkupKind.PlainText] } } },
    glossary: SECOND,
  });
  const uri = s.uri('notes.md');
  await s.open(uri, 'markdown', PROSE);
  for (const needle of ['write-ahead log', 'softmax temperature', 'bloom filter', 'raft consensus']) {
    const contents = await hoverTerm(s, uri, needle);
    assert.equal(contents.kind, MarkupKind.PlainText);
    assert.doesNotMatch(contents.value, /\*\*|\]\(|\\[_*[\]`#]/, contents.value);
    assert.match(contents.value, /(Defined in|Full definition:) \S+terms\.txt:\d+/, contents.value);
  }
  const wal = await hoverTerm(s, uri, 'write-ahead log');
  assert.match(wal.value, /\nWhy a WAL Is Used\n- Crash safety:/);
  assert.equal(await s.stop(), 0);
});

test('define and dump show the repaired definition at the line of the source', TIMEOUT, () => {
  const glossary = new URL('../data/second-glossary.txt', import.meta.url).pathname;
  const args = ['--no-default-glossary', '--no-cache', `--glossary=${glossary}`];
  const define = spawnSync(binary, ['define', 'softmax temperature', ...args], { encoding: 'utf8' });
  assert.equal(define.status, 0, define.stderr);
  assert.ok(define.stdout.includes('/ \\tau)}{\\sum_j exp(z_j / \\tau)}'), define.stdout);
  assert.match(define.stdout, /second-glossary\.txt:29\b/);
  assert.doesNotMatch(define.stdout, /[\t\b]/);

  const dump = spawnSync(binary, ['dump', ...args], { encoding: 'utf8' });
  assert.equal(dump.status, 0, dump.stderr);
  const entries = dump.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const bloom = entries.find((e) => e.terms[0] === 'bloom filter');
  // The header's line in the file; the "\right" that a line break had
  // replaced is back on its line.
  assert.equal(bloom.line, 25);
  assert.ok(bloom.definition.includes('\\left(1 - e^{-kn/m}\\right)^k'), bloom.definition);
  const text = readFileSync(glossary, 'utf8').split('\n');
  assert.equal(text[bloom.line - 1], 'bloom filter,probabilistic data structure');
});

test('define prints the entry in its blocks, under the headword when the title is generic', TIMEOUT, () => {
  const glossary = new URL('../data/second-glossary.txt', import.meta.url).pathname;
  const args = ['--no-default-glossary', '--no-cache', `--glossary=${glossary}`];
  const soft = spawnSync(binary, ['define', 'softmax temperature', ...args], { encoding: 'utf8' });
  assert.equal(soft.status, 0, soft.stderr);
  assert.match(soft.stdout, /^softmax temperature\n/, 'not "The problem"');
  const wal = spawnSync(binary, ['define', 'wal', ...args], { encoding: 'utf8' });
  assert.match(wal.stdout, /\n  \*\*Why a WAL Is Used\*\*\n  - Crash safety: [^\n]*\n  - Fewer random writes:/, wal.stdout);
});

test('names, mentions, tags and look-alike entries (a team glossary)', TIMEOUT, async () => {
  const s = await Session.start({ capabilities: MARKDOWN, glossary: TEAM_GLOSSARY });
  const uri = s.uri('notes.md');
  const text = 'Each paxos round is short. We need support for vector clock merge rules.\n' +
    'A vector of clocks. Nodes run a gossip protocol.\n';
  await s.open(uri, 'markdown', text);

  const paxos = (await hover(s, uri, inside(s, text, 'paxos'))).contents.value;
  assert.match(paxos, /^\*\*paxos round\*\* — mentioned in \*Consensus protocols\*\n\nA paxos round has a prepare phase/);
  assert.ok(!paxos.includes('agree on one value'), paxos);

  assert.equal(await hover(s, uri, inside(s, text, 'support')), null, 'a FAQ tag');
  const split = (await hover(s, uri, inside(s, text, 'merge'))).contents.value;
  assert.match(split, /^\*\*Vector Clock Merge Rules\*\*/);
  assert.equal(await hover(s, uri, inside(s, text, 'vector', 1, 1)), null, 'a piece of a split header');

  const gossip = (await hover(s, uri, inside(s, text, 'gossip'))).contents.value;
  assert.match(gossip, /\*Same entry also at:\* \[terms\.txt:17\]/);
  assert.match(gossip, /\*\*Other entries:\*\*\n- \*\*Anti-entropy repair\*\* — \[terms\.txt:19\]/);
  assert.equal(await s.stop(), 0);
});

// Issue 10: the entry a word means is chosen by the words around it (the
// Go library "raft" next to install, package and import; the algorithm
// elsewhere), and definition leads with the same entry. Words that only
// start a longer entry name, or that an entry only lists, stay dark.
const DBSYS = readFileSync(new URL('../data/second-glossary/dbsys-compact.txt', import.meta.url), 'utf8');
// Two documents: the context of a mention is the text around it (sense.h).
const CONCEPT = 'The replicas agree on the order of writes with Raft: a leader appends every write to its log, and ' +
  'leader election follows a timeout when heartbeats stop.\n';
const LIBRARY = 'Our Go service embeds raft as a library: we install the package with go get, import it in main.go ' +
  'and implement its FSM interface, and the library runs the log store and the snapshot store.\n\n' +
  'Client sessions live in ZooKeeper. We gave the block cache most of the memory.\n';

test('the words around a mention choose its entry; listed or leading words stay dark', TIMEOUT, async () => {
  const s = await Session.start({ capabilities: MARKDOWN, glossary: DBSYS });
  const uri = s.uri('library.md');
  const conceptUri = s.uri('concept.md');
  await s.open(uri, 'markdown', LIBRARY);
  await s.open(conceptUri, 'markdown', CONCEPT);
  const headerLine = (header) => DBSYS.split('\n').indexOf(header);

  const concept = await hover(s, conceptUri, inside(s, CONCEPT, 'Raft', 1));
  assert.match(concept.contents.value, /^\*\*Raft Consensus Algorithm\*\*/, concept.contents.value);
  const library = await hover(s, uri, inside(s, LIBRARY, 'raft as', 1));
  assert.match(library.contents.value, /^\*\*HashiCorp Raft\*\* is /, library.contents.value);
  assert.deepEqual(library.range, rangeOf(s, LIBRARY, 'raft'));
  // The term's own entries are still listed after the chosen one.
  assert.match(library.contents.value, /Raft Consensus Algorithm/);

  const defs = (at, position) => s.connection.sendRequest(DefinitionRequest.method, { textDocument: { uri: at }, position });
  const libraryDefs = await defs(uri, inside(s, LIBRARY, 'raft as', 1));
  assert.equal(libraryDefs[0].range.start.line, headerLine('raft library,hashicorp raft,go modules'));
  assert.ok(libraryDefs.length >= 2, JSON.stringify(libraryDefs));
  const conceptDefs = await defs(conceptUri, inside(s, CONCEPT, 'Raft', 1));
  assert.equal(conceptDefs[0].range.start.line,
    headerLine('raft,raft consensus,leader election,consensus algorithm,distributed systems,how to choose a leader'));

  assert.equal(await hover(s, uri, inside(s, LIBRARY, 'ZooKeeper', 2)), null);
  assert.equal(await hover(s, uri, inside(s, LIBRARY, 'block cache', 2)), null);
  assert.equal(await s.stop(), 0);
});
