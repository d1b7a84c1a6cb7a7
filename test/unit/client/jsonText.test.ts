import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkJson,
  documentHeader,
  freeName,
  placeholder,
  payloadSnippet,
  skeletonFor,
  stripComments,
} from '../../../client/src/input/jsonText';

test('valid input: comments allowed, text without them goes to the server', () => {
  const doc = `${documentHeader('Input of greeting', [{ name: 'name', type: 'str' }], 'Start')}["Ada"] // the name\n`;
  const r = checkJson(doc);
  assert.equal(r.ok, true);
  if (r.ok) {
    assert.equal(r.text, '["Ada"]');
    assert.deepEqual(r.value, ['Ada']);
  }
  assert.deepEqual(checkJson('  \n// nothing\n'), { ok: true, text: '', value: undefined });
  const s = checkJson('{"url": "http://x//y", "n": -1.5e3, "t": true, "u": "\\u00e9"} /* block */');
  assert.equal(s.ok, true);
  assert.equal(stripComments('"a//b" // c').trimEnd(), '"a//b"');
});

test('syntax errors name the line and column', () => {
  const cases: [string, number, number, RegExp][] = [
    ['[1, 2', 1, 6, /missing '\]'/],
    ['// header\n[1 2]', 2, 4, /expected ',' or '\]'/],
    ['{"a": 1,}', 1, 8, /trailing comma/],
    ["['x']", 1, 2, /double quotes/],
    ['{a: 1}', 1, 2, /property name/],
    ['[1]\n[2]', 2, 1, /after the value/],
    ['"open', 1, 1, /unterminated string/],
    ['[01]', 1, 3, /invalid number/],
    ['[tru]', 1, 2, /expected a value/],
    ['/* a\n b */ [1,\n 2,]', 3, 3, /trailing comma/],
  ];
  for (const [text, line, column, message] of cases) {
    const r = checkJson(text);
    assert.equal(r.ok, false, text);
    if (!r.ok) {
      assert.deepEqual([r.line, r.column], [line, column], text);
      assert.match(r.message, message, text);
    }
  }
});

test('skeletons from parameters', () => {
  assert.equal(skeletonFor([{ name: 'name', type: 'str' }]), '["<name: str>"]');
  assert.equal(
    skeletonFor([
      { name: 'iteration', type: 'int' },
      { name: 'stopAt', type: 'number' },
      { name: 'x' },
    ]),
    '[0, 0, "<x>"]',
  );
  assert.equal(skeletonFor([]), '[]');
  assert.equal(placeholder({ name: 'tags', type: 'list[str]' }), '[]');
  assert.equal(placeholder({ name: 'on', type: 'boolean' }), 'false');
  assert.equal(placeholder({ name: 'o', type: 'dict[str, int]' }), '{}');
  assert.equal(placeholder({ name: 'by', type: 'int | None' }), '0');
  assert.equal(placeholder({ name: 'ids', type: 'string[]' }), '[]');
  // Every skeleton is valid input as it stands.
  assert.equal(
    checkJson(
      skeletonFor([
        { name: 'a', type: 'str' },
        { name: 'b', type: 'float' },
      ]),
    ).ok,
    true,
  );
});

test('document header and free names', () => {
  assert.equal(
    documentHeader('Signal increment on c-1', [{ name: 'by', type: 'int' }], 'Signal'),
    '// Signal increment on c-1\n// Parameters: by: int\n// The arguments as JSON: an array is the argument list ([1, "a"] = two arguments).\n// Signal: Ctrl+Enter (Cmd+Enter) or the ✓ button above. Close this editor to cancel.\n',
  );
  assert.match(documentHeader('Start x', undefined, 'Start'), /^\/\/ Start x\n\/\/ The arguments/);
  assert.match(documentHeader('Start x', [], 'Start'), /Parameters: none/);
  const taken = new Set(['a.json', 'a (2).json']);
  assert.equal(
    freeName('a.json', (n) => taken.has(n)),
    'a (3).json',
  );
  assert.equal(
    freeName('b.json', (n) => taken.has(n)),
    'b.json',
  );
});

test('the payload snippet has one tab stop per argument, inside a string its quotes', () => {
  assert.equal(
    payloadSnippet('', [
      { name: 'name', type: 'str' },
      { name: 'count', type: 'int' },
    ]),
    '["${1:<name: str>}", ${2:0}]',
  );
  // The last input: its values are the placeholders; snippet syntax in them is escaped.
  assert.equal(payloadSnippet('["a$b}", {"k": 1}]'), '["${1:a\\$b\\}}", ${2:{"k":1\\}}]');
  assert.equal(payloadSnippet('{"x": 1}'), '${1:{"x": 1\\}}');
  assert.equal(payloadSnippet('not json'), '${1:not json}');
});

test('an object document (a new schedule) stops at its first string value, the rest kept as text', () => {
  const body = '{\n  "scheduleId": "greeting-schedule",\n  "spec": {"every": "1m"}\n}';
  assert.equal(
    payloadSnippet(body),
    '{\n  "scheduleId": "${1:greeting-schedule}",\n  "spec": {"every": "1m"\\}\n\\}',
  );
});
