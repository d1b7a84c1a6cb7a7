import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quoteQueryString } from '../../../shared/src/visibilityQuery';

test('quoteQueryString quotes plain text and escapes single quotes and backslashes', () => {
  assert.equal(quoteQueryString('greeting'), "'greeting'");
  assert.equal(quoteQueryString("it's"), "'it\\'s'");
  assert.equal(quoteQueryString('a\\b'), "'a\\\\b'");
  // The backslash is escaped first, so an escaped quote in the input cannot end the literal.
  assert.equal(quoteQueryString("\\'"), "'\\\\\\''");
  assert.equal(quoteQueryString(''), "''");
});
