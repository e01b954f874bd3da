// mentions.test.mjs — the contract of gls-mentions (bench/mentions.c), which
// the answer-precision measurement rests on, checked on the second glossary's
// test text and README (tests/data/second-glossary):
//   - every listed place points at the matched text (line, column in characters);
//   - the summary counts what the list lists;
//   - a sample is a subset of the list, in file order, the same for the same
//     seed, another for another seed;
//   - a sample is stable: dropping a file from the corpus keeps every sampled
//     mention of the other files (the bottom-N property re-judging relies on);
//   - --names counts every headword of the glossary.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const BIN = process.env.GLS_MENTIONS;
const DIR = path.join(process.env.GLS_SOURCE_ROOT, 'tests', 'data', 'second-glossary');
const FILES = ['usage.md', 'README.md'].map((f) => path.join(DIR, f));
const TIMEOUT = { timeout: 60000 };

function run(args) {
  const r = spawnSync(BIN, ['--no-default-glossary', '--glossary', DIR, '--root', DIR, ...args],
    { encoding: 'utf8' });
  assert.equal(r.error, undefined, String(r.error));
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

function rows(out) {
  const [head, ...lines] = out.split('\n').filter((l) => l !== '');
  const keys = head.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [keys[i], v])));
}

test('every place points at the matched text', TIMEOUT, () => {
  const list = rows(run(FILES));
  assert.ok(list.length > 20, `${list.length} mentions`);
  for (const m of list) {
    const [file, line, column] = m.place.split(':');
    const lines = fs.readFileSync(path.join(DIR, file), 'utf8').split('\n');
    // A term may continue on the next line; the list shows its line break as a space.
    const rest = [[...lines[Number(line) - 1]].slice(Number(column) - 1).join(''), ...lines.slice(Number(line))]
      .join('\n').replace(/\s+/g, ' ');
    assert.ok(rest.startsWith(m.matched), `${m.place}: ${m.matched} in ${rest.slice(0, 80)}`);
    assert.ok(m.context.includes(`[[${m.matched}]]`), `${m.place}: context ${m.context}`);
    assert.match(m.id, /^[0-9a-f]{16}$/);
  }
});

test('the summary counts the list', TIMEOUT, () => {
  const list = rows(run(FILES));
  const summary = Object.fromEntries(run(['--summary', ...FILES]).split('\n\n')[0].split('\n')
    .map((l) => l.split('\t')));
  assert.equal(Number(summary.mentions), list.length);
  assert.equal(Number(summary['distinct terms']), new Set(list.map((m) => m.term)).size);
  assert.equal(Number(summary.files), FILES.length);
  const byRole = ['headword', 'title', 'alias', 'mention', 'keyword', 'tag']
    .reduce((n, r) => n + Number(summary[`via ${r}`]), 0);
  assert.equal(byRole, list.length);
});

test('a sample is a reproducible subset in file order', TIMEOUT, () => {
  // Ids depend on the seed: the list to compare with uses the sample's.
  const all = run(['--seed', '7', ...FILES]).split('\n').slice(1).filter((l) => l !== '');
  const a = run(['--sample', '10', '--seed', '7', ...FILES]);
  const again = run(['--sample', '10', '--seed', '7', ...FILES]);
  const other = run(['--sample', '10', '--seed', '8', ...FILES]);
  assert.equal(a, again);
  assert.notEqual(a, other);
  const sample = a.split('\n').slice(1).filter((l) => l !== '');
  assert.equal(sample.length, 10);
  const positions = sample.map((l) => all.indexOf(l));
  assert.ok(positions.every((p) => p >= 0), 'every sampled row is a row of the list');
  assert.deepEqual(positions, [...positions].sort((x, y) => x - y), 'in file order');
  // A sample larger than the list is the list.
  assert.equal(run(['--sample', '100000', ...FILES]), run(FILES));
});

test('dropping a file keeps the sampled mentions of the others', TIMEOUT, () => {
  const both = rows(run(['--sample', '15', '--seed', '3', ...FILES]));
  const one = rows(run(['--sample', '15', '--seed', '3', FILES[0]]));
  const kept = both.filter((m) => m.place.startsWith('usage.md:'));
  assert.ok(kept.length > 0 && kept.length < both.length, 'the sample has mentions of both files');
  const ids = new Set(one.map((m) => m.id));
  for (const m of kept)
    assert.ok(ids.has(m.id), `${m.place} stays in the sample`);
});

test('--names counts every headword', TIMEOUT, () => {
  const dump = spawnSync(process.env.GLS_BINARY, ['dump', '--no-cache', '--no-default-glossary',
    '--glossary', DIR], { encoding: 'utf8' });
  assert.equal(dump.status, 0, dump.stderr);
  // Distinct headwords by their lowercase spelling (the keys here differ by more than case).
  const headwords = new Set(dump.stdout.split('\n').filter((l) => l !== '')
    .map((l) => JSON.parse(l).terms[0].toLowerCase()));
  const names = run(['--names']);
  const m = names.match(/^headword\t(\d+) distinct\t(\d+) light up\t(\d+) dark$/m);
  assert.ok(m, names);
  assert.equal(Number(m[1]), headwords.size);
  assert.equal(Number(m[2]) + Number(m[3]), Number(m[1]));
});
