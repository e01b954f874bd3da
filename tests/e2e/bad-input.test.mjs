// bad-input.test.mjs — malformed and hostile input written as raw bytes to the
// real binary: every case must get the documented error (or be ignored) and
// the server must keep serving, then still shut down with exit code 0.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { RawClient, frame, initializedRaw, startServer, stopRaw } from './client.mjs';

const TIMEOUT = { timeout: 60000 };

function assertError(message, id, code) {
  assert.equal(message.json.jsonrpc, '2.0', message.text);
  assert.deepEqual(message.json.id, id, message.text);
  assert.equal(message.json.error?.code, code, message.text);
  assert.equal(typeof message.json.error.message, 'string', message.text);
  assert.equal(message.json.result, undefined, message.text);
}

// A cheap request proving the server still answers in order.
async function assertServing(client, id = 'ping') {
  const reply = await client.request(id, 'no/such/method', {});
  assertError(reply, id, -32601);
}

test('invalid JSON gets ParseError with id null, then serving goes on', TIMEOUT, async () => {
  const session = await initializedRaw();
  const { client } = session;
  for (const body of ['{"jsonrpc":"2.0","id":1,"method":', 'not json', '{"a":1,}', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d])]) {
    await client.write(frame(body));
    const reply = await client.next();
    assertError(reply, null, -32700);
    assert.match(reply.text, /"id":null/);
  }
  await assertServing(client);
  assert.equal((await stopRaw(session)).code, 0);
});

test('valid JSON that is no request gets InvalidRequest', TIMEOUT, async () => {
  const session = await initializedRaw();
  const { client } = session;
  const cases = [
    ['[{"jsonrpc":"2.0","id":1,"method":"shutdown"}]', null], // batch
    ['42', null],
    ['"shutdown"', null],
    ['null', null],
    ['{"id":5,"method":"shutdown"}', 5],                      // no "jsonrpc"
    ['{"jsonrpc":"1.0","id":"v","method":"shutdown"}', 'v'],
    ['{"jsonrpc":"2.0","id":null,"method":"shutdown"}', null],
    ['{"jsonrpc":"2.0","id":2.5,"method":"shutdown"}', null],
    ['{"jsonrpc":"2.0","id":6,"method":7}', 6],
    ['{"jsonrpc":"2.0","id":8}', 8],
    ['{"jsonrpc":"2.0","id":9,"method":"shutdown","params":"x"}', 9],
  ];
  for (const [body, id] of cases) {
    await client.write(frame(body));
    assertError(await client.next(), id, -32600);
  }
  await assertServing(client);
  assert.equal((await stopRaw(session)).code, 0, 'none of the bad shutdowns counted');
});

test('ids are echoed exactly', TIMEOUT, async () => {
  const session = await initializedRaw();
  const { client } = session;
  for (const [raw, expected] of [['"7"', '"7"'], ['7', '7'], ['"é \\"q\\""', '"é \\"q\\""'], ['-42', '-42'], ['9007199254740993', '9007199254740993']]) {
    await client.write(frame(`{"jsonrpc":"2.0","id":${raw},"method":"no/such"}`));
    const reply = await client.next();
    assert.ok(reply.text.includes(`"id":${expected}`), `${raw} came back in ${reply.text}`);
  }
  assert.equal((await stopRaw(session)).code, 0);
});

test('unknown notifications are ignored, $/ requests are MethodNotFound', TIMEOUT, async () => {
  const session = await initializedRaw();
  const { client } = session;
  await client.notify('no/such/notification', { x: 1 });
  await client.notify('$/setTrace', { value: 'off' });
  await client.notify('$/cancelRequest', { id: 12345 });
  // Processing is in order: a reply to any notification would arrive first.
  await assertServing(client, 'after-notifications');
  assertError(await client.request(3, '$/unknownRequest', {}), 3, -32601);
  assert.equal((await stopRaw(session)).code, 0);
});

test('wrongly typed params are InvalidParams naming the field', TIMEOUT, async () => {
  const server = startServer();
  const client = new RawClient(server);
  const reply = await client.request(1, 'initialize', { processId: null, rootUri: 5, capabilities: {} });
  assertError(reply, 1, -32602);
  assert.match(reply.json.error.message, /rootUri/);
  const array = await client.request(2, 'initialize', [1, 2]);
  assertError(array, 2, -32602);
  // Still uninitialized, so a proper initialize works now.
  const ok = await client.request(3, 'initialize', { processId: null, rootUri: null, capabilities: {} });
  assert.equal(ok.json.result.serverInfo.name, 'glossary-ls');
  assert.equal((await stopRaw({ server, client })).code, 0);
});

test('a body over 16 MiB gets an error, then serving goes on', TIMEOUT, async () => {
  const session = await initializedRaw();
  const { client } = session;
  const size = 16 * 1024 * 1024 + 1;
  const prefix = '{"jsonrpc":"2.0","id":"big","method":"no/such","params":{"pad":"';
  const body = Buffer.alloc(size, 'x');
  body.write(prefix, 0, 'ascii');
  body.write('"}}', size - 3, 'ascii');
  // The error is due as soon as the header is read, before the body is sent.
  await client.write(Buffer.from(`Content-Length: ${size}\r\n\r\n`));
  assertError(await client.next(), null, -32700);
  await client.write(body);
  await assertServing(client);
  assert.equal((await stopRaw(session)).code, 0);
});

test('frames split across writes and glued together', TIMEOUT, async () => {
  const session = await initializedRaw();
  const { client } = session;
  const bytes = frame('{"jsonrpc":"2.0","id":"split","method":"no/such"}');
  for (const [start, end] of [[0, 5], [5, 16], [16, 18], [18, 19], [19, 30], [30, bytes.length]]) {
    await client.write(bytes.subarray(start, end));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assertError(await client.next(), 'split', -32601);
  await client.write(Buffer.concat([frame('{"jsonrpc":"2.0","id":1,"method":"a"}'),
    frame('{"jsonrpc":"2.0","id":2,"method":"b"}')]));
  assertError(await client.next(), 1, -32601);
  assertError(await client.next(), 2, -32601);
  assert.equal((await stopRaw(session)).code, 0);
});

test('broken headers are reported and the stream resynchronizes', TIMEOUT, async () => {
  const session = await initializedRaw();
  const { client } = session;
  const good = frame('{"jsonrpc":"2.0","id":"after","method":"no/such"}');
  for (const bad of [
    'X-Nothing: 1\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"shutdown"}',
    'Content-Length: twelve\r\n\r\n{}',
    'Content-Length: 2\r\nContent-Type: application/gvariant\r\n\r\n{}',
  ]) {
    await client.write(Buffer.concat([Buffer.from(bad), good]));
    assertError(await client.next(), null, -32700);
    assertError(await client.next(), 'after', -32601);
  }
  assert.equal((await stopRaw(session)).code, 0, 'the hidden shutdown was never run');
});

test('deeply nested JSON is refused without crashing', TIMEOUT, async () => {
  const session = await initializedRaw();
  const { client } = session;
  const depth = 200000;
  await client.write(frame(`{"jsonrpc":"2.0","id":1,"method":"x","params":${'['.repeat(depth)}${']'.repeat(depth)}}`));
  assertError(await client.next(), null, -32700);
  await assertServing(client);
  assert.equal((await stopRaw(session)).code, 0);
});

test('end of input inside a message ends the process', TIMEOUT, async () => {
  const session = await initializedRaw();
  await session.client.write(Buffer.from('Content-Length: 100\r\n\r\n{"jsonrpc":'));
  session.server.child.stdin.end();
  const { code } = await session.server.exited;
  assert.equal(code, 1);
});
