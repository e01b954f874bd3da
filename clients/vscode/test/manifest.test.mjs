// The extension manifest (package.json) against the code, and the packaged
// .vsix: what is inside, and that its bundled entry point loads and activates
// against a stand-in for the VS Code API (VS Code itself is not available
// here).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';

import { compiled, extensionDir, packageJson, readZip, sourceRoot } from './helpers.mjs';

const { LANGUAGES, documentSelector } = compiled('languages');
const { RULE_IDS, SEVERITIES } = compiled('settings');
const extensionSource = readFileSync(join(extensionDir, 'src', 'extension.ts'), 'utf8');
const grammarJson = JSON.parse(readFileSync(join(extensionDir, 'syntaxes', 'glossary.tmLanguage.json'), 'utf8'));

test('activation events and the document selector cover the same languages', () => {
  assert.deepEqual(packageJson.activationEvents, LANGUAGES.map((l) => `onLanguage:${l}`));
  for (const language of ['markdown', 'python', 'shellscript', 'typescriptreact', 'glossary']) {
    assert.ok(LANGUAGES.includes(language), language);
  }
  const selector = documentSelector();
  assert.equal(selector.length, LANGUAGES.length * 2);
  for (const language of LANGUAGES) {
    for (const scheme of ['file', 'untitled']) {
      assert.ok(selector.some((f) => f.language === language && f.scheme === scheme), `${scheme}:${language}`);
    }
  }
});

test('every code language is one the server reads comments of', () => {
  const table = readFileSync(join(sourceRoot, 'lsp', 'text', 'prose_code.c'), 'utf8');
  const ids = new Set([...table.matchAll(/\{ "\w+", "([^"]+)", tree_sitter_/g)].flatMap((m) => m[1].split(' ')));
  for (const language of LANGUAGES.filter((l) => l !== 'markdown' && l !== 'glossary')) {
    assert.ok(ids.has(language), `${language} is not in lsp/text/prose_code.c`);
  }
});

test('settings: the documented keys, rule severities from the server catalogue', () => {
  const properties = packageJson.contributes.configuration.properties;
  assert.deepEqual(Object.keys(properties).sort(), [
    'glossaryLs.defaultGlossary',
    'glossaryLs.glossaries',
    'glossaryLs.ignoreWords',
    'glossaryLs.path',
    'glossaryLs.rules',
    'glossaryLs.trace.server',
    'glossaryLs.workspaceSymbols',
  ]);
  assert.equal(properties['glossaryLs.path'].scope, 'machine-overridable');
  assert.deepEqual(properties['glossaryLs.trace.server'].enum, ['off', 'messages', 'verbose']);
  const rules = properties['glossaryLs.rules'];
  assert.deepEqual(Object.keys(rules.properties).sort(), [...RULE_IDS].sort());
  for (const id of RULE_IDS) {
    assert.deepEqual(rules.properties[id].enum, [...SEVERITIES]);
  }
  // Untrusted workspaces must not choose the binary that runs.
  assert.deepEqual(packageJson.capabilities.untrustedWorkspaces.restrictedConfigurations, ['glossaryLs.path']);
  // Every key the code reads is declared.
  for (const [, key] of extensionSource.matchAll(/config\.(?:get|inspect)(?:<[^>]+>)?\('([^']+)'\)/g)) {
    assert.ok(properties[`glossaryLs.${key}`], `glossaryLs.${key} is read but not declared`);
  }
});

test('commands: contributed and registered are the same set', () => {
  const contributed = packageJson.contributes.commands.map((c) => c.command).sort();
  const registered = [...extensionSource.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
  assert.deepEqual(contributed, ['glossaryLs.lookUpTerm', 'glossaryLs.restartServer']);
  assert.deepEqual(registered, contributed);
  for (const c of packageJson.contributes.commands) {
    assert.equal(c.category, 'Glossary');
  }
});

test('the glossary language and its grammar', () => {
  const [language] = packageJson.contributes.languages;
  assert.equal(language.id, 'glossary');
  assert.deepEqual(language.extensions, ['.glossary']);
  const configuration = JSON.parse(readFileSync(join(extensionDir, language.configuration), 'utf8'));
  assert.ok(Array.isArray(configuration.brackets));
  const [grammar] = packageJson.contributes.grammars;
  assert.equal(grammar.language, 'glossary');
  assert.equal(grammar.scopeName, grammarJson.scopeName);
  // Every embedded-language scope the grammar produces is mapped to a language.
  const text = JSON.stringify(grammarJson);
  const embedded = new Set([...text.matchAll(/"contentName":"(meta\.embedded\.[\w.]+)"/g)].map((m) => m[1]));
  assert.ok(embedded.size > 5);
  assert.deepEqual([...embedded].sort(), Object.keys(grammar.embeddedLanguages).sort());
});

test('the extension is MIT licensed with the repository LICENSE', () => {
  assert.equal(packageJson.license, 'MIT');
  assert.equal(readFileSync(join(extensionDir, 'LICENSE'), 'utf8'), readFileSync(join(sourceRoot, 'LICENSE'), 'utf8'));
});

// ---- the .vsix -------------------------------------------------------------

const work = mkdtempSync(join(tmpdir(), 'gls-vsix-'));
const vsixPath = join(work, 'glossary-ls.vsix');
let entries;
after(() => rmSync(work, { recursive: true, force: true }));

before(() => {
  // Packaging runs vscode:prepublish (tsc + esbuild) first; no network.
  const vsce = createRequire(join(extensionDir, 'package.json')).resolve('@vscode/vsce/vsce');
  const run = spawnSync(
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', vsixPath],
    { cwd: extensionDir, encoding: 'utf8', timeout: 300_000 },
  );
  assert.equal(run.status, 0, `vsce package failed:\n${run.stdout}\n${run.stderr}`);
  entries = readZip(vsixPath);
});

test('the .vsix holds the manifest, the bundle, the grammar and the docs, nothing else', () => {
  const files = [...entries.keys()].filter((n) => n.startsWith('extension/')).sort();
  assert.deepEqual(files, [
    'extension/LICENSE.txt',
    'extension/changelog.md',
    'extension/dist/extension.js',
    'extension/language-configuration.json',
    'extension/package.json',
    'extension/readme.md',
    'extension/syntaxes/glossary.tmLanguage.json',
  ]);
  assert.ok(entries.has('extension.vsixmanifest'));
  assert.ok(![...entries.keys()].some((n) => /node_modules|\/src\/|\/test\/|\.ts$|\.map$/.test(n)));
});

test('the packaged manifest is the source manifest', () => {
  const packed = JSON.parse(entries.get('extension/package.json').toString('utf8'));
  assert.deepEqual(packed.contributes, packageJson.contributes);
  assert.deepEqual(packed.activationEvents, packageJson.activationEvents);
  assert.equal(packed.main, './dist/extension.js');
  assert.equal(packed.publisher, packageJson.publisher);
  assert.deepEqual(
    JSON.parse(entries.get('extension/syntaxes/glossary.tmLanguage.json').toString('utf8')),
    grammarJson,
  );
  const manifest = entries.get('extension.vsixmanifest').toString('utf8');
  assert.match(manifest, /Id="glossary-ls"/);
  assert.match(manifest, /Publisher="glossary-ls"/);
});

// A stand-in for the parts of the VS Code API the extension touches before
// it starts a language client. It records what the extension does.
function fakeVscode(settings) {
  const record = { commands: new Map(), errors: [], output: [], configListeners: 0 };
  const disposable = { dispose() {} };
  const api = {
    window: {
      createOutputChannel: () => ({ appendLine: (l) => record.output.push(l), append() {}, dispose() {}, show() {} }),
      showErrorMessage: (message, ...items) => {
        record.errors.push({ message, items });
        return Promise.resolve(undefined);
      },
      showWarningMessage: () => Promise.resolve(undefined),
      activeTextEditor: undefined,
    },
    commands: {
      registerCommand: (id, fn) => {
        record.commands.set(id, fn);
        return disposable;
      },
      executeCommand: () => Promise.resolve(),
    },
    workspace: {
      workspaceFolders: undefined,
      onDidChangeConfiguration: () => {
        record.configListeners++;
        return disposable;
      },
      getConfiguration: (section) => ({
        get: (key, fallback) => settings[`${section}.${key}`] ?? fallback,
        inspect: (key) => ({ globalValue: settings[`${section}.${key}`] }),
      }),
    },
    Uri: { parse: (s) => ({ toString: () => s }) },
  };
  // vscode-languageclient subclasses API classes (CompletionItem, CodeLens,
  // ...) when it loads: any other capitalized name is an empty class.
  const proxy = new Proxy(api, {
    get: (target, key) =>
      key in target ? target[key] : typeof key === 'string' && /^[A-Z]/.test(key) ? class {} : undefined,
  });
  return { api: proxy, record };
}

test('the bundled extension loads without node_modules and reports a missing server', async () => {
  const dir = join(work, 'unpacked');
  for (const name of ['extension/package.json', 'extension/dist/extension.js']) {
    mkdirSync(join(dir, dirname(name)), { recursive: true });
    writeFileSync(join(dir, name), entries.get(name));
  }
  const missing = join(work, 'no-such-glossary-ls');
  const { api, record } = fakeVscode({ 'glossaryLs.path': missing });
  // Resolve `vscode` to the stand-in, as VS Code's loader does for the real API.
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
  };
  require_cache_set('vscode', api);
  try {
    const extension = createRequire(join(dir, 'extension', 'package.json'))('./dist/extension.js');
    assert.equal(typeof extension.activate, 'function');
    assert.equal(typeof extension.deactivate, 'function');
    const context = { subscriptions: [] };
    await extension.activate(context);
    assert.deepEqual([...record.commands.keys()].sort(), ['glossaryLs.lookUpTerm', 'glossaryLs.restartServer']);
    assert.equal(record.configListeners, 1);
    assert.equal(record.errors.length, 1, 'one error message for the missing binary');
    assert.ok(record.errors[0].message.includes(missing), record.errors[0].message);
    assert.deepEqual(record.errors[0].items, ['Open Settings']);
    await extension.deactivate();
    for (const d of context.subscriptions) d.dispose();
  } finally {
    Module._resolveFilename = resolve;
    delete Module._cache.vscode;
  }
});

function require_cache_set(id, exports) {
  const m = new Module(id);
  m.filename = id;
  m.loaded = true;
  m.exports = exports;
  Module._cache[id] = m;
}
