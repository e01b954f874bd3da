// security.test.mjs — hostile input from the repository side against the real
// binary (issue 12, docs/security.md): a project file naming FIFOs, devices,
// "/" and paths outside the workspace; a project file that is itself a FIFO;
// glossary directories with symlink cycles; glossaries past the size limit or
// shaped to be quadratic; a cache directory others can write to and a FIFO
// planted at a snapshot's name; a whole-document codeAction on a 320 KB line.
// Every hostile file is made here in a temporary directory; every step has a
// timeout (spawnSync's, the test's) so a regression fails instead of hanging.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

import { RawClient, binary, initializedRaw, stopRaw } from './client.mjs';
import { Session, summary } from './workspace-session.mjs';

const TIMEOUT = { timeout: 90000 };
after(() => Session.killAll());

const scratch = [];
after(() => { for (const d of scratch) rmSync(d, { recursive: true, force: true }); });
function tempDir() {
  const d = mkdtempSync(join(tmpdir(), 'gls-sec-'));
  scratch.push(d);
  return d;
}

const VLLM = 'vllm, inference server\n**vLLM**\nvLLM serves models fast.\n';
const QLORA = 'qlora, quantized lora\n**QLoRA**\nQLoRA fine-tunes a quantized model.\n';

// Runs the CLI with a wall-clock limit; a hang is a failure, not a stuck CI job.
function cli(args, env = {}, timeout = 30000) {
  const r = spawnSync(binary, args, {
    encoding: 'utf8', timeout, maxBuffer: 64 << 20,
    env: { ...process.env, GLOSSARY_LS_CACHE_DIR: '', ...env },
  });
  assert.equal(r.error, undefined, `${args.join(' ')}: ${r.error} (stderr: ${r.stderr?.slice(0, 500)})`);
  return r;
}

// VmHWM of a live process, in MiB.
function peakMiB(pid) {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m[1]) / 1024;
}

test('a project file cannot make the server read FIFOs, devices, / or paths outside the workspace', TIMEOUT, async () => {
  const outside = tempDir();
  writeFileSync(join(outside, 'q.txt'), QLORA);
  const s = await Session.start({
    projectFile: JSON.stringify({
      glossaries: ['fifo.txt', '/dev/zero', '/dev/urandom', '/', join(outside, 'q.txt'), 'escape', 'loop'],
    }),
    prepare: (dir) => {
      execFileSync('mkfifo', [join(dir, 'fifo.txt')]);
      symlinkSync(outside, join(dir, 'escape'));  // inside by name, outside once resolved
      mkdirSync(join(dir, 'loop'));
      writeFileSync(join(dir, 'loop', 'v.txt'), VLLM);
      symlinkSync('.', join(dir, 'loop', 'a'));
      symlinkSync('.', join(dir, 'loop', 'b'));
      execFileSync('mkfifo', [join(dir, 'loop', 'pipe.txt')]);
    },
  });
  const uri = s.uri('a.md');
  await s.open(uri, 'markdown', 'We serve Vllm and Qlora.\n');
  // vLLM (inside, behind a symlink cycle) loaded; QLoRA (outside) never.
  const published = await s.diagnostics(uri, (p) => p.diagnostics.length > 0, 60000);
  assert.equal(summary(published), 'term-case@0:9');
  const refused = await s.message((m) => /outside .*refused/.test(m.message) && m.message.includes('"/"'));
  assert.ok(refused);
  await s.message((m) => /fifo\.txt.*a FIFO/.test(m.message) || /a FIFO.*fifo\.txt/.test(m.message));
  // Named only in the refusal, which is the same whether it exists or not.
  assert.ok(!s.messages.some((m) => m.message.includes('q.txt') && !m.message.includes('refused')),
    JSON.stringify(s.messages));
  assert.equal(await s.stop(), 0);
});

test('a project file that is a FIFO does not block the server', TIMEOUT, async () => {
  const s = await Session.start({
    prepare: (dir) => execFileSync('mkfifo', [join(dir, '.glossary-ls.json')]),
  });
  const uri = s.uri('a.md');
  await s.open(uri, 'markdown', 'We use Lora.\n');
  const published = await s.diagnostics(uri, (p) => p.diagnostics.length > 0);
  assert.equal(summary(published), 'term-case@0:7');
  await s.message((m) => m.message.includes('.glossary-ls.json') && m.message.includes('a FIFO'));
  assert.equal(await s.stop(), 0);
});

test('glossary files: FIFOs and devices are refused, the size limit names the file, the rest loads', TIMEOUT, () => {
  const d = tempDir();
  execFileSync('mkfifo', [join(d, 'fifo.txt')]);
  writeFileSync(join(d, 'v.txt'), VLLM);
  writeFileSync(join(d, 'big.txt'), QLORA.repeat(100));
  const r = cli(['define', '--no-default-glossary', '-g', join(d, 'fifo.txt'), '-g', '/dev/zero',
    '-g', '/dev/urandom', '-g', join(d, 'big.txt'), '-g', join(d, 'v.txt'), 'vllm'],
  { GLOSSARY_LS_MAX_GLOSSARY_BYTES: '1000' });
  assert.equal(r.status, 2, r.stderr);  // glossary errors, reported; the entry is still printed
  assert.match(r.stdout, /vLLM/);
  assert.match(r.stderr, /fifo\.txt: error: cannot read glossary: a FIFO/);
  assert.match(r.stderr, /\/dev\/zero: error: cannot read glossary: a character device/);
  assert.match(r.stderr, /\/dev\/urandom: error: cannot read glossary: a character device/);
  assert.match(r.stderr, /big\.txt: error: cannot read glossary: larger than the limit of 1000 bytes/);
  // Under the default limit the same file loads.
  assert.equal(cli(['define', '--no-default-glossary', '-g', join(d, 'big.txt'), 'qlora']).status, 0);
});

test('a glossary directory walk ends on symlink cycles and stays inside the directory', TIMEOUT, () => {
  const d = tempDir();
  const g = join(d, 'g');
  mkdirSync(join(g, 'sub'), { recursive: true });
  writeFileSync(join(g, 'sub', 'v.txt'), VLLM);
  symlinkSync('..', join(g, 'sub', 'up'));
  symlinkSync('.', join(g, 'a'));
  symlinkSync('.', join(g, 'b'));
  symlinkSync('/', join(g, 'root'));
  symlinkSync('sub/v.txt', join(g, 'again.txt'));  // the same file twice: read once
  const r = cli(['dump', '--no-default-glossary', '-g', g]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim().split('\n').length, 1, r.stdout);
  assert.match(r.stderr, /root: warning: symbolic link leads outside/);
  assert.match(r.stderr, /a: warning: directory already read/);
});

test('glossary building is linear in the shape of the input', TIMEOUT, () => {
  const d = tempDir();
  const n = 200000;
  const aliases = Array.from({ length: n }, (_, i) => `alias${i}`);
  writeFileSync(join(d, 'aliases.txt'), `head,${aliases.join(',')}\n**Head**\nbody\n`);
  writeFileSync(join(d, 'shared.txt'),
    Array.from({ length: n }, (_, i) => `entry${i},shared\n**Entry ${i}**\nbody\n`).join(''));
  writeFileSync(join(d, 'header.txt'), `${'x'.repeat(8 << 20)},y\n**X**\nbody\n`);
  // Quadratic, the first took 193 s here; linear, about 2 s each.
  let r = cli(['define', '--no-default-glossary', '-g', join(d, 'aliases.txt'), `alias${n - 1}`], {}, 60000);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Head/);
  r = cli(['dump', '--no-default-glossary', '-g', join(d, 'shared.txt')], {}, 60000);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim().split('\n').length, n);
  r = cli(['dump', '--no-default-glossary', '-g', join(d, 'header.txt')], {}, 60000);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).title, 'X');
});

test('the cache is not used in a directory others can write to, nor through a FIFO', TIMEOUT, () => {
  const d = tempDir();
  writeFileSync(join(d, 'v.txt'), VLLM);
  const open = join(d, 'open');
  mkdirSync(open);
  chmodSync(open, 0o777);
  const args = ['define', '--no-default-glossary', '-g', join(d, 'v.txt'), 'vllm'];
  let r = cli(args, { GLOSSARY_LS_CACHE_DIR: open });
  assert.equal(r.status, 0, r.stderr);
  assert.equal((r.stderr.match(/cache directory .* is writable by other users/g) ?? []).length, 1, r.stderr);
  assert.deepEqual(readdirSync(open), []);

  const own = join(d, 'own');
  mkdirSync(own, { mode: 0o700 });
  r = cli(args, { GLOSSARY_LS_CACHE_DIR: own });
  assert.equal(r.status, 0, r.stderr);
  const [snapshot] = readdirSync(own).filter((n) => n.endsWith('.glsnap'));
  assert.ok(snapshot, readdirSync(own).join(' '));
  unlinkSync(join(own, snapshot));
  execFileSync('mkfifo', [join(own, snapshot)]);
  r = cli(args, { GLOSSARY_LS_CACHE_DIR: own }, 20000);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /vLLM/);
});

test('codeAction over a whole 320 KB line is capped like diagnostics', TIMEOUT, async () => {
  const s = await Session.start();
  const uri = s.uri('big.md');
  const text = `${'Lora '.repeat(64000)}\n`;
  await s.open(uri, 'markdown', text);
  const published = await s.diagnostics(uri, (p) => p.diagnostics.length > 0, 60000);
  assert.equal(published.diagnostics.length, 100);
  const actions = await s.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } },
    context: { diagnostics: [] },
  });
  const at = (r) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
  const findings = [...new Set(actions.map((a) => at(a.diagnostics[0].range)))];
  // The first 100 findings of the range, in document order.
  assert.deepEqual(findings, Array.from({ length: 100 }, (_, i) => `0:${5 * i}-0:${5 * i + 4}`));
  // The server still answers at once, and never held the whole reply for 64k findings.
  const hover = await s.connection.sendRequest('textDocument/hover',
    { textDocument: { uri }, position: { line: 0, character: 1 } });
  assert.match(JSON.stringify(hover), /LoRA/);
  assert.ok(peakMiB(s.server.child.pid) < 400, `peak ${peakMiB(s.server.child.pid)} MiB`);
  assert.equal(await s.stop(), 0);
});

test('integer ids are echoed exactly as written, beyond 64 bits too', TIMEOUT, async () => {
  const session = await initializedRaw();
  const { client } = session;
  const ids = ['9223372036854775807', '9223372036854775808', '18446744073709551615',
    '18446744073709551621', '-9223372036854775808', '-9223372036854775809', '123456789012345678901234567890', '7'];
  for (const id of ids) {
    await client.send(`{"jsonrpc":"2.0","id":${id},"method":"no/such/method"}`);
    const reply = await client.next();
    assert.equal(/"id":(-?\d+)/.exec(reply.text)?.[1], id, reply.text);
    assert.equal(reply.json.error?.code, -32601, reply.text);
  }
  // The escaped spelling of the key is the same member; the last one counts.
  await client.send('{"jsonrpc":"2.0","\\u0069d":1,"id":99999999999999999999,"method":"no/such/method"}');
  assert.match((await client.next()).text, /"id":99999999999999999999[,}]/);
  assert.equal((await stopRaw(session)).code, 0);
});

// RSS of a live process, in KiB.
function rssKiB(pid) {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
}

// AddressSanitizer's allocator keeps freed memory in quarantine by design:
// what the system gets back is only measurable in a plain build.
const sanitized = readFileSync(binary).includes('__asan_init');

test('memory of closed documents goes back to the system', { ...TIMEOUT, skip: sanitized && 'ASan build' }, async (t) => {
  // As an editor starts it: without the test suite's G_SLICE.
  const env = { ...process.env };
  delete env.G_SLICE;
  const child = spawn(binary, ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env });
  t.after(() => child.kill('SIGKILL'));
  let stderr = '';
  child.stderr.on('data', (c) => { stderr += c; });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve({ code })));
  const session = { server: { child, exited, stderr: () => stderr }, client: null };
  session.client = new RawClient(session.server);
  const { client } = session;
  const init = await client.request(0, 'initialize',
    { processId: null, rootUri: null, capabilities: {}, initializationOptions: { diagnosticsDelay: 0 } });
  assert.ok(init.json.result, init.text);
  await client.notify('initialized', {});
  const hover = async (id) => {
    await client.send({ jsonrpc: '2.0', id, method: 'textDocument/hover',
      params: { textDocument: { uri: 'file:///d0.md' }, position: { line: 0, character: 30 } } });
    for (;;) if ((await client.next()).json.id === id) return;
  };
  await hover('warm');
  const base = rssKiB(child.pid);
  const text = 'We fine-tune the model with Lora and Pytorch on rotary position embedding. '.repeat(21).slice(0, 1600);
  const n = 500;
  for (let i = 0; i < n; i++) {
    await client.notify('textDocument/didOpen',
      { textDocument: { uri: `file:///d${i}.md`, languageId: 'markdown', version: 1, text } });
  }
  // Measure once every document is analysed (its diagnostics published):
  // before that a loaded machine shows only part of what they cost.
  const diagnosed = new Set();
  while (diagnosed.size < n) {
    const m = await client.next();
    if (m.json.method === 'textDocument/publishDiagnostics') diagnosed.add(m.json.params.uri);
  }
  await hover('opened');
  const open = rssKiB(child.pid);
  assert.ok(open - base > n * 50, `${n} documents took only ${open - base} KiB`);
  for (let i = 0; i < n; i++) await client.notify('textDocument/didClose', { textDocument: { uri: `file:///d${i}.md` } });
  await hover('closed');
  // Given back within seconds of the last close (was: kept for good, ~176 KiB a document).
  let now = rssKiB(child.pid);
  for (let t = 0; t < 50 && now - base > (open - base) / 5; t++) {
    await new Promise((r) => setTimeout(r, 200));
    now = rssKiB(child.pid);
  }
  assert.ok(now - base <= (open - base) / 5, `base ${base} KiB, ${n} open ${open} KiB, closed ${now} KiB`);
  assert.equal((await stopRaw(session)).code, 0);
});
