// workspace-session.mjs — shared by sync/diagnostics/config e2e tests: a
// server on a temporary workspace folder with a small glossary (the default
// one is left out, so the terms are known), driven through vscode-jsonrpc,
// with published diagnostics collected per URI.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { connect, startServer } from './client.mjs';

export const GLOSSARY = [
  'lora, low-rank adaptation, fine-tuning',
  '**LoRA (Low-Rank Adaptation)**',
  'LoRA fine-tunes a model by learning low-rank updates. LoRA adapters are small.',
  'rotary position embedding, rope, positional encoding',
  '**Rotary Position Embedding (RoPE)**',
  'RoPE encodes positions by rotating query and key vectors.',
  'pytorch, framework',
  '**PyTorch**',
  'PyTorch is a deep learning framework. PyTorch models are modules.',
  'levenshtein transformer, sequence generation',
  '**Levenshtein Transformer**',
  'A model that edits sequences with insertions and deletions.',
  '',
].join('\n');

// A team glossary of its own (same text as tests/common/team-glossary.h):
// tags, a FAQ answer, a header split at its title's spaces, a coined term
// only mentioned, two entries with one title, a glued header item.
export const TEAM_GLOSSARY = [
  'write ahead log, wal, shadow paging, crash recovery',
  '**Write-Ahead Log** is a durability technique: every change is recorded in the log before the data pages. Unlike shadow paging, pages are written in place.',
  'shadow paging, page table swap, storage engines',
  '**Shadow Paging** keeps the old page and writes a changed copy elsewhere.',
  'support, premium support, do you offer support, help, contact',
  '**Yes, our team answers every ticket within a day**',
  'Premium support adds a named engineer.',
  'vector,clock,CRDT,merge,clock,rules',
  '**Vector Clock Merge Rules** decide which write wins when replicas disagree. A CRDT applies them without coordination.',
  'consensus protocols, paxos round, leader election, quorum math',
  '**Consensus protocols** agree on one value across replicas.',
  'A paxos round has a prepare phase and an accept phase.',
  'log structured merge tree, lsm tree, sorted runs, compaction debt',
  '**Log-Structured Merge Tree** (also **LSM tree**) is a write-optimised index of sorted runs.',
  'gossip protocol, epidemic dissemination, cluster membership',
  '**Gossip Protocol** spreads state by random peer exchange.',
  'gossip protocol, peer sampling, cluster membership',
  '**Gossip protocol** spreads state by random peer exchange, in rounds.',
  'gossip protocol, anti entropy, replica repair',
  '**Anti-entropy repair** compares Merkle trees of two replicas.',
  'bloom filter bf, bloom filter, bf, probabilistic sets',
  '**Bloom Filter (BF)** answers set membership with false positives.',
  '',
].join('\n');

export const VLLM_ENTRY = 'vllm, inference server\n**vLLM**\nvLLM serves models fast. vLLM is popular.\n';

const live = new Set();

export class Session {
  // Kills what a failed test left running, so the test file can end (call
  // from node:test's after()).
  static killAll() {
    for (const s of live) {
      s.server.child.kill('SIGKILL');
      s.connection.dispose();
      rmSync(s.dir, { recursive: true, force: true });
    }
    live.clear();
  }

  // options: encodings (client's positionEncodings), initializationOptions,
  // capabilities (merged over the defaults), projectFile (JSON text),
  // configuration (answer to workspace/configuration: a function of items),
  // glossary (the text of terms.txt instead of GLOSSARY).
  // prepare (called with the workspace directory before the server starts).
  static async start(options = {}) {
    const s = new Session();
    s.dir = mkdtempSync(join(tmpdir(), 'gls-e2e-'));
    s.glossary = join(s.dir, 'terms.txt');
    writeFileSync(s.glossary, options.glossary ?? GLOSSARY);
    if (options.projectFile) writeFileSync(join(s.dir, '.glossary-ls.json'), options.projectFile);
    if (options.prepare) options.prepare(s.dir);
    s.server = startServer(['--stdio', '--no-default-glossary', `--glossary=${s.glossary}`]);
    s.connection = connect(s.server);
    live.add(s);
    s.published = [];
    s.waiters = [];
    s.messages = [];
    s.connection.onNotification('textDocument/publishDiagnostics', (params) => {
      s.published.push(params);
      s.#wake();
    });
    s.connection.onNotification('window/showMessage', (params) => { s.messages.push(params); s.#wake(); });
    s.connection.onNotification('window/logMessage', (params) => { s.messages.push(params); s.#wake(); });
    s.connection.onRequest('workspace/configuration', (params) =>
      (options.configuration ? options.configuration(params.items) : params.items.map(() => null)));
    s.connection.onRequest('client/registerCapability', () => null);
    const capabilities = {
      general: options.encodings ? { positionEncodings: options.encodings } : undefined,
      workspace: { workspaceEdit: { documentChanges: true } },
      ...(options.capabilities ?? {}),
    };
    s.init = await s.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(s.dir).href,
      capabilities,
      initializationOptions: options.initializationOptions ?? { diagnosticsDelay: 0 },
    });
    s.encoding = s.init.capabilities.positionEncoding;
    await s.connection.sendNotification('initialized', {});
    return s;
  }

  uri(name) {
    return pathToFileURL(join(this.dir, name)).href;
  }

  #wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  // Resolves with the first publishDiagnostics params (for uri) accepted by
  // pred, looking at those already received first; each is consumed.
  async diagnostics(uri, pred = () => true, timeout = 20000) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const i = this.published.findIndex((p) => p.uri === uri && pred(p));
      if (i >= 0) {
        const [found] = this.published.splice(0, i + 1).slice(-1);
        return found;
      }
      if (Date.now() > deadline) {
        throw new Error(`no matching diagnostics for ${uri}; got ${JSON.stringify(this.published)}\n${this.server.stderr()}`);
      }
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
  }

  async message(pred, timeout = 20000) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const found = this.messages.find(pred);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching message; got ${JSON.stringify(this.messages)}`);
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
  }

  open(uri, languageId, text, version = 1) {
    return this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version, text },
    });
  }

  change(uri, version, contentChanges) {
    return this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version }, contentChanges,
    });
  }

  close(uri) {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async stop() {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const { code } = await this.server.exited;
    live.delete(this);
    this.connection.dispose();
    rmSync(this.dir, { recursive: true, force: true });
    return code;
  }
}

// The LSP character of a JS string index on its line, in an encoding.
export function character(line, index, encoding) {
  return encoding === 'utf-8' ? Buffer.byteLength(line.slice(0, index), 'utf8') : index;
}

// {line, character} of the nth occurrence of needle in text.
export function positionOf(text, needle, encoding = 'utf-16', nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`no ${needle} #${nth}`);
  }
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line, character: character(text.slice(lineStart), at - lineStart, encoding) };
}

function offsetOf(text, position, encoding) {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < position.line && i < lines.length; i++) offset += lines[i].length + 1;
  const line = lines[Math.min(position.line, lines.length - 1)];
  if (encoding !== 'utf-8') return offset + Math.min(position.character, line.length);
  const bytes = Buffer.from(line, 'utf8').subarray(0, position.character);
  return offset + bytes.toString('utf8').length;
}

// Applies TextEdits (as in a WorkspaceEdit) to text.
export function applyEdits(text, edits, encoding = 'utf-16') {
  const resolved = edits.map((e) => ({
    start: offsetOf(text, e.range.start, encoding),
    end: offsetOf(text, e.range.end, encoding),
    newText: e.newText,
  })).sort((a, b) => b.start - a.start);
  for (const e of resolved) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
  return text;
}

// "code@line:character" of each diagnostic.
export function summary(params) {
  return params.diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`).join(' ');
}
