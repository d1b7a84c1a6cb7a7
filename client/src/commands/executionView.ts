// Execution view commands: an execution from the tree or the palette, or a history file.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { execRefOf, pickExecution } from '../input/pickers';
import { BACK, MultiStepInput } from '../input/multiStep';
import { ExecutionPanel } from '../webviews/executionPanel';

export async function openExecutionView(ctx: Ctx, arg?: unknown): Promise<void> {
  let ref = execRefOf(arg);
  if (!ref) {
    const picked = await pickExecution(ctx, new MultiStepInput('Open Execution View', 1), {
      running: false,
    });
    if (picked === BACK) return;
    ref = picked;
  }
  ExecutionPanel.showExecution(
    ctx,
    ref.runId ? { workflowId: ref.workflowId, runId: ref.runId } : { workflowId: ref.workflowId },
  );
}

export async function openHistoryFile(ctx: Ctx, arg?: unknown): Promise<void> {
  let uri = arg instanceof vscode.Uri ? arg : undefined;
  if (!uri) {
    const picked = await vscode.window.showOpenDialog({
      title: 'Open History File (temporal workflow show --output json)',
      filters: { JSON: ['json'] },
      canSelectMany: false,
    });
    uri = picked?.[0];
  }
  if (!uri) return;
  const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  ExecutionPanel.showFile(ctx, uri, text);
}
