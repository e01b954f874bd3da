// deprecated.test.mjs — deprecated names of team glossaries in every format
// (YAML, JSON, CSV, Contextive, Markdown headings / definition lists /
// bold-lead items, Sphinx, and the seed format's "Deprecated:" line) through
// the real binary: a preferred-term diagnostic per use with the quick fix to
// the headword and the file:line of the deprecated name, a hover on one that
// says it is deprecated for the headword, over the real client library
// (vscode-jsonrpc); and `lint --format sarif` on the same document.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';

import { binary } from './client.mjs';
import { Session, applyEdits, positionOf } from './workspace-session.mjs';

const TIMEOUT = { timeout: 60000 };
after(() => Session.killAll());

const FILES = {
  'glossary.yml': '- term: allowlist\n  definition: A list of what is permitted.\n  deprecated: [whitelist]\n',
  'glossary.json': '[{"term": "blocklist", "definition": "A list of what is refused.",\n' +
    '  "deprecated": ["blacklist"]}]\n',
  'glossary.csv': 'term,definition,deprecated\nprimary,The node that takes writes.,master\n',
  '.contextive/definitions.yml': 'contexts:\n  - name: Serving\n    terms:\n      - name: replica\n' +
    '        definition: One copy of the model.\n        deprecated: [slave]\n',
  'GLOSSARY.md': '# Glossary\n\n## Sanity check\n\nA quick test, also called **smoke screen** (deprecated).\n\n' +
    '## Placeholder\n\nA stand-in value.\n',
  'terms.md': 'Attention head\nAttn head (deprecated)\n: One attention function of a layer.\n\n' +
    '- **Pull request**: a proposed change, also called merge ask (deprecated).\n',
  'glossary.rst': '.. glossary::\n\n   inference\n   scoring run (deprecated)\n      Running a trained model.\n',
};
const SEED = 'main branch, default branch\n**Main branch** is where releases start.\nDeprecated: trunk line\n';
const PROJECT = JSON.stringify({ glossaries: Object.keys(FILES) });

function prepare(dir) {
  for (const [name, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

const DOC = '# Notes\n\nAdd the host to the whitelist, not the blacklist. Writes go to the master,\n' +
  'each slave copies it. Run a smoke screen before the attn head change, open a merge ask,\n' +
  'then a scoring run; merge to the trunk line.\n';
// needle, fix, where the deprecated name is written
const EXPECTED = [
  ['whitelist', 'allowlist', 'glossary.yml:3'],
  ['blacklist', 'blocklist', 'glossary.json:2'],
  ['master', 'primary', 'glossary.csv:2'],
  ['slave', 'replica', 'definitions.yml:6'],
  ['smoke screen', 'Sanity check', 'GLOSSARY.md:5'],
  ['attn head', 'Attention head', 'terms.md:2'],
  ['merge ask', 'Pull request', 'terms.md:5'],
  ['scoring run', 'inference', 'glossary.rst:4'],
  ['trunk line', 'main branch', 'terms.txt:3'],
];

test('preferred-term: each deprecated name reported at its use, fixed to the headword', TIMEOUT, async () => {
  const s = await Session.start({ glossary: SEED, projectFile: PROJECT, prepare });
  const uri = s.uri('notes.md');
  await s.open(uri, 'markdown', DOC);
  const published = await s.diagnostics(uri, (p) => p.version === 1 && p.diagnostics.length > 0);
  const got = published.diagnostics.filter((d) => d.code === 'preferred-term');
  assert.deepEqual(got.map((d) => `${d.range.start.line}:${d.range.start.character}`),
    EXPECTED.map(([needle]) => { const p = positionOf(DOC, needle); return `${p.line}:${p.character}`; }),
    JSON.stringify(published.diagnostics));
  for (const [i, [needle, fix, where]] of EXPECTED.entries()) {
    assert.ok(got[i].message.includes(`(${where})`) || got[i].message.includes(`/${where})`),
      `${needle}: ${got[i].message}`);
    const actions = await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: got[i].range, context: { diagnostics: [got[i]] },
    });
    const action = actions.find((a) => a.isPreferred);
    assert.ok(action, JSON.stringify(actions));
    const edited = applyEdits(DOC, action.edit.documentChanges[0].edits);
    assert.ok(edited.includes(fix) && !edited.includes(needle), `${needle}: ${edited}`);
  }
  assert.equal(await s.stop(), 0);
});

test('hover on a deprecated name says what it is deprecated for, and shows that term', TIMEOUT, async () => {
  const s = await Session.start({
    glossary: SEED, projectFile: PROJECT, prepare,
    capabilities: { textDocument: { hover: { contentFormat: ['markdown'] } } },
  });
  const uri = s.uri('notes.md');
  await s.open(uri, 'markdown', DOC);
  const at = positionOf(DOC, 'whitelist');
  const hover = await s.connection.sendRequest('textDocument/hover', {
    textDocument: { uri }, position: { line: at.line, character: at.character + 3 },
  });
  assert.ok(hover, 'a hover');
  assert.match(hover.contents.value, /^“whitelist” is deprecated for \*\*allowlist\*\* \(\[glossary\.yml:3\]\(file:\/\/\/.*\/glossary\.yml#L3\)\)\./);
  assert.match(hover.contents.value, /A list of what is permitted\./);
  assert.deepEqual(hover.range, { start: at, end: { line: at.line, character: at.character + 'whitelist'.length } });
  // A two-word one, from its second word.
  const two = positionOf(DOC, 'trunk line');
  const hover2 = await s.connection.sendRequest('textDocument/hover', {
    textDocument: { uri }, position: { line: two.line, character: two.character + 7 },
  });
  assert.match(hover2.contents.value, /^“trunk line” is deprecated for \*\*main branch\*\* \(\[terms\.txt:3\]\(file:.*\)\)\./);
  assert.equal(await s.stop(), 0);
});

test('lint --format sarif reports every deprecated name with its fix', TIMEOUT, () => {
  const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'gls-deprecated-'));
  try {
    prepare(dir);
    fs.writeFileSync(path.join(dir, 'terms.txt'), SEED);
    fs.writeFileSync(path.join(dir, 'notes.md'), DOC);
    fs.writeFileSync(path.join(dir, '.glossary-ls.json'),
      JSON.stringify({ glossaries: [...Object.keys(FILES), 'terms.txt'] }));
    const r = spawnSync(binary, ['lint', '--no-default-glossary', '--format', 'sarif', 'notes.md'],
      { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    const run = JSON.parse(r.stdout).runs[0];
    const got = run.results.filter((res) => res.ruleId === 'preferred-term').map((res) => {
      const region = res.locations[0].physicalLocation.region;
      const fix = res.fixes?.[0]?.artifactChanges[0].replacements[0].insertedContent.text ?? null;
      const where = res.message.text.match(/\(([^()]*:\d+)\)$/)?.[1];
      return `${region.startLine}:${region.startColumn} ${fix} ${path.basename(where ?? '')}`;
    });
    assert.deepEqual(got, EXPECTED.map(([needle, fix, where]) => {
      const p = positionOf(DOC, needle);
      return `${p.line + 1}:${p.character + 1} ${fix} ${path.basename(where)}`;
    }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
