// The one command registry: command id -> implementation taking the Ctx. Each command's
// failures are shown the same way; when the server is down the command says why.
import * as vscode from 'vscode';
import { LensCommands } from '../../../shared/src/lenses';
import type { Ctx } from '../ctx';
import { showError } from '../errors';
import { clearApiKey, selectNamespace, selectProfile, setApiKey, useNamespace } from './connection';
import {
  clearWorkflowFilter,
  filterWorkflows,
  filterWorkflowsByStatus,
  runSavedQuery,
  saveWorkflowQuery,
} from './filters';
import { openExecutionView, openHistoryFile } from './executionView';
import * as replay from './replay';
import * as dx from './duroxide';
import { applyQueryDocument, editQueryAsDocument } from './queryDocuments';
import * as sch from './schedules';
import { addTaskQueue, removeTaskQueue } from './taskQueues';
import * as wf from './workflows';
import { showRawResult } from '../resultDocuments';
import { reopenResult, resultLog } from '../results';
import { ResultItem } from '../views/resultsView';

export type Command = (ctx: Ctx, ...args: unknown[]) => unknown;

export const commands: Record<string, Command> = {
  'temporal.selectProfile': selectProfile,
  'temporal.selectNamespace': selectNamespace,
  'temporal.useNamespace': useNamespace,
  'temporal.connections.refresh': (ctx) => ctx.views.connections.refresh(),
  'temporal.setApiKey': (ctx) => setApiKey(ctx),
  'temporal.clearApiKey': clearApiKey,
  'temporal.showOutput': (ctx) => ctx.output.show(),
  'temporal.restartServer': (ctx) => ctx.restart(),
  'temporal.openSettings': () =>
    vscode.commands.executeCommand('workbench.action.openSettings', 'temporal.'),

  // duroxide profiles
  'temporal.setStorePassword': dx.setStorePassword,
  'temporal.pruneExecutions': dx.pruneExecutions,
  'temporal.startOrchestration': dx.startOrchestration,
  'temporal.raiseEvent': dx.raiseEvent,
  'temporal.waitForCompletion': wf.showWorkflowResult,

  // Code lens commands (ids shared with the server) also serve the tree and the palette.
  [LensCommands.start]: (ctx, arg) => wf.startWorkflow(ctx, arg),
  [LensCommands.execute]: wf.executeWorkflow,
  [LensCommands.showExecutions]: wf.showExecutionsOfType,
  [LensCommands.signal]: wf.signalWorkflow,
  [LensCommands.query]: wf.queryWorkflow,
  [LensCommands.update]: wf.updateWorkflow,

  'temporal.cancelWorkflow': wf.cancelWorkflow,
  'temporal.terminateWorkflow': wf.terminateWorkflow,
  'temporal.resetWorkflow': wf.resetWorkflow,
  'temporal.deleteWorkflow': wf.deleteWorkflow,
  'temporal.startWorkflowAgain': wf.startWorkflowAgain,
  'temporal.showWorkflowResult': wf.showWorkflowResult,
  'temporal.describeWorkflow': wf.describeWorkflow,
  'temporal.openWorkflowHistory': wf.openWorkflowHistory,
  'temporal.openHistoryEvent': wf.openHistoryEvent,
  'temporal.copyWorkflowId': wf.copyWorkflowId,
  'temporal.copyRunId': wf.copyRunId,
  'temporal.openInWebUi': wf.openInWebUi,
  'temporal.goToWorkflowDefinition': wf.goToWorkflowDefinition,

  'temporal.workflows.refresh': (ctx) => ctx.views.workflows.refresh(),
  'temporal.workflows.loadMore': (ctx, key) =>
    ctx.views.workflows.loadMore(typeof key === 'string' ? key : 'root'),
  'temporal.workflows.filter': filterWorkflows,
  'temporal.workflows.filterStatus': filterWorkflowsByStatus,
  'temporal.workflows.clearFilter': clearWorkflowFilter,
  'temporal.workflows.saveQuery': saveWorkflowQuery,
  'temporal.workflows.runSavedQuery': runSavedQuery,
  'temporal.workflows.batchTerminate': wf.batchTerminate,
  'temporal.workflows.batchCancel': wf.batchCancel,

  'temporal.workflows.editQueryAsDocument': editQueryAsDocument,
  'temporal.workflows.applyQueryDocument': applyQueryDocument,

  'temporal.createSchedule': sch.createSchedule,
  'temporal.editSchedule': sch.editSchedule,
  'temporal.pauseSchedule': sch.pauseSchedule,
  'temporal.unpauseSchedule': sch.unpauseSchedule,
  'temporal.triggerSchedule': sch.triggerSchedule,
  'temporal.backfillSchedule': sch.backfillSchedule,
  'temporal.deleteSchedule': sch.deleteSchedule,
  'temporal.describeSchedule': sch.describeSchedule,
  'temporal.schedules.refresh': (ctx) => ctx.views.schedules.refresh(),
  'temporal.schedules.loadMore': (ctx) => ctx.views.schedules.loadMore(),

  'temporal.taskQueues.refresh': (ctx) => ctx.views.taskQueues.refresh(),
  'temporal.taskQueues.add': addTaskQueue,
  'temporal.taskQueues.remove': removeTaskQueue,

  // Execution view (webview)
  'temporal.openExecutionView': openExecutionView,
  'temporal.openHistoryFile': openHistoryFile,
  // Replay against the workspace's code and the workflow graph (issue 15).
  'temporal.replayWorkflow': replay.replayWorkflow,
  'temporal.replayHistoryFile': replay.replayHistoryFile,
  'temporal.replayRecent': replay.replayRecent,
  'temporal.debugReplay': replay.debugReplay,
  'temporal.showWorkflowGraph': replay.showWorkflowGraph,

  'temporal.submitInput': (ctx) => ctx.payloads.submit(),
  'temporal.cancelInput': (ctx) => ctx.payloads.cancel(),

  // Results view and read-only result documents.
  'temporal.results.open': (_ctx, item) =>
    item instanceof ResultItem ? reopenResult(item.result) : undefined,
  'temporal.results.clear': () => resultLog.clear(),
  'temporal.showRawResult': (_ctx, uri) =>
    showRawResult(uri instanceof vscode.Uri ? uri : undefined),
};

export function registerCommands(ctx: Ctx): void {
  for (const [id, run] of Object.entries(commands)) {
    ctx.extension.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await run(ctx, ...args);
        } catch (err) {
          await showError(err, ctx.output);
        }
      }),
    );
  }
}
