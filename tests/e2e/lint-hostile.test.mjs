// lint-hostile.test.mjs — `glossary-ls lint` on repositories built to hurt it
// (issue 12: untrusted input; issue 11: -j1 and log order). Each test builds
// its repository in a temporary directory and runs the real binary
// (GLS_BINARY) under a memory limit and a timeout, so a regression fails
// instead of exhausting the machine or hanging CI. The limit is ulimit -v on a
// plain build; an AddressSanitizer build reserves terabytes of address space
// for its shadow memory, so there it is ASan's own hard_rss_limit_mb.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

const BINARY = process.env.GLS_BINARY;
const TIMEOUT = { timeout: 120000 };
const MEMORY_KB = 1000000; // the 80 KB line of the issue needed 1.9 GB
const SANITIZED = BINARY !== undefined && fs.readFileSync(BINARY).includes('__asan_init');
const LIMIT = SANITIZED ? '' : `ulimit -v ${MEMORY_KB}; `;
const LIMIT_ENV = SANITIZED
  ? { ASAN_OPTIONS: `${process.env.ASAN_OPTIONS ?? ''}:hard_rss_limit_mb=1500`.replace(/^:/, '') }
  : {};

function hasGit() {
  const r = spawnSync('git', ['--version']);
  return !r.error && r.status === 0;
}

function git(cwd, ...args) {
  const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
}

// Runs lint in cwd under the limits; stdout and stderr apart, or merged into
// one file (as a CI log is) with merged: true.
function lint(cwd, args, { env = {}, merged = false, input } = {}) {
  const script = merged
    ? `${LIMIT}"$0" "$@" >log.txt 2>&1; echo $? >status.txt`
    : `${LIMIT}exec "$0" "$@"`;
  const r = spawnSync('sh', ['-c', script, BINARY, 'lint', ...args], {
    cwd,
    input,
    encoding: 'utf8',
    timeout: 60000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(cwd), ...LIMIT_ENV, ...env },
  });
  assert.equal(r.error, undefined, String(r.error));
  assert.equal(r.signal, null, `killed by ${r.signal}: ${r.stderr.slice(-500)}`);
  if (merged) {
    r.log = fs.readFileSync(path.join(cwd, 'log.txt'), 'utf8');
    r.status = Number(fs.readFileSync(path.join(cwd, 'status.txt'), 'utf8'));
    fs.rmSync(path.join(cwd, 'log.txt'));
    fs.rmSync(path.join(cwd, 'status.txt'));
  }
  return r;
}

function withDir(fn) {
  return async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gls-lint-hostile-'));
    try {
      await fn(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}

function write(dir, name, text) {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), text);
}

// A line no parser may take for a GitHub workflow command (lint_message.h).
function assertNoWorkflowCommand(text, allowed = () => false) {
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (allowed(line)) {
      continue;
    }
    assert.ok(!line.trimStart().startsWith('::'), `a workflow command: ${JSON.stringify(line)}`);
    assert.ok(!line.includes('##['), `a legacy workflow command: ${JSON.stringify(line)}`);
  }
}

const LONG_LINE = 'Lora '.repeat(16000) + '\n';

test('binary is given', () => {
  assert.ok(BINARY, 'GLS_BINARY must name the glossary-ls binary');
});

test('one long line: bounded excerpts, 1000 findings shown, the rest counted', TIMEOUT, withDir((dir) => {
  write(dir, 'x.md', LONG_LINE);
  const r = lint(dir, ['x.md']);
  assert.equal(r.status, 1, r.stderr);
  assert.ok(r.stdout.length < 1024 * 1024, `${r.stdout.length} bytes of report`);
  const lines = r.stdout.split('\n');
  const headers = lines.filter((l) => l.startsWith('x.md:1:'));
  assert.equal(headers.length, 1000);
  assert.match(r.stderr, /^16000 findings in 1 file \(1 file checked; 15000 not shown: more than --max-findings-per-file in a file\)$/m);

  // The 9th finding (column 41) and its excerpt: cut ends marked, caret under it.
  const at = lines.indexOf('x.md:1:41: warning: “Lora” is written “LoRA” in the glossary [term-case]');
  assert.ok(at >= 0);
  const excerpt = lines[at + 1], marks = lines[at + 2];
  assert.ok(!excerpt.startsWith('…'), 'the line start is within the context');
  assert.ok(excerpt.endsWith('…'));
  assert.ok([...excerpt].length <= 40 + 4 + 80 + 1);
  assert.equal(marks, ' '.repeat(40) + '^~~~');
  // A finding far into the line: both ends cut.
  const far = lines.indexOf('x.md:1:4001: warning: “Lora” is written “LoRA” in the glossary [term-case]');
  const cut = lines[far + 1];
  assert.ok(cut.startsWith('…') && cut.endsWith('…'), cut);
  const caret = lines[far + 2].indexOf('^');
  assert.equal(caret, 81);
  assert.equal(cut.slice(caret, caret + 4), 'Lora');
}));

test('one long line in json, sarif and github: capped, exact columns', TIMEOUT, withDir((dir) => {
  write(dir, 'x.md', LONG_LINE);
  const json = lint(dir, ['--format', 'json', 'x.md']);
  assert.equal(json.status, 1, json.stderr);
  const findings = JSON.parse(json.stdout);
  assert.equal(findings.length, 1000);
  findings.forEach((f, i) => {
    assert.equal(f.column, 1 + 5 * i);
    assert.equal(f.endColumn, 5 + 5 * i);
  });
  assert.match(json.stderr, /15000 findings not shown/);

  const sarif = lint(dir, ['--format', 'sarif', 'x.md']);
  const results = JSON.parse(sarif.stdout).runs[0].results;
  assert.equal(results.length, 1000);
  assert.equal(results[999].locations[0].physicalLocation.region.startColumn, 1 + 5 * 999);
  assert.equal(new Set(results.map((x) => x.partialFingerprints['glossaryLs/v1'])).size, 1000);

  const github = lint(dir, ['--format', 'github', 'x.md']);
  assert.equal(github.stdout.split('\n').filter((l) => l.startsWith('::warning ')).length, 1000);
}));

test('the cap comes from --max-findings-per-file or the "lint" object of the project file', TIMEOUT,
  withDir((dir) => {
    write(dir, 'x.md', 'Lora, Lora, Lora, Lora.\n');
    const option = lint(dir, ['--format', 'json', '--max-findings-per-file', '2', 'x.md']);
    assert.equal(JSON.parse(option.stdout).length, 2);
    assert.equal(option.status, 1);
    write(dir, '.glossary-ls.json', JSON.stringify({ lint: { maxFindingsPerFile: 3 } }));
    const configured = lint(dir, ['x.md']);
    assert.match(configured.stderr, /^4 findings in 1 file \(1 file checked; 1 not shown/m);
    const unlimited = lint(dir, ['--format', 'json', '--max-findings-per-file', '0', 'x.md']);
    assert.equal(JSON.parse(unlimited.stdout).length, 4);
  }));

test('files over the size limit are refused by name', TIMEOUT, withDir((dir) => {
  write(dir, 'big.md', 'Lora text.\n'.repeat(200));
  write(dir, 'small.md', 'Lora.\n');
  const r = lint(dir, ['--max-file-size', '1K', 'big.md', 'small.md']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^glossary-ls: big\.md is larger than the 1\.0\sKiB limit of files to lint/m);
  assert.match(r.stdout, /^small\.md:1:1: /m);
  write(dir, '.glossary-ls.json', JSON.stringify({ lint: { maxFileSize: 100 } }));
  assert.match(lint(dir, ['big.md']).stderr, /big\.md is larger than the 100\sbytes limit/);
}));

test('a git config with core.fsmonitor runs nothing; .gitignore still applies', TIMEOUT, withDir((dir) => {
  if (!hasGit()) {
    return;
  }
  git(dir, 'init', '-q');
  write(dir, 'README.md', 'We use Lora.\n');
  write(dir, 'ignored/notes.md', 'Lora here too.\n');
  write(dir, '.gitignore', 'ignored/\n');
  const marker = path.join(dir, 'PWNED');
  git(dir, 'config', 'core.fsmonitor', `touch '${marker}'; false`);
  git(dir, 'config', 'core.hooksPath', '.githooks');
  const r = lint(dir, ['--format', 'json', '.']);
  assert.equal(fs.existsSync(marker), false, 'the fsmonitor command ran');
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual([...new Set(JSON.parse(r.stdout).map((f) => f.file))], ['README.md']);
}));

test('git listing a path through a symlinked directory: not followed', TIMEOUT, withDir((dir) => {
  if (!hasGit()) {
    return;
  }
  const repo = path.join(dir, 'repo'), outside = path.join(dir, 'outside');
  write(outside, 'secret.md', 'The Lora secret.\n');
  write(repo, 'docs/secret.md', 'placeholder\n');
  git(repo, 'init', '-q');
  git(repo, 'add', 'docs/secret.md');
  fs.rmSync(path.join(repo, 'docs'), { recursive: true });
  fs.symlinkSync(outside, path.join(repo, 'docs'));
  const r = lint(repo, ['--format', 'json', '.']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.doesNotMatch(r.stdout, /secret/);
}));

test('an ignore file that is a FIFO does not hang the walk', TIMEOUT, withDir((dir) => {
  if (!hasGit()) {
    return;
  }
  git(dir, 'init', '-q');
  write(dir, 'README.md', 'We use Lora.\n');
  fs.rmSync(path.join(dir, '.git/info/exclude'), { force: true });
  spawnSync('mkfifo', [path.join(dir, '.git/info/exclude')]);
  const r = lint(dir, ['.'], { env: { GLOSSARY_LS_GIT_TIMEOUT_MS: '500' } });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /git ls-files did not finish in 500 ms/);
  assert.match(r.stdout, /^README\.md:1:8: /m);
}));

test('--format github: nothing from the repository starts a workflow command', TIMEOUT, withDir((dir) => {
  write(dir, '.glossary-ls.json',
    JSON.stringify({ 'x\n::error file=README.md,line=1::attacker text': 1, '##[error]legacy': 2 }));
  write(dir, 'README.md', 'We use Lora.\n');
  write(dir, 'glossary.txt', 'not a glossary\n');
  const r = lint(dir, ['--format', 'github', 'README.md']);
  assert.equal(r.status, 1, r.stderr);
  const ours = (l) => /^::warning file=README\.md,line=1,col=8,/.test(l);
  assertNoWorkflowCommand(r.stdout, ours);
  assertNoWorkflowCommand(r.stderr);
  assert.match(r.stderr, /unknown key "x%0A::error file=README\.md,line=1::attacker text" ignored/);
}));

test('text format: source lines, file names and messages cannot start a workflow command', TIMEOUT,
  withDir((dir) => {
    write(dir, 'a.md', '::error file=a.md,line=1:: Lora\n\n  ::warning:: Lora\n\nsee ##[error]Lora\n');
    write(dir, 'docs/::error::x.md', 'Lora.\n');
    write(dir, '.glossary-ls.json', JSON.stringify({ '\n::error::key': 1 }));
    const r = lint(dir, ['.']);
    assert.equal(r.status, 1, r.stderr);
    assertNoWorkflowCommand(r.stdout);
    assertNoWorkflowCommand(r.stderr);
    assert.equal(r.stdout.split('\n').filter((l) => / warning: /.test(l)).length, 4);
    const json = lint(dir, ['--format', 'json', '.']);
    assertNoWorkflowCommand(json.stdout);
    assert.equal(JSON.parse(json.stdout).length, 4);
  }));

test('a project file above the repository root is not read', TIMEOUT, withDir((dir) => {
  write(dir, '.glossary-ls.json', JSON.stringify({ rules: { 'term-case': 'off' } }));
  write(dir, 'repo/README.md', 'We use Lora.\n');
  fs.mkdirSync(path.join(dir, 'repo/.git'));
  const env = { GIT_CEILING_DIRECTORIES: dir };
  const inRepo = lint(path.join(dir, 'repo'), ['README.md'], { env });
  assert.equal(inRepo.status, 1, 'the file above the repository was used');
  fs.rmSync(path.join(dir, 'repo/.git'), { recursive: true });
  assert.equal(lint(path.join(dir, 'repo'), ['README.md'], { env }).status, 0, 'outside a repository it applies');
}));

test('--fix: hard-linked and read-only files are reported and left alone', TIMEOUT, withDir((dir) => {
  write(dir, 'linked.md', 'We use Lora.\n');
  fs.linkSync(path.join(dir, 'linked.md'), path.join(dir, 'other-name.md'));
  write(dir, 'readonly.md', 'We use Lora.\n');
  fs.chmodSync(path.join(dir, 'readonly.md'), 0o444);
  write(dir, 'plain.md', 'We use Lora.\n');
  const r = lint(dir, ['--fix', 'linked.md', 'readonly.md', 'plain.md']);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /linked\.md has 2 hard links; .*not fixed/);
  assert.match(r.stderr, /readonly\.md is read-only; not fixed/);
  assert.equal(fs.readFileSync(path.join(dir, 'other-name.md'), 'utf8'), 'We use Lora.\n');
  assert.equal(fs.readFileSync(path.join(dir, 'readonly.md'), 'utf8'), 'We use Lora.\n');
  assert.equal(fs.statSync(path.join(dir, 'readonly.md')).mode & 0o777, 0o444);
  assert.equal(fs.readFileSync(path.join(dir, 'plain.md'), 'utf8'), 'We use LoRA.\n');
}));

test('the same file named twice is linted and fixed once', TIMEOUT, withDir((dir) => {
  write(dir, 'x.md', 'We use Lora.\n');
  const twice = lint(dir, ['--format', 'json', 'x.md', './x.md']);
  assert.equal(JSON.parse(twice.stdout).length, 1);
  const fixed = lint(dir, ['--fix', 'x.md', './x.md', `${dir}/x.md`]);
  assert.equal(fixed.status, 0, fixed.stderr);
  assert.equal(fs.readFileSync(path.join(dir, 'x.md'), 'utf8'), 'We use LoRA.\n');
}));

test('a byte order mark is not a column', TIMEOUT, withDir((dir) => {
  write(dir, 'bom.md', '\uFEFFLora first.\nLora second.\n');
  const r = lint(dir, ['--format', 'json', 'bom.md']);
  assert.deepEqual(JSON.parse(r.stdout).map((f) => `${f.line}:${f.column}-${f.endColumn}`), ['1:1-5', '2:1-5']);
  const text = lint(dir, ['bom.md']);
  assert.match(text.stdout, /^bom\.md:1:1: [^\n]*\nLora first\.\n\^~~~$/m);
}));

test('FIFOs in a walked directory are skipped with a note, no hang', TIMEOUT, withDir((dir) => {
  write(dir, 'docs/a.md', 'We use Lora.\n');
  const fifo = spawnSync('mkfifo', [path.join(dir, 'docs/pipe.md')]);
  if (fifo.status !== 0) {
    return;
  }
  const r = lint(dir, ['docs']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /^glossary-ls: note: docs\/pipe\.md skipped: a FIFO, not a regular file$/m);
}));

test('-j1 is accepted like --jobs=1', TIMEOUT, withDir((dir) => {
  write(dir, 'x.md', 'We use Lora.\n');
  const r = lint(dir, ['-j1', 'x.md']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^x\.md:1:8: /m);
}));

test('stdout and stderr in one log: every message after the lines before it', TIMEOUT, withDir((dir) => {
  write(dir, 'big.md', 'Lora is here.\n'.repeat(200));
  spawnSync('mkfifo', [path.join(dir, 'fifo.md')]);
  write(dir, 'z.md', 'Lora.\n');
  const r = lint(dir, ['big.md', 'fifo.md', 'z.md'], { merged: true });
  assert.equal(r.status, 2, r.log.slice(-300));
  const lines = r.log.split('\n');
  const error = lines.findIndex((l) => l.startsWith('glossary-ls: fifo.md is not a regular file'));
  assert.ok(error > 0, r.log.slice(-500));
  assert.equal(lines.filter((l) => l.startsWith('big.md:')).length, 200);
  assert.ok(lines.slice(0, error).every((l) => !l.startsWith('z.md')));
  assert.ok(lines.slice(error + 1).every((l) => !l.startsWith('big.md')));
  assert.match(lines.at(-2), /^201 findings in 2 files/);
  assert.equal(lines.at(-3), '^~~~');
}));
