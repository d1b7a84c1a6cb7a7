import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { WorkbenchError } from '../../../server/src/errors';
import { payloadToDisplay } from '../../../server/src/payloads/display';
import {
  inputPayloads,
  memoFields,
  searchAttributeFields,
  singleValuePayloads,
  textPayload,
  typedSearchAttributeValue,
} from '../../../server/src/payloads/encode';

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('input payloads', () => {
  test('each argument becomes one json/plain payload with its exact text', () => {
    const payloads = inputPayloads('[1, {"a": "b"}, 12345678901234567890]')!.payloads;
    assert.deepEqual(
      payloads.map((p) => [text(p.metadata.encoding), text(p.data)]),
      [
        ['json/plain', '1'],
        ['json/plain', '{"a": "b"}'],
        ['json/plain', '12345678901234567890'],
      ],
    );
    assert.equal(inputPayloads(''), undefined);
    assert.equal(inputPayloads('"x"')!.payloads.length, 1);
  });

  test('a single value stays one value even when it is an array', () => {
    assert.equal(text(singleValuePayloads('[1, 2]', 'result')!.payloads[0].data), '[1, 2]');
    assert.equal(singleValuePayloads(undefined, 'result'), undefined);
  });

  test('memo and text payloads', () => {
    const memo = memoFields({ owner: 'ada', n: 2 })!;
    assert.deepEqual(payloadToDisplay(memo.owner).value, 'ada');
    assert.deepEqual(payloadToDisplay(memo.n).value, 2);
    assert.equal(memoFields({}), undefined);
    assert.equal(textPayload(''), undefined);
    assert.equal(payloadToDisplay(textPayload('Summary')!).value, 'Summary');
  });
});

describe('search attributes', () => {
  const types = {
    Tag: 'Keyword',
    Count: 'Int',
    Total: 'Double',
    Done: 'Bool',
    At: 'Datetime',
    Tags: 'KeywordList',
    Notes: 'Text',
  };

  test('values are typed and carry the type metadata', () => {
    const fields = searchAttributeFields(
      {
        Tag: 'x',
        Count: 3,
        Total: 1.5,
        Done: true,
        At: '2024-05-01T10:00:00+02:00',
        Tags: 'solo',
        Notes: 'n',
      },
      types,
    )!;
    const view = (k: string) => payloadToDisplay(fields[k]);
    assert.deepEqual(view('Count'), {
      format: 'json',
      encoding: 'json/plain',
      metadata: { type: 'Int' },
      value: 3,
    });
    assert.equal(view('At').value, '2024-05-01T08:00:00.000Z');
    assert.deepEqual(view('Tags').value, ['solo']);
    assert.equal(view('Done').value, true);
  });

  test('wrong types and unknown names are InvalidInput', () => {
    const invalid = (name: string, value: unknown, pattern: RegExp) =>
      assert.throws(
        () =>
          typedSearchAttributeValue(name, (types as Record<string, string>)[name], value as never),
        (err: unknown) =>
          err instanceof WorkbenchError && err.kind === 'InvalidInput' && pattern.test(err.message),
      );
    invalid('Count', 1.5, /Count' is Int: expected an integer, got 1.5/);
    invalid('Count', '3', /expected an integer/);
    invalid('Total', 'x', /expected a number/);
    invalid('Done', 'yes', /expected true or false/);
    invalid('At', 'yesterday', /ISO 8601/);
    invalid('Tags', [1], /list of strings/);
    invalid('Tag', 5, /expected a string/);
    assert.throws(
      () => searchAttributeFields({ Nope: 1 }, types),
      /'Nope' is not registered .*known: At, Count/,
    );
    assert.equal(typedSearchAttributeValue('Count', 'Int', null), null);
  });
});
