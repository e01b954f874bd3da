// bench/diagnostics-latency.mjs — didChange -> publishDiagnostics latency of
// the real server after one-line edits of a big Markdown document.
//
//   node bench/diagnostics-latency.mjs BINARY GLOSSARY [DOC_MB] [EDITS]
//
// BINARY is build/lsp/glossary-ls, GLOSSARY a glossary file (e.g.
// `build/bench/gen-glossary 100000 > /tmp/g100k.txt`; the default glossary
// is loaded too). The document (DOC_MB, default 6) is Markdown paragraphs of
// ordinary words mixed with headwords of GLOSSARY, some miscased ("Lora",
// acronym aliases written "Bilse"), some misspelled. diagnosticsDelay is 0, so the time is the server's work:
// the incremental re-check, suppression, conversion of every diagnostic to
// LSP positions, JSON encoding, and the pipe. Edits are sent one at a time,
// each after the previous version's diagnostics arrived; every tenth pause
// lets the background settling check run. Prints p50/p90/p99/max in ms, the
// first (full) check's time, the diagnostics count and the server's RSS.
// Needs vscode-jsonrpc (npm ci in the source root). Not a test.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');

const [binary, glossary, docMb = '6', editCount = '300'] = process.argv.slice(2);
if (!binary || !glossary) {
  console.error('usage: node bench/diagnostics-latency.mjs BINARY GLOSSARY [DOC_MB] [EDITS]');
  process.exit(2);
}

// A deterministic generator, so runs compare.
let seed = 12345;
const rand = (n) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};

const headwords = readFileSync(glossary, 'utf8').split('\n')
  .filter((l) => /^[a-z0-9][^*|`$#]*,/.test(l) && l.length < 120)
  .map((l) => l.split(',')[0].trim())
  .filter((w) => w.length > 3);
// Acronym aliases ("BILSE") written Capitalized ("Bilse") are term-case
// findings: about one every 500 words.
const acronyms = readFileSync(glossary, 'utf8').split('\n')
  .filter((l) => /^[a-z0-9]/.test(l) && l.length < 200)
  .flatMap((l) => l.split(',').map((w) => w.trim()).filter((w) => /^[A-Z][A-Z]{3,}$/.test(w)))
  .map((w) => w[0] + w.slice(1).toLowerCase());
const words = ('the a of model training data we use with for results shows better when layer network '
  + 'approach method small large fast slow in on by this that these are is was were be').split(' ');
const specials = ['Lora', 'LoRA', 'Pytorch', 'PyTorch', 'rotary positon embedding', 'RoPE'];

function paragraph() {
  const out = [];
  const n = 40 + rand(40);
  for (let i = 0; i < n; i++) {
    const r = rand(100);
    if (r < 8) out.push(headwords[rand(headwords.length)]);
    else if (r < 9) out.push(rand(5) === 0 ? acronyms[rand(acronyms.length)] : specials[rand(specials.length)]);
    else out.push(words[rand(words.length)]);
  }
  return out.join(' ') + '.';
}

const target = Number(docMb) * 1024 * 1024;
const lines = [];
let size = 0;
while (size < target) {
  const line = rand(10) === 0 ? `## Section ${lines.length}` : paragraph();
  lines.push(line, '');
  size += line.length + 2;
}
const text = lines.join('\n');

const child = spawn(binary, ['--stdio', `--glossary=${glossary}`], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = rpc.createMessageConnection(
  new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
const waiting = new Map();
let lastCount = 0;
connection.onNotification('textDocument/publishDiagnostics', (p) => {
  lastCount = p.diagnostics.length;
  const w = waiting.get(p.version);
  if (w) {
    waiting.delete(p.version);
    w(p);
  }
});
connection.onNotification('window/logMessage', () => {});
connection.onNotification('window/showMessage', () => {});
connection.listen();

const uri = pathToFileURL(join(tmpdir(), 'bench-diagnostics.md')).href;
const published = (version) => new Promise((resolve) => waiting.set(version, resolve));
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

let t0 = process.hrtime.bigint();
await connection.sendRequest('initialize', {
  processId: process.pid, rootUri: null, capabilities: {},
  initializationOptions: {
    diagnosticsDelay: 0,
    // GLS_BENCH_MAX_DIAGNOSTICS=0 publishes every diagnostic (default 100).
    ...(process.env.GLS_BENCH_MAX_DIAGNOSTICS ? { maxDiagnostics: Number(process.env.GLS_BENCH_MAX_DIAGNOSTICS) } : {}),
  },
});
await connection.sendNotification('initialized', {});
const first = published(1);
await connection.sendNotification('textDocument/didOpen', {
  textDocument: { uri, languageId: 'markdown', version: 1, text },
});
await first;
const firstMs = ms(t0);
const firstCount = lastCount;
// To profile only the edits: GLS_BENCH_PAUSE_MS=5000, attach `perf record -p PID`.
if (process.env.GLS_BENCH_PAUSE_MS) {
  console.error(`server pid ${child.pid}`);
  await new Promise((resolve) => setTimeout(resolve, Number(process.env.GLS_BENCH_PAUSE_MS)));
}

const times = [];
let version = 1;
for (let i = 0; i < Number(editCount); i++) {
  // A one-line edit: a few words in a random paragraph, sometimes a term.
  const line = rand(lines.length / 2) * 2;
  const character = rand(Math.max(1, lines[line].length));
  const insert = rand(3) === 0 ? 'Lora ' : rand(2) === 0 ? `${headwords[rand(headwords.length)]} ` : 'word ';
  const done = published(++version);
  t0 = process.hrtime.bigint();
  await connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: insert }],
  });
  await done;
  times.push(ms(t0));
  lines[line] = lines[line].slice(0, character) + insert + lines[line].slice(character);
  if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 800));
}

const rss = readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1];
times.sort((a, b) => a - b);
const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(2);
console.log(`document ${(text.length / 1048576).toFixed(1)} MB, ${headwords.length} glossary headwords sampled`);
console.log(`open -> first diagnostics: ${firstMs.toFixed(0)} ms (${firstCount} diagnostics; includes glossary load)`);
console.log(`one-line edit -> diagnostics (${times.length} edits, ${lastCount} diagnostics): ` +
            `p50 ${q(0.5)} ms, p90 ${q(0.9)} ms, p99 ${q(0.99)} ms, max ${times[times.length - 1].toFixed(2)} ms`);
console.log(`server RSS ${(Number(rss) / 1024).toFixed(0)} MB`);
await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
connection.dispose();
