// Runs inside the extension host (bundled by extensionHost.test.ts, loaded by VS Code's test
// runner through `run()`): the registry against the manifest, and the tree providers against
// the real server through the real language client. Objects come from the extension's own
// bundle, so they are checked by shape (contextValue, label), never with instanceof.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import * as protocol from '../../../shared/src/protocol';
import type { Ctx } from '../../../client/src/ctx';
import { handlerNamesFromMetadata, payloadsValue } from '../../../client/src/views/workflowsModel';
import { request, waitFor } from './hostHelpers';

const namespace = process.env.E2E_HOST_NAMESPACE ?? 'default';
const queue = `host-${Date.now().toString(36)}`;
const workflowType = `hostPaging_${Date.now().toString(36)}`;

type Item = vscode.TreeItem & { key?: string };

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension('temporal-workbench.temporal-workbench');
  assert.ok(extension, 'the extension under development is loaded');
  const ctx = (await extension.activate()) as Ctx;
  await ctx.ready;

  // Every contributed command is registered (the registry and the manifest agree).
  const registered = await vscode.commands.getCommands(true);
  const contributed = (extension.packageJSON.contributes.commands as { command: string }[]).map(
    (c) => c.command,
  );
  for (const id of contributed) assert.ok(registered.includes(id), `${id} is registered`);

  await waitFor('the profile from settings to connect', () => ctx.status.state === 'connected');
  assert.equal(ctx.status.namespace, namespace);

  // 55 executions of one type on a queue no worker polls: they stay Running.
  for (let i = 0; i < 55; i++) {
    await request(ctx, protocol.startWorkflow, {
      workflowId: `${workflowType}-${i}`,
      workflowType,
      taskQueue: queue,
      input: `[${i}]`,
    });
  }
  const typeQuery = `WorkflowType = '${workflowType}' AND ExecutionStatus = 'Running'`;
  await waitFor(
    'visibility to count all 55',
    async () => (await request(ctx, protocol.countWorkflows, { query: typeQuery })).count === 55,
  );
  const provider = ctx.views.workflows;
  await provider.setFilter({ query: '', statuses: ['Running'], workflowType });
  const firstPage = await waitFor('the first page to list every started execution', async () => {
    provider.refresh();
    const items = (await provider.getChildren()) as Item[];
    return items.length === 51 ? items : undefined;
  });
  const executions = firstPage.filter((i) => i.contextValue?.startsWith('execution.'));
  assert.equal(executions.length, 50, 'one page of 50');
  assert.ok(executions.every((i) => i.contextValue === 'execution.running'));
  assert.equal(firstPage[50].contextValue, 'loadMore');
  assert.equal(ctx.views.workflowsView.description, '55 running');
  assert.match(String(ctx.views.workflowsView.message), new RegExp(`type ${workflowType}`));

  await vscode.commands.executeCommand('temporal.workflows.loadMore', 'root');
  const all = (await provider.getChildren()) as Item[];
  assert.equal(
    all.length,
    55,
    `load more appends the rest, and no more "Load more" (got ${all
      .slice(48)
      .map((i) => `${i.label}:${i.contextValue}`)
      .join(', ')})`,
  );
  assert.ok(all.every((i) => i.contextValue === 'execution.running'));
  // A refresh keeps what "Load more" showed.
  provider.refresh();
  assert.equal(((await provider.getChildren()) as Item[]).length, 55);

  // One run, no worker: its children are the history, which starts with the start event.
  const details = (await provider.getChildren(all[0] as never)) as Item[];
  assert.deepEqual(
    details.map((d) => d.contextValue),
    ['history'],
  );
  const events = (await provider.getChildren(details[0] as never)) as Item[];
  assert.match(String(events[0].label), /^1\s+WorkflowExecutionStarted/);
  assert.equal(events[0].command?.command, 'temporal.openHistoryEvent');

  // Task queues: the queue of those executions shows, with no pollers.
  ctx.views.taskQueues.refresh();
  const queues = (await ctx.views.taskQueues.getChildren()) as Item[];
  const row = queues.find((q) => q.label === queue);
  assert.ok(row, `task queue ${queue} is listed (got ${queues.map((q) => q.label).join(', ')})`);
  // 55 workflow tasks wait on it (the backlog count is approximate and may lag).
  assert.match(String(row.description), /^no pollers( · backlog \d+)?$/);

  // Lenses teach the client the workspace's types and queues.
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  assert.ok(folder, 'a workspace is open');
  const py = await vscode.workspace.openTextDocument(
    vscode.Uri.joinPath(folder, 'python', 'workflows.py'),
  );
  await vscode.window.showTextDocument(py);
  await waitFor('lenses on the Python sample', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      py.uri,
    );
    return (
      lenses?.some((l) => l.command?.command === 'temporal.startWorkflow') &&
      ctx.lenses.workflowTypes().includes('greeting')
    );
  });
  assert.ok(ctx.lenses.taskQueues().includes('workbench-py'));

  // The outline and symbol search of the VS Code client show workflows with their handlers
  // nested, activities too (the same requests Neovim sends in test/integration/neovim.test.ts).
  const outline = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
    'vscode.executeDocumentSymbolProvider',
    py.uri,
  );
  const counterSymbol = outline?.find((s) => s.name.startsWith('counter'));
  assert.ok(counterSymbol, `the outline lists counter (got ${outline?.map((s) => s.name)})`);
  assert.ok(
    counterSymbol.children.some((c) => c.name.startsWith('increment')),
    `counter's signal handler is nested (got ${counterSymbol.children.map((c) => c.name)})`,
  );
  const found = await waitFor('workspace symbols for greeting', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>(
      'vscode.executeWorkspaceSymbolProvider',
      'greeting',
    );
    return symbols?.length ? symbols : undefined;
  });
  assert.ok(found.some((s) => s.location.uri.path.endsWith('.py')));
  assert.ok(
    ctx.views.taskQueues
      .known()
      .some((q) => q.name === 'workbench-py' && q.sources.includes('workspace')),
  );

  // Batch terminate by the filter's query, as the view's menu does it (without the modal).
  const { jobId } = await request(ctx, protocol.startBatchOperation, {
    query: typeQuery,
    operation: { type: 'terminate' },
    reason: 'extension host test cleanup',
  });
  assert.ok(jobId);
  await waitFor(
    'the batch to terminate them',
    async () => (await request(ctx, protocol.countWorkflows, { query: typeQuery })).count === 0,
    60_000,
  );
  await provider.setFilter({ query: '', statuses: [] });

  // Handler names for tree nodes come from the workflow's metadata query (the Python worker
  // answers it with a json/protobuf payload, which the server decodes).
  const workerNamespace = process.env.E2E_WORKER_NAMESPACE;
  assert.ok(workerNamespace, 'E2E_WORKER_NAMESPACE names the namespace the sample workers poll');
  const counter = await request(ctx, protocol.startWorkflow, {
    namespace: workerNamespace,
    workflowId: `host-metadata-${Date.now().toString(36)}`,
    workflowType: 'counter',
    taskQueue: 'workbench-py',
    input: '[1]',
  });
  const ref = {
    namespace: workerNamespace,
    workflowId: counter.workflowId,
    runId: counter.runId,
  };
  const metadata = await request(ctx, protocol.queryWorkflow, {
    ...ref,
    queryType: '__temporal_workflow_metadata',
  });
  assert.deepEqual(handlerNamesFromMetadata(payloadsValue(metadata.result), 'signal').sort(), [
    'finish',
    'increment',
  ]);
  assert.deepEqual(handlerNamesFromMetadata(payloadsValue(metadata.result), 'update'), [
    'setValue',
  ]);
  await request(ctx, protocol.terminateWorkflow, { ...ref, reason: 'extension host test' });

  // A server that is down: an error row with Retry in the view, no modal.
  await request(ctx, protocol.selectProfile, { profileId: 'settings:down' });
  await waitFor('the status to report the failure', () => ctx.status.profileName === 'down');
  provider.reset();
  const failed = (await provider.getChildren()) as Item[];
  assert.equal(failed.length, 1);
  assert.equal(failed[0].contextValue, 'error');
  assert.equal(failed[0].command?.command, 'temporal.workflows.refresh');
  assert.match(String(failed[0].label), /127\.0\.0\.1:1|unavailable|connect/i);
}
