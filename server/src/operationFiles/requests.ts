// One block + the values known so far -> the typed request of shared/protocol.ts it stands for.
import fs from 'node:fs';
import path from 'node:path';
import type * as p from '../../../shared/src/protocol';
import type { JsonValue } from '../../../shared/src/protocol';
import type { Block, OperationFile, Span } from './document';
import { optionFor, specFor, type OperationSpec } from './specs';
import { substitute, unquote, ValueError, type Scope } from './values';

export type OperationRequest =
  | { kind: 'start' | 'execute' | 'signalWithStart'; params: p.StartWorkflowParams }
  | { kind: 'signal'; params: p.SignalWorkflowParams }
  | { kind: 'query'; params: p.QueryWorkflowParams }
  | { kind: 'update'; params: p.UpdateWorkflowParams }
  | { kind: 'cancel'; params: p.CancelWorkflowParams }
  | { kind: 'terminate'; params: p.TerminateWorkflowParams }
  | { kind: 'updateWithStart'; params: p.UpdateWithStartParams }
  | { kind: 'scheduleCreate'; params: p.CreateScheduleParams }
  | { kind: 'scheduleDelete'; params: p.ScheduleRefParams }
  | { kind: 'list'; params: p.ListWorkflowsParams }
  | { kind: 'count'; params: p.CountWorkflowsParams };

/** Resolved option values of one block, by long flag name. */
class Values {
  private readonly map = new Map<string, { value: string; span: Span }[]>();

  constructor(block: Block, spec: OperationSpec, scope: Scope) {
    for (const o of block.options) {
      const option = optionFor(spec, o.flag);
      if (!option)
        throw new ValueError(`${spec.command} has no option ${o.dashes}${o.flag}`, o.flagSpan);
      const json = option.kind === 'json' || option.kind === 'keyValue';
      const raw = o.value ?? (option.kind === 'bool' ? 'true' : '');
      const base = o.valueSpan?.start ?? o.flagSpan.start;
      const value = substitute(
        raw,
        (ref, span) => lookup(scope, ref, { start: base + span.start, end: base + span.end }),
        json,
      );
      const list = this.map.get(option.flag) ?? [];
      list.push({ value, span: o.valueSpan ?? o.flagSpan });
      this.map.set(option.flag, list);
    }
  }

  text(flag: string): string | undefined {
    const v = this.map.get(flag)?.[0]?.value;
    return v === undefined ? undefined : unquote(v);
  }

  all(flag: string): string[] {
    return (this.map.get(flag) ?? []).map((v) => v.value);
  }

  number(flag: string): number | undefined {
    const v = this.text(flag);
    return v === undefined ? undefined : Number(v);
  }

  bool(flag: string): boolean | undefined {
    const v = this.text(flag);
    return v === undefined ? undefined : v === 'true';
  }

  keyValues(flag: string): Record<string, JsonValue> | undefined {
    const list = this.map.get(flag);
    if (!list) return undefined;
    const out: Record<string, JsonValue> = {};
    for (const { value, span } of list) {
      const eq = value.indexOf('=');
      try {
        out[value.slice(0, eq).trim()] = JSON.parse(value.slice(eq + 1)) as JsonValue;
      } catch {
        throw new ValueError(`--${flag} takes KEY=JSON`, span);
      }
    }
    return out;
  }

  /** Repeated JSON values as one argument list, the way the CLI's repeated --input works. */
  args(flag: string, fileFlag: string | undefined, dir: string | undefined): string | undefined {
    const texts = this.all(flag);
    for (const { value, span } of fileFlag ? (this.map.get(fileFlag) ?? []) : []) {
      const file = path.resolve(dir ?? process.cwd(), unquote(value));
      try {
        texts.push(fs.readFileSync(file, 'utf8'));
      } catch (err) {
        throw new ValueError(
          `--${fileFlag} ${value}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
          span,
        );
      }
    }
    return texts.length ? `[${texts.join(',\n')}]` : undefined;
  }
}

function lookup(scope: Scope, ref: string, span: Span): JsonValue {
  const [head, field] = ref.split('.');
  if (!field) {
    const v = scope.variables.get(head);
    if (v === undefined) throw new ValueError(`Unknown variable \${${head}}`, span);
    return v;
  }
  const result = scope.results.get(head);
  if (!result)
    throw new ValueError(`\${${ref}} has no value yet: run ${head} first (or Run all)`, span);
  const v = result[field];
  if (v === undefined)
    throw new ValueError(`\${${ref}}: the result of ${head} has no ${field}`, span);
  return v;
}

function target(file: OperationFile, values: Values, scope: Scope): p.TargetParams {
  const setting = (name: string) => {
    const s = file.settings.find((x) => x.name === name);
    return s
      ? unquote(substitute(s.value, (ref, span) => lookup(scope, ref, span), false))
      : undefined;
  };
  const profileId = values.text('profile') ?? setting('profile');
  const namespace = values.text('namespace') ?? setting('namespace');
  return { ...(profileId ? { profileId } : {}), ...(namespace ? { namespace } : {}) };
}

function startParams(v: Values, t: p.TargetParams, dir?: string): p.StartWorkflowParams {
  const priority: p.PriorityInput = {
    priorityKey: v.number('priority-key'),
    fairnessKey: v.text('fairness-key'),
    fairnessWeight: v.number('fairness-weight'),
  };
  return prune({
    ...t,
    workflowType: v.text('type') ?? '',
    taskQueue: v.text('task-queue') ?? '',
    workflowId: v.text('workflow-id'),
    input: v.args('input', 'input-file', dir),
    executionTimeout: v.text('execution-timeout'),
    runTimeout: v.text('run-timeout'),
    taskTimeout: v.text('task-timeout'),
    idReusePolicy: v.text('id-reuse-policy') as p.WorkflowIdReusePolicyName | undefined,
    idConflictPolicy: v.text('id-conflict-policy') as p.WorkflowIdConflictPolicyName | undefined,
    cronSchedule: v.text('cron'),
    memo: v.keyValues('memo'),
    searchAttributes: v.keyValues('search-attribute'),
    startDelay: v.text('start-delay'),
    staticSummary: v.text('static-summary'),
    staticDetails: v.text('static-details'),
    priority: Object.values(priority).some((x) => x !== undefined) ? prune(priority) : undefined,
  });
}

const rejectConditions: Record<string, p.QueryRejectConditionName> = {
  not_open: 'NotOpen',
  not_completed_cleanly: 'NotCompletedCleanly',
};

/** The request a block stands for; ValueError (with the span to flag) when a value is missing or wrong. */
export function buildRequest(
  file: OperationFile,
  block: Block,
  scope: Scope,
  dir?: string,
): OperationRequest {
  const spec = specFor(block.command);
  if (!spec) throw new ValueError(`Unknown operation '${block.command}'`, block.commandSpan);
  const v = new Values(block, spec, scope);
  for (const required of spec.options.filter((o) => o.required)) {
    if (v.text(required.flag) === undefined)
      throw new ValueError(`${spec.command} needs --${required.flag}`, block.commandSpan);
  }
  const t = target(file, v, scope);
  const ref = {
    ...t,
    workflowId: v.text('workflow-id') ?? '',
    ...(v.text('run-id') ? { runId: v.text('run-id') } : {}),
  };
  switch (spec.kind) {
    case 'start':
    case 'execute':
      return { kind: spec.kind, params: startParams(v, t, dir) };
    case 'signalWithStart':
      return {
        kind: 'signalWithStart',
        params: {
          ...startParams(v, t, dir),
          signal: prune({
            name: v.text('signal-name')!,
            input: v.args('signal-input', undefined, dir),
          }),
        },
      };
    case 'updateWithStart':
      return {
        kind: 'updateWithStart',
        params: {
          start: startParams(v, t, dir),
          update: prune({
            updateName: v.text('update-name')!,
            input: v.args('update-input', undefined, dir),
            updateId: v.text('update-id'),
          }),
        },
      };
    case 'signal':
      return {
        kind: 'signal',
        params: prune({
          ...ref,
          signalName: v.text('name')!,
          input: v.args('input', 'input-file', dir),
        }),
      };
    case 'query': {
      const reject = v.text('reject-condition');
      return {
        kind: 'query',
        params: prune({
          ...ref,
          queryType: v.text('name')!,
          input: v.args('input', 'input-file', dir),
          rejectCondition: reject ? rejectConditions[reject] : undefined,
        }),
      };
    }
    case 'update':
      return {
        kind: 'update',
        params: prune({
          ...ref,
          updateName: v.text('name')!,
          input: v.args('input', 'input-file', dir),
          updateId: v.text('update-id'),
          firstExecutionRunId: v.text('first-execution-run-id'),
        }),
      };
    case 'cancel':
      return { kind: 'cancel', params: prune({ ...ref, reason: v.text('reason') }) };
    case 'terminate':
      return {
        kind: 'terminate',
        params: prune({ ...ref, reason: v.text('reason'), details: v.all('details')[0] }),
      };
    case 'scheduleCreate': {
      const start = startParams(v, {}, dir);
      const intervals = v.all('interval').map((i) => {
        const [every, offset] = unquote(i).split('/');
        return prune({ every, offset });
      });
      return {
        kind: 'scheduleCreate',
        params: prune({
          ...t,
          scheduleId: v.text('schedule-id')!,
          spec: prune({
            cronExpressions: v.all('cron').length ? v.all('cron').map(unquote) : undefined,
            intervals: intervals.length ? intervals : undefined,
            calendars: v.all('calendar').length
              ? v.all('calendar').map((c) => JSON.parse(c))
              : undefined,
            startTime: v.text('start-time'),
            endTime: v.text('end-time'),
            jitter: v.text('jitter'),
            timezoneName: v.text('time-zone'),
          }),
          action: prune({
            workflowType: start.workflowType,
            taskQueue: start.taskQueue,
            workflowId: start.workflowId,
            input: start.input,
            executionTimeout: start.executionTimeout,
            runTimeout: start.runTimeout,
            taskTimeout: start.taskTimeout,
            memo: start.memo,
            searchAttributes: start.searchAttributes,
            staticSummary: start.staticSummary,
            staticDetails: start.staticDetails,
            priority: start.priority,
          }),
          policies: emptyToUndefined(
            prune({
              overlap: v.text('overlap-policy') as p.ScheduleOverlapPolicyName | undefined,
              catchupWindow: v.text('catchup-window'),
              pauseOnFailure: v.bool('pause-on-failure'),
            }),
          ),
          state: emptyToUndefined(
            prune({
              paused: v.bool('paused'),
              notes: v.text('notes'),
              remainingActions: v.number('remaining-actions'),
            }),
          ),
          memo: v.keyValues('schedule-memo'),
          searchAttributes: v.keyValues('schedule-search-attribute'),
          triggerImmediately: v.bool('trigger-immediately'),
        }),
      };
    }
    case 'scheduleDelete':
      return { kind: 'scheduleDelete', params: { ...t, scheduleId: v.text('schedule-id')! } };
    case 'list':
      return {
        kind: 'list',
        params: prune({ ...t, query: v.text('query'), pageSize: v.number('limit') ?? 10 }),
      };
    case 'count':
      return { kind: 'count', params: prune({ ...t, query: v.text('query') }) };
  }
}

function prune<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined)) as T;
}

function emptyToUndefined<T extends object>(o: T): T | undefined {
  return Object.keys(o).length ? o : undefined;
}
