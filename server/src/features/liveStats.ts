// "3 running · last failed 2m ago" per workflow type: visibility counts, cached per target and
// refreshed in the background so lenses never wait on the network.
import { quoteQueryString } from '../../../shared/src/visibilityQuery';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { elapsedAgo } from '../../../shared/src/format';
import type { Workbench } from '../workbench';

export interface TypeStats {
  running: number;
  lastFailedAt?: Date;
  fetchedAt: number;
}

// Short enough that a start or terminate shows on the lens within seconds; lenses never wait for it.
const ttlMs = 5_000;

export class LiveStats {
  private readonly cache = new Map<string, TypeStats>();
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly workbench: Workbench,
    private readonly onUpdated: () => void,
  ) {}

  /** Cached stats (possibly stale) for the active target; starts a refresh when old or missing. */
  get(workflowType: string): TypeStats | undefined {
    const status = this.workbench.getStatus();
    if (status.state !== 'connected') return undefined;
    const key = `${status.profileId}|${status.namespace}|${workflowType}`;
    const cached = this.cache.get(key);
    if ((!cached || Date.now() - cached.fetchedAt > ttlMs) && !this.inFlight.has(key)) {
      this.inFlight.add(key);
      void this.fetch(workflowType)
        .then((stats) => {
          const changed =
            !cached ||
            cached.running !== stats.running ||
            cached.lastFailedAt?.getTime() !== stats.lastFailedAt?.getTime();
          this.cache.set(key, stats);
          if (changed) this.onUpdated();
        })
        .catch(() => undefined) // the status bar and views report connection problems
        .finally(() => this.inFlight.delete(key));
    }
    return cached;
  }

  invalidate(): void {
    this.cache.clear();
  }

  private async fetch(workflowType: string): Promise<TypeStats> {
    const target = await this.workbench.target({});
    const type = `WorkflowType = ${quoteQueryString(workflowType)}`;
    const [count, failed] = await Promise.all([
      this.workbench.call(target, (c) =>
        c.workflow.countWorkflowExecutions({
          namespace: target.namespace,
          query: `${type} AND ExecutionStatus = 'Running'`,
        }),
      ),
      this.workbench.call(target, (c) =>
        c.workflow.listWorkflowExecutions({
          namespace: target.namespace,
          pageSize: 1,
          query: `${type} AND ExecutionStatus = 'Failed'`,
        }),
      ),
    ]);
    const last = failed.executions[0];
    const when = last?.closeTime ?? last?.startTime;
    return {
      running: Number(count.count),
      lastFailedAt: when ? timestampDate(when) : undefined,
      fetchedAt: Date.now(),
    };
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
