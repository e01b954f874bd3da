// client.mjs — shared helpers for the end-to-end tests: spawn the real
// glossary-ls binary (path from GLS_BINARY, set by tests/meson.build) and talk
// to it either through vscode-jsonrpc (what VS Code uses) or through a raw
// byte-level client for input no well-behaved client library would send.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');

export const binary = process.env.GLS_BINARY;
if (!binary) throw new Error('GLS_BINARY is not set (run through meson test)');

// GLS_SERVER_WRAPPER runs the server under a command, e.g. valgrind (see
// tests/valgrind/run-e2e.sh); its words are separated by spaces.
const wrapper = (process.env.GLS_SERVER_WRAPPER ?? '').split(' ').filter((w) => w !== '');

// Starts the server; `exited` resolves to {code, signal}. stderr is kept for
// failure messages (the server logs there, never on stdout).
export function startServer(args = ['--stdio']) {
  const [command, ...prefix] = [...wrapper, binary];
  const child = spawn(command, [...prefix, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  // Writes after the server exited must not crash the test process.
  child.stdin.on('error', () => {});
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, exited, stderr: () => stderr };
}

// A vscode-jsonrpc MessageConnection over the server's stdio, listening.
export function connect(server) {
  const connection = rpc.createMessageConnection(
    new rpc.StreamMessageReader(server.child.stdout),
    new rpc.StreamMessageWriter(server.child.stdin));
  connection.listen();
  return connection;
}

export const ResponseError = rpc.ResponseError;
export const CancellationTokenSource = rpc.CancellationTokenSource;

export function frame(body) {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'ascii'), bytes]);
}

// A byte-level client: writes whatever it is given and parses the server's
// framed replies itself, keeping each body's raw text so tests can check the
// exact JSON (an id of "7" versus 7, an id of null).
export class RawClient {
  constructor(server) {
    this.server = server;
    this.buffer = Buffer.alloc(0);
    this.messages = [];
    this.waiters = [];
    this.ended = false;
    server.child.stdout.on('data', (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.#parse();
    });
    server.child.stdout.on('end', () => {
      this.ended = true;
      this.#wake();
    });
  }

  #parse() {
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const header = this.buffer.subarray(0, end).toString('ascii');
      const match = /^Content-Length: (\d+)$/im.exec(header);
      if (!match) throw new Error(`bad header from server: ${header}`);
      const length = Number(match[1]);
      if (this.buffer.length < end + 4 + length) return;
      const text = this.buffer.subarray(end + 4, end + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(end + 4 + length);
      this.messages.push({ text, json: JSON.parse(text) });
      this.#wake();
    }
  }

  #wake() {
    while (this.waiters.length > 0 && (this.messages.length > 0 || this.ended)) {
      this.waiters.shift()();
    }
  }

  write(bytes) {
    return new Promise((resolve, reject) => {
      this.server.child.stdin.write(bytes, (error) => (error ? reject(error) : resolve()));
    });
  }

  send(body) {
    return this.write(frame(typeof body === 'string' ? body : JSON.stringify(body)));
  }

  // The next message as {text, json}; rejects if the output ends first.
  async next() {
    while (this.messages.length === 0) {
      if (this.ended) throw new Error(`server output ended; stderr:\n${this.server.stderr()}`);
      await new Promise((resolve) => this.waiters.push(resolve));
    }
    return this.messages.shift();
  }

  async request(id, method, params) {
    const message = { jsonrpc: '2.0', id, method };
    if (params !== undefined) message.params = params;
    await this.send(message);
    return this.next();
  }

  notify(method, params) {
    const message = { jsonrpc: '2.0', method };
    if (params !== undefined) message.params = params;
    return this.send(message);
  }
}

// Starts a server and initializes it through the raw client.
export async function initializedRaw(params = { processId: null, rootUri: null, capabilities: {} }) {
  const server = startServer();
  const client = new RawClient(server);
  const reply = await client.request(0, 'initialize', params);
  if (!reply.json.result) throw new Error(`initialize failed: ${reply.text}`);
  await client.notify('initialized', {});
  return { server, client };
}

// shutdown + exit, returning the exit status.
export async function stopRaw({ server, client }) {
  const reply = await client.request('stop', 'shutdown');
  if (reply.json.result !== null) throw new Error(`shutdown failed: ${reply.text}`);
  await client.notify('exit');
  return server.exited;
}
