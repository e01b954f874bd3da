// sync.test.mjs — open / incremental change / close against the real binary,
// with the diagnostics each step publishes, in both position encodings.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { Session, positionOf, summary } from './workspace-session.mjs';

const TIMEOUT = { timeout: 60000 };
after(() => Session.killAll());

for (const encoding of ['utf-16', 'utf-8']) {
  test(`open, change, close with diagnostics (${encoding})`, TIMEOUT, async () => {
    const s = await Session.start({ encodings: [encoding] });
    assert.equal(s.encoding, encoding);
    assert.deepEqual(s.init.capabilities.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
    const uri = s.uri('notes.md');
    let text = '# Über\n\nWe use Lora daily.\n';
    await s.open(uri, 'markdown', text);
    let published = await s.diagnostics(uri, (p) => p.version === 1);
    const at = positionOf(text, 'Lora', encoding);
    assert.equal(summary(published), `term-case@${at.line}:${at.character}`);

    // Non-ASCII inserted before the term: the encodings now disagree on the
    // column, and the server must use the negotiated one both ways.
    const insertAt = positionOf(text, 'We', encoding);
    await s.change(uri, 2, [{ range: { start: insertAt, end: insertAt }, text: '😀 é ' }]);
    text = text.replace('We', '😀 é We');
    published = await s.diagnostics(uri, (p) => p.version === 2);
    const moved = positionOf(text, 'Lora', encoding);
    assert.equal(summary(published), `term-case@${moved.line}:${moved.character}`);
    assert.equal(published.diagnostics[0].range.end.character - moved.character, 4);

    // Fix it through an edit: nothing left.
    const end = { line: moved.line, character: moved.character + 4 };
    await s.change(uri, 3, [{ range: { start: moved, end }, text: 'LoRA' }]);
    published = await s.diagnostics(uri, (p) => p.version === 3);
    assert.deepEqual(published.diagnostics, []);

    await s.close(uri);
    published = await s.diagnostics(uri, (p) => p.version === undefined);
    assert.deepEqual(published.diagnostics, []);
    assert.equal(await s.stop(), 0);
  });
}

test('a burst of incremental edits ends where a fresh open would', TIMEOUT, async () => {
  const s = await Session.start();
  const a = s.uri('a.md');
  const b = s.uri('b.md');
  let text = 'Start.\n';
  await s.open(a, 'markdown', text);
  const pieces = ['We use Lora.\n', '\n', 'Pytorch and a Levenstein transformer.\n', '- RoPE item\n', 'Lora'];
  let version = 1;
  for (const piece of pieces) {
    // Append at the end (a position past the last line is clamped there).
    await s.change(a, ++version, [{ range: { start: { line: 999, character: 0 }, end: { line: 999, character: 0 } }, text: piece }]);
    text += piece;
  }
  // Replace the first line, then delete a character in the middle.
  await s.change(a, ++version, [
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } }, text: 'Begin:' },
    { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 1 } }, text: 'p' },
  ]);
  text = text.replace('Start.', 'Begin:').replace('\nPytorch', '\npytorch');
  const edited = await s.diagnostics(a, (p) => p.version === version);
  await s.open(b, 'markdown', text);
  const fresh = await s.diagnostics(b);
  assert.equal(summary(edited), summary(fresh));
  assert.ok(summary(fresh).includes('misspelled-term'), summary(fresh));
  assert.equal(await s.stop(), 0);
});

test('full-text changes and CRLF documents', TIMEOUT, async () => {
  const s = await Session.start();
  const uri = s.uri('crlf.md');
  await s.open(uri, 'markdown', 'Intro\r\n\r\nnothing\r\n');
  let published = await s.diagnostics(uri, (p) => p.version === 1);
  assert.deepEqual(published.diagnostics, []);
  await s.change(uri, 2, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 7 } }, text: 'A Lora' }]);
  published = await s.diagnostics(uri, (p) => p.version === 2);
  assert.equal(summary(published), 'term-case@2:2');
  await s.change(uri, 3, [{ text: 'Pytorch\r\n' }]);
  published = await s.diagnostics(uri, (p) => p.version === 3);
  assert.equal(summary(published), 'term-case@0:0');
  assert.equal(await s.stop(), 0);
});
