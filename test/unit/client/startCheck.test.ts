import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startWarning } from '../../../client/src/input/startCheck';

const workers = [
  {
    taskQueue: 'q-py',
    workflowTypes: ['greeting', 'counter'],
    language: 'python',
    uri: 'file:///w.py',
  },
];

test('no warning when a workspace worker registers the type on the queue and someone polls', () => {
  assert.equal(startWarning('greeting', 'q-py', workers, 1), undefined);
});

test('a type no workspace worker registers on the queue is warned about, naming the pollers', () => {
  const w = startWarning('Greeting', 'q-py', workers, 2);
  assert.match(w ?? '', /registers workflow type 'Greeting' on task queue 'q-py'\. 2 workers poll/);
  assert.match(
    startWarning('greeting', 'other', workers, 0) ?? '',
    /No worker polls 'other'.*registers it on 'q-py'/,
  );
});

test('a registered type on a queue nobody polls is warned about', () => {
  assert.match(
    startWarning('greeting', 'q-py', workers, 0) ?? '',
    /No worker polls task queue 'q-py'/,
  );
});
