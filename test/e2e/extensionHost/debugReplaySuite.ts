// Runs inside the extension host (bundled by debugReplay.test.ts): "Debug Replay" of a greeting
// run recorded by the TypeScript sample worker starts the replay runner under the built-in
// node debugger, and a breakpoint in the workflow's source is hit while the history replays; the
// runner reports the workflow task being replayed and the open execution view shows it.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Ctx } from '../../../client/src/ctx';
import { waitFor } from './hostHelpers';

interface Stopped {
  session: vscode.DebugSession;
  threadId: number;
  reason: string;
}

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension('temporal-workbench.temporal-workbench');
  assert.ok(extension);
  const ctx = (await extension.activate()) as Ctx;
  await ctx.ready;
  await waitFor(
    'the profile from settings to connect',
    () => ctx.status.state === 'connected',
    60_000,
  );

  const file = vscode.Uri.file(process.env.E2E_WORKFLOW_FILE!);
  const line = Number(process.env.E2E_BREAK_LINE);
  vscode.debug.addBreakpoints([
    new vscode.SourceBreakpoint(new vscode.Location(file, new vscode.Position(line, 0))),
  ]);

  // The execution view of the run, open before the replay starts.
  await vscode.commands.executeCommand('temporal.openExecutionView', {
    workflowId: process.env.E2E_WORKFLOW_ID,
  });
  const viewTab = () =>
    vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .find((t) => t.label.startsWith(`Execution ${process.env.E2E_WORKFLOW_ID}`));
  await waitFor('the execution view tab', viewTab);

  let stopped: Stopped | undefined;
  let output = '';
  const tracker = vscode.debug.registerDebugAdapterTrackerFactory('*', {
    createDebugAdapterTracker: (session) => ({
      onDidSendMessage: (m: {
        type: string;
        event?: string;
        body?: { threadId: number; reason: string; output?: string };
      }) => {
        if (m.type === 'event' && m.event === 'stopped' && m.body)
          stopped ??= { session, threadId: m.body.threadId, reason: m.body.reason };
        if (m.type === 'event' && m.event === 'output')
          output += (m.body as { output?: string }).output ?? '';
      },
    }),
  });
  try {
    const replay = vscode.commands.executeCommand<boolean>('temporal.debugReplay', {
      workflowId: process.env.E2E_WORKFLOW_ID,
    });
    const hit = await waitFor('the debugger to stop', () => stopped, 150_000);
    const trace = (await hit.session.customRequest('stackTrace', {
      threadId: hit.threadId,
      levels: 1,
    })) as {
      stackFrames: { line: number; source?: { path?: string } }[];
    };
    const top = trace.stackFrames[0];
    assert.ok(top.source?.path?.endsWith('workflows.ts'), `stopped in ${top.source?.path}`);
    assert.equal(top.line, line + 1, 'stopped at the breakpoint line (1-based in DAP)');
    assert.equal(hit.reason, 'breakpoint');
    // The breakpoint is in the first workflow task, which started at event 3.
    await waitFor('the runner to report the workflow task it replays', () =>
      output.includes('replaying workflow task started at event 3'),
    );
    await waitFor('the execution view to show the replay position', () =>
      viewTab()?.label.endsWith('replaying event 3'),
    );
    await hit.session.customRequest('continue', { threadId: hit.threadId });
    assert.equal(await replay, true, 'the debug replay ran to its end');
    assert.equal(
      viewTab()?.label,
      `Execution ${process.env.E2E_WORKFLOW_ID}`,
      'the position is cleared when the replay ends',
    );
  } finally {
    tracker.dispose();
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
  }
}
