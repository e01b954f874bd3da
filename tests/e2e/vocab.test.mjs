// vocab.test.mjs — vocabulary lists (cspell, Vale, typos) and `avoid:` lines
// through the real binary: preferred-term diagnostics and their quick fixes
// over the real client library (vscode-jsonrpc), hover of a word that only a
// word list spells, and `lint --format sarif` on the same document.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';

import { binary } from './client.mjs';
import { GLOSSARY, Session, applyEdits, positionOf } from './workspace-session.mjs';

const TIMEOUT = { timeout: 60000 };
after(() => Session.killAll());

const FILES = {
  'cspell.json': '// team words\n{\n  "version": "0.2",\n  "words": ["QLoRA", "DeepSpeed"],\n' +
    '  "flagWords": ["hte", "finetuning->fine-tuning"],\n}\n',
  'styles/Team/reject.txt': 'blacklist\n[Ss]lave\n',
  '_typos.toml': '[default.extend-words]\nwhitelist = "allowlist"\nbitsandbytes = "bitsandbytes"\n',
};
const PROJECT = JSON.stringify({ glossaries: Object.keys(FILES) });
const AVOID = GLOSSARY + 'main branch, default branch, trunk branch\n**Main branch** is where releases start.\n' +
  'Avoid: master branch\n';

function prepare(dir) {
  for (const [name, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

const DOC = '# Notes\n\nWe did finetuning with QLoRA, then put hte host on the whitelist\n' +
  'and the Blacklist; merge to the master branch.\n';
// needle, fix (null: reported without one), where the rejection is written
const EXPECTED = [
  ['finetuning', 'fine-tuning', 'cspell.json:5'],
  ['hte', null, 'cspell.json:5'],
  ['whitelist', 'allowlist', '_typos.toml:2'],
  ['Blacklist', null, 'reject.txt:1'],
  ['master branch', 'main branch', 'terms.txt:15'],
];

test('preferred-term: every rejected word reported, fixed by its code action', TIMEOUT, async () => {
  const s = await Session.start({ glossary: AVOID, projectFile: PROJECT, prepare });
  const uri = s.uri('notes.md');
  await s.open(uri, 'markdown', DOC);
  const published = await s.diagnostics(uri, (p) => p.version === 1 && p.diagnostics.length > 0);
  const got = published.diagnostics.filter((d) => d.code === 'preferred-term');
  assert.deepEqual(got.map((d) => `${d.range.start.line}:${d.range.start.character}`),
    EXPECTED.map(([needle]) => { const p = positionOf(DOC, needle); return `${p.line}:${p.character}`; }));
  for (const [i, [needle, fix, where]] of EXPECTED.entries()) {
    assert.ok(got[i].message.includes(where), `${needle}: ${got[i].message}`);
    assert.ok(got[i].message.includes(needle), got[i].message);
    assert.equal(got[i].severity, 2);
    const actions = await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: got[i].range, context: { diagnostics: [got[i]] },
    });
    if (fix === null) {
      assert.equal(actions.filter((a) => a.kind === 'quickfix').length, 0, JSON.stringify(actions));
      continue;
    }
    const action = actions.find((a) => a.isPreferred);
    assert.ok(action, JSON.stringify(actions));
    const edited = applyEdits(DOC, action.edit.documentChanges[0].edits);
    assert.ok(edited.includes(fix) && !edited.includes(needle), edited);
  }
  // Words of the lists are glossary terms: no finding for QLoRA or DeepSpeed.
  assert.equal(published.diagnostics.filter((d) => d.code !== 'preferred-term').length, 0,
    JSON.stringify(published.diagnostics));
  assert.equal(await s.stop(), 0);
});

test('hover on a word only a word list spells says where it comes from', TIMEOUT, async () => {
  const s = await Session.start({ projectFile: PROJECT, prepare });
  const uri = s.uri('notes.md');
  const text = '# Notes\n\nWe shard with DeepSpeed.\n';
  await s.open(uri, 'markdown', text);
  const hover = await s.connection.sendRequest('textDocument/hover', {
    textDocument: { uri }, position: positionOf(text, 'DeepSpeed'),
  });
  assert.ok(hover, 'a hover');
  const value = hover.contents.value ?? hover.contents;
  assert.match(value, /DeepSpeed/);
  assert.match(value, /Spelling from a cspell word list, no definition\./);
  assert.match(value, /cspell\.json:4/);
  // Go to definition lands on the word in cspell.json.
  const defs = await s.connection.sendRequest('textDocument/definition', {
    textDocument: { uri }, position: positionOf(text, 'DeepSpeed'),
  });
  const def = Array.isArray(defs) ? defs[0] : defs;
  assert.ok(def.uri.endsWith('/cspell.json'), def.uri);
  assert.deepEqual(def.range.start, { line: 3, character: FILES['cspell.json'].split('\n')[3].indexOf('DeepSpeed') });
  assert.equal(await s.stop(), 0);
});

test('lint --format sarif reports the same rejections with their fixes, and a misspelled list word', TIMEOUT, () => {
  const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'gls-vocab-'));
  try {
    prepare(dir);
    fs.writeFileSync(path.join(dir, 'terms.txt'), AVOID);
    // A planted misspelling of a word only cspell.json spells.
    fs.writeFileSync(path.join(dir, 'notes.md'), DOC + 'We shard with DeepSpeeed.\n');
    fs.writeFileSync(path.join(dir, '.glossary-ls.json'),
      JSON.stringify({ glossaries: [...Object.keys(FILES), 'terms.txt'] }));
    const r = spawnSync(binary, ['lint', '--no-default-glossary', '--format', 'sarif', 'notes.md'],
      { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    const run = JSON.parse(r.stdout).runs[0];
    assert.ok(run.tool.driver.rules.some((rule) => rule.id === 'preferred-term'));
    const got = run.results.filter((res) => res.ruleId === 'preferred-term').map((res) => {
      const region = res.locations[0].physicalLocation.region;
      const fix = res.fixes?.[0]?.artifactChanges[0].replacements[0].insertedContent.text ?? null;
      return `${region.startLine}:${region.startColumn} ${fix}`;
    });
    assert.deepEqual(got, EXPECTED.map(([needle, fix]) => {
      const p = positionOf(DOC, needle);
      return `${p.line + 1}:${p.character + 1} ${fix}`;
    }));
    const typo = run.results.filter((res) => res.ruleId === 'misspelled-term');
    assert.equal(typo.length, 1, JSON.stringify(run.results));
    assert.equal(typo[0].locations[0].physicalLocation.region.startLine, DOC.split('\n').length);
    assert.equal(typo[0].fixes[0].artifactChanges[0].replacements[0].insertedContent.text, 'DeepSpeed');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an edited vocabulary file is reloaded: its new rejection is reported', TIMEOUT, async () => {
  const s = await Session.start({ projectFile: PROJECT, prepare });
  const uri = s.uri('a.md');
  const text = 'We zorp the weights.\n';
  await s.open(uri, 'markdown', text);
  let published = await s.diagnostics(uri, (p) => p.version === 1);
  assert.equal(published.diagnostics.length, 0, JSON.stringify(published.diagnostics));

  fs.writeFileSync(path.join(s.dir, '_typos.toml'), FILES['_typos.toml'] + 'zorp = "quantize"\n');
  published = await s.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'preferred-term'));
  const d = published.diagnostics.find((x) => x.code === 'preferred-term');
  assert.deepEqual(d.range.start, positionOf(text, 'zorp'));
  assert.match(d.message, /_typos\.toml:4/);
  assert.deepEqual(d.data.replacements, ['quantize']);
  assert.equal(await s.stop(), 0);
});
