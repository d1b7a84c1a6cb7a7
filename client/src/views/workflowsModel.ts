// Pure logic of the Workflows and Task Queues views (no vscode import): filters as visibility
// queries, execution labels and tooltips, history event looks, results made displayable.
import { quoteQueryString } from '../../../shared/src/visibilityQuery';
import type {
  ExecutionSummary,
  FailureView,
  JsonValue,
  PayloadView,
  WorkflowOutcome,
} from '../../../shared/src/protocol';
import { ago, lookOf } from './treeModel';

/** What the Workflows view shows: a typed query, a status quick filter and a workflow type. */
export interface WorkflowFilter {
  query: string;
  statuses: string[];
  workflowType?: string;
}

export const emptyFilter: WorkflowFilter = { query: '', statuses: [] };

/** Every status the quick filter offers, in the order the Web UI lists them. */
export const filterStatuses = [
  'Running',
  'Completed',
  'Failed',
  'Canceled',
  'Terminated',
  'ContinuedAsNew',
  'TimedOut',
];

/**
 * The visibility query for a filter. The typed query is parenthesised when combined, and its
 * ORDER BY (which must come last) is kept at the end.
 */
export function visibilityQuery(filter: WorkflowFilter): string {
  const parts: string[] = [];
  if (filter.workflowType) parts.push(`WorkflowType = ${quoteQueryString(filter.workflowType)}`);
  const statuses = filter.statuses.map((s) => `ExecutionStatus = ${quoteQueryString(s)}`);
  if (statuses.length === 1) parts.push(statuses[0]);
  else if (statuses.length > 1) parts.push(`(${statuses.join(' OR ')})`);
  let query = filter.query.trim();
  const order = /\s*\border\s+by\b[\s\S]*$/i.exec(query);
  const orderBy = order ? order[0].trim() : '';
  if (order) query = query.slice(0, order.index).trim();
  if (query) parts.push(parts.length ? `(${query})` : query);
  return [parts.join(' AND '), orderBy].filter(Boolean).join(' ');
}

export function isFiltered(filter: WorkflowFilter): boolean {
  return !!(filter.query.trim() || filter.statuses.length || filter.workflowType);
}

/** One line for the view's message row: what the list is restricted to. */
export function describeFilter(filter: WorkflowFilter): string {
  return [
    filter.workflowType ? `type ${filter.workflowType}` : '',
    filter.statuses.length ? filter.statuses.map((s) => lookOf(s).label).join(' or ') : '',
    filter.query.trim(),
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Grouped counts as a record, status -> count. */
export function countsByStatus(
  groups: { status: string; count: number }[] | undefined,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const g of groups ?? []) out[g.status] = (out[g.status] ?? 0) + g.count;
  return out;
}

/**
 * Visibility lists every run; the view shows one node per workflow id (its newest run, the
 * first one listed). `seen` carries over between pages.
 */
export function newestRunPerWorkflow(
  executions: ExecutionSummary[],
  seen: Set<string>,
): ExecutionSummary[] {
  const out: ExecutionSummary[] = [];
  for (const e of executions) {
    if (seen.has(e.workflowId)) continue;
    seen.add(e.workflowId);
    out.push(e);
  }
  return out;
}

/** Query selecting the child workflows one run started (open and closed). */
export function childrenQuery(workflowId: string, runId: string): string {
  return `ParentWorkflowId = ${quoteQueryString(workflowId)}${runId ? ` AND ParentRunId = ${quoteQueryString(runId)}` : ''}`;
}

/** Description text of an execution row: type, status and age. */
export function executionDescription(
  e: ExecutionSummary,
  now = Date.now(),
  showType = true,
): string {
  const when = e.closeTime
    ? `closed ${ago(e.closeTime, now)}`
    : e.startTime
      ? `started ${ago(e.startTime, now)}`
      : '';
  return [showType ? e.workflowType : '', lookOf(e.status).label, when].filter(Boolean).join(' · ');
}

/** Markdown lines of an execution's tooltip: the essentials, one fact per line. */
export function executionTooltip(e: ExecutionSummary, now = Date.now()): string[] {
  const time = (iso?: string) =>
    iso ? `${iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z')} (${ago(iso, now)})` : '';
  return [
    `**${e.workflowId}**`,
    `Type: \`${e.workflowType}\``,
    `Status: ${lookOf(e.status).label}`,
    `Run: \`${e.runId}\``,
    e.taskQueue ? `Task queue: \`${e.taskQueue}\`` : '',
    e.startTime ? `Started: ${time(e.startTime)}` : '',
    e.closeTime ? `Closed: ${time(e.closeTime)}` : '',
    e.historyLength ? `History: ${e.historyLength} events` : '',
    e.parentWorkflowId ? `Parent: \`${e.parentWorkflowId}\`` : '',
    e.workflowTaskFailing
      ? `$(warning) Workflow task failing (attempt ${e.workflowTaskFailing.attempt}): ${e.workflowTaskFailing.message}`
      : '',
  ].filter(Boolean);
}

/** Codicon and colour of a history event by its type. */
export function historyEventLook(eventType: string): { icon: string; color?: string } {
  if (/Failed$|TimedOut$/.test(eventType)) return { icon: 'error', color: 'testing.iconFailed' };
  if (/Terminated$|Canceled$|CancelRequested$/.test(eventType))
    return { icon: 'circle-slash', color: 'charts.yellow' };
  if (eventType === 'WorkflowExecutionCompleted')
    return { icon: 'pass-filled', color: 'testing.iconPassed' };
  if (eventType === 'WorkflowExecutionContinuedAsNew')
    return { icon: 'debug-continue', color: 'charts.purple' };
  if (eventType.startsWith('WorkflowExecutionStarted'))
    return { icon: 'play', color: 'charts.blue' };
  if (eventType.startsWith('WorkflowTask')) return { icon: 'gear' };
  if (eventType.startsWith('ActivityTask')) return { icon: 'symbol-event', color: 'charts.green' };
  if (eventType.startsWith('Timer')) return { icon: 'watch' };
  if (eventType.includes('Signal')) return { icon: 'broadcast', color: 'charts.orange' };
  if (eventType.includes('Update')) return { icon: 'edit', color: 'charts.orange' };
  if (eventType.includes('ChildWorkflow')) return { icon: 'type-hierarchy-sub' };
  if (eventType === 'MarkerRecorded') return { icon: 'bookmark' };
  return { icon: 'circle-small' };
}

/** Web UI page of an execution (its history tab). */
export function webUiExecutionUrl(
  base: string,
  namespace: string,
  workflowId: string,
  runId?: string,
): string {
  const enc = encodeURIComponent;
  const root = base.replace(/\/+$/, '');
  return `${root}/namespaces/${enc(namespace)}/workflows/${enc(workflowId)}${runId ? `/${enc(runId)}` : ''}/history`;
}

/** A decoded payload as a plain value (bytes and undecodable data stay visible as base64). */
export function payloadValue(view: PayloadView): JsonValue {
  switch (view.format) {
    case 'json':
      return view.value ?? null;
    case 'null':
      return null;
    case 'bytes':
      return { bytes: view.base64 ?? '' };
    default:
      return {
        encoding: view.encoding,
        base64: view.base64 ?? '',
        ...(view.note ? { note: view.note } : {}),
      };
  }
}

/** Payload lists (results, query answers) as one value: none -> null, one -> it, more -> array. */
export function payloadsValue(views: PayloadView[] | undefined): JsonValue {
  if (!views?.length) return null;
  return views.length === 1 ? payloadValue(views[0]) : views.map(payloadValue);
}

/** A failure and its causes as a plain value for a result document. */
export function failureValue(f: FailureView): JsonValue {
  const out: { [k: string]: JsonValue } = { message: f.message };
  if (f.kind) out.kind = f.kind;
  if (f.type) out.type = f.type;
  if (f.nonRetryable) out.nonRetryable = true;
  if (f.details?.length) out.details = payloadsValue(f.details);
  if (f.info && Object.keys(f.info).length) out.info = f.info;
  if (f.stackTrace) out.stackTrace = f.stackTrace;
  if (f.cause) out.cause = failureValue(f.cause);
  return out;
}

/** How a run ended, as a headline and the value worth showing. */
export function outcomeView(o: WorkflowOutcome): {
  headline: string;
  value: JsonValue;
  ok: boolean;
} {
  switch (o.status) {
    case 'Completed':
      return { headline: 'completed', value: payloadsValue(o.result), ok: true };
    case 'Failed':
      return {
        headline: `failed: ${o.failure.message}`,
        value: failureValue(o.failure),
        ok: false,
      };
    case 'Canceled':
      return { headline: 'was canceled', value: payloadsValue(o.details), ok: false };
    case 'Terminated':
      return {
        headline: `was terminated${o.reason ? `: ${o.reason}` : ''}`,
        value: { reason: o.reason, identity: o.identity, details: payloadsValue(o.details) },
        ok: false,
      };
    case 'TimedOut':
      return { headline: 'timed out', value: { retryState: o.retryState }, ok: false };
    case 'ContinuedAsNew':
      return { headline: 'continued as new', value: { newRunId: o.newRunId }, ok: true };
    case 'Running':
      return { headline: 'is still running', value: null, ok: true };
  }
}

/** Values short enough for a notification: one line of at most `max` characters. */
export function shortText(value: JsonValue | undefined, max = 80): string | undefined {
  const text = value === undefined ? 'no value' : JSON.stringify(value);
  return text.length <= max && !text.includes('\\n') ? text : undefined;
}

/** Where a task queue name came from, for its description. */
export type TaskQueueSource = 'workspace' | 'used' | 'server' | 'added';

/** Task queue names from every source, each once, sorted, with the sources that named it. */
export function mergeTaskQueues(
  sources: Partial<Record<TaskQueueSource, readonly string[]>>,
): { name: string; sources: TaskQueueSource[] }[] {
  const byName = new Map<string, TaskQueueSource[]>();
  for (const source of ['workspace', 'added', 'used', 'server'] as const) {
    for (const name of sources[source] ?? []) {
      if (!name) continue;
      const list = byName.get(name) ?? [];
      if (!list.includes(source)) list.push(source);
      byName.set(name, list);
    }
  }
  return [...byName]
    .map(([name, s]) => ({ name, sources: s }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** "pollers: 2 workflow · 1 activity · backlog 3" for a task queue row. */
export function taskQueueDescription(d: {
  workflow: { pollers: unknown[]; backlog?: { count: number } };
  activity: { pollers: unknown[]; backlog?: { count: number } };
}): string {
  const w = d.workflow.pollers.length;
  const a = d.activity.pollers.length;
  const backlog = (d.workflow.backlog?.count ?? 0) + (d.activity.backlog?.count ?? 0);
  return [
    w || a ? `pollers: ${w} workflow · ${a} activity` : 'no pollers',
    backlog ? `backlog ${backlog}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** A workflow id for a new start: the type plus a short random suffix. */
export function generatedWorkflowId(
  workflowType: string,
  random: () => number = Math.random,
): string {
  const suffix = Array.from(
    { length: 6 },
    () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(random() * 36)],
  ).join('');
  const base = workflowType.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'workflow';
  return `${base}-${suffix}`;
}

/**
 * Handler names from the SDKs' built-in `__temporal_workflow_metadata` query (proto3 JSON of
 * WorkflowMetadata); the SDKs' own internal handlers (`__…`) are left out.
 */
export function handlerNamesFromMetadata(
  value: unknown,
  kind: 'signal' | 'query' | 'update',
): string[] {
  const definition = (value as { definition?: Record<string, unknown> } | null)?.definition;
  const list = definition?.[`${kind}Definitions`];
  if (!Array.isArray(list)) return [];
  return list
    .map((d) => (d as { name?: unknown }).name)
    .filter((n): n is string => typeof n === 'string' && !!n && !n.startsWith('__'));
}

/** The argument list of a start as payload text: `[a, b]` from the decoded input payloads. */
export function inputTextFromPayloads(views: PayloadView[] | undefined): string {
  return JSON.stringify((views ?? []).map(payloadValue));
}

/**
 * The query a batch operation over the filter uses: only running executions (the ones terminate
 * and cancel apply to), no ORDER BY. Undefined when the status filter leaves no running ones.
 */
export function batchQuery(filter: WorkflowFilter): string | undefined {
  if (filter.statuses.length && !filter.statuses.includes('Running')) return undefined;
  const query = filter.query.replace(/\s*\border\s+by\b[\s\S]*$/i, '');
  return visibilityQuery({ ...filter, query, statuses: ['Running'] });
}
