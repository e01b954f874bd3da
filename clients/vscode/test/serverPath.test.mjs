// Server binary resolution: the setting, then PATH, then the bundled binary
// of a platform package, then a clear error.
// Uses real files in a temporary directory (execute bits and all).
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

import { compiled } from './helpers.mjs';

const { resolveServerPath, searchPath, expandVariables, ServerNotFoundError } = compiled('serverPath');

const root = mkdtempSync(join(tmpdir(), 'gls-path-'));
after(() => rmSync(root, { recursive: true, force: true }));

function file(relative, mode) {
  const path = join(root, relative);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, mode);
  return path;
}

const binA = file('a/glossary-ls', 0o755);
const binB = file('b/glossary-ls', 0o755);
file('plain/glossary-ls', 0o644); // not executable
mkdirSync(join(root, 'dir/glossary-ls'), { recursive: true }); // a directory
const custom = file('ws/tools/gls-dev', 0o755);

test('PATH: the first directory with an executable glossary-ls wins', () => {
  const envPath = [join(root, 'missing'), join(root, 'plain'), join(root, 'dir'), join(root, 'b'), join(root, 'a')].join(':');
  assert.deepEqual(resolveServerPath({ envPath, platform: 'linux' }), { path: binB, source: 'PATH' });
  assert.deepEqual(resolveServerPath({ setting: '  ', envPath, platform: 'linux' }), { path: binB, source: 'PATH' });
});

test('PATH: empty entries (the current directory) are never searched', () => {
  const cwd = process.cwd();
  process.chdir(join(root, 'a'));
  try {
    assert.equal(searchPath('glossary-ls', { envPath: ':', platform: 'linux' }), undefined);
  } finally {
    process.chdir(cwd);
  }
});

test('nothing found: the error says how to fix it', () => {
  assert.throws(
    () => resolveServerPath({ envPath: join(root, 'plain'), platform: 'linux' }),
    (error) => {
      assert.ok(error instanceof ServerNotFoundError);
      assert.equal(error.fromSetting, false);
      assert.match(error.message, /not found on PATH/);
      assert.match(error.message, /glossaryLs\.path/);
      return true;
    },
  );
});

test('the setting wins over PATH, absolute or relative to the workspace folder', () => {
  const envPath = join(root, 'a');
  assert.deepEqual(resolveServerPath({ setting: binB, envPath, platform: 'linux' }), { path: binB, source: 'setting' });
  assert.deepEqual(
    resolveServerPath({ setting: 'tools/gls-dev', workspaceFolder: join(root, 'ws'), envPath, platform: 'linux' }),
    { path: custom, source: 'setting' },
  );
  assert.deepEqual(
    resolveServerPath({ setting: '${workspaceFolder}/tools/gls-dev', workspaceFolder: join(root, 'ws'), envPath, platform: 'linux' }),
    { path: custom, source: 'setting' },
  );
  assert.deepEqual(
    resolveServerPath({ setting: '~/b/glossary-ls', homeDir: root, envPath, platform: 'linux' }),
    { path: binB, source: 'setting' },
  );
});

test('a bare name in the setting is looked up on PATH', () => {
  assert.deepEqual(
    resolveServerPath({ setting: 'gls-dev', envPath: join(root, 'ws', 'tools'), platform: 'linux' }),
    { path: custom, source: 'setting' },
  );
  assert.throws(
    () => resolveServerPath({ setting: 'gls-nope', envPath: join(root, 'a'), platform: 'linux' }),
    (error) => error instanceof ServerNotFoundError && error.fromSetting && /gls-nope/.test(error.message),
  );
});

test('a wrong setting is reported, never replaced by the binary on PATH', () => {
  for (const setting of [join(root, 'plain', 'glossary-ls'), join(root, 'dir', 'glossary-ls'), join(root, 'nope')]) {
    assert.throws(
      () => resolveServerPath({ setting, envPath: join(root, 'a'), platform: 'linux' }),
      (error) => {
        assert.ok(error instanceof ServerNotFoundError);
        assert.equal(error.fromSetting, true);
        assert.ok(error.message.includes(setting), error.message);
        return true;
      },
    );
  }
});

test('Windows: PATHEXT suffixes, ; separators, no execute bit', () => {
  const present = new Set(['C:\\tools\\glossary-ls.exe', 'D:\\gls\\server.cmd']);
  const isExecutable = (f) => present.has(f);
  assert.deepEqual(
    resolveServerPath({ envPath: 'C:\\nothing;C:\\tools', pathExt: '.COM;.EXE', platform: 'win32', isExecutable }),
    { path: 'C:\\tools\\glossary-ls.exe', source: 'PATH' },
  );
  assert.deepEqual(
    resolveServerPath({ setting: 'D:\\gls\\server', pathExt: '.EXE;.CMD', platform: 'win32', isExecutable }),
    { path: 'D:\\gls\\server.cmd', source: 'setting' },
  );
  assert.deepEqual(
    resolveServerPath({ setting: 'D:\\gls\\server.cmd', pathExt: '.EXE;.CMD', platform: 'win32', isExecutable }),
    { path: 'D:\\gls\\server.cmd', source: 'setting' },
  );
});

test('variable expansion touches only the documented forms', () => {
  const context = { workspaceFolder: '/w', homeDir: '/h' };
  assert.equal(expandVariables('~', context), '/h');
  assert.equal(expandVariables('~/x', context), '/h/x');
  assert.equal(expandVariables('~user/x', context), '~user/x');
  assert.equal(expandVariables('${userHome}/${workspaceFolder}', context), '/h//w');
  assert.equal(expandVariables('${env:HOME}/x', context), '${env:HOME}/x');
});

test('the bundled binary comes after the setting and PATH, and only when executable', () => {
  const bundled = file('ext/server/bin/glossary-ls', 0o755);
  const envPath = join(root, 'b');
  // PATH first: an installed server is preferred to the bundled one.
  assert.deepEqual(resolveServerPath({ envPath, bundled, platform: 'linux' }), { path: binB, source: 'PATH' });
  // The setting first of all.
  assert.deepEqual(resolveServerPath({ setting: binA, envPath, bundled, platform: 'linux' }), { path: binA, source: 'setting' });
  // Nothing on PATH: the bundled binary.
  assert.deepEqual(resolveServerPath({ envPath: join(root, 'plain'), bundled, platform: 'linux' }), { path: bundled, source: 'bundled' });
  // A wrong setting is still an error, never replaced by the bundled binary.
  assert.throws(
    () => resolveServerPath({ setting: join(root, 'nope'), envPath: join(root, 'plain'), bundled, platform: 'linux' }),
    (error) => error instanceof ServerNotFoundError && error.fromSetting,
  );
  // A bundled path that is missing or not executable: the usual error.
  for (const missing of [join(root, 'ext/server/bin/none'), join(root, 'plain', 'glossary-ls')]) {
    assert.throws(
      () => resolveServerPath({ envPath: join(root, 'missing'), bundled: missing, platform: 'linux' }),
      (error) => error instanceof ServerNotFoundError && !error.fromSetting && /not found on PATH/.test(error.message),
    );
  }
});
