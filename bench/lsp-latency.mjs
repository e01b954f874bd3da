// lsp-latency.mjs — latency of the language server as an editor sees it.
//
//   node bench/lsp-latency.mjs --binary build/lsp/glossary-ls \
//        --gen build/bench/gen-glossary [--entries 100000] [--mb 6]
//        [--requests 3000] [--edits 40] [--runs 3] [--seed 1]
//        [--kinds hover,completion,edit]
//
// Builds a synthetic glossary (gen-glossary ENTRIES) and a Markdown document
// of about MB megabytes whose paragraphs, list items and headings mention
// the glossary's headwords (their positions are recorded), then drives the
// real binary over stdio with a minimal framing client (no client library
// in the measured path):
//   - open: didOpen of the document until its first publishDiagnostics;
//   - hover: REQUESTS sequential textDocument/hover at random term
//     positions (inside a recorded headword), round-trip time each;
//   - completion: REQUESTS sequential textDocument/completion with the
//     cursor inside a recorded headword (the text before it is a prefix
//     being typed);
//   - edit -> diagnostics: EDITS one-line edits (didChange replacing a word
//     of a random prose line), time until the publishDiagnostics carrying
//     the new version (diagnosticsDelay 0: no debounce);
//   - floor: the round trip of a request without handler (-32601), i.e. what
//     the pipes, the framing and this client cost by themselves;
//   - RSS: VmRSS and VmHWM of the server from /proc at the end.
// Each run starts a fresh server; the table shows the median over runs of
// each statistic (p50, p99, max). Not a test: it asserts nothing but prints
// numbers (BENCHMARKS.md records them).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const binary = option('binary', process.env.GLS_BINARY);
const gen = option('gen', null);
const entries = Number(option('entries', 100000));
const megabytes = Number(option('mb', 6));
const requests = Number(option('requests', 3000));
const edits = Number(option('edits', 40));
const runs = Number(option('runs', 3));
let seed = Number(option('seed', 1));
const kinds = new Set(option('kinds', 'hover,completion,edit').split(','));
if (!binary || !gen) {
  console.error('usage: node lsp-latency.mjs --binary PATH/glossary-ls --gen PATH/gen-glossary [options]');
  process.exit(2);
}

// A small deterministic PRNG (mulberry32), so runs see the same document.
function random() {
  seed |= 0; seed = (seed + 0x6D2B79F5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (array) => array[Math.floor(random() * array.length)];

// ---- data -----------------------------------------------------------------

const dir = mkdtempSync(join(tmpdir(), 'gls-bench-'));
const glossaryPath = join(dir, 'glossary.txt');
const glossaryText = spawnSync(gen, [String(entries)], { maxBuffer: 1 << 30 }).stdout;
writeFileSync(glossaryPath, glossaryText);

// Headwords through the real parser (dump), not a guess at the format.
const dump = spawnSync(binary, ['dump', '--no-default-glossary', `--glossary=${glossaryPath}`],
  { maxBuffer: 1 << 30, encoding: 'utf8' }).stdout;
const headwords = dump.split('\n').filter(Boolean).map((l) => JSON.parse(l).terms[0]);

const words = 'the of a model we use when training with data and layer for each in this results show that'.split(' ');
const lines = [];
const terms = [];   // {line, start, end} of every headword written (JS string = UTF-16 units)
let size = 0;
function prose(prefix) {
  let line = prefix;
  const n = 8 + Math.floor(random() * 10);
  for (let i = 0; i < n; i++) {
    line += i > 0 || prefix ? ' ' : '';
    if (random() < 0.25) {
      const term = pick(headwords);
      terms.push({ line: lines.length, start: line.length, end: line.length + term.length, term });
      line += term;
    } else {
      line += pick(words);
    }
  }
  return `${line}.`;
}
function push(line) {
  lines.push(line);
  size += line.length + 1;
}
while (size < megabytes * 1024 * 1024) {
  // prose() records positions on line lines.length: push each line as made.
  const kind = random();
  if (kind < 0.08) push(prose('## '));
  else if (kind < 0.25) for (let i = 0; i < 3; i++) push(prose('- '));
  else if (kind < 0.3) for (const l of ['```python', 'def f(x):', '    return x  # code, not prose', '```']) push(l);
  else for (let i = 0; i < 3; i++) push(prose(''));
  push('');
}
const documentText = lines.join('\n');
const prosePositions = terms.filter((t) => !lines[t.line].startsWith('```'));

// ---- client ----------------------------------------------------------------

class Client {
  constructor(args) {
    this.child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    this.buffer = Buffer.alloc(0);
    this.pending = new Map();
    this.onNotification = () => {};
    this.nextId = 1;
    this.child.stdout.on('data', (chunk) => this.#read(chunk));
  }

  #read(chunk) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString('ascii'))[1]);
      if (this.buffer.length < end + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
      this.buffer = this.buffer.subarray(end + 4 + length);
      if (message.id !== undefined && message.method === undefined) {
        const resolve = this.pending.get(message.id);
        this.pending.delete(message.id);
        resolve?.(message);
      } else if (message.id !== undefined) {
        this.#send({ jsonrpc: '2.0', id: message.id, result: null });
      } else {
        this.onNotification(message);
      }
    }
  }

  #send(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  }

  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.#send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    this.#send({ jsonrpc: '2.0', method, params });
  }

  // CPU time (user + system) of the server so far, in ms: divided by the
  // requests of a phase it is the server's own cost, which scheduling
  // noise on a busy machine does not inflate the way it inflates latency.
  cpu() {
    const fields = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  }

  memory() {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)[1]);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  }
}

const now = () => Number(process.hrtime.bigint()) / 1e6;   // ms

function stats(samples) {
  if (samples.length === 0) return { p50: NaN, p99: NaN, max: NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] };
}

async function timed(client, method, params, samples) {
  const t0 = now();
  const reply = await client.request(method, params);
  samples.push(now() - t0);
  return reply;
}

async function run() {
  const client = new Client(['--stdio', '--no-default-glossary', `--glossary=${glossaryPath}`]);
  const uri = pathToFileURL(join(dir, 'bench.md')).href;
  const diagnostics = new Map();   // version -> resolve
  client.onNotification = (m) => {
    if (m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri) {
      diagnostics.get(m.params.version)?.(m.params);
    }
  };
  const diagnosticsFor = (version) => new Promise((resolve) => diagnostics.set(version, resolve));

  const t0 = now();
  await client.request('initialize', {
    processId: process.pid, rootUri: pathToFileURL(dir).href,
    // What VS Code announces for these two features.
    capabilities: {
      textDocument: {
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: {
          completionItem: { documentationFormat: ['markdown', 'plaintext'] },
          completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] },
        },
      },
    },
    initializationOptions: { diagnosticsDelay: 0 },
  });
  client.notify('initialized', {});
  // The glossary loads after `initialized`; a request that needs it waits.
  await client.request('workspace/symbol', { query: 'x' });
  const load = now() - t0;

  const opened = diagnosticsFor(1);
  const t1 = now();
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: documentText } });
  const first = await opened;
  const open = now() - t1;

  const floor = [];
  for (let i = 0; i < 500; i++) await timed(client, '$/benchFloor', {}, floor);

  const hover = [];
  let hoverHits = 0;
  const cpu = {};
  for (let i = 0; i < 50; i++) await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
  let cpu0 = client.cpu();
  for (let i = 0; kinds.has('hover') && i < requests; i++) {
    const t = pick(prosePositions);
    const character = t.start + Math.floor(random() * (t.end - t.start));
    const reply = await timed(client, 'textDocument/hover', { textDocument: { uri }, position: { line: t.line, character } }, hover);
    if (reply.result) hoverHits++;
    else if (process.env.GLS_BENCH_DEBUG && i < 4000) console.error(`no hover: ${JSON.stringify(t)} at ${character}: ${lines[t.line]}`);
  }

  cpu.hover = (client.cpu() - cpu0) / Math.max(1, hover.length);
  const completion = [];
  let items = 0;
  cpu0 = client.cpu();
  for (let i = 0; kinds.has('completion') && i < requests; i++) {
    const t = pick(prosePositions);
    const character = t.start + 1 + Math.floor(random() * (t.end - t.start - 1));
    const reply = await timed(client, 'textDocument/completion', { textDocument: { uri }, position: { line: t.line, character } }, completion);
    items += reply.result.items.length;
  }

  cpu.completion = (client.cpu() - cpu0) / Math.max(1, completion.length);
  const edit = [];
  let version = 1;
  cpu0 = client.cpu();
  const proseLines = [...new Set(prosePositions.map((t) => t.line))];
  for (let i = 0; kinds.has('edit') && i < edits; i++) {
    const line = pick(proseLines);
    const text = lines[line];
    const at = text.indexOf(' ') + 1;
    const published = diagnosticsFor(++version);
    const start = now();
    client.notify('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character: at }, end: { line, character: at } }, text: 'lora ' }],
    });
    await published;
    edit.push(now() - start);
  }

  cpu.edit = (client.cpu() - cpu0) / Math.max(1, edit.length);
  const memory = client.memory();
  await client.request('shutdown');
  client.notify('exit');
  await new Promise((resolve) => client.child.on('exit', resolve));
  return {
    load, open, first: first.diagnostics.length, floor: stats(floor), hover: stats(hover),
    hoverHits: hoverHits / Math.max(1, hover.length), completion: stats(completion), items: items / Math.max(1, completion.length),
    edit: stats(edit), memory, cpu,
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = [];
for (let r = 0; r < runs; r++) results.push(await run());
rmSync(dir, { recursive: true, force: true });

const fmt = (ms) => (ms < 10 ? ms.toFixed(3) : ms.toFixed(1));
const row = (name, key) => {
  const p = (q) => fmt(median(results.map((x) => x[key][q])));
  const cpu = results[0].cpu[key] !== undefined ? `   server CPU ${fmt(median(results.map((x) => x.cpu[key])))} ms/req` : '';
  return `${name.padEnd(24)} p50 ${p('p50').padStart(8)} ms   p99 ${p('p99').padStart(8)} ms   max ${p('max').padStart(8)} ms${cpu}`;
};
console.log(`glossary: ${entries} entries (${(glossaryText.length / 1048576).toFixed(1)} MB), document: ${(Buffer.byteLength(documentText) / 1048576).toFixed(1)} MB, ${lines.length} lines, ${terms.length} term mentions`);
console.log(`runs: ${runs}, requests per kind: ${requests}, edits: ${edits}; medians over runs`);
console.log(`glossary load (initialize -> first answer)  ${fmt(median(results.map((x) => x.load)))} ms`);
console.log(`didOpen -> first diagnostics                ${fmt(median(results.map((x) => x.open)))} ms (${results[0].first} diagnostics)`);
console.log(row('floor (no handler)', 'floor'));
console.log(row('hover', 'hover') + `   (${(100 * median(results.map((x) => x.hoverHits))).toFixed(1)}% on a term)`);
console.log(row('completion', 'completion') + `   (${median(results.map((x) => x.items)).toFixed(1)} items avg)`);
console.log(row('edit -> diagnostics', 'edit'));
console.log(`server memory at the end: RSS ${median(results.map((x) => x.memory.rss)).toFixed(0)} MB, peak ${median(results.map((x) => x.memory.hwm)).toFixed(0)} MB`);
