// diagnostics.test.mjs — what the real binary publishes for Markdown and code
// comments, and code actions whose edits, applied, give the fixed text.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { Session, applyEdits, positionOf, summary } from './workspace-session.mjs';

const TIMEOUT = { timeout: 60000 };
after(() => Session.killAll());

const cases = [
  {
    name: 'markdown', file: 'doc.md', languageId: 'markdown',
    text: '# Notes\n\nWe trained `Lora` code and Lora adapters with Pytorch.\n',
    expect: [['term-case', 'Lora', 1], ['term-case', 'Pytorch', 0]],
  },
  {
    name: 'c', file: 'x.c', languageId: 'c',
    text: '/* Fine-tuned with Lora. */\nint Lora = 0; // via Pytorch\nconst char *s = "Lora";\n',
    expect: [['term-case', 'Lora', 0], ['term-case', 'Pytorch', 0]],
  },
  {
    name: 'python', file: 'x.py', languageId: 'python',
    text: 'def f():\n    """Uses Lora."""\n    Lora = "Pytorch"  # a Levenstein transformer\n',
    expect: [['term-case', 'Lora', 0], ['misspelled-term', 'Levenstein', 0]],
  },
  {
    name: 'javascript', file: 'x.js', languageId: 'javascript',
    text: 'const Pytorch = "Lora";\n// Pytorch wrapper\n/** Lora loader */\n',
    expect: [['term-case', 'Pytorch', 1], ['term-case', 'Lora', 1]],
  },
];

for (const c of cases) {
  test(`diagnostics in ${c.name} prose only, fixed by code actions`, TIMEOUT, async () => {
    const s = await Session.start();
    const uri = s.uri(c.file);
    await s.open(uri, c.languageId, c.text);
    const published = await s.diagnostics(uri, (p) => p.version === 1);
    const want = c.expect.map(([code, needle, nth]) => {
      const p = positionOf(c.text, needle, 'utf-16', nth);
      return `${code}@${p.line}:${p.character}`;
    }).join(' ');
    assert.equal(summary(published), want);
    for (const d of published.diagnostics) {
      assert.equal(d.source, 'glossary-ls');
      assert.equal(d.severity, 2);
      assert.ok(d.data.replacements.length >= 1);
    }

    // Apply the preferred fix of every diagnostic, one at a time, as an
    // editor would: the document ends up clean.
    let text = c.text;
    let version = 1;
    let current = published;
    for (;;) {
      if (current.diagnostics.length === 0) break;
      const d = current.diagnostics[0];
      const actions = await s.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri }, range: d.range, context: { diagnostics: [d] },
      });
      const fix = actions.find((a) => a.isPreferred);
      assert.ok(fix, JSON.stringify(actions));
      assert.equal(fix.kind, 'quickfix');
      const change = fix.edit.documentChanges[0];
      assert.equal(change.textDocument.version, version);
      text = applyEdits(text, change.edits);
      await s.change(uri, ++version, [{ text }]);
      current = await s.diagnostics(uri, (p) => p.version === version);
    }
    for (const [, needle] of c.expect) {
      if (needle === 'Lora') assert.ok(text.includes('LoRA'), text);
      if (needle === 'Pytorch') assert.ok(text.includes('PyTorch'), text);
      if (needle === 'Levenstein') assert.ok(text.includes('Levenshtein transformer'), text);
    }
    // Identifiers and strings were left alone.
    assert.equal(text.split('Lora').length - 1, c.text.split('Lora').length - 1 -
      c.expect.filter(([, n]) => n === 'Lora').length);
    assert.equal(await s.stop(), 0);
  });
}

test('suppression comments and the ignore-word action', TIMEOUT, async () => {
  const s = await Session.start();
  const uri = s.uri('s.md');
  const text = '<!-- glossary-ls: disable-next-line -->\nLora is fine here.\n\nA Levenstein transformer.\n';
  await s.open(uri, 'markdown', text);
  const published = await s.diagnostics(uri, (p) => p.version === 1);
  assert.equal(summary(published), 'misspelled-term@3:2');

  const d = published.diagnostics[0];
  const actions = await s.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] },
  });
  const ignore = actions.find((a) => a.command?.command === 'glossary-ls.ignoreWord');
  assert.ok(ignore, JSON.stringify(actions));
  assert.equal(ignore.title, 'Ignore “Levenstein” in this workspace');
  await s.connection.sendRequest('workspace/executeCommand', ignore.command);
  const after = await s.diagnostics(uri, (p) => p.diagnostics.length === 0);
  assert.equal(after.version, 1);
  const none = await s.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri }, range: d.range, context: { diagnostics: [], only: ['refactor'] },
  });
  assert.deepEqual(none, []);
  assert.equal(await s.stop(), 0);
});
