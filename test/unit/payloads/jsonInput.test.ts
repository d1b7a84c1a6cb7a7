import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { WorkbenchError } from '../../../server/src/errors';
import {
  checkJson,
  JsonSyntaxError,
  parseArguments,
  parseSingleValue,
  splitArguments,
} from '../../../server/src/payloads/jsonInput';

function syntaxError(text: string): JsonSyntaxError {
  try {
    checkJson(text);
  } catch (err) {
    assert.ok(err instanceof JsonSyntaxError, String(err));
    return err;
  }
  throw new Error(`accepted: ${text}`);
}

describe('splitArguments', () => {
  test('blank text is no arguments', () => {
    assert.deepEqual(splitArguments(''), []);
    assert.deepEqual(splitArguments('  \n '), []);
  });

  test('a top-level array is the argument list, each element as typed', () => {
    assert.deepEqual(splitArguments('[1, "a", {"b": [2]}, null]'), [
      '1',
      '"a"',
      '{"b": [2]}',
      'null',
    ]);
    assert.deepEqual(splitArguments('[]'), []);
    assert.deepEqual(splitArguments('[[1, 2]]'), ['[1, 2]']);
  });

  test('any other value is one argument', () => {
    assert.deepEqual(splitArguments(' "Ada" '), ['"Ada"']);
    assert.deepEqual(splitArguments('{"x": 1}'), ['{"x": 1}']);
    assert.deepEqual(splitArguments('-1.5e3'), ['-1.5e3']);
    assert.deepEqual(splitArguments('true'), ['true']);
  });

  test('integers beyond 2^53 keep every digit', () => {
    assert.deepEqual(splitArguments('[9007199254740993]'), ['9007199254740993']);
  });

  test('an element nested 100000 deep is a syntax error, not a crash', () => {
    const deep = `${'['.repeat(100000)}${']'.repeat(100000)}`;
    assert.throws(
      () => splitArguments(deep),
      (err: unknown) => err instanceof JsonSyntaxError && /^Nesting too deep/.test(err.reason),
    );
  });

  test('strings with escapes and unicode', () => {
    assert.deepEqual(splitArguments('["a\\"b\\\\c\\u00e9\\n", "日本"]'), [
      '"a\\"b\\\\c\\u00e9\\n"',
      '"日本"',
    ]);
  });
});

describe('syntax errors carry line and column', () => {
  const cases: [string, string, number, number][] = [
    ['{"a": }', 'Expected a JSON value', 1, 7],
    ['[1, 2', "Expected ',' or ']' but found end of input", 1, 6],
    ['[\n  1,\n  2 3\n]', "Expected ',' or ']' but found '3'", 3, 5],
    ['{"a" 1}', "Expected ':'", 1, 6],
    ["{'a': 1}", 'Expected a property name in double quotes', 1, 2],
    ['[1,]', 'Expected a JSON value', 1, 4],
    ['"abc', 'Unterminated string', 1, 5],
    ['"a\\x"', 'Invalid escape', 1, 3],
    ['01', 'Unexpected', 1, 2],
    ['1 2', "Unexpected '2' after the JSON value", 1, 3],
    ['tru', 'Expected a JSON value', 1, 1],
    ['"tab\there"', 'Control character', 1, 5],
    ['{"a": 1,}', "Expected a property name in double quotes but found '}'", 1, 9],
    ['[1] // note', 'Comments are not allowed', 1, 5],
    ['"\\u12"', 'Invalid \\u escape', 1, 2],
    ['[1.]', "Unexpected '.' in a number", 1, 3],
  ];
  for (const [text, reason, line, column] of cases) {
    test(JSON.stringify(text), () => {
      const err = syntaxError(text);
      assert.ok(err.reason.startsWith(reason), err.reason);
      assert.deepEqual([err.line, err.column], [line, column]);
    });
  }
});

test('parseArguments and parseSingleValue report InvalidInput naming the field', () => {
  assert.throws(
    () => parseArguments('[1,\n x]', 'signal.input'),
    (err: unknown) =>
      err instanceof WorkbenchError &&
      err.kind === 'InvalidInput' &&
      /^signal\.input is not valid JSON: .* at line 2, column 2 \(nothing was sent\)$/.test(
        err.message,
      ),
  );
  assert.equal(parseSingleValue(' [1, 2] ', 'result'), '[1, 2]');
  assert.equal(parseSingleValue('', 'result'), undefined);
  assert.throws(() => parseSingleValue('{', 'result'), /result is not valid JSON/);
});
