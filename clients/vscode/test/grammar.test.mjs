// The TextMate grammar (syntaxes/glossary.tmLanguage.json), run by the engine
// VS Code uses: scopes on sample entries, and agreement with the server's own
// parser (the tree-sitter grammar, through `glossary-ls dump`) on every seed.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';

import { extensionDir, sourceRoot } from './helpers.mjs';
import { grammarPath, loadGlossaryGrammar, scopesOf, tokenize } from './textmate.mjs';

const data = join(extensionDir, 'test', 'data');
let grammar;
before(async () => {
  grammar = await loadGlossaryGrammar();
});

const has = (scopes, scope) => scopes.some((s) => s === scope);
const HEADWORD = 'entity.name.section.headword.glossary';
const TERM = 'entity.name.type.term.glossary';
const CATEGORY = 'entity.name.tag.category.glossary';
const HEADER = 'markup.heading.header.glossary';

// Header lines as the grammar sees them: line -> {terms, category}.
function headers(tokens) {
  const result = new Map();
  for (const t of tokens) {
    const kind = has(t.scopes, HEADWORD) ? 'term' : has(t.scopes, TERM) ? 'term' : has(t.scopes, CATEGORY) ? 'category' : null;
    if (kind === null) continue;
    if (!result.has(t.line)) result.set(t.line, { terms: [], category: null });
    const h = result.get(t.line);
    if (kind === 'category') h.category = t.text;
    else h.terms.push(t.text);
  }
  return result;
}

test('the committed grammar is what scripts/build-grammar.mjs writes', () => {
  const run = spawnSync(process.execPath, [join(extensionDir, 'scripts', 'build-grammar.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(JSON.parse(readFileSync(grammarPath, 'utf8')).scopeName, 'source.glossary');
});

test('header lines: headword, terms, commas and category', () => {
  const tokens = tokenize(grammar, readFileSync(join(data, 'sample.glossary'), 'utf8'));
  const headword = scopesOf(tokens, 0, 'reward model');
  assert.ok(has(headword, HEADWORD) && has(headword, HEADER) && has(headword, 'meta.entry.glossary'));
  assert.ok(has(scopesOf(tokens, 0, 'preference'), TERM));
  assert.ok(has(scopesOf(tokens, 0, 'ranking'), TERM));
  assert.ok(!has(scopesOf(tokens, 0, 'ranking'), CATEGORY), 'three different items: no category');
  assert.ok(has(scopesOf(tokens, 0, ','), 'punctuation.separator.comma.glossary'));

  // Two items: the second is the category. Three with the first two equal:
  // the last is.
  assert.ok(has(scopesOf(tokens, 12, 'lora fine-tuning'), HEADWORD));
  assert.ok(has(scopesOf(tokens, 12, 'multimodal ai'), CATEGORY));
  assert.ok(has(scopesOf(tokens, 9, 'multimodal ai'), CATEGORY));
  const rife = tokens.filter((t) => t.line === 9 && t.text === 'rife');
  assert.equal(rife.length, 2);
  assert.ok(has(rife[0].scopes, HEADWORD) && has(rife[1].scopes, TERM));

  // Parentheses belong to the term; four items, first two different: no category.
  assert.ok(has(scopesOf(tokens, 23, 'mixture of experts (moe)'), HEADWORD));
  assert.ok(has(scopesOf(tokens, 23, 'model architecture'), TERM));
});

test('lines that only look like headers are body text', () => {
  const tokens = tokenize(grammar, readFileSync(join(data, 'sample.glossary'), 'utf8'));
  const lines = headers(tokens);
  // Prose with commas ending in "." or ":", an ordered-list item, a line in a fence.
  for (const line of [2, 3, 11, 17, 19]) {
    assert.ok(!lines.has(line), `line ${line + 1} must not be a header`);
    assert.ok(tokens.filter((t) => t.line === line).every((t) => has(t.scopes, 'meta.body.glossary')));
  }
  assert.ok(has(scopesOf(tokens, 11, '1.'), 'markup.list.numbered.markdown'));
  assert.ok(has(scopesOf(tokens, 19, 'plain, fenced'), 'markup.raw.block.glossary'));
});

test('bodies are Markdown; fenced code gets its language; $$ blocks are math', () => {
  const tokens = tokenize(grammar, readFileSync(join(data, 'sample.glossary'), 'utf8'));
  const bold = scopesOf(tokens, 1, 'Reward Models and Preference Learning');
  assert.ok(has(bold, 'markup.bold.markdown') && has(bold, 'meta.body.glossary'));

  assert.ok(has(scopesOf(tokens, 4, '```'), 'punctuation.definition.fenced.begin.glossary'));
  assert.ok(has(scopesOf(tokens, 4, 'python'), 'fenced_code.block.language.glossary'));
  const classKeyword = scopesOf(tokens, 5, 'class');
  assert.ok(has(classKeyword, 'meta.embedded.block.python') && has(classKeyword, 'storage.type.class.python'));
  assert.ok(has(scopesOf(tokens, 8, '```'), 'punctuation.definition.fenced.end.glossary'));
  // After the fence: back to entry headers.
  assert.ok(has(scopesOf(tokens, 9, 'rife'), HEADWORD));

  assert.ok(has(scopesOf(tokens, 14, '$$'), 'punctuation.definition.math.begin.glossary'));
  const frac = scopesOf(tokens, 15, '\\frac');
  assert.ok(has(frac, 'meta.embedded.math.glossary') && has(frac, 'markup.math.block.glossary'));
  assert.ok(has(scopesOf(tokens, 16, '$$'), 'punctuation.definition.math.end.glossary'));
  assert.ok(!has(scopesOf(tokens, 17, 'Residual form, for reference.'), 'markup.math.block.glossary'));
});

test('page exports: the preamble is a comment, entries follow blank lines', () => {
  const tokens = tokenize(grammar, readFileSync(join(data, 'export.glossary'), 'utf8'));
  for (const [line, text] of [[0, '← Back to AI Factory Chat'], [4, '381 technical terms and definitions']]) {
    assert.ok(has(scopesOf(tokens, line, text), 'comment.line.preamble.glossary'));
  }
  assert.deepEqual(headers(tokens).get(9), {
    terms: ['mixed precision training', 'fp16 training', 'bf16 training', 'amp'],
    category: null,
  });
  assert.deepEqual(headers(tokens).get(13), { terms: ['ring attention'], category: 'distributed training' });
  assert.ok(!has(scopesOf(tokens, 9, 'amp'), 'comment.line.preamble.glossary'));
});

test('without the embedded grammars (Markdown, Python) headers and blocks still work', async () => {
  const bare = await loadGlossaryGrammar({ withEmbedded: false });
  const tokens = tokenize(bare, readFileSync(join(data, 'sample.glossary'), 'utf8'));
  assert.deepEqual([...headers(tokens).keys()], [0, 9, 12, 23]);
  assert.ok(has(scopesOf(tokens, 14, '$$'), 'punctuation.definition.math.begin.glossary'));
  assert.ok(has(scopesOf(tokens, 5, 'class RewardModel(nn.Module):'), 'markup.fenced_code.block.glossary'));
});

// The server parses glossaries with the tree-sitter grammar; `dump` lists
// each entry's line, terms and category. The TextMate grammar must find the
// same headers with the same items, except single-item headers (no comma),
// which need the next line to be recognised and TextMate sees one line.
function dumpEntries(binary, file) {
  const out = execFileSync(binary, ['dump', '--no-default-glossary', '--glossary', file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 256 * 1024 * 1024,
  });
  return out.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l));
}

const binary = process.env.GLS_BINARY;
const seedsDir = join(sourceRoot, 'seeds');
const files = [
  join(data, 'sample.glossary'),
  join(data, 'export.glossary'),
  ...readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort().map((f) => join(seedsDir, f)),
];

for (const file of files) {
  test(`agrees with the server's parser on ${file.slice(sourceRoot.length + 1)}`, { skip: !binary && 'GLS_BINARY is not set' }, () => {
    const text = readFileSync(file, 'utf8');
    const lines = text.split(/\r?\n/);
    const found = headers(tokenize(grammar, text));
    const entries = dumpEntries(binary, file);
    assert.ok(entries.length > 0, 'the server found no entries');
    let compared = 0;
    for (const entry of entries) {
      const line = entry.line - 1;
      if (!lines[line].includes(',')) {
        assert.ok(!found.has(line), `line ${entry.line}`);
        continue;
      }
      assert.deepEqual(found.get(line), { terms: entry.terms, category: entry.category }, `${file}:${entry.line}`);
      compared++;
    }
    const entryLines = new Set(entries.map((e) => e.line - 1));
    for (const line of found.keys()) {
      assert.ok(entryLines.has(line), `${file}:${line + 1} is a header only for the TextMate grammar`);
    }
    assert.ok(compared > 0);
  });
}
