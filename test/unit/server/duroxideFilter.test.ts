import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { statusOf } from '../../../server/src/backends/duroxide/backend';
import { instanceFilter } from '../../../server/src/backends/duroxide/filter';
import { storeUrl } from '../../../server/src/backends/duroxide/store';
import { displayStore } from '../../../server/src/connection/profiles';
import type { ExecutionSummary } from '../../../shared/src/protocol';

const row = (workflowType: string, status: ExecutionSummary['status']): ExecutionSummary => ({
  workflowId: 'i',
  runId: '1',
  workflowType,
  status,
  taskQueue: '',
  historyLength: 1,
  searchAttributes: {},
});

describe('duroxide query subset', () => {
  test('ExecutionStatus alone lists by the stored status without reading summaries', () => {
    const f = instanceFilter("ExecutionStatus = 'Running'");
    assert.deepEqual(
      { status: f.status, needsSummary: f.needsSummary },
      { status: 'Running', needsSummary: false },
    );
  });

  test('Canceled lists stored Failed instances and keeps only the cancelled ones', () => {
    const f = instanceFilter("ExecutionStatus='Canceled' AND WorkflowType = 'Approval'");
    assert.equal(f.status, 'Failed');
    assert.deepEqual(
      [
        f.accepts(row('Approval', 'Canceled')),
        f.accepts(row('Approval', 'Failed')),
        f.accepts(row('Other', 'Canceled')),
      ],
      [true, false, false],
    );
  });

  test("a run's children: ParentWorkflowId keeps the sub-orchestrations of that instance", () => {
    const f = instanceFilter("ParentWorkflowId = 'order-1' AND ParentRunId = '2'");
    const child = (parentWorkflowId?: string) => ({ ...row('Ship', 'Running'), parentWorkflowId });
    assert.equal(f.needsSummary, true);
    assert.deepEqual(
      [f.accepts(child('order-1')), f.accepts(child('order-2')), f.accepts(child(undefined))],
      [true, false, false],
    );
  });

  test('anything else is refused with a message that says what works', () => {
    assert.throws(
      () => instanceFilter("StartTime > '2024-01-01'"),
      /filters only by ExecutionStatus, WorkflowType and ParentWorkflowId = '...'/,
    );
    assert.throws(
      () => instanceFilter("ExecutionStatus = 'Paused'"),
      /is not one of: Running, Completed, Failed, Canceled/,
    );
  });
});

describe('duroxide statuses and stores', () => {
  test('a Failed instance whose error says canceled is Canceled', () => {
    assert.deepEqual(
      [
        statusOf('Failed', 'canceled: not needed'),
        statusOf('Failed', 'boom'),
        statusOf('ContinuedAsNew', '1'),
        statusOf('Running', undefined),
      ],
      ['Canceled', 'Failed', 'ContinuedAsNew', 'Running'],
    );
  });

  test('SQLite paths become sqlite: URLs; PostgreSQL URLs get the password and show without it', () => {
    assert.equal(storeUrl('/tmp/a.db', undefined), 'sqlite:/tmp/a.db');
    assert.equal(
      storeUrl('postgresql://app@db:5432/x', 's3cret'),
      'postgresql://app:s3cret@db:5432/x',
    );
    assert.equal(
      displayStore('postgresql://app:s3cret@db:5432/x'),
      'postgresql://app:***@db:5432/x',
    );
  });
});
