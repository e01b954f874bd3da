// lifecycle.test.mjs — initialize / initialized / shutdown / exit against the
// real binary through vscode-jsonrpc, the library VS Code's client uses.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

import { CancellationTokenSource, ResponseError, binary, connect, startServer } from './client.mjs';

const TIMEOUT = { timeout: 30000 };

async function expectError(promise, code) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof ResponseError, `not a ResponseError: ${error}`);
    assert.equal(error.code, code, error.message);
    return true;
  });
}

test('full lifecycle exits with 0', TIMEOUT, async () => {
  const server = startServer();
  const connection = connect(server);
  const result = await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
    clientInfo: { name: 'e2e' },
  });
  assert.equal(result.serverInfo.name, 'glossary-ls');
  assert.equal(typeof result.serverInfo.version, 'string');
  assert.equal(result.capabilities.positionEncoding, 'utf-16');
  await connection.sendNotification('initialized', {});

  // vscode-jsonrpc sends a parameterless request without a params key.
  assert.equal(await connection.sendRequest('shutdown'), null);
  await connection.sendNotification('exit');
  const { code } = await server.exited;
  connection.dispose();
  assert.equal(code, 0, server.stderr());
});

test('position encoding follows the client preference', TIMEOUT, async () => {
  for (const [offered, expected] of [
    [['utf-8', 'utf-16'], 'utf-8'],
    [['utf-32', 'utf-8'], 'utf-32'],
    [['utf-16'], 'utf-16'],
    [['shift-jis'], 'utf-16'],
  ]) {
    const server = startServer();
    const connection = connect(server);
    const result = await connection.sendRequest('initialize', {
      processId: null, rootUri: null,
      capabilities: { general: { positionEncodings: offered } },
    });
    assert.equal(result.capabilities.positionEncoding, expected, `offered ${offered}`);
    await connection.sendNotification('exit');
    await server.exited;
    connection.dispose();
  }
});

test('requests before initialize are ServerNotInitialized', TIMEOUT, async () => {
  const server = startServer();
  const connection = connect(server);
  await expectError(connection.sendRequest('textDocument/hover', {}), -32002);
  await expectError(connection.sendRequest('shutdown'), -32002);
  await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
  await connection.sendNotification('exit');
  const { code } = await server.exited;
  connection.dispose();
  assert.equal(code, 1, 'exit without shutdown');
});

test('second initialize and requests after shutdown are InvalidRequest', TIMEOUT, async () => {
  const server = startServer();
  const connection = connect(server);
  await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
  await expectError(connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} }), -32600);
  await expectError(connection.sendRequest('no/such/method', {}), -32601);
  assert.equal(await connection.sendRequest('shutdown'), null);
  await expectError(connection.sendRequest('no/such/method', {}), -32600);
  await expectError(connection.sendRequest('shutdown'), -32600);
  await connection.sendNotification('exit');
  const { code } = await server.exited;
  connection.dispose();
  assert.equal(code, 0);
});

test('exit before initialize exits with 1', TIMEOUT, async () => {
  const server = startServer();
  const connection = connect(server);
  await connection.sendNotification('exit');
  const { code } = await server.exited;
  connection.dispose();
  assert.equal(code, 1);
});

test('a cancelled request that was already answered changes nothing', TIMEOUT, async () => {
  const server = startServer();
  const connection = connect(server);
  const source = new CancellationTokenSource();
  const result = await connection.sendRequest('initialize',
    { processId: null, rootUri: null, capabilities: {} }, source.token);
  source.cancel(); // sends $/cancelRequest for an answered id: ignored
  assert.equal(result.serverInfo.name, 'glossary-ls');
  assert.equal(await connection.sendRequest('shutdown'), null);
  await connection.sendNotification('exit');
  assert.equal((await server.exited).code, 0);
  connection.dispose();
});

test('end of input ends the process', TIMEOUT, async () => {
  const server = startServer();
  const connection = connect(server);
  await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
  server.child.stdin.end();
  const { code } = await server.exited;
  connection.dispose();
  assert.equal(code, 1, 'the client vanished without shutdown');
});

test('serve and bare invocation are the server too', TIMEOUT, async () => {
  for (const args of [[], ['serve'], ['--stdio', '--log-level=debug']]) {
    const server = startServer(args);
    const connection = connect(server);
    const result = await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
    assert.equal(result.serverInfo.name, 'glossary-ls', `args ${args}`);
    assert.equal(await connection.sendRequest('shutdown'), null);
    await connection.sendNotification('exit');
    assert.equal((await server.exited).code, 0, `args ${args}`);
    connection.dispose();
    if (args.includes('--log-level=debug')) {
      assert.match(server.stderr(), /initialize/, 'debug logs go to stderr');
    }
  }
});

test('the server takes the glossary options of every subcommand; bad options exit with 2', TIMEOUT, () => {
  const run = (args) => spawnSync(binary, args, { input: '', encoding: 'utf8' });
  const optionLines = (text) =>
    text.split('\n').filter((line) => /--(glossary|no-default-glossary|no-cache)\b/.test(line))
      .map((line) => line.trim().replace(/\s+/g, ' '));
  const serve = run(['serve', '--help']);
  const lint = run(['lint', '--help']);
  assert.equal(serve.status, 0, serve.stderr);
  assert.equal(lint.status, 0, lint.stderr);
  assert.equal(optionLines(serve.stdout).length, 3, serve.stdout);
  assert.deepEqual(optionLines(serve.stdout), optionLines(lint.stdout));
  for (const args of [['serve', '--no-such-option'], ['--stdio', '--log-level=bogus'], ['serve', 'extra']]) {
    const bad = run(args);
    assert.equal(bad.status, 2, `args ${args}: ${bad.stderr}`);
    assert.match(bad.stderr, /^glossary-ls: /, `args ${args}`);
  }
});
