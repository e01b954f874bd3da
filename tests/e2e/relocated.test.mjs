// relocated.test.mjs — an install moved away from its prefix (the VS Code
// platform package's server/bin/glossary-ls beside server/share): the built-in
// glossary's positions point into ../share/glossary-ls/seeds beside the
// running binary (`define`, `dump`), and only when
// the copy there is byte-identical to the compiled-in seed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';

import { binary } from './client.mjs';

const sourceSeeds = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'seeds');
const root = realpathSync(mkdtempSync(join(tmpdir(), 'gls-relocated-')));
after(() => rmSync(root, { recursive: true, force: true }));

// <prefix>/bin/glossary-ls and <prefix>/share/glossary-ls/seeds/*.txt.
function install(prefix) {
  mkdirSync(join(prefix, 'bin'), { recursive: true });
  copyFileSync(binary, join(prefix, 'bin', 'glossary-ls'));
  cpSync(sourceSeeds, join(prefix, 'share', 'glossary-ls', 'seeds'), { recursive: true });
  return join(prefix, 'bin', 'glossary-ls');
}

const run = (exe, args) => execFileSync(exe, args, { encoding: 'utf8', cwd: root, env: { ...process.env, GLOSSARY_LS_CACHE_DIR: join(root, 'cache') } });
// define's second line: "  <file>:<line>".
const definedAt = (exe, term) => run(exe, ['define', '--no-cache', term]).split('\n')[1].trim();

test('define and dump point into the seeds beside the relocated binary', () => {
  const prefix = join(root, 'ext', 'server');
  const exe = install(prefix);
  const seeds = join(prefix, 'share', 'glossary-ls', 'seeds');
  const original = definedAt(binary, 'LoRA');
  const [, file, line] = /^(.*):(\d+)$/.exec(original);
  const name = file.split('/').pop();
  assert.equal(definedAt(exe, 'LoRA'), `${join(seeds, name)}:${line}`);
  const files = new Set(run(exe, ['dump', '--no-cache']).trim().split('\n').map((l) => JSON.parse(l).file));
  assert.deepEqual([...files].sort(), readdirSync(seeds).sort().map((f) => join(seeds, f)));
});

test('a relocated seed that differs from the compiled-in one is not used', () => {
  const prefix = join(root, 'changed');
  const exe = install(prefix);
  const seeds = join(prefix, 'share', 'glossary-ls', 'seeds');
  const original = definedAt(binary, 'LoRA');
  const name = original.replace(/:\d+$/, '').split('/').pop();
  writeFileSync(join(seeds, name), 'LoRA | Low-Rank Adaptation | an edited copy\n');
  const moved = definedAt(exe, 'LoRA');
  assert.ok(!moved.startsWith(seeds), `the edited copy was used: ${moved}`);
  // The other seed files are still identical: they are still used.
  const other = readdirSync(seeds).find((f) => f !== name);
  const files = new Set(run(exe, ['dump', '--no-cache']).trim().split('\n').map((l) => JSON.parse(l).file));
  assert.ok(files.has(join(seeds, other)), [...files].join('\n'));
  assert.ok(!files.has(join(seeds, name)), [...files].join('\n'));
});
