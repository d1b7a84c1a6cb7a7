import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boundLongStrings, cutText, sizeText } from '../../../shared/src/displayBounds';

test('sizeText prints B, KB and MB', () => {
  assert.equal(sizeText(512), '512 B');
  assert.equal(sizeText(64 * 1024), '64 KB');
  assert.equal(sizeText(1_900_000), '1.8 MB');
});

test('cutText keeps short text and cuts long text with its size', () => {
  assert.equal(cutText('abc', 5), 'abc');
  assert.equal(
    cutText('x'.repeat(2048), 1024),
    `${'x'.repeat(1024)}… [2 KB, showing the first 1 KB]`,
  );
});

test('boundLongStrings cuts only the long strings and names where they were', () => {
  const value = { input: { decoded: ['short', 'y'.repeat(3000)] }, n: 1, ok: true, none: null };
  const { value: bounded, cut } = boundLongStrings(value, 1024);
  assert.deepEqual(cut, [{ path: 'input.decoded[1]', length: 3000 }]);
  const b = bounded as typeof value;
  assert.equal(b.input.decoded[0], 'short');
  assert.match(b.input.decoded[1], /^y{1024}… \[3 KB, showing the first 1 KB\]$/);
  assert.deepEqual([b.n, b.ok, b.none], [1, true, null]);
  assert.equal(value.input.decoded[1].length, 3000, 'the original is untouched');
});
