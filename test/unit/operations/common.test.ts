import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { WorkbenchError } from '../../../server/src/errors';
import {
  durationInput,
  durationText,
  enumValue,
  isoTime,
  parseDurationSeconds,
  retryUnavailable,
  sleep,
} from '../../../server/src/backends/temporal/common';
import {
  WorkflowIdConflictPolicy,
  WorkflowIdConflictPolicySchema,
} from '../../../server/src/temporal/gen/temporal/api/enums/v1/workflow_pb.js';

describe('durations', () => {
  test('Go-style text and bare seconds', () => {
    const cases: [string, number][] = [
      ['90s', 90],
      ['1m30s', 90],
      ['1.5h', 5400],
      ['250ms', 0.25],
      ['2d', 172800],
      ['10', 10],
      ['0.5', 0.5],
      ['1h2m3s4ms', 3723.004],
    ];
    for (const [text, seconds] of cases)
      assert.equal(parseDurationSeconds(text, 'x'), seconds, text);
  });

  test('anything else is InvalidInput naming the field', () => {
    for (const bad of ['', 'soon', '5 minutes', '1x', 's', '-1s']) {
      assert.throws(
        () => parseDurationSeconds(bad, 'runTimeout'),
        (err: unknown) =>
          err instanceof WorkbenchError &&
          err.kind === 'InvalidInput' &&
          /runTimeout/.test(err.message),
        bad,
      );
    }
  });

  test('to and from protobuf Durations', () => {
    assert.deepEqual(durationInput('1.25s', 'x'), { seconds: 1n, nanos: 250_000_000 });
    assert.equal(durationInput(undefined, 'x'), undefined);
    assert.equal(durationText({ seconds: 10n, nanos: 0 } as never), '10s');
    assert.equal(durationText({ seconds: 0n, nanos: 250_000_000 } as never), '0.25s');
  });

  test('timestamps: ISO, unset and zero are undefined', () => {
    assert.equal(
      isoTime({ seconds: 1_700_000_000n, nanos: 5_000_000 } as never),
      '2023-11-14T22:13:20.005Z',
    );
    assert.equal(isoTime({ seconds: 0n, nanos: 0 } as never), undefined);
    assert.equal(isoTime(undefined), undefined);
  });
});

test('enum names both ways', () => {
  assert.equal(
    enumValue(WorkflowIdConflictPolicySchema, 'UseExisting', 'p'),
    WorkflowIdConflictPolicy.USE_EXISTING,
  );
  assert.throws(
    () => enumValue(WorkflowIdConflictPolicySchema, 'Unspecified', 'idConflictPolicy'),
    /is not one of: Fail, UseExisting, TerminateExisting/,
  );
});

describe('retryUnavailable', () => {
  const unavailable = () => new WorkbenchError('Unavailable', 'down');

  test('retries Unavailable with growing backoff, then gives up saying how often it tried', async () => {
    const waits: number[] = [];
    let n = 0;
    await assert.rejects(
      retryUnavailable(
        async () => {
          n++;
          throw unavailable();
        },
        { attempts: 3, backoffMs: 20, sleep: async (ms) => void waits.push(ms) },
      ),
      (err: unknown) =>
        err instanceof WorkbenchError &&
        err.kind === 'Unavailable' &&
        err.message === 'down (tried 3 times)',
    );
    assert.equal(n, 3);
    assert.deepEqual(waits, [20, 60]);
  });

  test('succeeds on a later attempt', async () => {
    let n = 0;
    const value = await retryUnavailable(
      async () => {
        if (++n < 3) throw unavailable();
        return 'ok';
      },
      { backoffMs: 1 },
    );
    assert.deepEqual([value, n], ['ok', 3]);
  });

  test('other failures and cancellation are not retried', async () => {
    let n = 0;
    await assert.rejects(
      retryUnavailable(async () => {
        n++;
        throw new WorkbenchError('NotFound', 'gone');
      }),
      /gone/,
    );
    assert.equal(n, 1);
    const controller = new AbortController();
    n = 0;
    let backingOff!: () => void;
    const inBackoff = new Promise<void>((r) => (backingOff = r));
    const pending = retryUnavailable(
      async () => {
        n++;
        throw unavailable();
      },
      {
        backoffMs: 10_000,
        signal: controller.signal,
        sleep: (ms, signal) => {
          backingOff();
          return sleep(ms, signal);
        },
      },
    );
    await inBackoff;
    controller.abort();
    await assert.rejects(
      pending,
      (err: unknown) => err instanceof WorkbenchError && err.kind === 'Cancelled',
    );
    assert.equal(n, 1);
  });
});
