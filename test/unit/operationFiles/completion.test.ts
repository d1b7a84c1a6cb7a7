import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { completeOperationFile } from '../../../server/src/operationFiles/completion';
import { parseOperationFile } from '../../../server/src/operationFiles/document';
import {
  checkAgainstIndex,
  type WorkflowCatalog,
} from '../../../server/src/operationFiles/indexChecks';
import { catalogFrom } from '../../../server/src/visibilityQuery';

// A small fake of the workspace index's public API: two workflows, handlers, two workers.
const index = {
  workflowTypes: () => [
    { name: 'counter', runtime: 'temporal' },
    { name: 'greeting', runtime: 'temporal' },
  ],
  handlersOf: (type: string) =>
    type === 'counter'
      ? [
          { kind: 'signal', name: 'increment' },
          { kind: 'signal', name: 'finish' },
          { kind: 'query', name: 'value' },
          { kind: 'update', name: 'setValue' },
        ]
      : [],
  taskQueuesFor: (type: string) => (type === 'counter' ? ['counters'] : []),
  workers: () => [{ taskQueue: 'counters' }, { taskQueue: 'greeters' }],
} as unknown as WorkflowCatalog;
const catalog = catalogFrom({ system: {}, custom: { CustomerId: 'Keyword' } });

function complete(text: string) {
  const offset = text.indexOf('|');
  const clean = text.replace('|', '');
  const r = completeOperationFile(parseOperationFile(clean), clean, offset, {
    index,
    catalog,
    serverWorkflowTypes: ['greeting', 'legacyImport'],
  });
  return {
    labels: r.items.map((i) => i.label),
    replaced: clean.slice(r.replaceStart, offset),
    items: r.items,
  };
}

describe('.temporal completion', () => {
  test('operations after the block name, replacing what was typed', () => {
    const c = complete('s: workflow st|');
    assert.ok(c.labels.includes('workflow start'));
    assert.equal(c.replaced, 'workflow st');
  });

  test('options of the block, without single options already given, with their descriptions', () => {
    const c = complete('s: workflow start --type counter\n  --|');
    assert.ok(c.labels.includes('--task-queue') && c.labels.includes('--input'));
    assert.ok(!c.labels.includes('--type'));
    assert.equal(c.items.find((i) => i.label === '--task-queue')?.detail, 'Task queue (required)');
  });

  test('workflow types: the workspace first, then types only the server has seen', () => {
    const c = complete('s: workflow start --type |');
    assert.deepEqual(
      c.items.map((i) => `${i.label} (${i.detail})`),
      [
        'counter (defined in this workspace)',
        'greeting (defined in this workspace)',
        'legacyImport (seen on the server)',
      ],
    );
  });

  test('task queues of the type first; handler names of the referenced start; enum values', () => {
    assert.deepEqual(complete('s: workflow start --type counter --task-queue |').labels, [
      'counters',
      'greeters',
    ]);
    assert.deepEqual(
      complete(
        's: workflow start --type counter --task-queue q\nq: workflow query --workflow-id ${s.workflowId} --name |',
      ).labels,
      ['value'],
    );
    assert.deepEqual(
      complete('s: workflow start --type x --task-queue q --id-conflict-policy |').labels,
      ['Fail', 'UseExisting', 'TerminateExisting'],
    );
  });

  test('references: variables, built-ins and earlier blocks, then their result fields', () => {
    const text =
      'queue = q\ns: workflow start --type counter --task-queue q\nt: workflow cancel --workflow-id ${|';
    assert.deepEqual(complete(text).labels, ['queue', 'uuid', 's']);
    assert.deepEqual(complete(text.replace('${|', '${s.|')).labels, [
      'workflowId',
      'runId',
      'started',
    ]);
  });

  test('--query values complete as visibility queries, custom attributes included', () => {
    const c = complete("l: workflow list --query ExecutionStatus = 'Running' AND Cus|");
    assert.ok(c.labels.includes('CustomerId'));
    assert.equal(c.replaced, 'Cus');
  });
});

describe('.temporal checks against the workspace index', () => {
  const problems = (text: string) => {
    const file = parseOperationFile(text);
    return file.blocks
      .flatMap((b) => checkAgainstIndex(file, b, index))
      .map((p) => `${text.slice(p.span.start, p.span.end)}: ${p.message}`);
  };

  test('unknown workflow types and handler names, with the nearest known name', () => {
    assert.deepEqual(problems('s: workflow start --type countr --task-queue q\n'), [
      'countr: Workflow type countr is not defined in this workspace: did you mean counter?',
    ]);
    assert.deepEqual(
      problems(
        's: workflow start --type counter --task-queue q\nu: workflow update execute -w ${s.workflowId} --name setValu\n',
      ),
      ['setValu: Workflow counter has no update setValu: did you mean setValue?'],
    );
    assert.deepEqual(
      problems(
        's: workflow signal-with-start --type counter --task-queue q -w w --signal-name bump\n',
      ),
      ['bump: Workflow counter has no signal bump (its signal handlers: finish, increment)'],
    );
  });

  test('nothing is judged when the index is empty or the type is not known', () => {
    const empty = { ...index, workflowTypes: () => [] } as unknown as WorkflowCatalog;
    const file = parseOperationFile('s: workflow start --type anything --task-queue q\n');
    assert.deepEqual(checkAgainstIndex(file, file.blocks[0], empty), []);
    assert.deepEqual(problems('q: workflow query -w some-id --name whatever\n'), []);
  });
});
