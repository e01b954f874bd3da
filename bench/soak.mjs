// soak.mjs — a long scripted editing session against ONE server process.
//
//   node bench/soak.mjs --binary build/lsp/glossary-ls [--requests 100000]
//        [--docs 24] [--window 8] [--warmup 0.5] [--seed 1] [--check]
//        [--only hover,completion,resolve,definition,references,symbols,codeAction,edit,reopen]
//        [--save-docs DIR] [--docs-from DIR]
//
// (REQUESTS counts every message the client sends: requests and the
// didOpen/didChange/didClose notifications.)
//
// Opens DOCS documents (Markdown, Python, C) written from the default
// glossary's own terms, then sends REQUESTS messages, a deterministic mix
// (the weights are in `mix` below): hover, completion (+ resolve of a
// returned item), definition, references, document symbols, code actions
// (the diagnostics' quick fixes), ranged didChange edits (insert or delete a
// whole word or line; in code only inside comments), and closing + reopening
// a document. Up to WINDOW requests are in flight at once, as an editor
// pipelines them; notifications go out in order between them. Every request
// id must get exactly one response.
//
// Memory: the server's VmRSS (/proc/PID/status) is sampled after warm-up
// (WARMUP of the messages sent, default half, and every response in) and
// at the end (all responses in, every open document's last version
// diagnosed); VmHWM is the peak. Why half: until then the edits grow the
// documents towards their cap (1.2x, and ever more term hits), and RSS
// steps up whenever a worker thread first runs a full check in its own
// malloc arena (glibc), whatever the live heap does; measured with gdb, mallinfo2's in-use bytes stay flat
// over a 100,000-message run. Per tenth of the run the report also gives
// RSS, throughput, the server's CPU time per message and the document size.
// With --check the exit status is 1 if a request went unanswered or
// was answered twice, a response was an error other than RequestCancelled
// or ContentModified, a document's last version never got diagnostics, or
// the end RSS is more than 10% (and 4 MiB) above the warm-up RSS. Without --check it
// only reports. Latencies are client round trips (p50/p99 per method).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const binaryOption = option('binary', process.env.GLS_BINARY);
const binary = binaryOption && resolve(binaryOption);
const total = Number(option('requests', 100000));
const nDocs = Number(option('docs', 24));
const window = Number(option('window', 8));
const warmupFraction = Number(option('warmup', 0.5));
let seed = Number(option('seed', 1));
const check = process.argv.includes('--check');
const maxGrowth = 0.10;
// A growth under this many KiB is never a failure: a short run's server is
// ~20 MiB, where one heap step is 10%. Seen: +2.7 MiB when a worker's first
// check opened a new glibc arena (the server now caps arenas at two), and
// still up to +8% (1.6 MiB) in 5,000-message runs beside a CPU hog after
// that. Long runs (100,000 messages) sit far above this floor.
const growthFloorKiB = 4096;
// Under AddressSanitizer freed memory sits in a quarantine (up to 256 MB) by
// design, so RSS grows however well memory is managed: the RSS limit is then
// reported, not enforced (LeakSanitizer checks leaks in that build).
const sanitized = /libasan|__asan_init/.test(spawnSync('ldd', [binary ?? ''], { encoding: 'utf8' }).stdout ?? '');
if (!binary) {
  console.error('usage: node soak.mjs --binary PATH/glossary-ls [options]');
  process.exit(2);
}

// mulberry32: the same session every run for a given seed.
function random() {
  seed |= 0; seed = (seed + 0x6D2B79F5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (array) => array[Math.floor(random() * array.length)];
const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

// ---- documents -------------------------------------------------------------

// Terms as the glossary writes them (dump is the real parser's view).
const dump = spawnSync(binary, ['dump'], { maxBuffer: 1 << 30, encoding: 'utf8' });
if (dump.status !== 0) throw new Error(`glossary-ls dump failed: ${dump.stderr}`);
const allTerms = dump.stdout.split('\n').filter(Boolean).flatMap((l) => JSON.parse(l).terms);
const terms = [];
for (let i = 0; i < 400 && allTerms.length > 0; i++) terms.push(pick(allTerms));
// Misspellings and wrong casings give the rules something to report.
const noise = ['Lora', 'Pytorch', 'rotary positon embedding', 'toolfromer', 'LORA', 'naïve'];
const words = 'the of a model we use when training with data and layer for each in this results show that'.split(' ');

function sentence() {
  const parts = [];
  const n = between(6, 14);
  for (let i = 0; i < n; i++) {
    const r = random();
    parts.push(r < 0.2 ? pick(terms) : r < 0.24 ? pick(noise) : pick(words));
  }
  return parts.join(' ') + '.';
}

function makeText(language) {
  const lines = [];
  for (let i = 0; i < 120; i++) {
    if (language === 'markdown')
      lines.push(i % 15 === 0 ? `## ${pick(terms)}` : i % 7 === 0 ? '' : `- ${sentence()}`);
    else if (language === 'python')
      lines.push(i % 5 === 0 ? `def f${i}():` : i % 5 === 1 ? `    """${sentence()}"""` : `    x = ${i}  # ${sentence()}`);
    else
      lines.push(i % 4 === 0 ? `int v${i} = ${i};` : `// ${sentence()}`);
  }
  return lines.join('\n') + '\n';
}

const dir = mkdtempSync(join(tmpdir(), 'gls-soak-'));
const languages = ['markdown', 'markdown', 'markdown', 'python', 'c'];
const extension = { markdown: 'md', python: 'py', c: 'c' };
const docs = [];
// --docs-from DIR starts from the documents --save-docs DIR saved at the
// end of an earlier run: a fresh server on a long session's final text tells
// a cost of the text from a cost of the server's history.
const docsFrom = option('docs-from', null);
const saveDocs = option('save-docs', null);
for (let i = 0; i < nDocs; i++) {
  const language = languages[i % languages.length];
  const name = `doc${i}.${extension[language]}`;
  const uri = pathToFileURL(join(dir, name)).href;
  const text = docsFrom ? readFileSync(join(docsFrom, name), 'utf8') : makeText(language);
  docs.push({ uri, name, language, lines: text.split('\n'), version: 1, open: false, size0: text.length });
}

// ---- the connection --------------------------------------------------------

const server = spawn(binary, ['--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
let stderr = '';
server.stderr.setEncoding('utf8');
server.stderr.on('data', (d) => { stderr = (stderr + d).slice(-20000); });
let exited = null;
server.on('exit', (code, signal) => { exited = { code, signal }; });

let buffer = Buffer.alloc(0);
const pending = new Map();   // id -> {method, sent}
const answered = new Set();
const stats = { requests: 0, notifications: 0, responses: 0, duplicates: 0, unknown: 0, errors: {} };
const latency = {};          // method -> [ms]
const diagnosed = new Map(); // uri -> last published version
let waiters = [];

function wake() {
  const w = waiters;
  waiters = [];
  for (const f of w) f();
}

server.stdout.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf('\r\n\r\n');
    if (end < 0) break;
    const m = /Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString('ascii'));
    if (!m) throw new Error('bad header from the server');
    const n = Number(m[1]);
    if (buffer.length < end + 4 + n) break;
    const message = JSON.parse(buffer.subarray(end + 4, end + 4 + n).toString('utf8'));
    buffer = buffer.subarray(end + 4 + n);
    receive(message);
  }
  wake();
});

function receive(message) {
  if (message.method !== undefined) {
    if (message.id !== undefined) {
      // A request from the server (workspace/configuration, registrations).
      const result = message.method === 'workspace/configuration'
        ? (message.params?.items ?? []).map(() => null) : null;
      write({ jsonrpc: '2.0', id: message.id, result });
    } else if (message.method === 'textDocument/publishDiagnostics') {
      const v = message.params.version;
      if (typeof v === 'number') diagnosed.set(message.params.uri, Math.max(v, diagnosed.get(message.params.uri) ?? 0));
    }
    return;
  }
  const entry = pending.get(message.id);
  if (!entry) {
    if (answered.has(message.id)) stats.duplicates++;
    else stats.unknown++;
    return;
  }
  pending.delete(message.id);
  answered.add(message.id);
  stats.responses++;
  (latency[entry.method] ??= []).push(performance.now() - entry.sent);
  if (message.error) {
    const key = `${entry.method} ${message.error.code}`;
    stats.errors[key] = (stats.errors[key] ?? 0) + 1;
  } else if (entry.onResult) {
    entry.onResult(message.result);
  }
}

function write(message) {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  server.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
}

let nextId = 1;
function request(method, params, onResult) {
  const id = nextId++;
  pending.set(id, { method, sent: performance.now(), onResult });
  stats.requests++;
  write({ jsonrpc: '2.0', id, method, params });
}

function notify(method, params) {
  stats.notifications++;
  write({ jsonrpc: '2.0', method, params });
}

async function until(predicate, what, seconds = 120) {
  const deadline = Date.now() + seconds * 1000;
  while (!predicate()) {
    if (exited) throw new Error(`server exited (${JSON.stringify(exited)}) while waiting for ${what}\n${stderr}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => {
      waiters.push(resolve);
      setTimeout(resolve, 50);
    });
  }
}

function rss() {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)[1]);
  // utime + stime in clock ticks (fields 14 and 15 after the command name).
  const stat = readFileSync(`/proc/${server.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpu = (Number(fields[11]) + Number(fields[12])) / 100;
  const bytes = docs.reduce((n, d) => n + d.lines.reduce((k, l) => k + l.length + 1, 0), 0);
  return { rss: kb('VmRSS'), hwm: kb('VmHWM'), cpu, bytes };
}

// ---- the session -----------------------------------------------------------

const position = (doc) => {
  const line = Math.floor(random() * doc.lines.length);
  return { line, character: Math.floor(random() * (doc.lines[line].length + 1)) };
};
const textDocument = (doc) => ({ uri: doc.uri });
let lastItem = null;

function open(doc) {
  doc.open = true;
  notify('textDocument/didOpen', { textDocument: { uri: doc.uri, languageId: doc.language, version: doc.version, text: doc.lines.join('\n') } });
}

// In code, edits stay inside comments: random syntax errors would pile up
// over a long session and measure tree-sitter's error recovery, not the
// server (the fuzzers cover broken code).
const commentMarker = { c: '//', python: '#' };

function edit(doc) {
  const marker = commentMarker[doc.language];
  let line;
  let floor = 0;
  for (;;) {
    line = Math.floor(random() * doc.lines.length);
    if (!marker) break;
    const m = doc.lines[line].indexOf(marker);
    if (m >= 0) { floor = m + marker.length; break; }
  }
  const text = doc.lines[line];
  const size = doc.lines.reduce((n, l) => n + l.length + 1, 0);
  const grow = size < doc.size0 * 1.2 && random() < 0.5;
  const commentOnly = !marker || text.trimStart().startsWith(marker);
  let range;
  let insert;
  if (random() < 0.15 && (grow || commentOnly)) {
    // A whole line in or out (in code: a comment line).
    if (grow || doc.lines.length < 20) {
      const indent = marker ? /^\s*/.exec(text)[0] + marker + ' ' : '';
      insert = `${indent}${sentence()}\n`;
      range = { start: { line, character: 0 }, end: { line, character: 0 } };
      doc.lines.splice(line, 0, insert.slice(0, -1));
    } else {
      range = { start: { line, character: 0 }, end: { line: line + 1, character: 0 } };
      insert = '';
      if (line + 1 < doc.lines.length) doc.lines.splice(line, 1);
      else { doc.lines[line] = ''; range.end = { line, character: text.length }; }
    }
  } else if (grow || text.length - floor < 8) {
    const at = floor + Math.floor(random() * (text.length - floor + 1));
    insert = ` ${random() < 0.5 ? pick(terms) : pick(words)}`;
    range = { start: { line, character: at }, end: { line, character: at } };
    doc.lines[line] = text.slice(0, at) + insert + text.slice(at);
  } else {
    // A whole word with the space before it: deleting arbitrary characters
    // would leave word fragments that pile up as misspelling candidates.
    const from = floor + Math.floor(random() * (text.length - floor));
    let at = text.lastIndexOf(' ', from);
    if (at < floor) at = text.indexOf(' ', floor);
    let stop = at >= 0 ? text.indexOf(' ', at + 1) : -1;
    if (stop < 0) stop = text.length;
    if (at < 0 || stop - at < 2) { at = text.length - 1; stop = text.length; }
    insert = '';
    range = { start: { line, character: at }, end: { line, character: stop } };
    doc.lines[line] = text.slice(0, at) + text.slice(stop);
  }
  doc.version++;
  notify('textDocument/didChange', { textDocument: { uri: doc.uri, version: doc.version }, contentChanges: [{ range, text: insert }] });
}

// Weights of each kind of message.
const mix = [
  [30, 'hover'], [18, 'completion'], [2, 'resolve'], [10, 'definition'], [3, 'references'],
  [2, 'symbols'], [10, 'codeAction'], [23, 'edit'], [2, 'reopen'],
];
// --only KIND,KIND... keeps those kinds of the mix (to find what a cost or a
// growth comes from).
const only = option('only', null);
if (only) mix.splice(0, mix.length, ...mix.filter(([, k]) => only.split(',').includes(k)));
const mixTotal = mix.reduce((n, [w]) => n + w, 0);
function kind() {
  let r = random() * mixTotal;
  for (const [w, k] of mix) {
    if ((r -= w) < 0) return k;
  }
  return 'hover';
}

function step() {
  const doc = pick(docs);
  if (!doc.open) { open(doc); return; }
  switch (kind()) {
    case 'hover': request('textDocument/hover', { textDocument: textDocument(doc), position: position(doc) }); break;
    case 'completion':
      request('textDocument/completion', { textDocument: textDocument(doc), position: position(doc) },
        (result) => {
          const items = Array.isArray(result) ? result : result?.items ?? [];
          if (items.length > 0) lastItem = items[Math.floor(random() * items.length)];
        });
      break;
    case 'resolve':
      if (lastItem) request('completionItem/resolve', lastItem);
      else request('textDocument/hover', { textDocument: textDocument(doc), position: position(doc) });
      break;
    case 'definition': request('textDocument/definition', { textDocument: textDocument(doc), position: position(doc) }); break;
    case 'references':
      request('textDocument/references', { textDocument: textDocument(doc), position: position(doc), context: { includeDeclaration: true } });
      break;
    case 'symbols': request('textDocument/documentSymbol', { textDocument: textDocument(doc) }); break;
    case 'codeAction': {
      const start = position(doc);
      request('textDocument/codeAction', { textDocument: textDocument(doc), range: { start, end: start }, context: { diagnostics: [] } });
      break;
    }
    case 'edit': edit(doc); break;
    case 'reopen':
      notify('textDocument/didClose', { textDocument: textDocument(doc) });
      doc.open = false;
      diagnosed.delete(doc.uri);
      open(doc);
      break;
  }
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const started = performance.now();
request('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href,
  workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'soak' }], capabilities: {} });
await until(() => pending.size === 0, 'initialize');
notify('initialized', {});

const warmupAt = Math.max(1, Math.floor(total * warmupFraction));
let warm = null;
const samples = [];
let sent = 0;
const allDiagnosed = () => docs.every((d) => !d.open || (diagnosed.get(d.uri) ?? 0) >= d.version);
while (sent < total) {
  await until(() => pending.size < window, 'responses');
  step();
  sent++;
  if (sent === warmupAt || sent % Math.max(1, Math.floor(total / 10)) === 0) {
    await until(() => pending.size === 0, 'responses to drain');
    // The warm-up sample is taken in the state the end sample is: every
    // open document diagnosed (the rules' bounded memos filled as much), so
    // the two compare like with like.
    if (sent === warmupAt) await until(allDiagnosed, 'diagnostics at warm-up', 120);
    const m = rss();
    samples.push({ sent, at: performance.now(), ...m });
    if (sent === warmupAt) warm = m;
  }
}
await until(() => pending.size === 0, 'the last responses');
let diagnosticsOk = true;
try {
  await until(allDiagnosed, 'diagnostics of every open document', 120);
} catch (e) {
  diagnosticsOk = false;
}
const end = rss();
const seconds = (performance.now() - started) / 1000;

request('shutdown', undefined);
await until(() => pending.size === 0, 'shutdown');
notify('exit', undefined);
await until(() => exited !== null, 'exit', 30);
rmSync(dir, { recursive: true, force: true });
if (saveDocs) {
  mkdirSync(saveDocs, { recursive: true });
  for (const d of docs) writeFileSync(join(saveDocs, d.name), d.lines.join('\n'));
}

// ---- report ----------------------------------------------------------------

const unanswered = pending.size;
const growth = warm ? (end.rss - warm.rss) / warm.rss : 0;
const badErrors = Object.entries(stats.errors).filter(([key]) => !/ (-32800|-32801)$/.test(key));
console.log(`soak: ${sent} messages (${stats.requests} requests, ${stats.notifications} notifications) in ${seconds.toFixed(1)} s, ${(sent / seconds).toFixed(0)} msg/s, window ${window}, ${nDocs} documents`);
console.log(`responses: ${stats.responses}; unanswered: ${unanswered}; duplicate: ${stats.duplicates}; unknown id: ${stats.unknown}`);
console.log(`error responses: ${JSON.stringify(stats.errors)}`);
console.log(`diagnostics: every open document's last version diagnosed: ${diagnosticsOk}`);
for (const [method, values] of Object.entries(latency).sort()) {
  console.log(`  ${method.padEnd(26)} n=${String(values.length).padStart(6)}  p50 ${percentile(values, 50).toFixed(2)} ms  p99 ${percentile(values, 99).toFixed(2)} ms`);
}
console.log(`RSS (KiB): ${samples.map((s) => `${s.sent}:${s.rss}`).join(' ')}`);
// Throughput per stretch between samples: a server slowing down over the
// session (work or memory growing with history) shows here.
console.log(`msg/s: ${samples.map((s, i) => {
  const prev = i > 0 ? samples[i - 1] : { sent: 0, at: started };
  return `${s.sent}:${((s.sent - prev.sent) / ((s.at - prev.at) / 1000)).toFixed(0)}`;
}).join(' ')}`);
// Server CPU time per message (independent of the client and of other load).
console.log(`server CPU us/msg: ${samples.map((s, i) => {
  const prev = i > 0 ? samples[i - 1] : { sent: 0, cpu: 0 };
  return `${s.sent}:${(((s.cpu - prev.cpu) * 1e6) / (s.sent - prev.sent)).toFixed(0)}`;
}).join(' ')}`);
console.log(`document bytes: ${samples.map((s) => `${s.sent}:${s.bytes}`).join(' ')}`);
console.log(`RSS after warm-up (${warmupAt} messages): ${warm?.rss} KiB; at the end: ${end.rss} KiB (${(growth * 100).toFixed(1)}%); peak (VmHWM): ${end.hwm} KiB`);
console.log(`server exit: ${JSON.stringify(exited)}${sanitized ? ' (AddressSanitizer build: RSS limit not enforced)' : ''}`);

if (check) {
  const failures = [];
  if (unanswered > 0 || stats.duplicates > 0 || stats.unknown > 0) failures.push('requests not answered exactly once');
  if (badErrors.length > 0) failures.push(`unexpected error responses ${JSON.stringify(Object.fromEntries(badErrors))}`);
  if (!diagnosticsOk) failures.push('a document was never diagnosed at its last version');
  if (growth > maxGrowth && end.rss - warm.rss > growthFloorKiB && !sanitized) failures.push(`RSS grew ${(growth * 100).toFixed(1)}% after warm-up (limit ${maxGrowth * 100}%)`);
  if (exited.code !== 0) failures.push(`exit code ${exited.code}`);
  if (failures.length > 0) {
    console.error(`soak: FAILED: ${failures.join('; ')}`);
    process.exit(1);
  }
  console.log('soak: passed');
}
