// Diagnostics shared by all languages: stable codes, quick fixes and the determinism checker
// that applies a language's table of non-deterministic calls to the calls in workflow code.
import type { CallFact } from './facts';
import type { DiagnosticSeverity, QuickFix, Range, SourceDiagnostic } from './types';

/** Stable diagnostic codes, shared by all languages. */
export const DiagnosticCodes = {
  time: 'nondeterministic-time',
  sleep: 'nondeterministic-sleep',
  random: 'nondeterministic-random',
  uuid: 'nondeterministic-uuid',
  io: 'nondeterministic-io',
  thread: 'nondeterministic-concurrency',
  channel: 'nondeterministic-channel',
  select: 'nondeterministic-select',
  mapRange: 'nondeterministic-map-iteration',
  nodeBuiltin: 'workflow-node-builtin-import',
  unregistered: 'unregistered-workflow',
} as const;

export function diagnostic(
  range: Range,
  code: string,
  message: string,
  options: {
    severity?: DiagnosticSeverity;
    workflow?: string;
    fix?: QuickFix;
  } = {},
): SourceDiagnostic {
  const d: SourceDiagnostic = {
    range,
    message,
    code,
    severity: options.severity ?? 'warning',
  };
  if (options.workflow !== undefined) d.workflow = options.workflow;
  if (options.fix) d.fix = options.fix;
  return d;
}

/** A quick fix that replaces `range` with `newText`. */
export function replaceFix(title: string, range: Range, newText: string): QuickFix {
  return { title, edits: [{ range, newText }] };
}

/** A fix that is only advice (no automatic edit). */
export function adviceFix(title: string): QuickFix {
  return { title, edits: [] };
}

/** Message stems several languages share. */
export const CLOCK = 'Workflow code must not read the system clock';

/** Calls doing I/O: the same rule in every language. */
export function ioRule(calls: DeterminismRule['calls']): DeterminismRule {
  const message = 'I/O is not allowed in workflow code; move it to an activity.';
  return { calls, code: 'io', message, advice: 'Move this I/O to an activity' };
}

/** Where a call in workflow code sits: what quick fixes need to know. */
export interface WorkflowCode {
  /** Workflow type name, when known. */
  workflow?: string;
  /** How the file names the SDK's workflow module (`workflow`, `wf`): `{wf}` in templates. */
  module: string;
  /** Name of the workflow context variable (`ctx`): `{ctx}` in templates. */
  context: string;
  /** The code is a duroxide orchestration rather than a Temporal workflow. */
  durable?: boolean;
}

/**
 * One entry of a language's determinism table. Fix and advice texts are templates: `{wf}`
 * and `{ctx}` (see WorkflowCode), `{args}` (the arguments with their brackets), `{inner}`
 * (without), `{rest}` (the callee without its first segment), `{arg1}` (the second argument).
 */
export interface DeterminismRule {
  /** Callees (after import resolution): exact names, or prefixes ending in `.`, `::` or `/`. */
  calls: readonly string[] | ((callee: string, call: CallFact, code: WorkflowCode) => boolean);
  code: keyof typeof DiagnosticCodes;
  message: string;
  /** Replaces the call: the text, or [what the title names, text]; the title is "Use <what>". */
  use?: Replacement | ((call: CallFact, callee: string) => Replacement | undefined);
  /** Advice, a fix without edits, when there is no replacement. */
  advice?: string | ((code: WorkflowCode) => string);
  /** A replacement computed from the call, for what templates cannot say. */
  fix?(call: CallFact, code: WorkflowCode): QuickFix | undefined;
}

type Replacement = string | readonly [string, string];

/** The first rule matching `callee`, as a diagnostic on the call. */
export function checkDeterminism(
  rules: readonly DeterminismRule[],
  call: CallFact,
  callee: string,
  code: WorkflowCode,
): SourceDiagnostic | undefined {
  const rule = rules.find((r) =>
    typeof r.calls === 'function' ? r.calls(callee, call, code) : calleeMatcher(r)(callee),
  );
  if (!rule) return undefined;
  const fill = (template: string) =>
    template.replace(/\{(\w+)\}/g, (m, key: string) => {
      const values: Record<string, string | undefined> = {
        wf: code.module,
        ctx: code.context,
        args: call.argsText,
        inner: innerArgs(call),
        rest: callee.includes('.') ? callee.slice(callee.indexOf('.') + 1) : '',
        arg1: call.args[1]?.text,
      };
      return values[key] ?? m;
    });
  let fix = rule.fix?.(call, code);
  const use = typeof rule.use === 'function' ? rule.use(call, callee) : rule.use;
  if (!fix && use) {
    const [what, text] = typeof use === 'string' ? [use, use] : use;
    fix = replaceFix(`Use ${fill(what)}`, call.range, fill(text));
  }
  const advice = typeof rule.advice === 'function' ? rule.advice(code) : fill(rule.advice ?? '');
  return diagnostic(call.calleeRange, DiagnosticCodes[rule.code], rule.message, {
    workflow: code.workflow,
    fix: fix ?? adviceFix(advice),
  });
}

/**
 * A rule's callee names as a test: exact names in a set, prefixes (ending in `.`, `::` or `/`)
 * in a list. Built once per rule: every call of workflow code is checked on every edit.
 */
function calleeMatcher(rule: DeterminismRule): (callee: string) => boolean {
  let matcher = calleeMatchers.get(rule);
  if (!matcher) {
    const names = rule.calls as readonly string[];
    const prefixes = names.filter((c) => /(\.|::|\/)$/.test(c));
    const exact = new Set(names.filter((c) => !prefixes.includes(c)));
    matcher = (callee) => exact.has(callee) || prefixes.some((p) => callee.startsWith(p));
    calleeMatchers.set(rule, matcher);
  }
  return matcher;
}
const calleeMatchers = new WeakMap<DeterminismRule, (callee: string) => boolean>();

/** Arguments text without the brackets (`(a, b)` -> `a, b`). */
export function innerArgs(call: CallFact): string {
  return call.argsText.slice(1, -1).trim();
}
