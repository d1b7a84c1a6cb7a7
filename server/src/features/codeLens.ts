// Code lenses on workflow definitions (Start, Execute, a live status line) and on signal, query
// and update handlers. Plain LSP lenses: any client can show them and bind the command ids.
import type { CodeLens } from 'vscode-languageserver';
import {
  LensCommands,
  type HandlerLensArgs,
  type WorkflowLensArgs,
} from '../../../shared/src/lenses';
import type { WorkspaceIndex } from '../source';
import { describeStats, type LiveStats } from './liveStats';

export function codeLenses(uri: string, index: WorkspaceIndex, stats: LiveStats): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const wf of index.workflowsIn(uri)) {
    if (wf.dynamic) continue;
    const args: WorkflowLensArgs = {
      workflowType: wf.name,
      taskQueues: wf.taskQueues,
      parameters: wf.parameters,
      language: wf.language,
      uri,
      range: wf.nameRange,
    };
    const range = wf.nameRange;
    if (wf.runtime === 'duroxide') {
      lenses.push(...orchestrationLenses(args, stats));
      continue;
    }
    lenses.push(
      {
        range,
        command: { title: '$(play) Start', command: LensCommands.start, arguments: [args] },
      },
      {
        range,
        command: { title: '$(run-all) Execute', command: LensCommands.execute, arguments: [args] },
      },
    );
    const live = describeStats(stats.get(wf.name));
    if (live)
      lenses.push({
        range,
        command: { title: live, command: LensCommands.showExecutions, arguments: [args] },
      });
  }
  for (const h of index.handlersIn(uri)) {
    if (h.dynamic || h.runtime !== 'temporal') continue;
    const args: HandlerLensArgs = {
      kind: h.kind,
      name: h.name,
      workflowType: h.workflow,
      parameters: h.parameters,
      uri,
      range: h.nameRange,
    };
    const title = {
      signal: '$(broadcast) Signal…',
      query: '$(search) Query…',
      update: '$(edit) Update…',
    }[h.kind];
    lenses.push({
      range: h.nameRange,
      command: { title, command: LensCommands[h.kind], arguments: [args] },
    });
  }
  return lenses;
}

/** A duroxide orchestration registered by name: start it (on a duroxide profile), and its live status. */
function orchestrationLenses(args: WorkflowLensArgs, stats: LiveStats): CodeLens[] {
  const range = args.range;
  const lenses: CodeLens[] = [
    {
      range,
      command: {
        title: '$(play) Start Orchestration',
        command: LensCommands.startOrchestration,
        arguments: [args],
      },
    },
  ];
  const live = describeStats(stats.get(args.workflowType, 'duroxide'));
  if (live)
    lenses.push({
      range,
      command: { title: live, command: LensCommands.showExecutions, arguments: [args] },
    });
  return lenses;
}
