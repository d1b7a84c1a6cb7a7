// Commands on workflow executions. Each accepts a tree node, a code lens argument, or nothing
// (palette: it asks), then sends one shared/ request and shows the result the same way.
import * as vscode from 'vscode';
import * as protocol from '../../../shared/src/protocol';
import type { HandlerLensArgs, WorkflowLensArgs } from '../../../shared/src/lenses';
import { Config } from '../config';
import type { Ctx } from '../ctx';
import { BACK, MultiStepInput, type PickItem } from '../input/multiStep';
import {
  confirmDestructive,
  editPayload,
  execRefOf,
  gatherStartOptions,
  pickExecution,
  pickHandler,
  type ExecRef,
  type HandlerChoice,
} from '../input/pickers';
import { withCancellableProgress } from '../progress';
import { openJsonDocument, reportOutcome, resultLog, showResult } from '../results';
import { goToSource } from '../sourceLocations';
import { TaskQueueItem } from '../views/taskQueuesView';
import {
  batchQuery,
  inputTextFromPayloads,
  isFiltered,
  outcomeView,
  payloadsValue,
  webUiExecutionUrl,
} from '../views/workflowsModel';
import { decodedEventJson } from '../views/eventPayloads';
import type { HistoryEventItem } from '../views/workflowsView';

function isWorkflowLens(arg: unknown): arg is WorkflowLensArgs {
  return (
    !!arg &&
    typeof (arg as WorkflowLensArgs).workflowType === 'string' &&
    Array.isArray((arg as WorkflowLensArgs).taskQueues)
  );
}

function isHandlerLens(arg: unknown): arg is HandlerLensArgs {
  const h = arg as HandlerLensArgs | undefined;
  return !!h && typeof h.name === 'string' && ['signal', 'query', 'update'].includes(h.kind);
}

function refOf(e: ExecRef): protocol.WorkflowRefParams {
  return e.runId ? { workflowId: e.workflowId, runId: e.runId } : { workflowId: e.workflowId };
}

function label(e: ExecRef): string {
  return `'${e.workflowId}'`;
}

/** The execution a command is about: the argument's, or one the user picks. */
export async function executionFor(
  ctx: Ctx,
  arg: unknown,
  title: string,
  running: boolean,
): Promise<ExecRef> {
  const known = execRefOf(arg);
  if (known) return known;
  const picked = await pickExecution(ctx, new MultiStepInput(title, 1), { running });
  if (picked === BACK) throw new vscode.CancellationError();
  return picked;
}

/** Writes through a read-only profile stop here (lenses still offer them; the server refuses too). */
function assertWritable(ctx: Ctx): void {
  if (ctx.readOnly) {
    throw Object.assign(
      new Error(`Profile '${ctx.status.profileName}' is read-only: nothing is written through it.`),
      {
        data: { kind: 'ReadOnly' },
      },
    );
  }
}

function refreshSoon(ctx: Ctx, workflowId?: string): void {
  if (workflowId) void ctx.views.workflows.reveal(workflowId);
  else ctx.views.workflows.refresh();
}

/** Start (or, with `wait`, execute: start and wait for the result) from a lens, a queue or the palette. */
export async function startWorkflow(ctx: Ctx, arg?: unknown, wait = false): Promise<void> {
  assertWritable(ctx);
  const lens = isWorkflowLens(arg) ? arg : undefined;
  const title = `${wait ? 'Execute' : 'Start'} ${lens?.workflowType ?? 'Workflow'}`;
  let started: protocol.StartWorkflowResult | undefined;
  let executed: protocol.ExecuteWorkflowResult | undefined;
  // The call runs from the input editor: a failure (id in use, bad input ...) keeps the input.
  const choice = await gatherStartOptions(
    ctx,
    {
      workflowType: lens?.workflowType,
      taskQueues: lens?.taskQueues,
      parameters: lens?.parameters,
      taskQueue: arg instanceof TaskQueueItem ? arg.name : undefined,
    },
    title,
    async (c) => {
      if (wait)
        executed = await withCancellableProgress(
          `Running ${c.workflowType} '${c.workflowId}'…`,
          (token) => ctx.request(protocol.executeWorkflow, { ...c }, token),
        );
      else
        started = await withCancellableProgress(`Starting ${c.workflowType}…`, (token) =>
          ctx.request(protocol.startWorkflow, { ...c }, token),
        );
    },
  );
  if (!choice) return;
  if (started) {
    const r = started;
    refreshSoon(ctx, r.workflowId);
    const headline = `Started ${choice.workflowType} '${r.workflowId}' on ${choice.taskQueue}.`;
    resultLog.add({
      headline,
      ok: true,
      at: new Date(),
      reopen: () => showWorkflowResult(ctx, { ...r, workflowType: choice.workflowType }),
    });
    void vscode.window
      .showInformationMessage(headline, 'Show Result', 'Open in Web UI', 'Show in Results')
      .then((picked) => {
        if (picked === 'Show Result') return showWorkflowResult(ctx, r);
        if (picked === 'Open in Web UI') return openInWebUi(ctx, r);
        if (picked === 'Show in Results')
          return vscode.commands.executeCommand('temporal.results.focus');
      });
    return;
  }
  if (!executed) return;
  const r = executed;
  refreshSoon(ctx, r.workflowId);
  const o = outcomeView(r.outcome);
  await showResult(`${choice.workflowType} '${r.workflowId}' ${o.headline}`, o.value, {
    failed: !o.ok,
  });
}

export const executeWorkflow = (ctx: Ctx, arg?: unknown) => startWorkflow(ctx, arg, true);

/** Starts a closed execution again: same type, queue, id and input. */
export async function startWorkflowAgain(ctx: Ctx, arg?: unknown): Promise<void> {
  assertWritable(ctx);
  const e = await executionFor(ctx, arg, 'Start Again', false);
  const first = await ctx.request(protocol.getWorkflowHistory, { ...refOf(e), pageSize: 1 });
  const started = first.events[0];
  const attrs = (started?.json.workflowExecutionStartedEventAttributes ?? {}) as {
    workflowType?: { name?: string };
    taskQueue?: { name?: string };
  };
  const workflowType = attrs.workflowType?.name ?? e.workflowType ?? '';
  const taskQueue = attrs.taskQueue?.name ?? e.taskQueue ?? '';
  const input = inputTextFromPayloads(started?.payloads?.input);
  const r = await withCancellableProgress(`Starting ${workflowType} again…`, (token) =>
    ctx.request(
      protocol.startWorkflow,
      { workflowId: e.workflowId, workflowType, taskQueue, input },
      token,
    ),
  );
  refreshSoon(ctx, r.workflowId);
  reportOutcome(`Started ${workflowType} '${r.workflowId}' again with input ${input}.`);
}

/** Filters the Workflows view to one workflow type (lens, tree node or palette). */
export async function showExecutionsOfType(ctx: Ctx, arg?: unknown): Promise<void> {
  let workflowType = isWorkflowLens(arg) ? arg.workflowType : execRefOf(arg)?.workflowType;
  if (!workflowType) {
    const types = [...new Set([...ctx.lenses.workflowTypes(), ...ctx.memory.startedTypes()])];
    workflowType = await new Promise<string | undefined>((resolve) => {
      void new MultiStepInput('Show Executions of Type', 1)
        .pick<string>({
          placeholder: 'Workflow type',
          items: types.map((t) => ({ label: t, value: t })),
          custom: (t) => ({ label: t, description: 'workflow type', value: t }),
        })
        .then(
          (p) => resolve(p === BACK ? undefined : p.value),
          () => resolve(undefined),
        );
    });
    if (!workflowType) return;
  }
  await ctx.views.workflows.setFilter({ ...ctx.views.workflows.filter, workflowType });
  await vscode.commands.executeCommand('temporal.workflows.focus');
}

/** Signal, query or update: from a handler lens, an execution node, or the palette. */
async function handlerCall(ctx: Ctx, kind: HandlerLensArgs['kind'], arg: unknown): Promise<void> {
  if (kind !== 'query') assertWritable(ctx);
  const lens = isHandlerLens(arg) ? arg : undefined;
  const verb = { signal: 'Signal', query: 'Query', update: 'Update' }[kind];
  let exec = execRefOf(arg);
  let handler: HandlerChoice | undefined = lens
    ? { name: lens.name, parameters: lens.parameters }
    : undefined;
  const steps: ((input: MultiStepInput) => Promise<boolean>)[] = [];
  if (!exec) {
    steps.push(async (input) => {
      // Queries also answer on closed executions (while a worker can replay them).
      const picked = await pickExecution(ctx, input, {
        running: kind !== 'query',
        workflowType: lens?.workflowType,
        placeholder: lens
          ? `Execution to ${kind === 'query' ? 'query' : `send '${lens.name}' to`}`
          : undefined,
      });
      if (picked === BACK) return false;
      exec = picked;
      return true;
    });
  }
  if (!handler) {
    steps.push(async (input) => {
      const picked = await pickHandler(ctx, input, kind, exec!);
      if (picked === BACK) return false;
      handler = picked;
      return true;
    });
  }
  if (steps.length)
    await new MultiStepInput(`${verb} ${lens?.name ?? 'Workflow'}`, steps.length).run(steps);
  const target = exec!;
  const h = handler!;
  const ref = refOf(target);
  // The call runs from the input editor: a failure (e.g. an update's validator rejecting the
  // input) keeps the editor open with the error beside the input.
  let after: (() => Promise<void>) | undefined;
  const call = async (input: string): Promise<void> => {
    if (kind === 'signal') {
      await withCancellableProgress(`Signalling ${h.name}…`, (token) =>
        ctx.request(protocol.signalWorkflow, { ...ref, signalName: h.name, input }, token),
      );
      after = async () => {
        reportOutcome(`Signal '${h.name}' sent to ${label(target)}.`);
        ctx.views.workflows.refresh();
      };
    } else if (kind === 'query') {
      const r = await withCancellableProgress(`Querying ${h.name}…`, (token) =>
        ctx.request(protocol.queryWorkflow, { ...ref, queryType: h.name, input }, token),
      );
      after = async () => {
        if (r.rejectedStatus)
          reportOutcome(
            `Query '${h.name}' rejected: ${label(target)} is ${r.rejectedStatus}.`,
            false,
          );
        else await showResult(`Query '${h.name}' on ${label(target)}`, payloadsValue(r.result));
      };
    } else {
      const r = await withCancellableProgress(`Updating ${h.name}…`, (token) =>
        ctx.request(protocol.executeUpdate, { ...ref, updateName: h.name, input }, token),
      );
      after = async () => {
        ctx.views.workflows.refresh();
        await showResult(
          `Update '${h.name}' on ${label(target)} returned`,
          payloadsValue(r.result),
        );
      };
    }
  };
  const input = await editPayload(ctx, {
    memoryKey: `${kind}:${target.workflowType ?? lens?.workflowType ?? ''}:${h.name}`,
    name: `${kind} ${h.name}`,
    title: `${verb} ${h.name} on ${target.workflowId}`,
    parameters: h.parameters,
    action: verb,
    run: call,
  });
  if (input === undefined) return;
  await after?.();
}

export const signalWorkflow = (ctx: Ctx, arg?: unknown) => handlerCall(ctx, 'signal', arg);
export const queryWorkflow = (ctx: Ctx, arg?: unknown) => handlerCall(ctx, 'query', arg);
export const updateWorkflow = (ctx: Ctx, arg?: unknown) => handlerCall(ctx, 'update', arg);

/**
 * The reason recorded in the history (the CLI's --reason): optional, prefilled; undefined when the
 * user pressed Escape (the operation is dropped).
 */
async function askReason(title: string, prefill: string): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title,
    prompt: 'Reason (optional, recorded in the workflow history as with --reason)',
    value: prefill,
    valueSelection: [0, prefill.length],
    ignoreFocusOut: true,
  });
  return value?.trim();
}

const reasonLine = (reason: string) => (reason ? `\n\nReason: ${reason}` : '');

export async function cancelWorkflow(ctx: Ctx, arg?: unknown): Promise<void> {
  assertWritable(ctx);
  const e = await executionFor(ctx, arg, 'Cancel Workflow', true);
  const reason = await askReason(`Cancel ${e.workflowId}`, 'Cancelled from Temporal Workbench');
  if (reason === undefined) return;
  if (
    !(await confirmDestructive(
      `Request cancellation of workflow ${label(e)}?`,
      'Request Cancellation',
      `The workflow is asked to cancel; its code decides how to wind down.${reasonLine(reason)}`,
    ))
  )
    return;
  await ctx.request(protocol.cancelWorkflow, { ...refOf(e), reason });
  reportOutcome(`Cancellation requested for ${label(e)}.`);
  ctx.views.workflows.refresh();
}

export async function terminateWorkflow(ctx: Ctx, arg?: unknown): Promise<void> {
  assertWritable(ctx);
  const e = await executionFor(ctx, arg, 'Terminate Workflow', true);
  const reason = await askReason(`Terminate ${e.workflowId}`, 'Terminated from Temporal Workbench');
  if (reason === undefined) return;
  if (
    !(await confirmDestructive(
      `Terminate workflow ${label(e)}?`,
      'Terminate',
      `It stops at once: no workflow code runs, pending activities are abandoned.${reasonLine(reason)}`,
    ))
  )
    return;
  await ctx.request(protocol.terminateWorkflow, { ...refOf(e), reason });
  reportOutcome(`Terminated ${label(e)}${reason ? `: ${reason}` : ''}.`);
  ctx.views.workflows.refresh();
}

export async function deleteWorkflow(ctx: Ctx, arg?: unknown): Promise<void> {
  assertWritable(ctx);
  const e = await executionFor(ctx, arg, 'Delete Workflow', false);
  if (
    !(await confirmDestructive(
      `Delete workflow ${label(e)}?`,
      'Delete',
      'The execution and its history are deleted (a running one is terminated first). This cannot be undone.',
    ))
  )
    return;
  await ctx.request(protocol.deleteWorkflow, refOf(e));
  reportOutcome(`Deleting ${label(e)}.`);
  ctx.views.workflows.reset();
}

export async function resetWorkflow(ctx: Ctx, arg?: unknown): Promise<void> {
  assertWritable(ctx);
  const e = await executionFor(ctx, arg, 'Reset Workflow', false);
  type To = protocol.ResetWorkflowParams['to'];
  const points = ctx
    .request(protocol.getWorkflowHistory, { ...refOf(e), pageSize: 1000 })
    .then((h) => [
      { label: 'First workflow task', description: 'start over', value: 'FirstWorkflowTask' as To },
      {
        label: 'Last workflow task',
        description: 'replay the latest decision',
        value: 'LastWorkflowTask' as To,
      },
      ...h.events
        .filter((ev) => ev.eventType === 'WorkflowTaskCompleted')
        .map((ev): PickItem<To> => ({
          label: `Event ${ev.eventId}`,
          description: `WorkflowTaskCompleted ${ev.eventTime ?? ''}`,
          value: { eventId: ev.eventId },
        })),
    ]);
  const picked = await new MultiStepInput(`Reset ${e.workflowId}`, 1).pick<To>({
    placeholder: 'Reset to',
    items: points,
  });
  if (picked === BACK) return;
  if (
    !(await confirmDestructive(
      `Reset workflow ${label(e)} to ${picked.label.toLowerCase()}?`,
      'Reset',
      'The current run is terminated and a new run replays from that point.',
    ))
  )
    return;
  const r = await ctx.request(protocol.resetWorkflow, {
    ...refOf(e),
    to: picked.value,
    reason: 'Reset from Temporal Workbench',
  });
  reportOutcome(`Reset ${label(e)}: new run ${r.runId}.`);
  refreshSoon(ctx, e.workflowId);
}

/** The result (or how it ended); waits, cancellably, while the run is open. */
export async function showWorkflowResult(ctx: Ctx, arg?: unknown): Promise<void> {
  const e = await executionFor(ctx, arg, 'Show Result', false);
  const o = await withCancellableProgress(`Waiting for ${label(e)} to close…`, (token) =>
    ctx.request(protocol.getWorkflowResult, { ...refOf(e), wait: true }, token),
  );
  const v = outcomeView(o);
  await showResult(`${label(e)} ${v.headline}`, v.value, { failed: !v.ok });
}

export async function describeWorkflow(ctx: Ctx, arg?: unknown): Promise<void> {
  const e = await executionFor(ctx, arg, 'Describe Workflow', false);
  await openJsonDocument(await ctx.request(protocol.describeWorkflow, refOf(e)), {
    name: `description of ${e.workflowId}`,
  });
}

/** The whole history as one JSON document (as `temporal workflow show --output json` prints it). */
export async function openWorkflowHistory(ctx: Ctx, arg?: unknown): Promise<void> {
  const e = await executionFor(ctx, arg, 'Open History', false);
  const events = await withCancellableProgress(
    `Reading the history of ${label(e)}…`,
    async (token) => {
      const all: protocol.HistoryEventView[] = [];
      let nextPageToken: string | undefined;
      do {
        const page = await ctx.request(
          protocol.getWorkflowHistory,
          { ...refOf(e), pageSize: 1000, nextPageToken },
          token,
        );
        all.push(...page.events);
        nextPageToken = page.nextPageToken;
      } while (nextPageToken && !token.isCancellationRequested);
      return all;
    },
  );
  await openJsonDocument(
    { events: events.map(decodedEventJson) },
    { name: `history of ${e.workflowId}`, raw: { events: events.map((ev) => ev.json) } },
  );
}

export async function openHistoryEvent(_ctx: Ctx, item?: unknown): Promise<void> {
  const event = (item as HistoryEventItem | undefined)?.event;
  if (event)
    await openJsonDocument(decodedEventJson(event), {
      name: `event ${event.eventId} ${event.eventType}`,
      raw: event.payloads ? event.json : undefined,
      preserveFocus: true,
    });
}

export async function copyWorkflowId(_ctx: Ctx, arg?: unknown): Promise<void> {
  const e = execRefOf(arg);
  if (!e) return;
  await vscode.env.clipboard.writeText(e.workflowId);
  vscode.window.setStatusBarMessage(`Copied workflow id ${e.workflowId}`, 3000);
}

export async function copyRunId(_ctx: Ctx, arg?: unknown): Promise<void> {
  const e = execRefOf(arg);
  if (!e?.runId) return;
  await vscode.env.clipboard.writeText(e.runId);
  vscode.window.setStatusBarMessage(`Copied run id ${e.runId}`, 3000);
}

/** Web UI base: the active profile's webUiUrl, else the temporal.webUiUrl setting. */
async function webUiBase(ctx: Ctx): Promise<string> {
  const { profiles } = await ctx.request(protocol.listProfiles, {});
  return profiles.find((p) => p.id === ctx.status.profileId)?.webUiUrl || Config.client().webUiUrl;
}

export async function openInWebUi(ctx: Ctx, arg?: unknown): Promise<void> {
  const e = await executionFor(ctx, arg, 'Open in Web UI', false);
  const url = webUiExecutionUrl(
    await webUiBase(ctx),
    ctx.status.namespace ?? 'default',
    e.workflowId,
    e.runId,
  );
  await vscode.env.openExternal(vscode.Uri.parse(url));
}

export async function goToWorkflowDefinition(ctx: Ctx, arg?: unknown): Promise<void> {
  const type = isWorkflowLens(arg) ? arg.workflowType : execRefOf(arg)?.workflowType;
  const workflowType =
    type ?? (await executionFor(ctx, arg, 'Go to Workflow Definition', false)).workflowType;
  if (!workflowType) return;
  await goToSource(ctx, 'workflow', workflowType);
}

/** Terminate or cancel every execution the current filter selects, after a confirmation with the count. */
async function batch(ctx: Ctx, type: 'terminate' | 'cancel'): Promise<void> {
  assertWritable(ctx);
  const filter = ctx.views.workflows.filter;
  const query = batchQuery(filter);
  if (!isFiltered(filter) || !query) {
    void vscode.window.showWarningMessage(
      isFiltered(filter)
        ? 'The status filter excludes running executions.'
        : 'Set a filter first: a batch operation applies to the executions a query selects.',
    );
    return;
  }
  const { count } = await ctx.request(protocol.countWorkflows, { query });
  if (!count) {
    void vscode.window.showInformationMessage('No running execution matches the filter.');
    return;
  }
  const what = `${count} running execution${count === 1 ? '' : 's'}`;
  const [question, button] =
    type === 'terminate'
      ? [`Terminate ${what}?`, 'Terminate All']
      : [`Request cancellation of ${what}?`, 'Cancel All'];
  if (!(await confirmDestructive(question, button, `Matching: ${query}`))) return;
  const { jobId } = await ctx.request(protocol.startBatchOperation, {
    query,
    operation: { type },
    reason: `Batch ${type} from Temporal Workbench`,
  });
  void vscode.window.showInformationMessage(`Batch ${type} of ${what} started (job ${jobId}).`);
  setTimeout(() => ctx.views.workflows.refresh(), 2000);
}

export const batchTerminate = (ctx: Ctx) => batch(ctx, 'terminate');
export const batchCancel = (ctx: Ctx) => batch(ctx, 'cancel');
