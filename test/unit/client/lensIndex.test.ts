import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  LensCommands,
  type HandlerLensArgs,
  type WorkflowLensArgs,
} from '../../../shared/src/lenses';
import { LensIndex } from '../../../client/src/lensIndex';

const range = { start: { line: 3, character: 4 }, end: { line: 3, character: 9 } };
const wf = (
  workflowType: string,
  taskQueues: string[],
  uri = 'file:///w.py',
): WorkflowLensArgs => ({
  workflowType,
  taskQueues,
  parameters: [{ name: 'name', type: 'str' }],
  language: 'python',
  uri,
  range,
});
const handler = (
  kind: HandlerLensArgs['kind'],
  name: string,
  workflowType?: string,
): HandlerLensArgs => ({
  kind,
  name,
  workflowType,
  parameters: [],
  uri: 'file:///w.py',
  range,
});
const lens = (command: string, arg: unknown) => ({ command: { command, arguments: [arg] } });

test('learns workflow types, task queues and handlers from lenses, per document', () => {
  const index = new LensIndex();
  const changed = index.learn('file:///w.py', [
    lens(LensCommands.start, wf('greeting', ['workbench-py'])),
    lens(LensCommands.execute, wf('greeting', ['workbench-py'])),
    lens(LensCommands.start, wf('counter', ['workbench-py', 'other'])),
    lens(LensCommands.signal, handler('signal', 'increment', 'counter')),
    lens(LensCommands.query, handler('query', 'value', 'counter')),
    lens(LensCommands.update, handler('update', 'setValue')),
    { command: { command: 'something.else', arguments: [{}] } },
    {},
  ]);
  assert.equal(changed, true);
  assert.deepEqual(index.workflowTypes(), ['counter', 'greeting']);
  assert.deepEqual(index.taskQueues(), ['other', 'workbench-py']);
  assert.equal(index.workflow('greeting')?.parameters[0].name, 'name');
  assert.deepEqual(
    index.handlers('counter').map((h) => h.name),
    ['increment', 'value', 'setValue'],
  );
  assert.deepEqual(
    index.handlers('counter', 'signal').map((h) => h.name),
    ['increment'],
  );
  assert.deepEqual(
    index.handlers('greeting').map((h) => h.name),
    ['setValue'],
  );
  assert.deepEqual(index.definitions('workflow', 'greeting'), [{ uri: 'file:///w.py', range }]);
  assert.deepEqual(index.definitions('query', 'value'), [{ uri: 'file:///w.py', range }]);

  // Same lenses again: nothing changed. No lenses: the document is forgotten.
  assert.equal(
    index.learn('file:///w.py', [
      lens(LensCommands.start, wf('greeting', ['workbench-py'])),
      lens(LensCommands.start, wf('counter', ['workbench-py', 'other'])),
      lens(LensCommands.signal, handler('signal', 'increment', 'counter')),
      lens(LensCommands.query, handler('query', 'value', 'counter')),
      lens(LensCommands.update, handler('update', 'setValue')),
    ]),
    false,
  );
  assert.equal(index.learn('file:///w.py', []), true);
  assert.deepEqual(index.workflowTypes(), []);
});
