// The duroxide backend: orchestration instances of one store (SQLite or PostgreSQL) through
// duroxide's own client and management API. Instances are workflows, executions (the
// continue-as-new chain) are runs with the execution id as run id, raised events are signals.
// duroxide has no namespaces, queries, updates, schedules, task queues or terminate: those
// groups are absent, so the client hides them.
import { randomUUID } from 'node:crypto';
import type {
  ExecutionStatus,
  ExecutionSummary,
  HistoryEventView,
  JsonObject,
  ListWorkflowsResult,
  PayloadView,
  WorkflowDescription,
  WorkflowOutcome,
} from '../../../../shared/src/protocol';
import type { ProfileDefinition } from '../../connection/profiles';
import { WorkbenchError } from '../../errors';
import { parseArguments } from '../../payloads/jsonInput';
import type { Backend } from '../backend';
import type { DuroxideClient, DuroxideEvent, DuroxideExecutionInfo } from './binding';
import { instanceFilter, type InstanceFilter } from './filter';
import { storeError } from './store';

/** How long one native wait may block before we look at the caller's cancellation again. */
const WAIT_SLICE_MS = 5_000;
/** How often a followed history of a running instance is read again, and for how long. */
const FOLLOW_POLL_MS = 500;
const FOLLOW_WINDOW_MS = 20_000;

export interface DuroxideContext {
  profile: ProfileDefinition;
  client: DuroxideClient;
  /** Refuses writes through a read-only profile. */
  assertWritable(): void;
}

export function duroxideBackend({ profile, client, assertWritable }: DuroxideContext): Backend {
  const store = profile.store ?? '';
  /** One native call, its failure named by what we were doing. */
  const call = async <T>(doing: string, fn: (c: DuroxideClient) => Promise<T>): Promise<T> => {
    try {
      return await fn(client);
    } catch (err) {
      throw storeError(err, store, doing);
    }
  };

  const summaryOf = async (instanceId: string): Promise<ExecutionSummary> => {
    const info = await call(`read instance '${instanceId}'`, (c) => c.getInstanceInfo(instanceId));
    const exec = await call(`read instance '${instanceId}'`, (c) =>
      c.getExecutionInfo(instanceId, info.currentExecutionId),
    );
    return {
      workflowId: instanceId,
      runId: String(info.currentExecutionId),
      workflowType: info.orchestrationName,
      status: statusOf(info.status, info.output),
      taskQueue: '',
      startTime: isoMs(exec.startedAt || info.createdAt),
      closeTime: isoMs(exec.completedAt),
      historyLength: exec.eventCount,
      parentWorkflowId: info.parentInstanceId,
      searchAttributes: { Version: jsonView(info.orchestrationVersion) },
    };
  };

  const instanceIds = async (filter: InstanceFilter): Promise<string[]> => {
    const ids = filter.status
      ? await call('list instances', (c) => c.listInstancesByStatus(filter.status!))
      : await call('list instances', (c) => c.listAllInstances());
    return [...ids].sort();
  };

  /** The instances a query selects, with their summaries when the query needs them. */
  const matching = async (query: string | undefined) => {
    const filter = instanceFilter(query);
    const ids = await instanceIds(filter);
    if (!filter.needsSummary) return { ids, summaries: undefined };
    const all = await Promise.all(ids.map(summaryOf));
    const summaries = all.filter(filter.accepts);
    return { ids: summaries.map((s) => s.workflowId), summaries };
  };

  const executionId = async (instanceId: string, runId: string | undefined): Promise<number> => {
    if (runId) {
      const n = Number(runId);
      if (!Number.isInteger(n) || n < 1)
        throw new WorkbenchError(
          'InvalidInput',
          `runId '${runId}' is not a duroxide execution id (1, 2, ...)`,
        );
      return n;
    }
    const info = await call(`read instance '${instanceId}'`, (c) => c.getInstanceInfo(instanceId));
    return info.currentExecutionId;
  };

  const outcome = (
    instanceId: string,
    runId: string,
    status: string,
    output: string | undefined,
  ): WorkflowOutcome => {
    const s = statusOf(status, output);
    const base = { workflowId: instanceId, runId };
    switch (s) {
      case 'Completed':
        return {
          status: 'Completed',
          ...base,
          result: output === undefined ? [] : [jsonView(output)],
        };
      case 'Failed':
        return {
          status: 'Failed',
          ...base,
          failure: { message: output ?? 'failed', kind: 'Application' },
        };
      case 'Canceled':
        return {
          status: 'Canceled',
          ...base,
          details: output ? [jsonView(output.replace(cancelPrefix, ''))] : [],
        };
      case 'ContinuedAsNew':
        return { status: 'ContinuedAsNew', ...base, newRunId: String(Number(runId) + 1) };
      default:
        return { status: 'Running', ...base };
    }
  };

  /** Waits (in slices, so LSP cancellation is honoured) until the instance is terminal. */
  const waitTerminal = async (
    instanceId: string,
    signal?: AbortSignal,
  ): Promise<{ status: string; output?: string }> => {
    for (;;) {
      if (signal?.aborted) throw new WorkbenchError('Cancelled', 'Cancelled');
      try {
        const st = await client.waitForOrchestration(instanceId, WAIT_SLICE_MS);
        return { status: st.status, output: st.status === 'Failed' ? st.error : st.output };
      } catch (err) {
        if (!/timed out/i.test((err as Error).message ?? ''))
          throw storeError(err, store, `wait for instance '${instanceId}'`);
      }
    }
  };

  const startInstance = async (p: {
    workflowId?: string;
    workflowType: string;
    input?: string;
    version?: string;
  }) => {
    assertWritable();
    if (!p.workflowType?.trim())
      throw new WorkbenchError('InvalidInput', 'workflowType (the orchestration name) is required');
    const args = parseArguments(p.input);
    if (args.length > 1) {
      throw new WorkbenchError(
        'InvalidInput',
        `input: a duroxide orchestration takes one input, not ${args.length} arguments (wrap them in one JSON array: [[...]])`,
      );
    }
    const instanceId = p.workflowId?.trim() || randomUUID();
    const input = args[0] ?? 'null';
    const version = p.version?.trim();
    await call(`start '${p.workflowType}'`, (c) =>
      version
        ? c.startOrchestrationVersioned(instanceId, p.workflowType, input, version)
        : c.startOrchestration(instanceId, p.workflowType, input),
    );
    return { workflowId: instanceId, runId: '1', started: true, namespace: profile.namespace };
  };

  return {
    kind: 'duroxide',
    async check() {
      await call('read store metrics', (c) => c.getSystemMetrics());
      return {};
    },

    async listWorkflows(p) {
      const { ids, summaries } = await matching(p.query);
      const offset = p.nextPageToken
        ? Number(Buffer.from(p.nextPageToken, 'base64').toString())
        : 0;
      const size = p.pageSize || 100;
      const page = ids.slice(offset, offset + size);
      const executions = summaries
        ? summaries.slice(offset, offset + size)
        : await Promise.all(page.map(summaryOf));
      const result: ListWorkflowsResult = { executions };
      if (offset + size < ids.length)
        result.nextPageToken = Buffer.from(String(offset + size)).toString('base64');
      return result;
    },

    async countWorkflows(p) {
      const { ids, summaries } = await matching(p.query);
      if (!p.groupByStatus) return { count: ids.length };
      const all = summaries ?? (await Promise.all(ids.map(summaryOf)));
      const counts = new Map<string, number>();
      for (const s of all) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
      return {
        count: ids.length,
        groups: [...counts].map(([status, count]) => ({ status, count })),
      };
    },

    async describeWorkflow(p) {
      const summary = await summaryOf(p.workflowId);
      const execution = p.runId ? await executionId(p.workflowId, p.runId) : Number(summary.runId);
      const exec = await call(`read instance '${p.workflowId}'`, (c) =>
        c.getExecutionInfo(p.workflowId, execution),
      );
      const [status, kv] = await Promise.all([
        call(`read instance '${p.workflowId}'`, (c) => c.getStatus(p.workflowId)),
        call(`read instance '${p.workflowId}'`, (c) => c.getKvAllValues(p.workflowId)),
      ]);
      const runStatus = statusOf(exec.status, exec.output);
      const description: WorkflowDescription = {
        ...summary,
        runId: String(execution),
        status: runStatus,
        startTime: isoMs(exec.startedAt) ?? summary.startTime,
        closeTime: isoMs(exec.completedAt),
        historyLength: exec.eventCount,
        historySizeBytes: 0,
        firstRunId: '1',
        parent: summary.parentWorkflowId
          ? { workflowId: summary.parentWorkflowId, runId: '' }
          : undefined,
        memo: {},
        searchAttributes: summary.searchAttributes,
        pendingActivities: [],
        pendingChildren: [],
        customStatus: status.customStatus === undefined ? undefined : jsonView(status.customStatus),
        values: Object.fromEntries(Object.entries(kv).map(([k, v]) => [k, jsonView(v)])),
      };
      if (runStatus !== 'Running')
        description.outcome = outcome(p.workflowId, String(execution), exec.status, exec.output);
      return description;
    },

    async listWorkflowRuns(p) {
      const info = await call(`read instance '${p.workflowId}'`, (c) =>
        c.getInstanceInfo(p.workflowId),
      );
      const ids = await call(`list executions of '${p.workflowId}'`, (c) =>
        c.listExecutions(p.workflowId),
      );
      const execs = await Promise.all(
        [...ids]
          .sort((a, b) => b - a)
          .map((id) =>
            call(`read executions of '${p.workflowId}'`, (c) =>
              c.getExecutionInfo(p.workflowId, id),
            ),
          ),
      );
      return {
        executions: execs.map((e: DuroxideExecutionInfo) => ({
          workflowId: p.workflowId,
          runId: String(e.executionId),
          workflowType: info.orchestrationName,
          status: statusOf(e.status, e.output),
          taskQueue: '',
          startTime: isoMs(e.startedAt),
          closeTime: isoMs(e.completedAt),
          historyLength: e.eventCount,
          parentWorkflowId: info.parentInstanceId,
          searchAttributes: {},
        })),
      };
    },

    async getWorkflowHistory(p, signal) {
      const execution = await executionId(p.workflowId, p.runId);
      const after = p.nextPageToken ? Number(Buffer.from(p.nextPageToken, 'base64').toString()) : 0;
      const read = () =>
        call(`read history of '${p.workflowId}'`, (c) =>
          c.readExecutionHistory(p.workflowId, execution),
        );
      let events = (await read()).filter((e) => e.eventId > after);
      // duroxide has no long poll: a followed running instance is read again for a while.
      const deadline = Date.now() + FOLLOW_WINDOW_MS;
      while (p.follow && !events.length && Date.now() < deadline && !signal.aborted) {
        const exec = await call(`read instance '${p.workflowId}'`, (c) =>
          c.getExecutionInfo(p.workflowId, execution),
        );
        if (exec.status !== 'Running') break;
        await new Promise((r) => setTimeout(r, FOLLOW_POLL_MS));
        events = (await read()).filter((e) => e.eventId > after);
      }
      const size = p.pageSize || events.length;
      const page = events.slice(0, size);
      const last = page.at(-1)?.eventId ?? after;
      const more = events.length > size || p.follow;
      return {
        events: page.map(eventView),
        nextPageToken: more ? Buffer.from(String(last)).toString('base64') : undefined,
      };
    },

    startWorkflow: (p) => startInstance(p),

    async getWorkflowResult(p, signal) {
      if (p.wait === false) {
        const st = await call(`read instance '${p.workflowId}'`, (c) => c.getStatus(p.workflowId));
        const info = await call(`read instance '${p.workflowId}'`, (c) =>
          c.getInstanceInfo(p.workflowId),
        );
        return outcome(
          p.workflowId,
          String(info.currentExecutionId),
          st.status,
          st.status === 'Failed' ? st.error : st.output,
        );
      }
      const st = await waitTerminal(p.workflowId, signal);
      const info = await call(`read instance '${p.workflowId}'`, (c) =>
        c.getInstanceInfo(p.workflowId),
      );
      return outcome(p.workflowId, String(info.currentExecutionId), st.status, st.output);
    },

    async signalWorkflow(p) {
      assertWritable();
      if (!p.signalName?.trim())
        throw new WorkbenchError('InvalidInput', 'signalName (the event name) is required');
      const args = parseArguments(p.input, 'input');
      if (args.length > 1)
        throw new WorkbenchError(
          'InvalidInput',
          `input: an event carries one value, not ${args.length}`,
        );
      // Raising to an unknown instance is silently dropped by duroxide: check it exists first.
      await call(`read instance '${p.workflowId}'`, (c) => c.getInstanceInfo(p.workflowId));
      await call(`raise '${p.signalName}' on '${p.workflowId}'`, (c) =>
        c.raiseEvent(p.workflowId, p.signalName, args[0] ?? 'null'),
      );
      return { ok: true };
    },

    async cancelWorkflow(p) {
      assertWritable();
      await call(`read instance '${p.workflowId}'`, (c) => c.getInstanceInfo(p.workflowId));
      await call(`cancel '${p.workflowId}'`, (c) =>
        c.cancelInstance(p.workflowId, p.reason || null),
      );
      return { ok: true };
    },

    async deleteWorkflow(p) {
      assertWritable();
      await call(`delete '${p.workflowId}'`, (c) => c.deleteInstance(p.workflowId, false));
      return { ok: true };
    },

    execute: {
      async executeWorkflow(p, signal) {
        const started = await startInstance(p);
        const st = await waitTerminal(started.workflowId, signal);
        const info = await call(`read instance '${started.workflowId}'`, (c) =>
          c.getInstanceInfo(started.workflowId),
        );
        return {
          ...started,
          outcome: outcome(
            started.workflowId,
            String(info.currentExecutionId),
            st.status,
            st.output,
          ),
        };
      },
    },

    metrics: {
      async getBackendMetrics() {
        const [m, q] = await Promise.all([
          call('read store metrics', (c) => c.getSystemMetrics()),
          call('read queue depths', (c) => c.getQueueDepths()),
        ]);
        return {
          ...m,
          queues: { orchestrator: q.orchestratorQueue, worker: q.workerQueue, timer: q.timerQueue },
        };
      },
    },

    prune: {
      async pruneExecutions(p) {
        assertWritable();
        if (p.keepLast !== undefined && (!Number.isInteger(p.keepLast) || p.keepLast < 1)) {
          throw new WorkbenchError(
            'InvalidInput',
            `keepLast ${p.keepLast} must be a whole number of at least 1`,
          );
        }
        let completedBefore: number | undefined;
        if (p.completedBefore) {
          completedBefore = Date.parse(p.completedBefore);
          if (Number.isNaN(completedBefore))
            throw new WorkbenchError(
              'InvalidInput',
              `completedBefore '${p.completedBefore}' is not an ISO 8601 time`,
            );
        }
        const options = { keepLast: p.keepLast, completedBefore };
        return p.workflowId
          ? call(`prune '${p.workflowId}'`, (c) => c.pruneExecutions(p.workflowId!, options))
          : call('prune executions', (c) => c.pruneExecutionsBulk({}, options));
      },
    },

    versions: {},
  };
}

/** duroxide reports a cancelled instance as Failed with this prefix on its error. */
const cancelPrefix = /^canceled:\s*/i;

/** duroxide status -> the protocol's ExecutionStatus. */
export function statusOf(status: string, output: string | undefined): ExecutionStatus {
  switch (status) {
    case 'Running':
    case 'Pending':
      return 'Running';
    case 'Completed':
      return 'Completed';
    case 'Failed':
      return output && cancelPrefix.test(output) ? 'Canceled' : 'Failed';
    case 'ContinuedAsNew':
      return 'ContinuedAsNew';
    default:
      return 'Unspecified';
  }
}

function isoMs(ms: number | undefined): string | undefined {
  return ms ? new Date(ms).toISOString() : undefined;
}

/** duroxide data is JSON text; anything else is shown as a string. */
export function jsonView(text: string): PayloadView {
  try {
    return { format: 'json', encoding: 'json/plain', value: JSON.parse(text) };
  } catch {
    return { format: 'json', encoding: 'json/plain', value: text };
  }
}

function eventView(e: DuroxideEvent): HistoryEventView {
  const json: JsonObject = { eventId: e.eventId, kind: e.kind, timestampMs: e.timestampMs };
  if (e.sourceEventId !== undefined) json.sourceEventId = e.sourceEventId;
  if (e.data !== undefined) json.data = e.data;
  const data = e.data === undefined ? undefined : jsonView(e.data);
  const value = data?.value;
  const name =
    value && typeof value === 'object' && !Array.isArray(value) && typeof value.name === 'string'
      ? value.name
      : undefined;
  return {
    eventId: e.eventId,
    eventType: e.kind,
    eventTime: isoMs(e.timestampMs),
    summary: name ? `${e.kind} ${name}` : e.kind,
    groupEventId: e.sourceEventId,
    payloads: data ? { data: [data] } : undefined,
    json,
  };
}
