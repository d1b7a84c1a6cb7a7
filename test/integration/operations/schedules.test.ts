// Schedules on the real dev server with the real TypeScript worker: a 1-second schedule runs
// greeting, pause stops it, trigger and backfill add exactly the expected runs, the document
// round-trips and updates the spec, delete removes it, and bad specs create nothing.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, test } from 'node:test';
import * as protocol from '../../../shared/src/protocol';
import { expectWorkbenchError } from '../../support/languageServer';
import { firstValue, useOperations, waitFor } from './support';

// Registered before useOperations' hooks, so it runs while the language server is still up.
const created = new Set<string>();
after(async () => {
  await Promise.all(
    [...created].map((scheduleId) =>
      ops
        .server()
        .request(protocol.deleteSchedule, { scheduleId })
        .catch(() => undefined),
    ),
  );
});

const ops = useOperations();
const T = { timeout: 40_000 };

function scheduleId(name: string): string {
  const id = `sched-${name}-${randomUUID().slice(0, 8)}`;
  created.add(id);
  return id;
}

async function describeSchedule(scheduleId: string): Promise<protocol.ScheduleDescription> {
  return ops.server().request(protocol.describeSchedule, { scheduleId });
}

async function waitForActions(scheduleId: string, count: number, timeoutMs = 15_000) {
  return waitFor(
    `${count} actions of ${scheduleId}`,
    async () => {
      const d = await describeSchedule(scheduleId);
      return d.actionCount >= count ? d : undefined;
    },
    { timeoutMs, intervalMs: 200 },
  );
}

describe('a 1-second schedule through its life', () => {
  const id = scheduleId('life');
  const prefix = `${id}-run`;
  const tag = `sched-${randomUUID().slice(0, 8)}`;
  let actionsWhenPaused = 0;

  test('create: it starts greeting every second, each run linked from describe', T, async () => {
    const s = ops.server();
    const res = await s.request(protocol.createSchedule, {
      scheduleId: id,
      spec: { intervals: [{ every: '1s' }] },
      action: {
        workflowId: prefix,
        workflowType: 'greeting',
        taskQueue: ops.queue('typescript'),
        input: '["Schedule"]',
      },
      policies: { overlap: 'AllowAll' },
      memo: { owner: 'tests' },
      searchAttributes: { WorkbenchTag: tag },
    });
    assert.equal(res.scheduleId, id);

    const d = await waitForActions(id, 2);
    assert.equal(d.specSummary, 'every 1s');
    assert.equal(d.workflowType, 'greeting');
    assert.equal(d.paused, false);
    assert.ok(d.recentActions.length >= 2);
    for (const a of d.recentActions) {
      assert.ok(a.workflowId.startsWith(`${prefix}-`), a.workflowId);
      assert.ok(a.runId && a.scheduledTime && a.actualTime);
    }
    assert.ok(d.futureActionTimes.length > 1);
    const [t1, t2] = d.futureActionTimes.map((t) => Date.parse(t));
    assert.equal(t2 - t1, 1000);
    assert.deepEqual(firstValue([d.memo.owner]), 'tests');
    assert.equal(d.searchAttributes.WorkbenchTag?.value, tag);

    // The linked run is a real execution that the worker completed.
    const { workflowId, runId } = d.recentActions[0];
    const outcome = await s.request(protocol.getWorkflowResult, {
      workflowId,
      runId,
    });
    assert.equal(outcome.status, 'Completed');
    if (outcome.status === 'Completed')
      assert.equal(firstValue(outcome.result), 'Hello, Schedule!');

    // Listed by its own search attribute (visibility catches up shortly).
    const listed = await waitFor('schedule listed', async () => {
      const l = await s.request(protocol.listSchedules, {
        query: `WorkbenchTag = '${tag}'`,
      });
      return l.schedules.find((x) => x.scheduleId === id);
    });
    assert.equal(listed.workflowType, 'greeting');
    assert.equal(listed.specSummary, 'every 1s');
  });

  test('pause: no more actions while paused; the note is kept', T, async () => {
    const s = ops.server();
    await s.request(protocol.pauseSchedule, {
      scheduleId: id,
      note: 'maintenance window',
    });
    const paused = await waitFor('paused', async () => {
      const d = await describeSchedule(id);
      return d.paused ? d : undefined;
    });
    assert.equal(paused.notes, 'maintenance window');
    actionsWhenPaused = paused.actionCount;
    // Two slots pass by the server's own clock: a witness schedule with the same spec, created
    // after the pause, takes 3 actions (a paused schedule's listed next times do not move).
    const witness = scheduleId('witness');
    await s.request(protocol.createSchedule, {
      scheduleId: witness,
      spec: { intervals: [{ every: '1s' }] },
      action: { workflowType: 'greeting', taskQueue: ops.queue('typescript'), input: '"W"' },
      policies: { overlap: 'AllowAll' },
    });
    await waitForActions(witness, 3);
    await s.request(protocol.deleteSchedule, { scheduleId: witness });
    const later = await describeSchedule(id);
    assert.equal(later.actionCount, actionsWhenPaused);
  });

  test('trigger: one run now, even while paused', T, async () => {
    await ops.server().request(protocol.triggerSchedule, {
      scheduleId: id,
      overlapPolicy: 'AllowAll',
    });
    const d = await waitForActions(id, actionsWhenPaused + 1);
    assert.equal(d.actionCount, actionsWhenPaused + 1);
    assert.equal(d.paused, true);
  });

  test('backfill: a range covering 3 slots makes exactly 3 runs', T, async () => {
    const s = ops.server();
    const before = (await describeSchedule(id)).actionCount;
    // A minute before the schedule existed, so no slot collides with a scheduled run's id;
    // half-second edges so the inclusive range holds exactly 3 whole-second slots.
    const base = Math.floor(Date.now() / 1000) * 1000 - 120_000;
    const startTime = new Date(base + 500).toISOString();
    const endTime = new Date(base + 3500).toISOString();
    const preview = await s.request(protocol.listScheduleMatchingTimes, {
      scheduleId: id,
      startTime,
      endTime,
    });
    assert.equal(preview.times.length, 3);

    await s.request(protocol.backfillSchedule, {
      scheduleId: id,
      startTime,
      endTime,
      overlapPolicy: 'AllowAll',
    });
    const d = await waitForActions(id, before + 3);
    // The schedule is paused: once nothing is buffered or running, no further action can follow.
    const after = await waitFor('the backfill to settle', async () => {
      const x = await describeSchedule(id);
      return x.bufferSize === 0 && x.runningWorkflows.length === 0 ? x : undefined;
    });
    assert.equal(after.actionCount, before + 3);
    const backfilled = after.recentActions.filter((a) => {
      const t = Date.parse(a.scheduledTime ?? '');
      return t >= base && t <= base + 4000;
    });
    assert.deepEqual(
      backfilled.map((a) => a.scheduledTime),
      preview.times,
    );
    assert.ok(d.recentActions.length > 0);
    const run = backfilled[2];
    const outcome = await s.request(protocol.getWorkflowResult, {
      workflowId: run.workflowId,
      runId: run.runId,
    });
    assert.equal(outcome.status, 'Completed');
  });

  test(
    'update: the edited document changes the spec; stale or invalid edits save nothing',
    T,
    async () => {
      const s = ops.server();
      const { document, conflictToken, warnings } = await s.request(protocol.getScheduleDocument, {
        scheduleId: id,
      });
      assert.deepEqual(warnings, []);
      assert.deepEqual(document, {
        spec: { intervals: [{ every: '1s' }] },
        action: {
          workflowId: prefix,
          workflowType: 'greeting',
          taskQueue: ops.queue('typescript'),
          // Created from JSON text (the older form); the document shows plain JSON.
          input: ['Schedule'],
        },
        policies: { overlap: 'AllowAll', catchupWindow: '365d' },
        state: { paused: true, notes: 'maintenance window' },
        memo: { owner: 'tests' },
        searchAttributes: { WorkbenchTag: tag },
      });
      assert.ok(conflictToken);

      document.spec.intervals = [{ every: '1h' }];
      // As the client sends it: the text of the edited JSON document.
      await s.request(protocol.updateSchedule, {
        scheduleId: id,
        document: JSON.stringify(document, null, 2),
        conflictToken,
      });
      const d = await describeSchedule(id);
      assert.deepEqual(d.schedule.spec, { intervals: [{ every: '1h' }] });
      assert.equal(d.specSummary, 'every 1h');
      assert.equal(d.paused, true);
      assert.deepEqual(d.schedule.memo, { owner: 'tests' });

      // The token read before that update is stale now.
      document.spec.intervals = [{ every: '2h' }];
      const stale = await expectWorkbenchError(
        s.request(protocol.updateSchedule, {
          scheduleId: id,
          document,
          conflictToken,
        }),
        'FailedPrecondition',
      );
      assert.match(stale, /changed by someone else/);

      const invalid = { ...document, spec: { calendars: [{ hour: [24] }] } };
      const bad = await expectWorkbenchError(
        s.request(protocol.updateSchedule, { scheduleId: id, document: invalid }),
        'InvalidInput',
      );
      assert.match(bad, /spec\.calendars\[0\]\.hour\[0\] 24 is out of range 0-23/);
      assert.equal((await describeSchedule(id)).specSummary, 'every 1h');

      // Memo edits: the pinned dev server runs schedules as workflows and refuses them; the
      // error names the memo and nothing is saved.
      const fresh = await s.request(protocol.getScheduleDocument, {
        scheduleId: id,
      });
      fresh.document.memo = { owner: 'someone else' };
      const refused = await expectWorkbenchError(
        s.request(protocol.updateSchedule, { scheduleId: id, document: fresh.document }),
        'FailedPrecondition',
      );
      assert.match(refused, /^memo: .*nothing was saved/);
      assert.deepEqual((await describeSchedule(id)).schedule.memo, { owner: 'tests' });
    },
  );

  test('delete: describe says NotFound afterwards', T, async () => {
    const s = ops.server();
    await s.request(protocol.deleteSchedule, { scheduleId: id });
    const message = await expectWorkbenchError(describeSchedule(id), 'NotFound');
    assert.match(message, new RegExp(`Schedule '${id}' not found`));
    created.delete(id);
  });
});

describe('schedule options', () => {
  test(
    'every option round-trips through the document; preview follows calendar and skip',
    T,
    async () => {
      const s = ops.server();
      const id = scheduleId('options');
      const input: protocol.CreateScheduleParams = {
        scheduleId: id,
        spec: {
          calendars: [{ hour: '9', dayOfWeek: 'MON-FRI', comment: 'weekday mornings' }],
          cronExpressions: ['30 12 * * 6'],
          skip: [{ dayOfMonth: [25], month: [12] }],
          startTime: '2030-01-01T00:00:00Z',
          endTime: '2031-01-01T00:00:00Z',
          jitter: '10s',
          timezoneName: 'Europe/Paris',
        },
        action: {
          workflowId: `${id}-wf`,
          workflowType: 'greeting',
          taskQueue: ops.queue('typescript'),
          input: ['Options'],
          executionTimeout: '1h',
          runTimeout: '30m',
          taskTimeout: '20s',
          retryPolicy: {
            initialInterval: '2s',
            backoffCoefficient: 3,
            maximumAttempts: 4,
          },
          memo: { team: 'payments' },
          searchAttributes: { WorkbenchTag: 'scheduled-run' },
          staticSummary: 'Scheduled greeting',
          staticDetails: 'From the schedule tests',
          priority: { priorityKey: 2 },
        },
        policies: {
          overlap: 'BufferOne',
          catchupWindow: '10m',
          pauseOnFailure: true,
        },
        state: { paused: true, notes: 'created paused', remainingActions: 5 },
        memo: { purpose: 'options test' },
      };
      await s.request(protocol.createSchedule, input);

      const first = await s.request(protocol.getScheduleDocument, {
        scheduleId: id,
      });
      assert.deepEqual(first.warnings, []);
      assert.deepEqual(first.document, {
        spec: {
          // The server keeps cron expressions as calendars.
          calendars: [
            { hour: '9', dayOfWeek: '1-5', comment: 'weekday mornings' },
            { minute: '30', hour: '12', dayOfWeek: '6' },
          ],
          skip: [{ dayOfMonth: '25', month: '12' }],
          startTime: '2030-01-01T00:00:00.000Z',
          endTime: '2031-01-01T00:00:00.000Z',
          jitter: '10s',
          timezoneName: 'Europe/Paris',
        },
        action: input.action,
        policies: input.policies,
        state: input.state,
        memo: input.memo,
      });

      // Saving the document unchanged changes nothing.
      await s.request(protocol.updateSchedule, {
        scheduleId: id,
        document: first.document,
        conflictToken: first.conflictToken,
      });
      const second = await s.request(protocol.getScheduleDocument, {
        scheduleId: id,
      });
      assert.deepEqual(second.document, first.document);

      // Week of 2030-12-23 (Mon) in Paris: weekdays 09:00 except the 25th, Saturday 12:30,
      // each up to 10s late (jitter).
      const { times } = await s.request(protocol.listScheduleMatchingTimes, {
        scheduleId: id,
        startTime: '2030-12-23T00:00:00Z',
        endTime: '2030-12-29T23:59:59Z',
      });
      assert.deepEqual(
        times.map((t) => t.slice(0, 16)),
        [
          '2030-12-23T08:00',
          '2030-12-24T08:00',
          '2030-12-26T08:00',
          '2030-12-27T08:00',
          '2030-12-28T11:30',
        ],
      );
      const d = await describeSchedule(id);
      assert.equal(
        d.specSummary,
        '0 9 * * 1-5 (weekday mornings); 30 12 * * 6; skip 1; Europe/Paris',
      );
    },
  );

  test('limited actions: the schedule stops after its remaining actions', T, async () => {
    const s = ops.server();
    const id = scheduleId('limited');
    await s.request(protocol.createSchedule, {
      scheduleId: id,
      spec: { intervals: [{ every: '1s' }] },
      action: {
        workflowType: 'greeting',
        taskQueue: ops.queue('typescript'),
        input: '"Twice"',
      },
      policies: { overlap: 'AllowAll' },
      state: { remainingActions: 2 },
    });
    const d = await waitForActions(id, 2);
    assert.ok(d.recentActions.every((a) => a.workflowId.startsWith(`${id}-workflow-`)));
    // The server's own state says it is done: no actions left, none buffered or running.
    const later = await waitFor('the schedule to use up its actions', async () => {
      const x = await describeSchedule(id);
      const done = x.schedule.state?.remainingActions === 0 && x.bufferSize === 0;
      return done && x.runningWorkflows.length === 0 ? x : undefined;
    });
    assert.equal(later.actionCount, 2);
    assert.equal(later.schedule.state?.remainingActions, 0);
  });

  test('create fails on a taken id with AlreadyExists', T, async () => {
    const s = ops.server();
    const id = scheduleId('taken');
    const params: protocol.CreateScheduleParams = {
      scheduleId: id,
      spec: { intervals: [{ every: '1h' }] },
      action: { workflowType: 'greeting', taskQueue: ops.queue('typescript') },
      state: { paused: true },
    };
    await s.request(protocol.createSchedule, params);
    const message = await expectWorkbenchError(
      s.request(protocol.createSchedule, params),
      'AlreadyExists',
    );
    assert.match(message, new RegExp(`Schedule '${id}' already exists`));
  });
});

describe('invalid schedules', () => {
  test(
    'a bad cron, calendar, time zone or action names the field and creates nothing',
    T,
    async () => {
      const s = ops.server();
      const id = scheduleId('invalid');
      const action = {
        workflowType: 'greeting',
        taskQueue: ops.queue('typescript'),
      };
      const cases: [protocol.CreateScheduleParams, RegExp][] = [
        [
          { scheduleId: id, spec: { cronExpressions: ['61 * * * *'] }, action },
          /^spec\.cronExpressions\[0\] '61 \* \* \* \*': minute 61 is out of range 0-59/,
        ],
        [
          { scheduleId: id, spec: { cronExpressions: ['0 9 * *'] }, action },
          /^spec\.cronExpressions\[0\] .* has 4 fields/,
        ],
        [
          { scheduleId: id, spec: { calendars: [{ hour: [24] }] }, action },
          /^spec\.calendars\[0\]\.hour\[0\] 24 is out of range 0-23/,
        ],
        [
          {
            scheduleId: id,
            spec: { calendars: [{ dayOfWeek: 'FUNDAY' }] },
            action,
          },
          /^spec\.calendars\[0\]\.dayOfWeek: day of week 'FUNDAY' is not a number or name/,
        ],
        [
          {
            scheduleId: id,
            spec: {
              intervals: [{ every: '1m' }],
              timezoneName: 'Mars/Olympus',
            },
            action,
          },
          /^spec\.timezoneName 'Mars\/Olympus' is not a known time zone/,
        ],
        [
          {
            scheduleId: id,
            spec: { intervals: [{ every: '1m' }] },
            action: { taskQueue: 'q' } as protocol.ScheduleActionInput,
          },
          /^action\.workflowType is required/,
        ],
        [
          {
            scheduleId: id,
            spec: { intervals: [{ every: '1m' }] },
            action,
            policies: {
              overlap: 'Sometimes' as protocol.ScheduleOverlapPolicyName,
            },
          },
          /^policies\.overlap 'Sometimes' is not one of: Skip, BufferOne, BufferAll, CancelOther, TerminateOther, AllowAll/,
        ],
      ];
      for (const [params, pattern] of cases) {
        const message = await expectWorkbenchError(
          s.request(protocol.createSchedule, params),
          'InvalidInput',
        );
        assert.match(message, pattern);
      }
      await expectWorkbenchError(describeSchedule(id), 'NotFound');
      created.delete(id);
    },
  );
});
