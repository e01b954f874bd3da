// cache.test.mjs — the glossary cache end to end (lsp/glossary/glossary_cache.h):
// the real binary (GLS_BINARY) builds a glossary once, stores it in
// GLOSSARY_LS_CACHE_DIR, and a later run over the same bytes reads it back
// with exactly the same result. A hit is told from a miss by the snapshot
// file: a miss rewrites it (new inode), a hit leaves it alone. Damaged
// snapshots, edited glossaries, --no-cache, an empty GLOSSARY_LS_CACHE_DIR and
// an unwritable cache directory are all checked, and a language server started
// twice answers hover the same from the cache.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';

import { binary, connect, startServer } from './client.mjs';

const TIMEOUT = { timeout: 60000 };
const dirs = [];
after(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

// A small glossary with one problem the loader reports (a fence never closed),
// so the stored issues are checked too.
const GLOSSARY = [
  'low-rank adaptation,LoRA,fine-tuning',
  '**LoRA (Low-Rank Adaptation)** trains small adapter matrices.',
  'rotary position embedding,RoPE,attention',
  '**Rotary Position Embedding (RoPE)** rotates query and key vectors.',
  'kv cache,inference',
  '**KV cache** keeps keys and values.',
  '```python',
  'config = LoraConfig(r=8, alpha=16)',
  '',
].join('\n');

function tempDir() {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'gls-cache-e2e-'));
  dirs.push(d);
  return d;
}

function project() {
  const dir = tempDir();
  const glossary = path.join(dir, 'terms.txt');
  fs.writeFileSync(glossary, GLOSSARY);
  return { dir, glossary, cache: path.join(dir, 'cache') };
}

function run(args, env) {
  const r = spawnSync(binary, args, { encoding: 'utf8', env: { ...process.env, ...env } });
  assert.equal(r.error, undefined, String(r.error));
  return r;
}

function dump(p, env = { GLOSSARY_LS_CACHE_DIR: p.cache }, extra = []) {
  return run(['dump', '--no-default-glossary', `--glossary=${p.glossary}`, ...extra], env);
}

// name -> inode of every snapshot in dir ({} when dir does not exist).
function snapshots(dir) {
  if (!fs.existsSync(dir)) return {};
  return Object.fromEntries(fs.readdirSync(dir).filter((n) => n.endsWith('.glsnap'))
    .map((n) => [n, fs.statSync(path.join(dir, n)).ino]));
}

test('a second run reads the stored glossary and prints exactly the same', TIMEOUT, () => {
  const p = project();
  const first = dump(p);
  assert.equal(first.status, 0, first.stderr);
  assert.equal(first.stdout.trim().split('\n').length, 3);
  assert.match(first.stderr, /terms\.txt:7: .*never closed/);
  const stored = snapshots(p.cache);
  assert.equal(Object.keys(stored).length, 1, 'the build is stored');

  const second = dump(p);
  assert.equal(second.status, 0);
  assert.equal(second.stdout, first.stdout);
  assert.equal(second.stderr, first.stderr, 'the stored issues are reported again');
  assert.deepEqual(snapshots(p.cache), stored, 'a hit does not rewrite the snapshot');

  // The same through `define` and `lint`, which load the same way.
  const define = run(['define', 'lora', '--no-default-glossary', `--glossary=${p.glossary}`],
    { GLOSSARY_LS_CACHE_DIR: p.cache });
  assert.equal(define.status, 0, define.stderr);
  assert.match(define.stdout, /LoRA \(Low-Rank Adaptation\)/);
  const notes = path.join(p.dir, 'notes.md');
  fs.writeFileSync(notes, 'We fine-tune with Lora adapters.\n');
  const lint = run(['lint', '--no-config', '--no-default-glossary', `--glossary=${p.glossary}`, notes],
    { GLOSSARY_LS_CACHE_DIR: p.cache });
  assert.equal(lint.status, 1, lint.stderr);
  assert.match(lint.stdout, /notes\.md:1:19: warning: .*LoRA.*\[term-case\]/);
  assert.deepEqual(snapshots(p.cache), stored);
});

test('a damaged snapshot is ignored and replaced', TIMEOUT, () => {
  const p = project();
  const first = dump(p);
  const [name] = Object.keys(snapshots(p.cache));
  const file = path.join(p.cache, name);
  const bytes = fs.readFileSync(file);

  for (const damaged of [bytes.subarray(0, bytes.length >> 1), Buffer.alloc(0),
    Buffer.concat([bytes.subarray(0, 300), Buffer.from([bytes[300] ^ 0x40]), bytes.subarray(301)])]) {
    fs.writeFileSync(file, damaged);
    const r = dump(p, { GLOSSARY_LS_CACHE_DIR: p.cache, G_MESSAGES_DEBUG: 'all' });
    assert.equal(r.status, 0);
    assert.equal(r.stdout, first.stdout);
    assert.match(r.stderr, /glossary cache: .*invalid glossary snapshot/);
    assert.deepEqual(fs.readFileSync(file), bytes, 'the rebuilt snapshot is written again');
  }
  const hit = dump(p, { GLOSSARY_LS_CACHE_DIR: p.cache, G_MESSAGES_DEBUG: 'all' });
  assert.match(hit.stderr, /glossary cache: loaded /);
});

test('an edited glossary is parsed again, never served from the cache', TIMEOUT, () => {
  const p = project();
  dump(p);
  const before = snapshots(p.cache);
  // Same size, one byte different: a timestamp-based key could miss this.
  fs.writeFileSync(p.glossary, GLOSSARY.replace('kv cache', 'kv cachE'));
  const r = dump(p);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /"terms":\["kv cachE"/);
  const after = snapshots(p.cache);
  assert.equal(Object.keys(after).length, 2, 'a second snapshot for the new bytes');
  for (const [name, ino] of Object.entries(before)) assert.equal(after[name], ino);
});

test('--no-cache and an empty GLOSSARY_LS_CACHE_DIR write nothing', TIMEOUT, () => {
  const p = project();
  const home = tempDir();
  const env = { GLOSSARY_LS_CACHE_DIR: p.cache, XDG_CACHE_HOME: home };
  const r = dump(p, env, ['--no-cache']);
  assert.equal(r.status, 0);
  assert.deepEqual(snapshots(p.cache), {});

  const empty = dump(p, { GLOSSARY_LS_CACHE_DIR: '', XDG_CACHE_HOME: home });
  assert.equal(empty.status, 0);
  assert.equal(empty.stdout, r.stdout);
  assert.deepEqual(fs.readdirSync(home), []);

  // Unset: the user's cache directory.
  const env2 = { ...process.env, XDG_CACHE_HOME: home };
  delete env2.GLOSSARY_LS_CACHE_DIR;
  const r2 = spawnSync(binary, ['dump', '--no-default-glossary', `--glossary=${p.glossary}`],
    { encoding: 'utf8', env: env2 });
  assert.equal(r2.status, 0);
  assert.equal(Object.keys(snapshots(path.join(home, 'glossary-ls'))).length, 1);
});

test('a cache directory that cannot be created does not stop the load', TIMEOUT, () => {
  const p = project();
  const blocker = path.join(p.dir, 'not-a-dir');
  fs.writeFileSync(blocker, 'a file where the cache directory would go');
  const r = dump(p, { GLOSSARY_LS_CACHE_DIR: path.join(blocker, 'cache'), G_MESSAGES_DEBUG: 'all' });
  assert.equal(r.status, 0);
  assert.equal(r.stdout.trim().split('\n').length, 3);
  assert.match(r.stderr, /glossary cache: cannot create/);
});

async function hoverOnce(p) {
  const server = startServer(['--stdio', '--no-default-glossary', `--glossary=${p.glossary}`]);
  const connection = connect(server);
  try {
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    await connection.sendNotification('initialized', {});
    const uri = pathToFileURL(path.join(p.dir, 'notes.md')).href;
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text: 'We use RoPE here.\n' },
    });
    // The glossary loads in a worker: hover waits for it.
    const result = await connection.sendRequest('textDocument/hover',
      { textDocument: { uri }, position: { line: 0, character: 8 } });
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    const { code } = await server.exited;
    assert.equal(code, 0, server.stderr());
    return result;
  } finally {
    connection.dispose();
    server.child.kill();
  }
}

test('the language server loads from the cache and answers the same', TIMEOUT, async () => {
  const p = project();
  const saved = process.env.GLOSSARY_LS_CACHE_DIR;
  process.env.GLOSSARY_LS_CACHE_DIR = p.cache;
  try {
    const first = await hoverOnce(p);
    assert.match(first.contents.value ?? first.contents, /Rotary Position Embedding \(RoPE\)/);
    const stored = snapshots(p.cache);
    assert.equal(Object.keys(stored).length, 1);
    const second = await hoverOnce(p);
    assert.deepEqual(second, first);
    assert.deepEqual(snapshots(p.cache), stored, 'the second server read the snapshot');
  } finally {
    if (saved === undefined) delete process.env.GLOSSARY_LS_CACHE_DIR;
    else process.env.GLOSSARY_LS_CACHE_DIR = saved;
  }
});
