// Look Up Term: workspace/symbol results to quick pick entries.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { compiled } from './helpers.mjs';

const { symbolsToPicks } = compiled('lookup');

test('symbols become picks in the server order, with the entry title and file:line', () => {
  const picks = symbolsToPicks([
    {
      name: 'LoRA',
      kind: 14,
      containerName: 'fine-tuning',
      location: { uri: 'file:///usr/share/glossary-ls/seeds/004_a.txt', range: { start: { line: 41, character: 0 }, end: { line: 41, character: 4 } } },
    },
    {
      name: 'rotary position embedding',
      kind: 14,
      location: { uri: 'file:///home/u/My%20Terms/t.glossary', range: { start: { line: 0, character: 3 }, end: { line: 0, character: 9 } } },
    },
  ]);
  assert.deepEqual(picks, [
    { label: 'LoRA', description: 'fine-tuning', detail: '004_a.txt:42', uri: 'file:///usr/share/glossary-ls/seeds/004_a.txt', line: 41, character: 0 },
    { label: 'rotary position embedding', description: '', detail: 't.glossary:1', uri: 'file:///home/u/My%20Terms/t.glossary', line: 0, character: 3 },
  ]);
});

test('empty, null and malformed answers give no picks instead of throwing', () => {
  assert.deepEqual(symbolsToPicks(null), []);
  assert.deepEqual(symbolsToPicks(undefined), []);
  assert.deepEqual(symbolsToPicks([{ name: 'x' }, { location: { uri: 'file:///a' } }, null]), []);
  // A WorkspaceSymbol without a range opens at the top of its file.
  const [pick] = symbolsToPicks([{ name: 'RAG', location: { uri: 'file:///g/terms.txt' } }]);
  assert.equal(pick.detail, 'terms.txt:1');
  assert.equal(pick.line, 0);
});
