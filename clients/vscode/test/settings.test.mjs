// The mapping from VS Code settings to the server's configuration object
// (lsp/analysis/config.h): what is sent, what is left out, path expansion.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { compiled } from './helpers.mjs';

const { parseSettings, toServerSettings, rewriteConfigurationResult, RULE_IDS, SEVERITIES, SECTION } =
  compiled('settings');

test('a full settings object maps to the server keys only', () => {
  const settings = parseSettings({
    path: '/opt/gls/bin/glossary-ls',
    glossaries: ['docs/terms.txt', '  ', 7, 'shared/glossary '],
    defaultGlossary: false,
    rules: { 'term-case': 'error', 'misspelled-term': false, 'made-up': 'hint', bad: 3 },
    ignoreWords: ['Pytorch', '', null, 'Levenstein'],
    trace: { server: 'verbose' },
  });
  assert.equal(settings.path, '/opt/gls/bin/glossary-ls');
  const server = toServerSettings(settings, { workspaceFolder: '/ws', homeDir: '/home/u' });
  assert.deepEqual(server, {
    glossaries: ['docs/terms.txt', 'shared/glossary'],
    defaultGlossary: false,
    // Unknown rule ids go through (the server reports them); non-severity
    // values are dropped.
    rules: { 'term-case': 'error', 'misspelled-term': false, 'made-up': 'hint' },
    ignoreWords: ['Pytorch', 'Levenstein'],
  });
  assert.ok(!('path' in server) && !('trace' in server), 'client-only keys must not reach the server');
});

test('unset values are not sent, so the project file keeps its say', () => {
  const server = toServerSettings(parseSettings({}));
  assert.deepEqual(server, { glossaries: [], rules: {}, ignoreWords: [] });
  assert.ok(!('defaultGlossary' in server));
  // Wrong types from a hand-edited settings.json count as unset.
  const odd = toServerSettings(parseSettings({ glossaries: 'a.txt', rules: ['x'], defaultGlossary: 'no' }));
  assert.deepEqual(odd, { glossaries: [], rules: {}, ignoreWords: [] });
});

test('glossary paths expand ~, ${userHome} and ${workspaceFolder}; relative ones stay relative', () => {
  const server = toServerSettings(
    parseSettings({
      glossaries: ['~/terms.glossary', '${userHome}/g', '${workspaceFolder}/docs/g.txt', 'rel/g.txt', 'a~b'],
    }),
    { workspaceFolder: '/work/proj', homeDir: '/home/ada' },
  );
  assert.deepEqual(server.glossaries, [
    '/home/ada/terms.glossary',
    '/home/ada/g',
    '/work/proj/docs/g.txt',
    'rel/g.txt',
    'a~b',
  ]);
  // Without a folder the variable stays, so the server's error names it.
  const noFolder = toServerSettings(parseSettings({ glossaries: ['${workspaceFolder}/g'] }), { homeDir: '/h' });
  assert.deepEqual(noFolder.glossaries, ['${workspaceFolder}/g']);
});

test('the mapping does not alias the input', () => {
  const settings = parseSettings({ rules: { 'term-case': 'hint' }, ignoreWords: ['x'] });
  const server = toServerSettings(settings);
  server.rules['term-case'] = 'off';
  server.ignoreWords.push('y');
  assert.equal(settings.rules['term-case'], 'hint');
  assert.deepEqual(settings.ignoreWords, ['x']);
});

test('workspace/configuration answers: only the glossaryLs items are replaced', () => {
  const calls = [];
  const result = rewriteConfigurationResult(
    [{ section: 'editor' }, { section: SECTION, scopeUri: 'file:///ws' }, { section: SECTION }, {}],
    [{ tabSize: 4 }, { path: '/x', trace: { server: 'off' } }, null],
    (scopeUri) => {
      calls.push(scopeUri);
      return { glossaries: [scopeUri ?? 'none'], rules: {}, ignoreWords: [] };
    },
  );
  assert.deepEqual(calls, ['file:///ws', undefined]);
  assert.deepEqual(result, [
    { tabSize: 4 },
    { glossaries: ['file:///ws'], rules: {}, ignoreWords: [] },
    { glossaries: ['none'], rules: {}, ignoreWords: [] },
    null,
  ]);
});

test('rule ids and severities match the server catalogue', async () => {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { sourceRoot } = await import('./helpers.mjs');
  const header = readFileSync(join(sourceRoot, 'lsp', 'analysis', 'rule_info.h'), 'utf8');
  const ids = [...header.matchAll(/#define GLS_RULE_\w+\s+"([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual([...RULE_IDS].sort(), ids.sort());
  const config = readFileSync(join(sourceRoot, 'lsp', 'analysis', 'config.h'), 'utf8');
  for (const severity of SEVERITIES) {
    assert.match(config, new RegExp(`"${severity}"`), `config.h does not accept "${severity}"`);
  }
});
