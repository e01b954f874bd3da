// hover.mjs — one LSP session over stdio with an installed glossary-ls, for
// the package tests (chroot.sh): initialize, open a Markdown document in
// memory, hover on "LoRA", shut down. The server is GLS_BINARY run under
// GLS_SERVER_WRAPPER (e.g. "chroot /path/to/root"), as tests/e2e/client.mjs
// starts it. The expected title is what the same installation's
// `define LoRA` prints first. Exits non-zero with a message on any mismatch.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

import { binary, connect, startServer } from '../e2e/client.mjs';

const wrapper = (process.env.GLS_SERVER_WRAPPER ?? '').split(' ').filter((w) => w !== '');
const [command, ...prefix] = [...wrapper, binary];
const title = execFileSync(command, [...prefix, 'define', 'LoRA'], { encoding: 'utf8' }).split('\n')[0];
assert.match(title, /LoRA/, `define LoRA printed: ${title}`);

const server = startServer();
const connection = connect(server);
const timer = setTimeout(() => {
  console.error(`hover: no answer in 60 s; server stderr:\n${server.stderr()}`);
  process.exit(1);
}, 60_000);

const init = await connection.sendRequest('initialize', {
  processId: process.pid,
  rootUri: null,
  capabilities: { textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } } },
});
assert.ok(init.capabilities.hoverProvider, 'the server announces no hover provider');
connection.sendNotification('initialized', {});
const uri = 'file:///tmp/glossary-ls-package-test/notes.md';
const text = 'We fine-tune the model with LoRA adapters.\n';
connection.sendNotification('textDocument/didOpen', {
  textDocument: { uri, languageId: 'markdown', version: 1, text },
});
const character = text.indexOf('LoRA') + 1;
const hover = await connection.sendRequest('textDocument/hover', {
  textDocument: { uri },
  position: { line: 0, character },
});
assert.ok(hover, 'hover on LoRA returned null');
const value = typeof hover.contents === 'string' ? hover.contents : hover.contents.value ?? JSON.stringify(hover.contents);
// The hover names the entry (markdown may bold it): compare without markup.
const plain = value.replace(/[*_`]/g, '');
assert.ok(plain.includes(title), `the hover does not show "${title}":\n${value}`);
await connection.sendRequest('shutdown');
connection.sendNotification('exit');
const { code } = await server.exited;
clearTimeout(timer);
assert.equal(code, 0, `the server exited with ${code}; stderr:\n${server.stderr()}`);
connection.dispose();
console.log(`hover: ${title} (${value.length} characters)`);
