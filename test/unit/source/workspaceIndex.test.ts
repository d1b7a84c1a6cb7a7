import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  WorkspaceIndex,
  type IndexProgress,
  type SourceLanguage,
} from '../../../server/src/source';
import { FIXTURES, engineErrors, sharedEngine } from './helpers';

const uriOf = (relative: string) => pathToFileURL(path.join(FIXTURES, relative)).href;

describe('WorkspaceIndex over the fixtures', () => {
  let index: WorkspaceIndex;
  const progress: IndexProgress[] = [];

  before(async () => {
    index = new WorkspaceIndex(await sharedEngine());
    const result = await index.build(FIXTURES, { onProgress: (p) => progress.push(p) });
    assert.equal(result.cancelled, false);
    assert.equal(result.files, index.fileCount);
  });

  test('indexes every fixture source and reports progress', () => {
    assert.equal(index.fileCount, 44);
    assert.deepEqual(progress[0], { done: 0, total: 44 });
    assert.equal(progress[progress.length - 1].done, 44);
    assert.deepEqual(engineErrors, []);
  });

  test('lists workflow types with names resolved across files', () => {
    const names = (language: SourceLanguage) =>
      index
        .workflowTypes()
        .filter((w) => w.language === language)
        .map((w) => w.name);
    // duroxide orchestrations registered with the Python and Node bindings are listed too.
    assert.deepEqual(names('python'), [
      'FallbackWorkflow',
      'FulfilOrder',
      'Greeting',
      'ShippingWorkflow',
      'monthly-report',
      'order-processing',
    ]);
    assert.deepEqual(names('typescript'), [
      'FulfilOrder',
      'Greeting',
      'GreetingWorkflow',
      'billingCycle',
      'legacyBilling',
      'orderWorkflow',
      'refundWorkflow',
    ]);
    // RegisterWorkflowWithOptions in worker/main.go names ShipmentWorkflow after a shared constant.
    assert.deepEqual(names('go'), [
      'DynamicWorkflow',
      'GreetingWorkflow',
      'OrderWorkflow',
      'shipment',
    ]);
    assert.deepEqual(names('java'), [
      'DynamicGreetingWorkflowImpl',
      'ReportWorkflow',
      'order-processing',
    ]);
    assert.deepEqual(names('csharp'), [
      'FallbackWorkflow',
      'ShippingWorkflow',
      'ShippingWorkflow',
      'order-processing',
    ]);
    assert.deepEqual(names('rust'), [
      'FulfilOrder',
      'Greeting',
      'TotalsWorkflow',
      'approval',
      'digest',
      'farewell',
      'greeting',
      'order-audit',
      'ping',
      'send-reminder',
      'sum',
      'welcome',
    ]);
    assert.deepEqual(names('clojure'), ['audit-workflow', 'order-workflow', 'shipping-workflow']);
    const [shipment] = index.findWorkflow('shipment', 'go');
    assert.equal(shipment.nameSource, 'registration');
    assert.equal(shipment.symbol, 'ShipmentWorkflow');
    assert.equal(shipment.uri, uriOf('go/workflows.go'));
  });

  test('finds the task queues of each workflow type', () => {
    assert.deepEqual(index.taskQueuesFor('order-processing', 'python'), ['orders']);
    assert.deepEqual(index.taskQueuesFor('monthly-report'), ['reports']);
    // workflowsPath points at workflows/index.ts, which re-exports billing.ts too.
    assert.deepEqual(index.taskQueuesFor('billingCycle'), ['billing-ts', 'orders-ts']);
    assert.deepEqual(index.taskQueuesFor('refundWorkflow'), ['orders-ts']);
    assert.deepEqual(index.taskQueuesFor('OrderWorkflow', 'go'), ['orders-go']);
    // Java registers the implementation class; the queue constant lives in Shared.java.
    assert.deepEqual(index.taskQueuesFor('order-processing', 'java'), ['orders-java']);
    assert.deepEqual(index.taskQueuesFor('ShippingWorkflow', 'csharp'), ['shipping-dotnet']);
    assert.deepEqual(index.taskQueuesFor('sum'), ['orders-rust']);
    assert.deepEqual(index.taskQueuesFor('order-audit'), ['totals-rust']);
    // A Clojure worker without :dispatch registers every workflow.
    assert.deepEqual(index.taskQueuesFor('order-workflow'), ['orders-clj', 'orders.worker/audit']);
    assert.deepEqual(index.taskQueuesFor('FulfilOrder'), []);
  });

  test('collects handlers of a workflow type, including ones declared in other files', () => {
    const handlers = (name: string, language: SourceLanguage) =>
      index
        .handlersOf(name, language)
        .map((h) => `${h.kind}:${h.name}`)
        .sort();
    assert.deepEqual(handlers('orderWorkflow', 'typescript'), [
      'query:itemCount',
      'query:status',
      'signal:approve',
      'signal:cancel',
      'update:addItem',
    ]);
    // Go handler names are constants of another package.
    assert.deepEqual(handlers('OrderWorkflow', 'go'), [
      'query:status',
      'signal:approve',
      'signal:cancel',
      'update:setPriority',
    ]);
    // `cancel` comes from the Cancellable interface OrderWorkflow extends (another file).
    assert.deepEqual(handlers('order-processing', 'java'), [
      'query:status',
      'signal:approve',
      'signal:cancel',
      'update:addItem',
    ]);
    assert.deepEqual(handlers('order-processing', 'python'), [
      'query:status',
      'signal:approve',
      'update:change_address',
    ]);
    assert.deepEqual(handlers('order-processing', 'csharp'), [
      'query:Status',
      'query:item-count',
      'signal:Approve',
      'signal:cancel',
      'update:AddItem',
    ]);
    assert.deepEqual(handlers('FulfilOrder', 'rust'), ['signal:Approved']);
    assert.deepEqual(handlers('order-workflow', 'clojure'), [
      'query:items',
      'query:status',
      'signal:orders.workflows/approve',
      'update:add-item',
    ]);
  });

  test('resolves worker task queues and registered types', () => {
    const go = index.workers().find((w) => w.uri === uriOf('go/worker/main.go'));
    assert.equal(go?.resolvedTaskQueue, 'orders-go');
    assert.deepEqual(go?.workflowTypes, ['OrderWorkflow', 'reconcile-orders', 'shipment']);
    const ts = index
      .workers()
      .find((w) => w.language === 'typescript' && w.taskQueueEnv === 'BILLING_TASK_QUEUE');
    assert.equal(ts?.resolvedTaskQueue, 'billing-ts');
  });

  test('reports workflows no worker registers, only where all registrations are visible', () => {
    const flagged = [...index.workspaceDiagnostics()].flatMap(([uri, list]) =>
      list.map(
        (d) =>
          `${path.relative(FIXTURES, new URL(uri).pathname)}:${d.range.start.line}:${d.workflow}`,
      ),
    );
    assert.deepEqual(flagged.sort(), [
      'java/src/main/java/com/example/orders/ReportWorkflow.java:7:ReportWorkflow',
      'python/order_workflows.py:109:FallbackWorkflow',
    ]);
    const diagnostics = index.diagnosticsFor(uriOf('python/order_workflows.py'));
    assert.ok(diagnostics.some((d) => d.code === 'unregistered-workflow'));
    assert.ok(diagnostics.some((d) => d.code === 'nondeterministic-sleep'));
  });

  test('updates one file incrementally', async () => {
    const engine = await sharedEngine();
    const uri = uriOf('python/worker.py');
    const text = fs.readFileSync(path.join(FIXTURES, 'python/worker.py'), 'utf8');
    let changes = 0;
    const stop = index.onDidChange(() => changes++);
    // Register FallbackWorkflow too: its diagnostic goes away.
    engine.analyze(uri, 'python', text);
    index.updateFile(
      uri,
      engine.update(
        uri,
        text.replace(
          'workflows=[OrderWorkflow, ShippingWorkflow]',
          'workflows=[OrderWorkflow, ShippingWorkflow, FallbackWorkflow]',
        ),
      ),
    );
    assert.deepEqual(index.taskQueuesFor('FallbackWorkflow', 'python'), ['orders']);
    assert.equal(
      index
        .diagnosticsFor(uriOf('python/order_workflows.py'))
        .filter((d) => d.code === 'unregistered-workflow').length,
      0,
    );
    index.updateFile(uri, engine.update(uri, text));
    assert.deepEqual(index.taskQueuesFor('FallbackWorkflow', 'python'), []);
    engine.close(uri);
    stop();
    assert.equal(changes, 2);
  });

  test('forgets removed files and folders', async () => {
    const copy = new WorkspaceIndex(await sharedEngine());
    await copy.build(path.join(FIXTURES, 'go'));
    assert.equal(copy.fileCount, 6);
    copy.removeFile(uriOf('go/worker/main.go'));
    copy.removeFolder(path.join(FIXTURES, 'go/greeting'));
    // Without the worker, names fall back to the function names and queues are unknown.
    assert.deepEqual(
      copy.workflowTypes().map((w) => w.name),
      ['OrderWorkflow', 'ShipmentWorkflow'],
    );
    assert.deepEqual(copy.taskQueuesFor('OrderWorkflow'), []);
    copy.removeFolder(path.join(FIXTURES, 'go'));
    assert.equal(copy.fileCount, 0);
  });
});

describe('WorkspaceIndex walking', () => {
  let root: string;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'source-index-'));
    const write = (relative: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
      fs.writeFileSync(path.join(root, relative), text);
    };
    const workflow = 'from temporalio import workflow\n@workflow.defn\nclass W:\n    pass\n';
    write('app/workflows.py', workflow);
    write('app/notes.txt', workflow);
    for (const skipped of [
      'node_modules/pkg/workflows.py',
      '.git/hooks/workflows.py',
      '.venv/lib/workflows.py',
      'venv/lib/workflows.py',
      'env-with-cfg/lib/workflows.py',
      '__pycache__/workflows.py',
      'target/debug/workflows.py',
      'build/workflows.py',
      'dist/workflows.py',
      'out/workflows.py',
      'bin/workflows.py',
      'obj/workflows.py',
      '.tools/workflows.py',
    ]) {
      write(skipped, workflow);
    }
    write('env-with-cfg/pyvenv.cfg', 'home = /usr/bin\n');
    write('app/types.d.ts', 'export declare function wf(): Promise<void>;\n');
  });

  after(() => fs.rmSync(root, { recursive: true, force: true }));

  test('skips dependency, build, VCS and virtual-environment folders', async () => {
    const index = new WorkspaceIndex(await sharedEngine());
    const result = await index.build(root);
    assert.deepEqual(
      index.uris().map((u) => path.relative(root, new URL(u).pathname)),
      ['app/workflows.py'],
    );
    assert.equal(result.files, 1);
  });

  test('honours .gitignore files: patterns, negations and nested ignore files', async () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'source-index-gitignore-'));
    try {
      const workflow = 'from temporalio import workflow\n@workflow.defn\nclass W:\n    pass\n';
      const files: Record<string, string> = {
        '.gitignore': 'generated/\n*.gen.py\n!keep.gen.py\n/scratch.py\n',
        'app/workflows.py': workflow,
        'app/model.gen.py': workflow,
        'app/keep.gen.py': workflow,
        'app/scratch.py': workflow,
        'scratch.py': workflow,
        'generated/workflows.py': workflow,
        'lib/.gitignore': 'local_*.py\n',
        'lib/local_copy.py': workflow,
        'lib/shared.py': workflow,
      };
      for (const [relative, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(repo, relative)), { recursive: true });
        fs.writeFileSync(path.join(repo, relative), text);
      }
      const index = new WorkspaceIndex(await sharedEngine());
      await index.build(repo);
      assert.deepEqual(
        index.uris().map((u) => path.relative(repo, new URL(u).pathname)),
        ['app/keep.gen.py', 'app/scratch.py', 'app/workflows.py', 'lib/shared.py'],
      );
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });

  test('stops when cancelled and keeps what it indexed', async () => {
    const many = fs.mkdtempSync(path.join(os.tmpdir(), 'source-index-many-'));
    try {
      for (let i = 0; i < 60; i++) {
        fs.writeFileSync(
          path.join(many, `w${i}.py`),
          `from temporalio import workflow\n@workflow.defn\nclass W${i}:\n    pass\n`,
        );
      }
      const token = { isCancellationRequested: false };
      const index = new WorkspaceIndex(await sharedEngine());
      const result = await index.build(many, {
        token,
        onProgress: (p) => {
          if (p.done >= 10) token.isCancellationRequested = true;
        },
      });
      assert.equal(result.cancelled, true);
      assert.ok(index.fileCount >= 10 && index.fileCount < 60, `indexed ${index.fileCount}`);
    } finally {
      fs.rmSync(many, { recursive: true, force: true });
    }
  });

  test('a rebuild forgets files that are gone', async () => {
    const index = new WorkspaceIndex(await sharedEngine());
    const extra = path.join(root, 'app/extra.py');
    fs.writeFileSync(
      extra,
      'from temporalio import workflow\n@workflow.defn\nclass Extra:\n    pass\n',
    );
    await index.build(root);
    assert.equal(index.fileCount, 2);
    fs.rmSync(extra);
    await index.build(root);
    assert.deepEqual(index.findWorkflow('Extra'), []);
    assert.equal(index.fileCount, 1);
  });

  test('skips files over the size limit', async () => {
    const index = new WorkspaceIndex(await sharedEngine());
    const result = await index.build(root, { maxFileBytes: 10 });
    assert.equal(result.files, 0);
    assert.equal(result.skipped, 1);
  });
});
