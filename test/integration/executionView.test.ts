// Execution view against the real dev server and the sample workers: the model of a recorded
// history (retried activity, timer, child, signal, update, failure with a stack trace), export
// equal to `temporal workflow show --output json`, re-import, following a running execution,
// live state, stack frames resolved to the samples' files, and "Compare with…" of a run before
// and after a reset.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { comparableLines } from '../../shared/src/compareRuns';
import { historyJson } from '../../shared/src/executionView';
import type { WorkflowLensArgs } from '../../shared/src/lenses';
import * as protocol from '../../shared/src/protocol';
import { repoRoot, type TestLanguageServer } from '../support/languageServer';
import { LANGUAGES, useOperations, waitFor, type Language } from './operations/support';

const ops = useOperations();
const T = { timeout: 60_000 };
const samples = join(repoRoot, 'samples');

let indexedServer: Promise<TestLanguageServer> | undefined;
/** A server whose workspace is samples/, indexed (for source links and worker facts). */
function samplesServer(): Promise<TestLanguageServer> {
  indexedServer ??= (async () => {
    const s = await ops.startServer({ rootUri: pathToFileURL(samples).toString() });
    await waitFor('workspace index of samples/', async () => (s.indexed ? true : undefined), {
      timeoutMs: 30_000,
    });
    return s;
  })();
  return indexedServer;
}

/** Runs the tour to its end: update, then signal, then the failure. */
async function recordTour(language: Language): Promise<string> {
  const s = ops.server();
  const workflowId = ops.id(`tour-${language}`);
  await s.request(protocol.startWorkflow, {
    workflowId,
    workflowType: 'executionTour',
    taskQueue: ops.queue(language),
    input: '3',
  });
  const update = await s.request(protocol.executeUpdate, {
    workflowId,
    updateName: 'setNote',
    input: '"hello"',
  });
  assert.ok(!update.failure, `update failed: ${JSON.stringify(update.failure)}`);
  await s.request(protocol.signalWorkflow, { workflowId, signalName: 'proceed' });
  const outcome = await s.request(protocol.getWorkflowResult, { workflowId });
  assert.equal(outcome.status, 'Failed');
  return workflowId;
}

/** All pages of a view, small pages so paging is exercised. */
async function loadView(s: TestLanguageServer, workflowId: string, viewId = randomUUID()) {
  const events: protocol.HistoryEventView[] = [];
  let model: protocol.ExecutionModel | undefined;
  let nextPageToken: string | undefined;
  let pages = 0;
  do {
    const page = await s.request(protocol.executionViewPage, {
      viewId,
      workflowId,
      pageSize: 7,
      nextPageToken,
    });
    events.push(...page.events);
    assert.equal(page.loaded, events.length);
    model = page.model ?? model;
    nextPageToken = page.nextPageToken;
    pages++;
  } while (nextPageToken);
  assert.ok(model, 'the last page carries the model');
  return { events, model, pages, viewId };
}

function group(model: protocol.ExecutionModel, kind: protocol.ExecutionGroupKind, name?: string) {
  const g = model.groups.find((x) => x.kind === kind && (name === undefined || x.name === name));
  assert.ok(
    g,
    `a ${kind} group${name ? ` '${name}'` : ''} in ${JSON.stringify(model.groups.map((x) => [x.kind, x.name]))}`,
  );
  return g;
}

for (const language of LANGUAGES) {
  describe(`a recorded ${language} tour`, () => {
    let workflowId = '';
    let loaded: Awaited<ReturnType<typeof loadView>>;

    test(
      'its model has the retried activity, timer, child, signal, update and the failure',
      T,
      async () => {
        workflowId = await recordTour(language);
        loaded = await loadView(ops.server(), workflowId);
        const { model, events } = loaded;
        assert.ok(loaded.pages > 1);
        assert.equal(model.eventCount, events.length);
        assert.equal(model.lastEventId, events[events.length - 1].eventId);
        const h = model.header;
        assert.deepEqual(
          [h.workflowId, h.workflowType, h.taskQueue, h.status],
          [workflowId, 'executionTour', ops.queue(language), 'Failed'],
        );
        assert.ok(h.startTime && h.closeTime && h.durationMs! >= 100);
        assert.deepEqual(
          h.input?.map((p) => p.value),
          [3],
        );
        assert.equal(h.failure?.type, 'TourFailure');
        assert.match(h.failure?.message ?? '', /tour ended \(note: hello\)/);
        assert.ok(h.failure?.stackTrace, 'the workflow failure has a stack trace');

        const activity = group(model, 'activity', 'flakyStep');
        assert.deepEqual(
          [activity.status, activity.attempt, activity.open, activity.failed],
          ['Completed', 3, false, false],
        );
        const started = events.find(
          (e) => e.eventType === 'ActivityTaskStarted' && e.groupEventId === activity.id,
        );
        const lastFailure = (
          started?.json.activityTaskStartedEventAttributes as {
            lastFailure?: { message: string; stackTrace?: string };
          }
        )?.lastFailure;
        assert.match(lastFailure?.message ?? '', /attempt 2 fails on purpose/);
        assert.equal(group(model, 'timer').status, 'Fired');
        const child = group(model, 'child', 'greeting');
        assert.deepEqual([child.status, child.detail], ['Completed', `${workflowId}-child`]);
        assert.equal(group(model, 'signal', 'proceed').eventIds.length, 1);
        const update = group(model, 'update', 'setNote');
        assert.equal(update.status, 'Completed');
        assert.ok(model.groups.filter((g) => g.kind === 'workflowTask').length >= 4);
        // Every event is in exactly one group.
        const grouped = model.groups.flatMap((g) => g.eventIds).sort((a, b) => a - b);
        assert.deepEqual(
          grouped,
          events.map((e) => e.eventId),
        );
        // Lanes: the workflow, workflow tasks, signals, then one per other group.
        assert.equal(group(model, 'workflow').lane, 0);
        assert.equal(activity.lane >= 3 && child.lane >= 3 && activity.lane !== child.lane, true);
        assert.equal(
          model.laneCount,
          3 +
            model.groups.filter((g) => !['workflow', 'workflowTask', 'signal'].includes(g.kind))
              .length,
        );
      },
    );

    test(
      'exported JSON equals `temporal workflow show --output json` after parsing',
      T,
      async () => {
        const substrate = await import('../support/substrate.mjs');
        const { stdout } = await promisify(execFile)(
          substrate.temporalCli(),
          [
            'workflow',
            'show',
            '--workflow-id',
            workflowId,
            '--address',
            ops.target().address,
            '--namespace',
            ops.target().namespace,
            '--output',
            'json',
          ],
          { maxBuffer: 64 * 1024 * 1024 },
        );
        assert.deepEqual(JSON.parse(historyJson(loaded.events)), JSON.parse(stdout));
      },
    );

    test('a re-imported export gives the same events and model', T, async () => {
      const s = ops.server();
      const imported = await s.request(protocol.importExecutionHistory, {
        viewId: randomUUID(),
        text: historyJson(loaded.events),
        fileName: 'tour.json',
      });
      assert.deepEqual(imported.events, loaded.events);
      // The file does not say which workflow id it is of, unless the server wrote it in.
      const header = { ...loaded.model.header, workflowId: imported.model.header.workflowId };
      assert.deepEqual({ ...imported.model, header }, loaded.model);
    });
  });
}

describe('stack frames', () => {
  test(
    "the Python activity's failure frames open samples/python/activities.py at the raising line",
    T,
    async () => {
      const s = await samplesServer();
      const workflowId = await recordTour('python');
      const { events } = await loadView(s, workflowId);
      const started = events.find((e) => e.eventType === 'ActivityTaskStarted');
      const stackTrace =
        (
          started?.json.activityTaskStartedEventAttributes as {
            lastFailure?: { stackTrace?: string };
          }
        )?.lastFailure?.stackTrace ?? '';
      const { frames } = await s.request(protocol.resolveStackTrace, { stackTrace });
      const frame = frames.find((f) => f.uri?.endsWith('/samples/python/activities.py'));
      assert.ok(frame, `a frame in activities.py among ${JSON.stringify(frames)}`);
      const lines = readFileSync(join(samples, 'python/activities.py'), 'utf8').split('\n');
      assert.match(lines[frame.line!], /raise RuntimeError/);
    },
  );

  test(
    'frames outside the workspace stay text; a bare file name is found in the index',
    T,
    async () => {
      const s = await samplesServer();
      const { frames } = await s.request(protocol.resolveStackTrace, {
        stackTrace: [
          '    at Object.<anonymous> (/nowhere/else/lib.js:1:1)',
          '  File "/elsewhere/python/workflows.py", line 2, in run',
        ].join('\n'),
      });
      assert.equal(frames[0].uri, undefined);
      assert.equal(frames[1].uri, pathToFileURL(join(samples, 'python/workflows.py')).toString());
      assert.equal(frames[1].line, 1);
    },
  );
});

describe('a running execution', () => {
  test(
    'following returns the new events and stops at the close; live state says what it waits on',
    T,
    async () => {
      const s = await samplesServer();
      const workflowId = ops.id('tour-follow');
      await s.request(protocol.startWorkflow, {
        workflowId,
        workflowType: 'executionTour',
        taskQueue: ops.queue('typescript'),
        input: '1',
      });
      // Waiting for the signal once the child has completed.
      await waitFor('the child to complete', async () => {
        const { model } = await loadView(s, workflowId);
        return model.groups.some((g) => g.kind === 'child' && g.status === 'Completed')
          ? true
          : undefined;
      });
      const viewId = randomUUID();
      const first = await loadView(s, workflowId, viewId);
      assert.equal(first.model.header.status, 'Running');

      const live = await s.request(protocol.getExecutionLiveState, { workflowId, viewId });
      assert.equal(live.description.status, 'Running');
      assert.deepEqual(
        live.reasons.map((r) => r.kind),
        ['waiting'],
      );
      assert.ok(live.stackTrace?.text, `stack trace: ${live.stackTraceError}`);

      const following = (async () => {
        let model = first.model;
        const seen = [...first.events];
        let nextPageToken: string | undefined;
        while (model.header.status === 'Running') {
          const page = await s.request(protocol.executionViewPage, {
            viewId,
            workflowId,
            follow: true,
            nextPageToken,
          });
          seen.push(...page.events);
          model = page.model ?? model;
          nextPageToken = page.nextPageToken;
        }
        return { model, seen };
      })();
      await s.request(protocol.signalWorkflow, { workflowId, signalName: 'proceed' });
      const { model, seen } = await following;
      assert.equal(model.header.status, 'Failed');
      assert.deepEqual(
        seen.map((e) => e.eventId),
        Array.from({ length: model.eventCount }, (_, i) => i + 1),
      );
      assert.equal(seen[seen.length - 1].eventType, 'WorkflowExecutionFailed');
    },
  );

  test(
    'with no worker on its task queue, the reason names the workspace worker that registers the type',
    T,
    async () => {
      const s = await samplesServer();
      const workflowId = ops.id('tour-nopoller');
      const taskQueue = `nobody-polls-${randomUUID().slice(0, 8)}`;
      await s.request(protocol.startWorkflow, {
        workflowId,
        workflowType: 'executionTour',
        taskQueue,
        input: '1',
      });
      const live = await s.request(protocol.getExecutionLiveState, { workflowId });
      const reason = live.reasons.find((r) => r.kind === 'noPollers');
      assert.ok(reason, JSON.stringify(live.reasons));
      assert.match(reason.message, new RegExp(`No worker polls task queue '${taskQueue}'`));
      assert.match(reason.message, /worker\.(py|ts)/);
      assert.deepEqual(reason.source, { kind: 'workflow', name: 'executionTour' });
      assert.match(live.stackTraceError ?? '', /No worker polls/);
    },
  );
});

describe('the live lens', () => {
  test(
    'with no worker on the task queue of a running execution, the "running" lens tooltip and the hover say why it is not moving',
    T,
    async () => {
      const s = await samplesServer();
      assert.equal(
        (await s.request(protocol.selectProfile, { profileId: 'env:default' })).state,
        'connected',
      );
      const file = join(samples, 'python/workflows.py');
      const uri = pathToFileURL(file).toString();
      const text = readFileSync(file, 'utf8');
      s.openDocument(uri, 'python', text);
      const taskQueue = `nobody-polls-${randomUUID().slice(0, 8)}`;
      await s.request(protocol.startWorkflow, {
        workflowId: ops.id('lens-nopoller'),
        workflowType: 'greeting',
        taskQueue,
        input: '"lens"',
      });
      type Lens = { command: { title: string; tooltip?: string; arguments: [WorkflowLensArgs] } };
      const lens = await waitFor(
        `the greeting lens's tooltip to name '${taskQueue}'`,
        async () => {
          const lenses = (await s.rpc.sendRequest('textDocument/codeLens', {
            textDocument: { uri },
          })) as Lens[];
          return lenses.find(
            (l) =>
              l.command.arguments[0].workflowType === 'greeting' &&
              l.command.arguments[0].tooltip?.includes(taskQueue),
          );
        },
        { timeoutMs: 30_000 },
      );
      assert.match(lens.command.title, /^[1-9]\d* running/);
      const tooltip = lens.command.arguments[0].tooltip ?? '';
      assert.match(
        tooltip,
        new RegExp(
          `^Why is it not moving\\? No worker polls task queue .*'${taskQueue}' \\(1 running execution\\)`,
        ),
      );
      assert.match(
        tooltip,
        /Workspace workers that register 'greeting': .*worker\.py on 'workbench-py'/,
      );
      assert.equal(lens.command.tooltip, tooltip, "LSP 3.18's Command.tooltip says the same");
      // Pointing at the definition's name says the same (from the same cached check).
      const line = text.split('\n').findIndex((l) => l.startsWith('class Greeting'));
      const hover = (await s.rpc.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line, character: 8 },
      })) as {
        contents: { value: string };
      };
      assert.match(
        hover.contents.value,
        new RegExp(
          `\\*\\*Why is it not moving\\?\\*\\* No worker polls task queue .*'${taskQueue}'`,
        ),
      );
    },
  );
});

describe('compare with another run', () => {
  test(
    'a run and its reset: both are runs of the id, and their lines pair event by event (line N is event N)',
    T,
    async () => {
      const s = ops.server();
      const workflowId = await recordTour('typescript');
      const before = await loadView(s, workflowId);
      const reset = await s.request(protocol.resetWorkflow, {
        workflowId,
        runId: before.model.header.runId,
        to: 'FirstWorkflowTask',
        reason: 'compare test',
      });
      // What "Compare with…" offers: the other runs of the workflow id.
      const { executions } = await s.request(protocol.listWorkflowRuns, { workflowId });
      assert.deepEqual(
        [before.model.header.runId, reset.runId].filter((id) =>
          executions.some((e) => e.runId === id),
        ),
        [before.model.header.runId, reset.runId],
      );
      // The new run re-runs the code from its first workflow task; its first activity shows it.
      const after = await waitFor('the reset run to schedule its activity', async () => {
        const { events } = await s.request(protocol.getWorkflowHistory, {
          workflowId,
          runId: reset.runId,
          pageSize: 1000,
        });
        return events.some((e) => e.eventType === 'ActivityTaskScheduled') ? events : undefined;
      });
      for (const events of [before.events, after])
        assert.deepEqual(
          events.map((e) => e.eventId),
          events.map((_, i) => i + 1),
        );
      const left = comparableLines(before.events).split('\n');
      const right = comparableLines(after).split('\n');
      // Up to the reset point the runs share their events; the reset inserts a failed task.
      assert.deepEqual(right.slice(0, 3), left.slice(0, 3));
      assert.equal(reset.resetEventId, 4);
      assert.equal(left[3], 'WorkflowTaskCompleted');
      assert.match(right[3], /^WorkflowTaskFailed .*reset/i);
      // Then the same work in both, at shifted ids, in lines equal to the letter (a diff pairs them).
      const activity = left.find((l) => l.startsWith('ActivityTaskScheduled flakyStep'));
      assert.ok(activity, left.join('\n'));
      assert.ok(
        right.indexOf(activity) > left.indexOf(activity),
        `'${activity}' later in the reset run:\n${right.join('\n')}`,
      );
      await s.request(protocol.terminateWorkflow, { workflowId, reason: 'compare test done' });
    },
  );
});

describe('import errors', () => {
  test('a file that is not a history says which field is wrong', T, async () => {
    const s = ops.server();
    await assert.rejects(
      s.request(protocol.importExecutionHistory, {
        viewId: randomUUID(),
        text: '{"items": []}',
        fileName: 'x.json',
      }),
      /x\.json has no "events" list/,
    );
    await assert.rejects(
      s.request(protocol.importExecutionHistory, {
        viewId: randomUUID(),
        text: 'not json',
        fileName: 'y.json',
      }),
      /y\.json is not JSON/,
    );
  });
});
