// The rule in every language: a definition's name is the name the SDK registers, and a
// function is a workflow only when the SDK would register it as one. One fixture folder per
// case class (written in the style of the public Temporal samples), read through the index.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { WorkspaceIndex } from '../../../server/src/source';
import { FIXTURES, engineErrors, sharedEngine } from './helpers';

async function indexOf(folder: string): Promise<WorkspaceIndex> {
  const index = new WorkspaceIndex(await sharedEngine());
  await index.build(path.join(FIXTURES, folder));
  assert.deepEqual(engineErrors, []);
  return index;
}

const summary = (index: WorkspaceIndex) => ({
  workflows: index.workflowTypes().map((w) => `${w.name}${w.dynamic ? ' (dynamic)' : ''}`),
  activities: index.activities().map((a) => a.name),
});

describe('Go: workflows are what the SDK registers', () => {
  test('helpers, receiver methods and interceptors taking workflow.Context are not workflows; RegisterDynamicWorkflow marks dynamic', async () => {
    const index = await indexOf('go/greeting');
    assert.deepEqual(summary(index), {
      workflows: ['DynamicWorkflow (dynamic)', 'GreetingWorkflow'],
      activities: ['ComposeGreeting'],
    });
  });
});

describe('Java: dynamic workflows and handlers', () => {
  test('a DynamicWorkflow implementation is a dynamic workflow with its DynamicSignalHandler and DynamicQueryHandler listeners', async () => {
    const index = await indexOf('java/src/main/java/com/example/dynamic');
    assert.deepEqual(summary(index).workflows, ['DynamicGreetingWorkflowImpl (dynamic)']);
    const handlers = index
      .handlersOf('DynamicGreetingWorkflowImpl')
      .map((h) => `${h.kind} ${h.name}${h.dynamic ? ' (dynamic)' : ''}`);
    assert.deepEqual(handlers.sort(), [
      'query DynamicQueryHandler (dynamic)',
      'signal DynamicSignalHandler (dynamic)',
    ]);
    assert.deepEqual(index.taskQueuesFor('DynamicGreetingWorkflowImpl'), ['dynamic-greetings']);
  });
});

describe('Rust: names given in attributes and at registration', () => {
  test('macro style takes #[run(name)], #[workflow(name)] and handler names from literals and constants', async () => {
    const index = await indexOf('rust/greetings');
    const names = index.workflowTypes().map((w) => w.name);
    assert.ok(names.includes('send-reminder') && names.includes('digest'), names.join());
    assert.ok(
      !names.includes('ReminderWorkflow') && !names.includes('DigestWorkflow'),
      names.join(),
    );
    const handlers = index.handlersOf('send-reminder').map((h) => `${h.kind} ${h.name}`);
    assert.deepEqual(handlers.sort(), ['query current-status', 'signal snooze-reminder']);
  });

  test('register_wf names come through literals, let bindings and constants; one function under several names; inline closures; update_handler', async () => {
    const index = await indexOf('rust/greetings');
    const registered = index
      .workflowTypes()
      .filter((w) => w.uri.endsWith('worker.rs'))
      .map((w) => `${w.name}:${w.symbol}`);
    assert.deepEqual(registered, [
      'farewell:greeting_workflow',
      'greeting:greeting_workflow',
      'ping:ping',
      'welcome:greeting_workflow',
    ]);
    for (const name of ['greeting', 'welcome', 'farewell']) {
      const handlers = index.handlersOf(name).map((h) => `${h.kind} ${h.name}`);
      assert.deepEqual(handlers.sort(), ['signal approve', 'update set-greeting'], name);
      assert.deepEqual(index.taskQueuesFor(name), ['greetings'], name);
    }
    assert.deepEqual(
      index.activities().map((a) => a.name),
      ['compose-greeting'],
    );
  });
});

describe('TypeScript: workflows are what the worker bundle exports', () => {
  test('a re-export under another name names the workflow; functions the bundle does not export and ordinary modules are not workflows', async () => {
    const index = await indexOf('typescript/bundled');
    assert.deepEqual(
      index.workflowTypes().map((w) => `${w.name}:${w.symbol}`),
      ['GreetingWorkflow:greet'],
    );
    // The worker passes a prebuilt bundle: bundleWorkflowCode({ workflowsPath }) gives its queue.
    assert.deepEqual(index.taskQueuesFor('GreetingWorkflow'), ['greetings']);
  });
});
