// Registrations grouped per worker when the worker is assembled step by step: calls on a worker
// variable (`worker.register_wf("name", f)`) or a builder chain (`Registry::builder().register(..)`),
// with the task queue found apart (a constructor argument, a `.task_queue("q")` call). Each
// group becomes one worker record.
import type { CallFact, ValueFact } from './facts';
import { definitionOf, type FileFacts, taskQueueOf, workerRecord } from './resolve';
import type { Range, RegisteredRef, SourceRuntime, WorkerRegistration } from './types';

export interface WorkerGroup {
  runtime: SourceRuntime;
  queue?: ValueFact;
  /** Scope the task queue is resolved in. */
  queueScope: string[];
  workflows: RegisteredRef[];
  activities: RegisteredRef[];
  complete: boolean;
  range: Range;
}

/** Key of the group of a builder chain starting at `start`. */
export const chainKey = (start: Range) => `chain@${start.start.line}:${start.start.character}`;

/** Key of the group of a worker variable in a function. */
export const variableKey = (scope: readonly string[], variable: string) =>
  `${scope.join('/')}|${variable}`;

/** A registration by name (`.register("Name", f)`, the function or closure last). */
export interface NamedRegistration {
  /** The registered name, when resolved here. */
  name?: string;
  given?: { name?: string; ref?: string };
  ref: RegisteredRef;
  /** A closure (or other expression) registered inline rather than a named function. */
  inline: boolean;
}

export class WorkerGroups {
  private readonly groups = new Map<string, WorkerGroup>();

  constructor(private readonly file: FileFacts) {}

  get(key: string): WorkerGroup | undefined {
    return this.groups.get(key);
  }

  add(key: string, range: Range, runtime: SourceRuntime, scope: string[]): WorkerGroup {
    let g = this.groups.get(key);
    if (!g) {
      g = { runtime, queueScope: scope, workflows: [], activities: [], complete: true, range };
      this.groups.set(key, g);
    }
    return g;
  }

  /** Reads `.register("Name", f)`; a name that stays unknown makes the group incomplete. */
  byName(c: CallFact, g: WorkerGroup): NamedRegistration {
    const given = this.file.nameArgument(c.args[0], this.file.lookup(c.scope, c.range));
    const name = given?.ref === undefined ? given?.name : undefined;
    const f = c.args[c.args.length - 1];
    const ref: RegisteredRef = { range: c.range };
    if (f?.ref !== undefined && c.args.length > 1) ref.symbol = f.ref;
    if (name !== undefined) ref.name = name;
    else if (given?.ref !== undefined) ref.nameRef = given.ref;
    else g.complete = false;
    return { name, given, ref, inline: ref.symbol === undefined && f !== undefined };
  }

  /** One worker record per group; `fallbackQueue` finds the queue of a group that has none. */
  records(fallbackQueue: (g: WorkerGroup) => ValueFact | undefined): WorkerRegistration[] {
    return [...this.groups.values()].map((g) => {
      if (!g.queue && g.runtime === 'temporal') g.queue = fallbackQueue(g);
      const queue =
        g.runtime === 'temporal'
          ? taskQueueOf(g.queue, this.file.lookup(g.queueScope, g.range))
          : { known: true };
      return workerRecord({
        range: g.range,
        runtime: g.runtime,
        taskQueue: 'taskQueue' in queue ? queue.taskQueue : undefined,
        taskQueueRef: 'taskQueueRef' in queue ? queue.taskQueueRef : undefined,
        workflows: g.workflows,
        activities: g.activities,
        complete: g.complete && queue.known,
      });
    });
  }
}

/** A closure registered inline by name: the registration call is the definition. */
export function inlineDefinition(c: CallFact, name: string, runtime: SourceRuntime) {
  return definitionOf({ name, range: c.range, nameRange: c.args[0].range }, name, {
    runtime,
    source: 'registration',
  });
}
