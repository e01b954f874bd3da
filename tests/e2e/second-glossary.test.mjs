// second-glossary.test.mjs — the second glossary (tests/data/second-glossary:
// databases and distributed systems, written for the project, not derived
// from the seeds) loads alone with `glossary-ls dump --no-default-glossary
// --glossary DIR`: every entry of both layouts (compact and page export) is
// found with its headword, title and category, and the load reports no issue.
// The same command on a damaged copy does report issues, so an issue-free
// load is something this test can see fail.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

const BINARY = process.env.GLS_BINARY;
const DIR = path.join(process.env.GLS_SOURCE_ROOT, 'tests', 'data', 'second-glossary');
const TIMEOUT = { timeout: 60000 };

// Entries per file, as written (README.md in DIR lists them).
const ENTRIES = { 'dbsys-compact.txt': 50, 'dbsys-page.txt': 12 };

function dump(glossary) {
  const r = spawnSync(BINARY, ['dump', '--no-cache', '--no-default-glossary', '--glossary', glossary],
    { encoding: 'utf8' });
  assert.equal(r.error, undefined, String(r.error));
  return { status: r.status, stderr: r.stderr,
           entries: r.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l)) };
}

// The header lines of a file by the format's first rule only (a line starting
// with a lowercase letter or digit directly followed by a bold line or, in the
// page layout, a blank line and a bold line): an independent count of what
// the fixture was written with, to catch a fixture edit that forgets ENTRIES.
function headerLines(file) {
  const lines = fs.readFileSync(path.join(DIR, file), 'utf8').split('\n');
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^[a-z0-9]/.test(lines[i])) continue;
    const next = lines[i + 1] === '' ? lines[i + 2] : lines[i + 1];
    if (next !== undefined && next.startsWith('**')) out.push(i + 1);
  }
  return out;
}

test('every entry of the second glossary loads, without issues', TIMEOUT, () => {
  const r = dump(DIR);
  assert.equal(r.status, 0);
  assert.equal(r.stderr, '', 'the load reports no issue');
  for (const [file, n] of Object.entries(ENTRIES)) {
    const got = r.entries.filter((e) => path.basename(e.file) === file);
    assert.equal(got.length, n, `${file}: entries`);
    assert.deepEqual(got.map((e) => e.line), headerLines(file), `${file}: header lines`);
    for (const e of got) {
      assert.ok(e.terms.length >= 1 && e.terms[0].length > 0, `${file}:${e.line}: headword`);
      assert.ok(e.title && e.title.length > 0, `${file}:${e.line}: every entry has a bold title`);
    }
  }
  assert.equal(r.entries.length, ENTRIES['dbsys-compact.txt'] + ENTRIES['dbsys-page.txt']);
});

test('the mess is read as the format says', TIMEOUT, () => {
  const { entries } = dump(DIR);
  const at = (file, line) => entries.find((e) => path.basename(e.file) === file && e.line === line);
  // A two-item header: the second item is the category.
  assert.equal(at('dbsys-compact.txt', 96).category, 'data structures');
  assert.deepEqual(at('dbsys-compact.txt', 96).terms, ['bloom filter']);
  // One name split at its spaces stays six items; the title keeps the name.
  assert.deepEqual(at('dbsys-compact.txt', 14).terms,
    ['multi', 'version', 'concurrency', 'control', 'MVCC', 'isolation']);
  assert.equal(at('dbsys-compact.txt', 14).title, 'Multi-Version Concurrency Control (MVCC)');
  // Duplicate titles across entries and files.
  const twoPc = entries.filter((e) => e.title === 'Two-Phase Commit (2PC)');
  assert.equal(twoPc.length, 3);
  // A code fence whose lines look like headers does not end the CRDT entry.
  assert.match(at('dbsys-compact.txt', 65).definition, /func \(c GCounter\) Merge/);
  // The page layout: one-line bodies, no final newline, the last entry whole.
  assert.match(at('dbsys-page.txt', 54).definition, /restores them\.$/);
});

test('a damaged copy reports its issues', TIMEOUT, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gls-second-'));
  try {
    const text = fs.readFileSync(path.join(DIR, 'dbsys-compact.txt'), 'utf8');
    fs.writeFileSync(path.join(dir, 'damaged.txt'), `Stray text before any header.\n${text}$$\nx = 1\n`);
    const r = dump(dir);
    assert.equal(r.status, 0);
    assert.match(r.stderr, /damaged\.txt:1: error: text before the first entry/);
    assert.match(r.stderr, /math block \(\$\$\) is never closed/);
    assert.equal(r.entries.length, ENTRIES['dbsys-compact.txt'], 'the rest still loads');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
