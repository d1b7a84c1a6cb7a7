import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isNondeterminism } from '../../../client/src/webviews/ui/panes';
import type { FailureView, NotMovingReason } from '../../../shared/src/protocol';

const failing = (message: string, failure?: string): NotMovingReason => ({
  kind: 'workflowTaskFailing',
  message,
  ...(failure ? { failure: { message: failure } as FailureView } : {}),
});

test('a nondeterministic workflow task gets the replay link; other reasons do not', () => {
  assert.equal(
    isNondeterminism(
      failing('Workflow task failing (attempt 3)', '[TMPRL1100] Nondeterminism error: mismatch'),
    ),
    true,
  );
  assert.equal(
    isNondeterminism(failing('WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR')),
    true,
  );
  assert.equal(isNondeterminism(failing('Workflow task failing', 'Foo is not registered')), false);
  assert.equal(
    isNondeterminism({ kind: 'activityRetrying', message: 'nondeterministic activity retrying' }),
    false,
  );
});
