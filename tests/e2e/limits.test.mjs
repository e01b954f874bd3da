// limits.test.mjs — the framing limit of the real binary, from both sides: a
// message of exactly 16 MiB (the largest body the message layer accepts) is
// served, one of 16 MiB + 1 byte gets ParseError (-32700) with id null, and
// in both cases the server goes on answering and exits cleanly. The 16 MiB
// message is a didOpen of a 16 MiB Markdown document, so the document, prose
// and diagnostics paths see it too.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { initializedRaw, stopRaw } from './client.mjs';

const TIMEOUT = { timeout: 120000 };
const LIMIT = 16 * 1024 * 1024;
const URI = 'file:///limits/big.md';

// A didOpen notification whose JSON body is exactly `size` bytes: Markdown
// lines mentioning glossary terms, padded at the end of the text.
function didOpen(size) {
  const head = `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"${URI}","languageId":"markdown","version":1,"text":"`;
  const tail = '"}}}';
  const line = 'We fine-tune the model with LoRA and Pytorch on rotary position embedding.\\n';
  const room = size - head.length - tail.length;
  const text = line.repeat(Math.floor(room / line.length)).padEnd(room, 'x');
  const body = Buffer.from(head + text + tail, 'ascii');
  assert.equal(body.length, size);
  return body;
}

async function send(client, body) {
  await client.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
}

test('a message of exactly 16 MiB is served', TIMEOUT, async () => {
  const session = await initializedRaw();
  const { client } = session;
  await send(client, didOpen(LIMIT));
  // The document is open: a hover on its first term ("LoRA", line 0) answers.
  const reply = await client.request('hover', 'textDocument/hover',
    { textDocument: { uri: URI }, position: { line: 0, character: 30 } });
  assert.equal(reply.json.id, 'hover', reply.text.slice(0, 300));
  assert.equal(reply.json.error, undefined, reply.text.slice(0, 300));
  assert.match(JSON.stringify(reply.json.result?.contents ?? ''), /LoRA/i);
  assert.equal((await stopRaw(session)).code, 0);
});

test('a message of 16 MiB + 1 byte is ParseError, then serving goes on', TIMEOUT, async () => {
  const session = await initializedRaw();
  const { client } = session;
  await send(client, didOpen(LIMIT + 1));
  const error = await client.next();
  assert.equal(error.json.id, null, error.text);
  assert.equal(error.json.error?.code, -32700, error.text);
  // The document was not opened; the server still answers.
  const reply = await client.request('after', 'no/such/method', {});
  assert.equal(reply.json.error?.code, -32601, reply.text);
  assert.equal((await stopRaw(session)).code, 0);
});
