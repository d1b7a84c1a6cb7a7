// Runs inside the extension host (bundled by debugReplay.test.ts): "Debug Replay" of a greeting
// run recorded by the TypeScript sample worker starts the replay runner under the built-in
// node debugger, and a breakpoint in the workflow's source is hit while the history replays.
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

  let stopped: Stopped | undefined;
  const tracker = vscode.debug.registerDebugAdapterTrackerFactory('*', {
    createDebugAdapterTracker: (session) => ({
      onDidSendMessage: (m: {
        type: string;
        event?: string;
        body?: { threadId: number; reason: string };
      }) => {
        if (m.type === 'event' && m.event === 'stopped' && m.body)
          stopped ??= { session, threadId: m.body.threadId, reason: m.body.reason };
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
    await hit.session.customRequest('continue', { threadId: hit.threadId });
    assert.equal(await replay, true, 'the debug replay ran to its end');
  } finally {
    tracker.dispose();
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
  }
}
