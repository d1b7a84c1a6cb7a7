import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LineIndex, applyChanges, diffTexts } from '../../../server/src/source/documentText';

describe('LineIndex', () => {
  test('converts offsets and positions with LF, CRLF and CR line breaks', () => {
    const text = 'ab\ncd\r\nef\rgh';
    const lines = new LineIndex(text);
    assert.equal(lines.lineCount, 4);
    assert.deepEqual(lines.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(lines.positionAt(3), { line: 1, character: 0 });
    assert.deepEqual(lines.positionAt(7), { line: 2, character: 0 });
    assert.deepEqual(lines.positionAt(10), { line: 3, character: 0 });
    assert.equal(lines.offsetAt({ line: 1, character: 1 }), 4);
    // Past the end of a line clamps to the line end (before its break), like LSP.
    assert.equal(lines.offsetAt({ line: 1, character: 99 }), 5);
    assert.equal(lines.offsetAt({ line: 99, character: 0 }), text.length);
  });

  test('counts columns in UTF-16 code units', () => {
    const lines = new LineIndex('x = "😀"; y');
    assert.deepEqual(lines.positionAt(10), { line: 0, character: 10 });
  });
});

describe('applyChanges', () => {
  test('applies LSP changes in order and reports tree-sitter edits', () => {
    const { text, edits } = applyChanges('hello\nworld\n', [
      {
        range: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } },
        text: 'there\nfriend',
      },
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '> ' },
    ]);
    assert.equal(text, '> hello\nthere\nfriend\n');
    assert.deepEqual(edits[0], {
      startIndex: 6,
      oldEndIndex: 11,
      newEndIndex: 18,
      startPosition: { row: 1, column: 0 },
      oldEndPosition: { row: 1, column: 5 },
      newEndPosition: { row: 2, column: 6 },
    });
    assert.deepEqual(edits[1].newEndPosition, { row: 0, column: 2 });
  });

  test('a change without a range replaces the whole text', () => {
    assert.equal(applyChanges('old', [{ text: 'new' }]).text, 'new');
  });
});

describe('diffTexts', () => {
  test('finds the single changed span', () => {
    const edit = diffTexts('abc\ndef\n', 'abc\ndXf\n');
    assert.deepEqual(edit, {
      startIndex: 5,
      oldEndIndex: 6,
      newEndIndex: 6,
      startPosition: { row: 1, column: 1 },
      oldEndPosition: { row: 1, column: 2 },
      newEndPosition: { row: 1, column: 2 },
    });
    assert.equal(diffTexts('same', 'same'), undefined);
  });

  test('does not split a surrogate pair', () => {
    const edit = diffTexts('a😀b', 'a😃b');
    assert.ok(edit);
    assert.equal(edit.startIndex, 1);
  });
});
