import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  parseOperationFile,
  printOperationFile,
  type OperationFile,
} from '../../../server/src/operationFiles/document';
import type { JsonValue } from '../../../shared/src/protocol';
import { buildRequest } from '../../../server/src/operationFiles/requests';
import { operationSpecs } from '../../../server/src/operationFiles/specs';
import { checkBlock, type Scope } from '../../../server/src/operationFiles/values';

/** One canonical block per operation, using every option the operation has at least once. */
const blocks: Record<string, string> = {
  'workflow start': `start1: workflow start
  --type greeting
  --task-queue \${queue}
  --workflow-id greeting-\${uuid}
  --input "Ada"
  --input {"lang": "fr"}
  --input-file args/one.json
  --execution-timeout 1h
  --run-timeout 30m
  --task-timeout 10s
  --id-reuse-policy AllowDuplicate
  --id-conflict-policy Fail
  --search-attribute CustomerId="c-1"
  --memo note="hello"
  --cron "0 * * * *"
  --start-delay 5s
  --static-summary "Greets Ada"
  --static-details "Long text"
  --priority-key 2
  --fairness-key tenant-a
  --fairness-weight 1.5
  --namespace default
  --profile dev`,
  'workflow execute': `run1: workflow execute --type greeting --task-queue q
  --input [1, 2]`,
  'workflow signal': `sig: workflow signal
  -w \${start1.workflowId}
  -r \${start1.runId}
  --name increment
  --input 5`,
  'workflow query': `q1: workflow query
  --workflow-id \${start1.workflowId}
  --name value
  --reject-condition not_open`,
  'workflow update execute': `up: workflow update execute
  --workflow-id \${start1.workflowId}
  --name setValue
  --input {
      "value": 42,
      "note": "multi-line JSON"
    }
  --update-id upd-1
  --first-execution-run-id \${start1.runId}`,
  'workflow cancel': `c1: workflow cancel --workflow-id \${start1.workflowId} --reason "no longer needed"`,
  'workflow terminate': `t1: workflow terminate
  --workflow-id \${start1.workflowId}
  --reason "cleanup after the smoke test"
  --details {"by": "ops"}`,
  'workflow signal-with-start': `sws: workflow signal-with-start
  --type counter
  --task-queue q
  --workflow-id counter-1
  --input 0
  --signal-name increment
  --signal-input 3`,
  'workflow execute-update-with-start': `uws: workflow execute-update-with-start
  --type counter
  --task-queue q
  --workflow-id counter-2
  --id-conflict-policy UseExisting
  --update-name setValue
  --update-input 7
  --update-id u-7`,
  'schedule create': `sched: schedule create
  --schedule-id nightly-\${uuid}
  --cron "0 2 * * *"
  --interval 1h/15m
  --calendar {"hour": "9", "dayOfWeek": "MON-FRI"}
  --start-time 2025-01-01T00:00:00Z
  --end-time 2030-01-01T00:00:00Z
  --jitter 30s
  --time-zone Europe/Paris
  --overlap-policy BufferOne
  --catchup-window 10m
  --pause-on-failure
  --paused=false
  --notes "made by the ops file"
  --remaining-actions 10
  --trigger-immediately
  --schedule-memo owner="ops"
  --schedule-search-attribute CustomerId="c-1"
  --type greeting
  --task-queue q
  --workflow-id nightly
  --input "Ada"`,
  'schedule delete': `sd: schedule delete --schedule-id \${sched.scheduleId}`,
  'workflow list': `l1: workflow list
  --query WorkflowType = 'greeting' AND ExecutionStatus = 'Running'
  --limit 5`,
  'workflow count': `n1: workflow count -q ExecutionStatus = 'Completed'`,
};

const head = `# Smoke test for the greeting service

profile = dev
namespace = default
# the workers' queue
queue = workbench-ts
`;

function strip(file: OperationFile): unknown {
  return JSON.parse(
    JSON.stringify(file, (k, v) => (k.endsWith('Span') || k === 'span' ? undefined : v)),
  );
}

describe('.temporal parser', () => {
  test('covers every operation the format declares', () => {
    assert.deepEqual(Object.keys(blocks).sort(), operationSpecs.map((s) => s.command).sort());
  });

  for (const [command, block] of Object.entries(blocks)) {
    test(`round trip of ${command}: print(parse(text)) is the text, and parses to the same tree`, () => {
      const text = `${head}\n${block}\n`;
      const file = parseOperationFile(text);
      assert.deepEqual(file.problems, []);
      assert.equal(file.blocks.length, 1);
      assert.equal(file.blocks[0].command, command);
      const printed = printOperationFile(file);
      assert.equal(printed, text);
      assert.deepEqual(strip(parseOperationFile(printed)), strip(file));
    });
  }

  test('every option of every canonical block is one its operation declares, and all options are used', () => {
    const file = parseOperationFile(`${head}\n${Object.values(blocks).join('\n\n')}\n`);
    assert.deepEqual(file.problems, []);
    for (const b of file.blocks) {
      const spec = operationSpecs.find((s) => s.command === b.command)!;
      const used = new Set(
        b.options.map(
          (o) => spec.options.find((x) => x.flag === o.flag || x.alias === o.flag)?.flag,
        ),
      );
      assert.ok(!used.has(undefined), b.name);
      if (['start', 'scheduleCreate', 'update', 'terminate'].includes(spec.kind)) {
        const unused = spec.options.filter((o) => !used.has(o.flag)).map((o) => o.flag);
        assert.deepEqual(
          unused,
          spec.kind === 'scheduleCreate'
            ? [
                'input-file',
                'execution-timeout',
                'run-timeout',
                'task-timeout',
                'search-attribute',
                'memo',
                'static-summary',
                'static-details',
                'priority-key',
                'fairness-key',
                'fairness-weight',
                'namespace',
                'profile',
              ]
            : spec.kind === 'start'
              ? []
              : spec.kind === 'update'
                ? ['run-id', 'input-file', 'namespace', 'profile']
                : ['run-id', 'namespace', 'profile'],
          b.name,
        );
      }
    }
  });

  test('spans point at names, commands, flags and values in the text', () => {
    const text = 'a: workflow cancel --workflow-id w1 --reason "x y"\n';
    const b = parseOperationFile(text).blocks[0];
    const at = (s: { start: number; end: number }) => text.slice(s.start, s.end);
    assert.deepEqual(
      [
        at(b.nameSpan),
        at(b.commandSpan),
        ...b.options.flatMap((o) => [at(o.flagSpan), at(o.valueSpan!)]),
      ],
      ['a', 'workflow cancel', '--workflow-id', 'w1', '--reason', '"x y"'],
    );
  });

  test('lines that are neither settings, blocks, options nor comments are problems with their span', () => {
    const text = 'profile = dev\nwhat is this\na: workflow start\n  --type x\nstray\nlate = 1\n';
    assert.deepEqual(
      parseOperationFile(text).problems.map(
        (p) => `${text.slice(p.span.start, p.span.end)}: ${p.message}`,
      ),
      [
        'what is this: Expected a setting (name = value), a block (name: workflow start) or a # comment',
        'stray: Expected an indented option (--flag value), a new block (name: command) or a # comment',
        'late = 1: Variables and settings go at the top of the file, before the first block',
      ],
    );
  });
});

describe('.temporal checks without server or index', () => {
  const problems = (text: string) => {
    const file = parseOperationFile(text);
    return [...file.problems, ...file.blocks.flatMap((b) => checkBlock(file, b))].map(
      (p) => `${text.slice(p.span.start, p.span.end)}: ${p.message}`,
    );
  };

  test('unknown operations and options, with suggestions', () => {
    assert.deepEqual(problems('a: workflow strat --type x --task-queue q\n'), [
      "workflow strat: Unknown operation 'workflow strat': did you mean 'workflow start'?",
    ]);
    assert.deepEqual(problems('a: workflow start --type x --task-queue q --task-queu2 y\n'), [
      '--task-queu2: workflow start has no option --task-queu2: did you mean --task-queue?',
    ]);
  });

  test('malformed JSON is flagged at the character, multi-line values included', () => {
    const text = 'a: workflow start --type x --task-queue q\n  --input {\n    "a": 1,,\n  }\n';
    assert.deepEqual(problems(text), [
      ",: --input is not valid JSON: Expected a property name in double quotes but found ','",
    ]);
  });

  test('missing required options, bad enums, durations and numbers, repeated single options', () => {
    assert.deepEqual(problems('a: workflow signal --name x\n'), [
      'workflow signal: workflow signal needs --workflow-id (-w)',
    ]);
    assert.deepEqual(
      problems(
        'a: workflow start --type x --task-queue q --id-conflict-policy Maybe --run-timeout soon --priority-key 1.5 --type y\n',
      ),
      [
        'Maybe: --id-conflict-policy is one of Fail, UseExisting, TerminateExisting',
        'soon: --run-timeout is a duration such as 30s, 5m, 1h30m',
        '1.5: --priority-key is a whole number',
        '--type: --type is given more than once',
      ],
    );
  });

  test('references must name a variable at the top or a result field of a block above', () => {
    const text =
      'x = 1\na: workflow signal -w ${b.workflowId} --name s --input ${y}\nb: workflow start --type t --task-queue ${x}\nc: workflow cancel -w ${b.runIds}\n';
    assert.deepEqual(problems(text), [
      '${b.workflowId}: ${b.workflowId}: block b comes later; a block can only use results of blocks above it',
      '${y}: Unknown variable ${y}: define it at the top (y = ...)',
      '${b.runIds}: ${b.runIds}: workflow start results have workflowId, runId, started',
    ]);
  });
});

describe('.temporal blocks to requests', () => {
  const scope = (): Scope => ({
    variables: new Map([
      ['queue', 'workbench-ts'],
      ['uuid', 'U1'],
    ]),
    results: new Map<string, Record<string, JsonValue>>([
      ['start1', { workflowId: 'greeting-U1', runId: 'R1', started: true }],
      ['sched', { scheduleId: 'nightly-U1' }],
    ]),
  });
  const request = (command: string) => {
    const file = parseOperationFile(`${head}\n${blocks[command]}\n`);
    return buildRequest(file, file.blocks[0], scope(), '/nowhere');
  };

  test('start: every CLI option lands in its request field; repeated --input is the argument list', () => {
    const file = parseOperationFile(
      `${head}\n${blocks['workflow start'].replace('  --input-file args/one.json\n', '')}\n`,
    );
    assert.deepEqual(buildRequest(file, file.blocks[0], scope()), {
      kind: 'start',
      params: {
        profileId: 'dev',
        namespace: 'default',
        workflowType: 'greeting',
        taskQueue: 'workbench-ts',
        workflowId: 'greeting-U1',
        input: '["Ada",\n{"lang": "fr"}]',
        executionTimeout: '1h',
        runTimeout: '30m',
        taskTimeout: '10s',
        idReusePolicy: 'AllowDuplicate',
        idConflictPolicy: 'Fail',
        cronSchedule: '0 * * * *',
        memo: { note: 'hello' },
        searchAttributes: { CustomerId: 'c-1' },
        startDelay: '5s',
        staticSummary: 'Greets Ada',
        staticDetails: 'Long text',
        priority: { priorityKey: 2, fairnessKey: 'tenant-a', fairnessWeight: 1.5 },
      },
    });
  });

  test('an --input-file that cannot be read names the file', () => {
    assert.throws(
      () => request('workflow start'),
      /--input-file args\/one.json: cannot read \/nowhere\/args\/one.json \(ENOENT\)/,
    );
  });

  test('signal, query, update, cancel, terminate use earlier results', () => {
    assert.deepEqual(request('workflow signal'), {
      kind: 'signal',
      params: {
        profileId: 'dev',
        namespace: 'default',
        workflowId: 'greeting-U1',
        runId: 'R1',
        signalName: 'increment',
        input: '[5]',
      },
    });
    assert.deepEqual(request('workflow query').params, {
      profileId: 'dev',
      namespace: 'default',
      workflowId: 'greeting-U1',
      queryType: 'value',
      rejectCondition: 'NotOpen',
    });
    const up = request('workflow update execute');
    assert.equal(up.kind, 'update');
    assert.deepEqual(JSON.parse((up.params as { input: string }).input), [
      { value: 42, note: 'multi-line JSON' },
    ]);
    assert.deepEqual(request('workflow cancel').params, {
      profileId: 'dev',
      namespace: 'default',
      workflowId: 'greeting-U1',
      reason: 'no longer needed',
    });
    assert.deepEqual(request('workflow terminate').params, {
      profileId: 'dev',
      namespace: 'default',
      workflowId: 'greeting-U1',
      reason: 'cleanup after the smoke test',
      details: '{"by": "ops"}',
    });
  });

  test('signal-with-start, update-with-start, schedules, list and count', () => {
    assert.deepEqual((request('workflow signal-with-start').params as { signal: unknown }).signal, {
      name: 'increment',
      input: '[3]',
    });
    const uws = request('workflow execute-update-with-start').params as {
      start: { idConflictPolicy: string };
      update: unknown;
    };
    assert.equal(uws.start.idConflictPolicy, 'UseExisting');
    assert.deepEqual(uws.update, { updateName: 'setValue', input: '[7]', updateId: 'u-7' });
    const sched = request('schedule create').params as Record<string, unknown>;
    assert.equal(sched.scheduleId, 'nightly-U1');
    assert.deepEqual(sched.spec, {
      cronExpressions: ['0 2 * * *'],
      intervals: [{ every: '1h', offset: '15m' }],
      calendars: [{ hour: '9', dayOfWeek: 'MON-FRI' }],
      startTime: '2025-01-01T00:00:00Z',
      endTime: '2030-01-01T00:00:00Z',
      jitter: '30s',
      timezoneName: 'Europe/Paris',
    });
    assert.deepEqual(sched.policies, {
      overlap: 'BufferOne',
      catchupWindow: '10m',
      pauseOnFailure: true,
    });
    assert.deepEqual(sched.state, {
      paused: false,
      notes: 'made by the ops file',
      remainingActions: 10,
    });
    assert.deepEqual(
      [sched.memo, sched.searchAttributes, sched.triggerImmediately],
      [{ owner: 'ops' }, { CustomerId: 'c-1' }, true],
    );
    assert.deepEqual(request('schedule delete').params, {
      profileId: 'dev',
      namespace: 'default',
      scheduleId: 'nightly-U1',
    });
    assert.deepEqual(request('workflow list').params, {
      profileId: 'dev',
      namespace: 'default',
      query: "WorkflowType = 'greeting' AND ExecutionStatus = 'Running'",
      pageSize: 5,
    });
    assert.deepEqual(request('workflow count').params, {
      profileId: 'dev',
      namespace: 'default',
      query: "ExecutionStatus = 'Completed'",
    });
  });

  test('a reference to a block that has not run says which block to run', () => {
    const file = parseOperationFile(`a: workflow cancel -w \${start9.workflowId}\n`);
    assert.throws(
      () => buildRequest(file, file.blocks[0], scope()),
      /\$\{start9.workflowId\} has no value yet: run start9 first \(or Run all\)/,
    );
  });
});
