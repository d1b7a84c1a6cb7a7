// duroxide's language bindings (Node, Python) register orchestrations and activities by name on a
// runtime object: `runtime.registerOrchestration("Name", fn)`, a versioned form with the version
// before the function, and in Python a decorator `@runtime.register_orchestration("Name")`. The
// context is the function's first parameter and is untyped, so the registration is what makes a
// function an orchestration. Languages give only the method names (their naming rule); reading
// the calls, decorators and the event waits inside the code is common and lives here.
import type { CallFact } from './facts';
import { toParameters } from './facts';
import { variableKey, inlineDefinition, WorkerGroups } from './registrations';
import { callHandler, definitionOf, type FileFacts, type RecordsBody } from './resolve';
import { lastName } from './syntax';
import type { Position, Range, RegisteredRef, WorkflowDefinition } from './types';

/** A binding's method names, as regular expressions on the last name of the callee. */
export interface DurableBindingNames {
  orchestration: RegExp;
  activity: RegExp;
  /** Context methods that wait for an external event named by their first argument. */
  events: RegExp;
}

const before = (a: Position, b: Position) =>
  a.line < b.line || (a.line === b.line && a.character <= b.character);
const within = (inner: Range, outer: Range) =>
  before(outer.start, inner.start) && before(inner.end, outer.end);
const receiverOf = (dotted: string) =>
  dotted.includes('.') ? dotted.slice(0, dotted.lastIndexOf('.')) : undefined;

/** Orchestration code (a registered function or an inline one) and the names it runs under. */
interface OrchestrationCode {
  range: Range;
  names: string[];
  symbol?: string;
}

/**
 * Adds the orchestrations, activities, their workers (one per runtime variable) and the events
 * orchestrations wait for to `body`. Functions registered by reference must be in this file.
 */
export function durableRegistrations(
  file: FileFacts,
  body: RecordsBody,
  names: DurableBindingNames,
): void {
  const groups = new WorkerGroups(file);
  const registered = new Map<string, { orchestration: boolean; names: string[] }>(); // symbol ->
  const code: OrchestrationCode[] = [];
  const remember = (symbol: string, orchestration: boolean, name: string) => {
    const r = registered.get(symbol) ?? { orchestration, names: [] };
    if (!r.names.includes(name)) r.names.push(name);
    registered.set(symbol, r);
  };

  // `runtime.registerOrchestration("Name", fn)`: by reference, or the function inline.
  for (const c of file.calls) {
    const method = c.method ?? lastName(c.callee);
    const orchestration = names.orchestration.test(method);
    const receiver = c.receiver ?? c.object ?? receiverOf(c.callee);
    if ((!orchestration && !names.activity.test(method)) || receiver === undefined) continue;
    const g = groups.add(variableKey(c.scope, receiver), c.range, 'duroxide', c.scope);
    const { name, ref, inline } = groups.byName(c, g);
    (orchestration ? g.workflows : g.activities).push(ref);
    if (name === undefined) continue;
    if (ref.symbol !== undefined) remember(ref.symbol, orchestration, name);
    else if (inline) {
      const record = inlineDefinition(c, name, 'duroxide');
      (orchestration ? body.workflows : body.activities).push(record);
      if (orchestration) code.push({ range: c.args[c.args.length - 1].range, names: [name] });
    }
  }

  // `@runtime.register_orchestration("Name")` on the function itself.
  for (const f of file.functions) {
    for (const a of f.annotations) {
      const orchestration = names.orchestration.test(lastName(a.name));
      const receiver = receiverOf(a.name);
      if ((!orchestration && !names.activity.test(lastName(a.name))) || receiver === undefined)
        continue;
      const given = file.nameArgument(a.args[0], file.lookup(f.scope, a.range));
      const g = groups.add(variableKey(f.scope, receiver), a.range, 'duroxide', f.scope);
      const ref: RegisteredRef = { range: a.range, symbol: f.name };
      if (given?.ref !== undefined) ref.nameRef = given.ref;
      else if (given !== undefined) ref.name = given.name;
      else g.complete = false;
      (orchestration ? g.workflows : g.activities).push(ref);
      if (ref.name !== undefined) remember(f.name, orchestration, ref.name);
    }
  }

  // Functions registered by reference: one record per name they are registered under.
  const seen = new Set<string>();
  for (const f of file.functions) {
    const r = registered.get(f.name);
    if (!r || seen.has(f.name)) continue;
    seen.add(f.name);
    // The context comes first; callers pass what follows.
    const parameters = toParameters(f.params.slice(1));
    const records: WorkflowDefinition[] = r.names.map((name) =>
      definitionOf(f, name, { parameters, runtime: 'duroxide', source: 'registration' }),
    );
    (r.orchestration ? body.workflows : body.activities).push(...records);
    if (r.orchestration) code.push({ range: f.range, names: r.names, symbol: f.name });
  }

  // Events an orchestration waits for are what a client raises on it: duroxide's signals.
  for (const c of file.calls) {
    if (!names.events.test(c.method ?? lastName(c.callee))) continue;
    const where = code
      .filter((o) => within(c.range, o.range))
      .sort((a, b) => (within(a.range, b.range) ? -1 : 1))[0];
    const given = where && file.nameArgument(c.args[0], file.lookup(c.scope, c.range));
    if (!where || given === undefined || given.ref !== undefined) continue;
    for (const workflow of where.names)
      body.handlers.push(
        callHandler('signal', given.name, c.range, c.args[0].range, {
          runtime: 'duroxide',
          workflow,
          workflowSymbol: where.symbol,
        }),
      );
  }
  body.workers.push(...groups.records(() => undefined));
}

/** Calls a binding's registration reads (for the languages' `keep` filter). */
export const isDurableCall = (c: CallFact, names: DurableBindingNames) => {
  const method = c.method ?? lastName(c.callee);
  return (
    names.orchestration.test(method) || names.activity.test(method) || names.events.test(method)
  );
};
