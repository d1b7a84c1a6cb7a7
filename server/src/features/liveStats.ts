// "3 running · last failed 2m ago" per workflow type: visibility counts, cached per target and
// refreshed in the background so lenses never wait on the network. The counts follow what the
// workbench itself does (a start or terminate recounts at once) and, while a type has running
// executions, are recounted every few seconds with one CountWorkflowExecutions per type; the
// "last failed" lookup (a list) runs only when a run may have closed.
import { quoteQueryString } from '../../../shared/src/visibilityQuery';
import { elapsedAgo } from '../../../shared/src/format';
import type { SourceRuntime } from '../source/types';
import type { Workbench } from '../workbench';
import { sameStalled, STALL_CHECK_MS, stalledQueues, type StalledQueue } from './stalledQueues';

export interface TypeStats {
  running: number;
  lastFailedAt?: Date;
  fetchedAt: number;
  /** Task queues of running executions that no worker polls ("why is it not moving?"). */
  stalled?: StalledQueue[];
  stalledAt?: number;
}

// Short enough that a run closing shows on the lens within seconds; lenses never wait for it.
const ttlMs = 5_000;
/**
 * How long a type the workbench changed is recounted on every tick. Visibility records a start
 * a moment after it: the recount made at once can still say 0 running, and a type with none
 * running was not recounted again, so its lens kept "0 running" (e2e run 35).
 */
const changedRecountMs = 30_000;

export class LiveStats {
  private readonly cache = new Map<string, TypeStats>();
  private readonly inFlight = new Set<string>();
  /** A forced recount asked for while one was in flight (which may have read before the change). */
  private readonly recountAfter = new Set<string>();
  /** Types the workbench changed lately, and until when they are recounted on every tick. */
  private readonly changedUntil = new Map<string, number>();
  private readonly poller: NodeJS.Timeout;

  constructor(
    private readonly workbench: Workbench,
    private readonly onUpdated: () => void,
  ) {
    this.poller = setInterval(() => this.recountRunning(), ttlMs);
    this.poller.unref();
  }

  dispose(): void {
    clearInterval(this.poller);
  }

  /**
   * Cached stats (possibly stale) for the active target; starts a refresh when old or missing.
   * Only for definitions of the engine behind the active profile (`runtime`): a duroxide
   * orchestration is not counted on a Temporal server, nor a Temporal workflow in a store.
   */
  get(workflowType: string, runtime: SourceRuntime = 'temporal'): TypeStats | undefined {
    if ((this.workbench.getStatus().backend?.kind ?? 'temporal') !== runtime) return undefined;
    const key = this.key(workflowType);
    if (!key) return undefined;
    const cached = this.cache.get(key);
    if (!cached || Date.now() - cached.fetchedAt > ttlMs) this.refresh(workflowType, key, false);
    return cached;
  }

  /**
   * The workbench changed executions (started one of `workflowType`, or terminated/cancelled/
   * reset one of any type when undefined): recount those types now.
   */
  executionsChanged(workflowType?: string): void {
    const prefix = this.key('');
    if (!prefix) return;
    const until = Date.now() + changedRecountMs;
    for (const key of this.cache.keys()) {
      const type = key.slice(prefix.length);
      if (key.startsWith(prefix) && (workflowType === undefined || type === workflowType)) {
        this.changedUntil.set(key, until);
        this.refresh(type, key, true);
      }
    }
    if (workflowType !== undefined && !this.cache.has(prefix + workflowType)) {
      this.changedUntil.set(prefix + workflowType, until);
      this.refresh(workflowType, prefix + workflowType, true);
    }
  }

  invalidate(): void {
    this.cache.clear();
  }

  /**
   * Types with running executions may close any moment, and types the workbench just changed
   * may not be in visibility yet: recount them (one Count each).
   */
  private recountRunning(): void {
    const prefix = this.key('');
    if (!prefix) return;
    const now = Date.now();
    for (const [key, until] of this.changedUntil) if (until <= now) this.changedUntil.delete(key);
    for (const [key, stats] of this.cache) {
      if (key.startsWith(prefix) && (stats.running > 0 || this.changedUntil.has(key)))
        this.refresh(key.slice(prefix.length), key, false);
    }
  }

  private key(workflowType: string): string | undefined {
    const status = this.workbench.getStatus();
    if (status.state !== 'connected') return undefined;
    return `${status.profileId}|${status.namespace}|${workflowType}`;
  }

  private refresh(workflowType: string, key: string, force: boolean): void {
    if (this.inFlight.has(key)) {
      if (force) this.recountAfter.add(key);
      return;
    }
    this.inFlight.add(key);
    const cached = this.cache.get(key);
    void this.fetch(workflowType, cached, force)
      .then((stats) => {
        const changed =
          !cached ||
          cached.running !== stats.running ||
          cached.lastFailedAt?.getTime() !== stats.lastFailedAt?.getTime() ||
          !sameStalled(cached.stalled, stats.stalled);
        this.cache.set(key, stats);
        if (changed) this.onUpdated();
      })
      .catch(() => undefined) // the status bar and views report connection problems
      .finally(() => {
        this.inFlight.delete(key);
        if (this.recountAfter.delete(key)) this.refresh(workflowType, key, true);
      });
  }

  private async fetch(
    workflowType: string,
    cached: TypeStats | undefined,
    force: boolean,
  ): Promise<TypeStats> {
    // Through the profile's backend: a duroxide store answers these queries too (and is no
    // Temporal frontend to dial).
    const backend = await this.workbench.backend({});
    const signal = new AbortController().signal;
    const type = `WorkflowType = ${quoteQueryString(workflowType)}`;
    const count = await backend.countWorkflows(
      { query: `${type} AND ExecutionStatus = 'Running'` },
      signal,
    );
    const running = count.count;
    let lastFailedAt = cached?.lastFailedAt;
    // A new failure needs a run to close: only then (or on demand) look for the latest one.
    if (!cached || force || running < cached.running) {
      const failed = await backend.listWorkflows(
        { pageSize: 1, query: `${type} AND ExecutionStatus = 'Failed'` },
        signal,
      );
      const last = failed.executions[0];
      const when = last?.closeTime ?? last?.startTime;
      lastFailedAt = when ? new Date(when) : undefined;
    }
    const stats: TypeStats = { running, lastFailedAt, fetchedAt: Date.now() };
    // Pollers only matter while something runs; checked again when the count changes.
    if (running > 0) {
      const fresh =
        cached?.stalledAt !== undefined &&
        Date.now() - cached.stalledAt < STALL_CHECK_MS &&
        cached.running === running;
      if (fresh && !force)
        Object.assign(stats, { stalled: cached.stalled, stalledAt: cached.stalledAt });
      else {
        stats.stalled = await stalledQueues(backend, workflowType, signal).catch(() => undefined);
        stats.stalledAt = Date.now();
      }
    }
    return stats;
  }
}

/** Lens text for stats. */
export function describeStats(stats: TypeStats | undefined, now = Date.now()): string | undefined {
  if (!stats) return undefined;
  const parts = [`${stats.running} running`];
  if (stats.lastFailedAt)
    parts.push(`last failed ${elapsedAgo(now - stats.lastFailedAt.getTime())}`);
  return parts.join(' · ');
}
