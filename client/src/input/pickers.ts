// Pickers shared by the commands: which execution, which handler, the start options, and the
// payload. Each accepts what a tree node or a code lens already knows and asks only for the rest.
import * as vscode from 'vscode';
import * as protocol from '../../../shared/src/protocol';
import type { HandlerLensArgs } from '../../../shared/src/lenses';
import type { Ctx } from '../ctx';
import {
  executionDescription,
  generatedWorkflowId,
  handlerNamesFromMetadata,
  newestRunPerWorkflow,
  payloadsValue,
  visibilityQuery,
} from '../views/workflowsModel';
import { skeletonFor, type ParameterInfo } from './jsonText';
import { BACK, MultiStepInput, separator, type PickItem } from './multiStep';
import { checkStart } from './startCheck';

/** An execution as commands need it; tree nodes and plain objects both carry these. */
export interface ExecRef {
  workflowId: string;
  runId?: string;
  workflowType?: string;
  status?: string;
  taskQueue?: string;
}

/** The execution an argument names (an ExecutionItem, or anything with a workflowId). */
export function execRefOf(arg: unknown): ExecRef | undefined {
  const node = arg as { execution?: ExecRef; workflowId?: unknown } | undefined;
  if (node?.execution && typeof node.execution.workflowId === 'string') {
    const e = node.execution;
    return {
      workflowId: e.workflowId,
      runId: e.runId,
      workflowType: e.workflowType,
      status: e.status,
      taskQueue: e.taskQueue,
    };
  }
  if (node && typeof node.workflowId === 'string' && node.workflowId) return node as ExecRef;
  return undefined;
}

/** Picks an execution from the recent ones (running only if asked); a typed id is accepted. */
export async function pickExecution(
  ctx: Ctx,
  input: MultiStepInput,
  options: { running?: boolean; workflowType?: string; placeholder?: string },
): Promise<ExecRef | typeof BACK> {
  const query = visibilityQuery({
    query: '',
    statuses: options.running ? ['Running'] : [],
    workflowType: options.workflowType,
  });
  const items = ctx.request(protocol.listWorkflows, { query, pageSize: 50 }).then((r) =>
    newestRunPerWorkflow(r.executions, new Set()).map((e): PickItem<ExecRef> => ({
      label: e.workflowId,
      description: executionDescription(e),
      value: e,
    })),
  );
  const what = `${options.running ? 'running ' : ''}${options.workflowType ? `${options.workflowType} ` : ''}execution`;
  const picked = await input.pick<ExecRef>({
    placeholder: options.placeholder ?? `Pick a ${what} or type a workflow id`,
    items,
    custom: (id) => ({
      label: id,
      description: 'workflow id (its latest run)',
      value: { workflowId: id },
    }),
  });
  return picked === BACK ? BACK : picked.value;
}

export interface HandlerChoice {
  name: string;
  parameters?: ParameterInfo[];
}

/**
 * Picks a signal/query/update name for an execution: names from the workspace's lenses at once,
 * and the names the running workflow reports through its metadata query when it answers.
 */
export async function pickHandler(
  ctx: Ctx,
  input: MultiStepInput,
  kind: HandlerLensArgs['kind'],
  exec: ExecRef,
): Promise<HandlerChoice | typeof BACK> {
  const known = ctx.lenses.handlers(exec.workflowType, kind).map((h): PickItem<HandlerChoice> => ({
    label: h.name,
    description: `(${h.parameters.map((p) => p.name).join(', ')}) · in the workspace`,
    value: { name: h.name, parameters: h.parameters },
  }));
  const reported = ctx
    .request(protocol.queryWorkflow, {
      workflowId: exec.workflowId,
      runId: exec.runId,
      queryType: '__temporal_workflow_metadata',
    })
    .then((r) =>
      handlerNamesFromMetadata(payloadsValue(r.result), kind)
        .filter((n) => !known.some((k) => k.label === n))
        .map((n): PickItem<HandlerChoice> => ({
          label: n,
          description: 'reported by the workflow',
          value: { name: n },
        })),
    );
  const picked = await input.pick<HandlerChoice>({
    placeholder: `${kind[0].toUpperCase()}${kind.slice(1)} name for ${exec.workflowId}`,
    items: known,
    extra: reported,
    custom: (name) => ({ label: name, description: `${kind} name`, value: { name } }),
  });
  return picked === BACK ? BACK : picked.value;
}

/**
 * Payload for a call: nothing when the source says there are no parameters, else the payload
 * editor prefilled with the last input for `memoryKey` or a skeleton of the parameters.
 * Undefined = the user closed the editor.
 */
export async function editPayload(
  ctx: Ctx,
  options: {
    memoryKey: string;
    name: string;
    title: string;
    parameters?: readonly ParameterInfo[];
    action: string;
    last?: string;
    /** The call made with the input; while it fails the editor stays open for correction. */
    run?: (text: string) => Promise<unknown>;
  },
): Promise<string | undefined> {
  const last = options.last ?? ctx.memory.lastInput(options.memoryKey);
  if (options.parameters && options.parameters.length === 0 && !last) {
    await options.run?.('');
    return '';
  }
  const body = last || (options.parameters ? skeletonFor(options.parameters) : '[]');
  const text = await ctx.payloads.edit({
    name: options.name,
    title: options.title,
    parameters: options.parameters,
    body,
    action: options.action,
    run: options.run,
  });
  if (text !== undefined) await ctx.memory.rememberInput(options.memoryKey, text);
  return text;
}

export interface StartChoice {
  workflowType: string;
  taskQueue: string;
  workflowId: string;
  input: string;
}

/**
 * The start options, step by step: workflow type (unless known), task queue, workflow id (a
 * generated default), then the input in the payload editor. Remembers the queue and input per type.
 */
export async function gatherStartOptions(
  ctx: Ctx,
  seed: {
    workflowType?: string;
    taskQueues?: string[];
    parameters?: ParameterInfo[];
    taskQueue?: string;
  },
  title: string,
  run?: (choice: StartChoice) => Promise<unknown>,
): Promise<StartChoice | undefined> {
  let workflowType = seed.workflowType ?? '';
  let taskQueue = seed.taskQueue ?? '';
  let workflowId = '';
  const steps: ((input: MultiStepInput) => Promise<boolean>)[] = [];
  if (!seed.workflowType) {
    steps.push(async (input) => {
      const inWorkspace = ctx.lenses.workflowTypes();
      const started = ctx.memory.startedTypes().filter((t) => !inWorkspace.includes(t));
      const items: PickItem<string>[] = [
        ...(inWorkspace.length ? [separator<string>('In the workspace')] : []),
        ...inWorkspace.map((t) => ({
          label: t,
          value: t,
          description: ctx.lenses.workflow(t)?.language,
        })),
        ...(started.length ? [separator<string>('Started before')] : []),
        ...started.map((t) => ({ label: t, value: t })),
      ];
      const picked = await input.pick<string>({
        placeholder: 'Workflow type (as the worker registers it)',
        items,
        active: workflowType || undefined,
        custom: (t) => ({ label: t, description: 'workflow type', value: t }),
      });
      if (picked === BACK) return false;
      workflowType = picked.value;
      return true;
    });
  }
  steps.push(async (input) => {
    const fromLens = seed.taskQueues ?? ctx.lenses.workflow(workflowType)?.taskQueues ?? [];
    const last = ctx.memory.lastStart(workflowType).taskQueue;
    const others = ctx.views.taskQueues
      .known()
      .map((q) => q.name)
      .filter((q) => !fromLens.includes(q));
    const items: PickItem<string>[] = [
      ...fromLens.map((q) => ({
        label: q,
        value: q,
        description: `worker for ${workflowType} in the workspace${q === last ? ' · last used' : ''}`,
      })),
      ...others.map((q) => ({
        label: q,
        value: q,
        description: q === last ? 'last used' : undefined,
      })),
    ];
    const picked = await input.pick<string>({
      placeholder: `Task queue for ${workflowType} (type a name for another)`,
      items,
      active: taskQueue || last || fromLens[0],
      custom: (q) => ({ label: q, description: 'task queue', value: q }),
    });
    if (picked === BACK) return false;
    taskQueue = picked.value;
    return true;
  });
  steps.push(async (input) => {
    const value = await input.text({
      prompt: `Workflow id for the new ${workflowType} execution`,
      value: workflowId || generatedWorkflowId(workflowType),
      validate: (v) => (v.trim() ? undefined : 'The workflow id cannot be empty'),
    });
    if (value === BACK) return false;
    workflowId = value.trim();
    return true;
  });
  await new MultiStepInput(title, steps.length).run(steps);

  const warning = await checkStart(ctx, workflowType, taskQueue);
  if (warning) {
    const go = 'Start Anyway';
    const picked = await vscode.window.showWarningMessage(
      `Start ${workflowType} on ${taskQueue}?`,
      { modal: true, detail: warning },
      go,
    );
    if (picked !== go) return undefined;
  }

  const parameters = seed.parameters ?? ctx.lenses.workflow(workflowType)?.parameters;
  const input = await editPayload(ctx, {
    memoryKey: `start:${workflowType}`,
    name: `${workflowType} input`,
    title: `Input of ${workflowType}`,
    parameters,
    action: title.startsWith('Execute') ? 'Execute' : 'Start',
    last: ctx.memory.lastStart(workflowType).input,
    run: run && ((text) => run({ workflowType, taskQueue, workflowId, input: text })),
  });
  if (input === undefined) return undefined;
  await ctx.memory.rememberStart(workflowType, { taskQueue, input });
  return { workflowType, taskQueue, workflowId, input };
}

/** A modal confirmation (the question names the workflow); true when `button` was chosen. */
export async function confirmDestructive(
  question: string,
  button: string,
  detail: string,
): Promise<boolean> {
  const picked = await vscode.window.showWarningMessage(question, { modal: true, detail }, button);
  return picked === button;
}
