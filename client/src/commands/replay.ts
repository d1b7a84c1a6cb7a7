// Replay against the workspace's code, "Replay all recent", debug replay and the workflow graph.
// The server runs the replays (in the workspace's own environment); this side gathers the
// history source, shows the outcome and, for debug replay, drives the debugger.
import * as vscode from 'vscode';
import * as protocol from '../../../shared/src/protocol';
import type { Ctx } from '../ctx';
import { BACK, MultiStepInput } from '../input/multiStep';
import { execRefOf, pickExecution } from '../input/pickers';
import { debugReplayConfiguration, replayPositionsIn } from '../debugReplayConfig';
import { withCancellableProgress } from '../progress';
import { ExecutionPanel } from '../webviews/executionPanel';
import { WorkflowGraphPanel } from '../webviews/graphPanel';

/** The Python extension's interpreter for the file's folder, when it is installed. */
async function pythonPath(): Promise<string | undefined> {
  const python = vscode.extensions.getExtension('ms-python.python');
  if (python) {
    try {
      const api = (python.isActive ? python.exports : await python.activate()) as {
        environments?: { getActiveEnvironmentPath(resource?: vscode.Uri): { path: string } };
      };
      const active = api.environments?.getActiveEnvironmentPath(
        vscode.workspace.workspaceFolders?.[0]?.uri,
      );
      if (active?.path) return active.path;
    } catch {
      // Fall back to the setting and the server's own search (.venv, venv).
    }
  }
  return (
    vscode.workspace.getConfiguration('python').get<string>('defaultInterpreterPath') || undefined
  );
}

/** Where the history comes from: a history JSON file (explorer), an execution (tree), or a pick. */
async function replaySourceFor(
  ctx: Ctx,
  arg: unknown,
  title: string,
): Promise<protocol.ReplaySource> {
  if (arg instanceof vscode.Uri) return { kind: 'file', path: arg.fsPath };
  const known = execRefOf(arg);
  if (known) return { kind: 'execution', workflowId: known.workflowId, runId: known.runId };
  const picked = await pickExecution(ctx, new MultiStepInput(title, 1), { running: false });
  if (picked === BACK) throw new vscode.CancellationError();
  return { kind: 'execution', workflowId: picked.workflowId, runId: picked.runId };
}

function requireTrust(): void {
  if (!vscode.workspace.isTrusted) {
    throw new Error(
      "Replay runs this workspace's workflow code: trust the workspace first (Restricted Mode).",
    );
  }
}

/** One message for a replay outcome; nondeterminism also sits as a diagnostic in the code. */
async function showOutcome(result: protocol.ReplayWorkflowResult, what: string): Promise<void> {
  if (result.problem) {
    void vscode.window.showErrorMessage(`Replay of ${what}: ${result.problem.message}`);
    return;
  }
  const bad = result.runs.find((r) => r.outcome !== 'ok');
  const sdk = result.sdkVersion ? ` (${result.language} SDK ${result.sdkVersion})` : '';
  if (!bad) {
    void vscode.window.showInformationMessage(
      `Replay of ${what}: clean, the code replays the history deterministically${sdk}.`,
    );
    return;
  }
  const d = bad.detail;
  const text =
    bad.outcome === 'nondeterminism'
      ? `nondeterminism${d?.eventId !== undefined ? ` at event ${d.eventId}` : ''}: history has ${d?.expected ?? '?'}, code did ${d?.actual ?? '?'}`
      : `failed: ${(bad.message ?? '').split('\n')[0]}`;
  const open = bad.location ? 'Go to Code' : undefined;
  const choice = await vscode.window.showErrorMessage(
    `Replay of ${what}: ${text}`,
    ...(open ? [open] : []),
  );
  if (choice && bad.location) {
    const range = bad.location.range;
    await vscode.window.showTextDocument(vscode.Uri.parse(bad.location.uri), {
      selection: new vscode.Range(
        range.start.line,
        range.start.character,
        range.end.line,
        range.end.character,
      ),
    });
  }
}

export async function replayWorkflow(ctx: Ctx, arg?: unknown): Promise<void> {
  requireTrust();
  const source = await replaySourceFor(ctx, arg, 'Replay Workflow');
  const what =
    source.kind === 'file'
      ? vscode.workspace.asRelativePath(source.path)
      : `'${source.workflowId}'`;
  const result = await withCancellableProgress(
    `Replaying ${what} against the workspace's code…`,
    async (token) =>
      ctx.request(protocol.replayWorkflow, { source, pythonPath: await pythonPath() }, token),
  );
  await showOutcome(result, what);
}

export async function replayHistoryFile(ctx: Ctx, arg?: unknown): Promise<void> {
  if (arg instanceof vscode.Uri) return replayWorkflow(ctx, arg);
  const [file] =
    (await vscode.window.showOpenDialog({
      title: 'Replay a history JSON file (temporal workflow show --output json)',
      filters: { 'History JSON': ['json'] },
      canSelectMany: false,
    })) ?? [];
  if (file) await replayWorkflow(ctx, file);
}

export async function replayRecent(ctx: Ctx, arg?: unknown): Promise<void> {
  requireTrust();
  const known = execRefOf(arg);
  const workflowType =
    known?.workflowType ??
    (await vscode.window.showInputBox({
      title: 'Replay Recent Executions (1/2)',
      prompt: 'Workflow type',
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'Name a workflow type'),
    }));
  if (!workflowType) return;
  const countText = await vscode.window.showInputBox({
    title: 'Replay Recent Executions (2/2)',
    prompt: `How many of the latest closed ${workflowType} executions`,
    value: '10',
    ignoreFocusOut: true,
    validateInput: (v) =>
      /^\d+$/.test(v) && +v >= 1 && +v <= 100 ? undefined : 'A whole number from 1 to 100',
  });
  if (!countText) return;
  const result = await withCancellableProgress(
    `Replaying recent ${workflowType} executions…`,
    async (token) =>
      ctx.request(
        protocol.replayRecent,
        { workflowType: workflowType.trim(), count: +countText, pythonPath: await pythonPath() },
        token,
      ),
  );
  if (result.problem && !result.runs.length) {
    void vscode.window.showErrorMessage(
      `Replay of recent ${workflowType}: ${result.problem.message}`,
    );
    return;
  }
  const s = result.summary;
  const line = `Replayed ${s.total} recent ${workflowType} execution${s.total === 1 ? '' : 's'}: ${s.ok} clean, ${s.nondeterministic} nondeterministic, ${s.failed} failed.`;
  if (s.nondeterministic || s.failed)
    void vscode.window.showWarningMessage(`${line} See the Problems view.`);
  else void vscode.window.showInformationMessage(line);
  ctx.output.appendLine(line);
  for (const r of result.runs)
    ctx.output.appendLine(
      `  ${r.outcome.padEnd(14)} ${r.workflowId} ${r.runId}${r.message ? ` — ${r.message.split('\n')[0]}` : ''}`,
    );
}

/** Runs the replay runner under the debugger so breakpoints in workflow code hit. */
export async function debugReplay(ctx: Ctx, arg?: unknown): Promise<boolean> {
  requireTrust();
  const source = await replaySourceFor(ctx, arg, 'Debug Replay');
  const plan = await ctx.request(protocol.prepareDebugReplay, {
    source,
    pythonPath: await pythonPath(),
  });
  const config: vscode.DebugConfiguration = debugReplayConfiguration(plan);
  if (plan.language === 'python' && !vscode.extensions.getExtension('ms-python.debugpy')) {
    throw new Error(
      'Debug replay of Python workflows needs the Python Debugger extension (ms-python.debugpy).',
    );
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  const ended = new Promise<void>((resolve) => {
    const sub = vscode.debug.onDidTerminateDebugSession((s) => {
      if (
        s.configuration.program === plan.args[0] &&
        s.configuration.args?.[1] === plan.resultFile
      ) {
        sub.dispose();
        resolve();
      }
    });
  });
  const views = () =>
    source.kind === 'execution' ? ExecutionPanel.viewsOf(source.workflowId, source.runId) : [];
  const positions = followReplayPosition(plan.resultFile, (eventId) => {
    for (const view of views()) view.showReplayPosition(eventId);
  });
  let started: boolean;
  try {
    started = await vscode.debug.startDebugging(folder, config);
    if (started) await ended;
  } finally {
    positions.dispose();
    for (const view of views()) view.showReplayPosition(undefined);
  }
  if (!started) return false;
  const result = await ctx.request(protocol.finishDebugReplay, { resultFile: plan.resultFile });
  await showOutcome(result, plan.workflowType);
  return true;
}

/** The launched session or one it started (js-debug runs the node process in a child session). */
function isReplaySession(session: vscode.DebugSession | undefined, resultFile: string): boolean {
  for (let s = session; s; s = s.parentSession)
    if (s.configuration.args?.[1] === resultFile) return true;
  return false;
}

/** Reports each workflow task the debug session's runner starts to replay (TypeScript SDKs that expose it). */
function followReplayPosition(
  resultFile: string,
  onPosition: (eventId: number) => void,
): vscode.Disposable {
  return vscode.debug.registerDebugAdapterTrackerFactory('*', {
    createDebugAdapterTracker: (session) =>
      isReplaySession(session, resultFile)
        ? {
            onDidSendMessage: (m: {
              type?: string;
              event?: string;
              body?: { output?: string };
            }) => {
              if (m.type !== 'event' || m.event !== 'output' || !m.body?.output) return;
              const ids = replayPositionsIn(m.body.output);
              if (ids.length) onPosition(ids[ids.length - 1]);
            },
          }
        : undefined,
  });
}

/**
 * The graph of a workflow from its source, drawn in a webview. From an execution (tree, view)
 * the nodes are coloured by that run; from the palette, a run can be chosen in the view.
 */
export async function showWorkflowGraph(ctx: Ctx, arg?: unknown): Promise<void> {
  const execution = execRefOf(arg);
  const known =
    execution?.workflowType ?? (arg as { workflowType?: string } | undefined)?.workflowType;
  const workflowType =
    known ??
    (await vscode.window.showInputBox({
      title: 'Show Workflow Graph',
      prompt: 'Workflow type',
      validateInput: (v) => (v.trim() ? undefined : 'Name a workflow type'),
    }));
  if (!workflowType) return;
  const run = execution?.workflowType
    ? { workflowId: execution.workflowId, runId: execution.runId }
    : undefined;
  await WorkflowGraphPanel.show(ctx, workflowType.trim(), run);
}
