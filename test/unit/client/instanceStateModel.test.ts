// The duroxide state rows under a run: the custom status, then the key-value store by key, each
// value as one short JSON line (long ones cut) with the whole value kept for the tooltip.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  customStatusRow,
  stateSignature,
  valueRows,
} from '../../../client/src/views/instanceStateModel';
import type { JsonValue } from '../../../shared/src/protocol';

const json = (value: JsonValue) => ({ format: 'json' as const, encoding: 'json/plain', value });

describe('duroxide instance state rows', () => {
  test('the custom status is one row with its value as compact JSON; none without one', () => {
    assert.deepEqual(customStatusRow({ customStatus: json({ phase: 'waiting' }) }), {
      label: 'Custom status',
      description: '{"phase":"waiting"}',
      full: '{\n  "phase": "waiting"\n}',
    });
    assert.equal(customStatusRow({}), undefined);
  });

  test('values are listed by key, and a long value is cut to one line with an ellipsis', () => {
    const long = 'x'.repeat(100);
    const rows = valueRows({ values: { zeta: json(1), alpha: json(long) } });
    assert.deepEqual(
      rows.map((r) => r.label),
      ['alpha', 'zeta'],
    );
    assert.equal(rows[0].description.length, 60);
    assert.ok(rows[0].description.endsWith('…'));
    assert.equal(rows[0].full, JSON.stringify(long));
    assert.equal(rows[1].description, '1');
  });

  test('the signature changes when a value or the custom status changes', () => {
    const before = stateSignature({ customStatus: json('a'), values: { k: json(1) } });
    assert.notEqual(before, stateSignature({ customStatus: json('b'), values: { k: json(1) } }));
    assert.notEqual(before, stateSignature({ customStatus: json('a'), values: { k: json(2) } }));
    assert.equal(before, stateSignature({ customStatus: json('a'), values: { k: json(1) } }));
  });
});
