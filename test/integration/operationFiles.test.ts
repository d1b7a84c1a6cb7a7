// .temporal files over real LSP against the real dev server and sample workers: the sample file
// runs end to end through workspace/executeCommand, and its results match the same operations
// done through the existing requests; diagnostics, completion, hovers and lenses.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import * as protocol from '../../shared/src/protocol';
import { repoRoot, TestLanguageServer } from '../support/languageServer';
import { useTestTarget } from '../support/target';

interface Outcome {
  name: string;
  status: string;
  result?: Record<string, protocol.JsonValue>;
  error?: { message: string; kind?: string };
}
interface RunResult {
  outcomes: Outcome[];
  outputUri: string;
}
interface Diagnostic {
  range: { start: { line: number; character: number } };
  message: string;
  severity: number;
}

const target = useTestTarget();
const samples = path.join(repoRoot, 'samples');
const sampleFile = path.join(samples, 'operations.temporal');
const sampleUri = pathToFileURL(sampleFile).href;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-opfiles-'));
let server: TestLanguageServer;
/** Answers to destructive-operation confirmations, and the questions asked. */
let answer = 'Run';
const asked: string[] = [];

before(async () => {
  const { address, namespace } = await target.ready();
  server = await TestLanguageServer.start({
    rootUri: pathToFileURL(samples).href,
    settings: { profiles: { 'dev-server': { address, namespace } } },
  });
  server.rpc.onRequest(
    'window/showMessageRequest',
    (p: { message: string; actions: { title: string }[] }) => {
      asked.push(p.message);
      return p.actions.find((a) => a.title === answer) ?? null;
    },
  );
  server.rpc.onNotification('window/showMessage', () => undefined);
  await server.waitFor(() => server.indexed, 'the workspace index');
  assert.equal(
    (await server.request(protocol.selectProfile, { profileId: 'settings:dev-server' })).state,
    'connected',
  );
});
after(async () => {
  await server?.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
});

const run = (uri: string, block?: string) =>
  server.rpc.sendRequest('workspace/executeCommand', {
    command: block ? 'temporal.operationFile.run' : 'temporal.operationFile.runAll',
    arguments: block ? [uri, block] : [uri],
  }) as Promise<RunResult>;

function openScratch(name: string, text: string, languageId = 'temporal'): string {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  server.openDocument(uri, languageId, text);
  return uri;
}

const diagnosticsOf = (uri: string) =>
  server.waitFor(
    () => server.diagnostics.get(uri) as Diagnostic[] | undefined,
    `diagnostics of ${uri}`,
  );

async function completion(
  uri: string,
  line: number,
  character: number,
): Promise<{ label: string; detail?: string }[]> {
  const items = (await server.rpc.sendRequest('textDocument/completion', {
    textDocument: { uri },
    position: { line, character },
  })) as { label: string; detail?: string }[];
  return items ?? [];
}

describe('the sample operations file', () => {
  test('has no diagnostics against the sample workspace and the connected server', async () => {
    server.openDocument(sampleUri, 'temporal', fs.readFileSync(sampleFile, 'utf8'));
    assert.deepEqual(await diagnosticsOf(sampleUri), []);
  });

  test('lenses: Run all at the top and Run on every block, as executeCommand commands', async () => {
    const lenses = (await server.rpc.sendRequest('textDocument/codeLens', {
      textDocument: { uri: sampleUri },
    })) as { command: { command: string; arguments: unknown[] } }[];
    assert.deepEqual(lenses[0].command, {
      title: '$(run-all) Run all',
      command: 'temporal.operationFile.runAll',
      arguments: [sampleUri],
    });
    const runs = lenses
      .filter((l) => l.command.command === 'temporal.operationFile.run')
      .map((l) => l.command.arguments[1]);
    assert.deepEqual(runs, [
      'greet',
      'start1',
      'bump',
      'value',
      'set',
      'again',
      'uws',
      'counted',
      'finish',
      'sleepy',
      'stop-sleepy',
      'stop-uws',
      'nightly',
      'cleanup',
    ]);
  });

  test('Run all runs every block after one confirmation; results match the same operations through the existing requests', async () => {
    answer = 'Run';
    asked.length = 0;
    const { outcomes, outputUri } = await run(sampleUri);
    assert.deepEqual(
      outcomes.map((o) => `${o.name} ${o.status}${o.error ? `: ${o.error.message}` : ''}`),
      [
        'greet ok',
        'start1 ok',
        'bump ok',
        'value ok',
        'set ok',
        'again ok',
        'uws ok',
        'counted ok',
        'finish ok',
        'sleepy ok',
        'stop-sleepy ok',
        'stop-uws ok',
        'nightly ok',
        'cleanup ok',
      ],
    );
    assert.deepEqual(asked, [
      'Run destructive operations: stop-sleepy (workflow cancel), stop-uws (workflow terminate), cleanup (schedule delete)?',
    ]);
    const r = Object.fromEntries(outcomes.map((o) => [o.name, o.result!]));
    const { queues } = target();

    // execute: the same start through the existing request gives the same result.
    const direct = await server.request(protocol.executeWorkflow, {
      workflowType: 'greeting',
      taskQueue: queues.typescript,
      input: '"Ada"',
    });
    assert.equal(direct.outcome.status, 'Completed');
    assert.deepEqual(
      r.greet.result,
      direct.outcome.status === 'Completed' ? direct.outcome.result[0].value : undefined,
    );
    assert.equal(r.greet.status, 'Completed');

    // start -> signal +2 -> query 3 -> update to 10 (returns 3) -> signal-with-start +5 -> finish: 15.
    assert.deepEqual(
      [r.value.result, r.set.result, r.again.started, r.again.workflowId],
      [3, 3, false, r.start1.workflowId],
    );
    const described = await server.request(protocol.describeWorkflow, {
      workflowId: r.start1.workflowId as string,
    });
    assert.equal(described.runId, r.start1.runId);
    const counter = await server.request(protocol.getWorkflowResult, {
      workflowId: r.start1.workflowId as string,
      wait: true,
    });
    assert.deepEqual(counter.status === 'Completed' && counter.result[0].value, 15);

    // update-with-start started a new counter and set it; terminate and cancel took effect.
    assert.deepEqual([r.uws.started, r.uws.result], [true, 100]);
    const uws = await server.request(protocol.getWorkflowResult, {
      workflowId: r.uws.workflowId as string,
      wait: true,
    });
    assert.deepEqual(
      [uws.status, uws.status === 'Terminated' && uws.reason],
      ['Terminated', 'smoke test done'],
    );
    const sleepy = await server.request(protocol.getWorkflowResult, {
      workflowId: r.sleepy.workflowId as string,
      wait: true,
    });
    assert.equal(sleepy.status, 'Canceled');

    // The schedule was created, then deleted.
    assert.match(r.nightly.scheduleId as string, /^nightly-greeting-[0-9a-f-]{36}$/);
    await assert.rejects(
      server.request(protocol.describeSchedule, { scheduleId: r.nightly.scheduleId as string }),
      /not found/i,
    );

    // count: visibility catches up asynchronously; rerun the block until it sees the start, then
    // the existing request with the same query agrees.
    const query = `WorkflowType = 'counter' AND WorkflowId = '${r.start1.workflowId}'`;
    const counted = await server.waitFor(async () => {
      const again = (await run(sampleUri, 'counted')).outcomes[0];
      return again.result?.count === 1 && again;
    }, 'the count block to see the started counter');
    assert.deepEqual(counted.result, {
      count: (await server.request(protocol.countWorkflows, { query })).count,
    });

    // The output document lists every block; hovers show results of references.
    const output = fs.readFileSync(fileURLToPath(outputUri), 'utf8');
    for (const o of outcomes) assert.ok(output.includes(`✓ ${o.name}:`), o.name);
    const lines = fs.readFileSync(sampleFile, 'utf8').split('\n');
    const bump = lines.findIndex((l) => l.startsWith('bump:'));
    const hover = (await server.rpc.sendRequest('textDocument/hover', {
      textDocument: { uri: sampleUri },
      position: { line: bump, character: lines[bump].indexOf('start1.workflowId') + 3 },
    })) as { contents: { value: string } };
    assert.equal(
      hover.contents.value,
      `\`start1.workflowId\` = \`${r.start1.workflowId}\` (from the last run of start1)`,
    );
  });

  test('declining the confirmation sends nothing: the workflow keeps running', async () => {
    const { queues } = target();
    const started = await server.request(protocol.startWorkflow, {
      workflowType: 'longTimer',
      taskQueue: queues.typescript,
      input: '3600',
    });
    try {
      answer = 'Cancel';
      const uri = openScratch(
        'decline.temporal',
        `t: workflow terminate --workflow-id ${started.workflowId} --reason test\n`,
      );
      const { outcomes } = await run(uri, 't');
      assert.deepEqual(
        outcomes.map((o) => o.status),
        ['declined'],
      );
      const d = await server.request(protocol.describeWorkflow, { workflowId: started.workflowId });
      assert.equal(d.status, 'Running');
    } finally {
      await server.request(protocol.terminateWorkflow, {
        workflowId: started.workflowId,
        reason: 'test cleanup',
      });
    }
  });
});

describe('diagnostics', () => {
  test('unknown operations and options, malformed JSON, unknown workflow types and handlers, unknown search attributes', async () => {
    const text = [
      'profile = dev-server',
      'a: workflow strat --type greeting --task-queue q',
      'b: workflow start --type greting --task-queue q --input {"x": }',
      'c: workflow signal --workflow-id ${d.workflowId} --name incremnt',
      'd: workflow start --type counter --task-queue q --colour red',
      'e: workflow query --workflow-id ${d.workflowId} --name nope',
      "f: workflow list --query NoSuchAttribute = 'x' AND ExecutionStatus = 'running'",
    ].join('\n');
    const uri = openScratch('broken.temporal', text);
    const diags = await diagnosticsOf(uri);
    const got = diags.map((d) => `${d.range.start.line}:${d.severity}: ${d.message}`);
    assert.deepEqual(
      got.sort(),
      [
        "1:1: Unknown operation 'workflow strat': did you mean 'workflow start'?",
        "2:1: --input is not valid JSON: Expected a JSON value but found '}'",
        '2:2: Workflow type greting is not defined in this workspace: did you mean greeting?',
        '3:1: ${d.workflowId}: block d comes later; a block can only use results of blocks above it',
        '3:2: Workflow counter has no signal incremnt: did you mean increment?',
        '4:1: workflow start has no option --colour',
        '5:2: Workflow counter has no query nope (its query handlers: value)',
        "6:1: 'running' is not an ExecutionStatus: did you mean 'Running'?",
        '6:1: Unknown search attribute NoSuchAttribute: it is not a search attribute of this namespace',
      ].sort(),
    );
  });

  test("a query document is checked against the server's search attributes", async () => {
    const uri = openScratch('filter.tquery', "CustomerId = 'a' AND Nope > 3", 'temporal-query');
    const diags = await diagnosticsOf(uri);
    assert.deepEqual(
      diags.map((d) => `${d.range.start.character}: ${d.message}`),
      ['21: Unknown search attribute Nope: it is not a search attribute of this namespace'],
    );
  });

  test('temporal/checkVisibilityQuery (the Workflows filter input) checks a query before it is sent', async () => {
    const { problems } = await server.request(protocol.checkVisibilityQuery, {
      query: "CustomerId = 'a' AND OrderTotal STARTS_WITH 'x'",
    });
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /^STARTS_WITH does not apply to OrderTotal \((Double|Int)\)/);
    assert.deepEqual([problems[0].start, problems[0].severity], [32, 'error']);
    assert.deepEqual(
      (
        await server.request(protocol.checkVisibilityQuery, {
          query: "ExecutionStatus = 'Running'",
        })
      ).problems,
      [],
    );
  });

  test("a query the server rejects: the block fails with the server's message, shown on the query", async () => {
    const uri = openScratch(
      'rejected.temporal',
      "l: workflow list --query WorkflowType = 'x' ORDER BY StartTime\n",
    );
    const { outcomes } = await run(uri, 'l');
    assert.equal(outcomes[0].status, 'failed');
    assert.equal(outcomes[0].error?.kind, 'InvalidInput');
    const diag = await server.waitFor(
      () =>
        (server.diagnostics.get(uri) as Diagnostic[] | undefined)?.find((d) =>
          d.message.startsWith('Last run failed'),
        ),
      'the failure diagnostic',
    );
    assert.equal(diag.message, `Last run failed: ${outcomes[0].error?.message}`);
    assert.equal(diag.range.start.character, 'l: workflow list --query '.length);
  });

  test('a block with errors is not sent', async () => {
    const uri = openScratch('unsent.temporal', "l: workflow count --query Nope = 'x'\n");
    const { outcomes } = await run(uri, 'l');
    assert.deepEqual(
      outcomes.map((o) => o.error?.message),
      ['Not sent: Unknown search attribute Nope: it is not a search attribute of this namespace'],
    );
  });
});

describe('completion', () => {
  const text = [
    'queue = workbench-ts',
    's: workflow start --type counter --task-queue ',
    'g: workflow signal --workflow-id ${s.workflowId} --name ',
    'x: workflow start --type ',
    "l: workflow list --query ExecutionStatus = 'Running' AND ",
    'q: workflow query --workflow-id ${s.',
    'u: workflow ',
  ];
  let uri: string;
  before(() => {
    uri = openScratch('complete.temporal', text.join('\n'));
  });
  const labels = async (line: number) =>
    (await completion(uri, line, text[line].length)).map((i) => i.label);

  test('task queues of the workflow type from the workspace workers (counter is in both samples)', async () => {
    assert.deepEqual((await labels(1)).sort(), ['workbench-py', 'workbench-ts']);
  });

  test('handler names of the workflow the block acts on', async () => {
    assert.deepEqual(await labels(2), ['finish', 'increment']);
  });

  test('workflow types from the index first, then those seen on the server', async () => {
    const items = await completion(uri, 3, text[3].length);
    const local = items.filter((i) => i.detail === 'defined in this workspace').map((i) => i.label);
    assert.deepEqual(local, [
      'asyncActivity',
      'continueAsNewLoop',
      'counter',
      'executionTour',
      'failing',
      'greeting',
      'longTimer',
      'parentWithChildren',
    ]);
  });

  test('search attributes in --query, custom ones with their type from the server', async () => {
    const items = await completion(uri, 4, text[4].length);
    assert.ok(items.some((i) => i.label === 'WorkflowType'));
    assert.ok(
      items.some((i) => i.label === 'CustomerId' && i.detail === 'Keyword (custom)'),
      JSON.stringify(items.map((i) => i.label)),
    );
  });

  test('result fields of an earlier block, and operations after the block name', async () => {
    assert.deepEqual(await labels(5), ['workflowId', 'runId', 'started']);
    assert.ok((await labels(6)).includes('workflow execute-update-with-start'));
  });
});
