// Code lenses on workflow definitions (Start, Execute, a live status line) and on signal, query
// and update handlers. Plain LSP lenses: a client with its own lens commands (VS Code) gets its
// ids and icon titles; any other client gets the ids the server runs itself, with plain titles.
import type { CodeLens } from 'vscode-languageserver';
import {
  LensCommands,
  ServerLensCommands,
  type HandlerLensArgs,
  type WorkflowLensArgs,
} from '../../../shared/src/lenses';
import type { BackendCapabilities, BackendKind } from '../../../shared/src/protocol';
import type { WorkspaceIndex } from '../source';
import { describeStats, type LiveStats } from './liveStats';
import { liveLensTooltip } from './stalledQueues';

export function codeLenses(
  uri: string,
  index: WorkspaceIndex,
  stats: LiveStats,
  clientCommands = true,
  /**
   * The active backend: lenses for what it cannot run are hidden (on a duroxide profile,
   * Temporal's Start and Execute, and Query and Update). Before a profile is connected nothing
   * is known, so nothing is hidden.
   */
  backend?: { kind: BackendKind; capabilities: Partial<BackendCapabilities> },
): CodeLens[] {
  const capabilities = backend?.capabilities;
  const lenses: CodeLens[] = [];
  const ids = clientCommands ? LensCommands : ServerLensCommands;
  // `$(icon)` is VS Code's title syntax; other clients would show it literally.
  const title = (t: string) => (clientCommands ? t : t.replace(/^\$\([\w-]+\) /, ''));
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
      // Start Orchestration has no server-side command yet: only the VS Code client runs it.
      if (clientCommands) lenses.push(...orchestrationLenses(args, stats));
      continue;
    }
    // A Temporal workflow started on a duroxide store would be an orchestration nothing runs.
    if (backend?.kind === 'duroxide') continue;
    lenses.push(
      { range, command: { title: title('$(play) Start'), command: ids.start, arguments: [args] } },
      {
        range,
        command: { title: title('$(run-all) Execute'), command: ids.execute, arguments: [args] },
      },
    );
    const typeStats = stats.get(wf.name);
    const live = describeStats(typeStats);
    if (live) {
      const tooltip = liveLensTooltip(wf.name, typeStats, index.workers());
      lenses.push({
        range,
        // `tooltip`: LSP 3.18's Command field, for clients that read it.
        command: {
          title: title(live),
          command: ids.showExecutions,
          arguments: [{ ...args, tooltip }],
          tooltip,
        } as CodeLens['command'],
      });
    }
  }
  for (const h of index.handlersIn(uri)) {
    if (h.dynamic || h.runtime !== 'temporal') continue;
    if (h.kind === 'query' && capabilities?.queries === false) continue;
    if (h.kind === 'update' && capabilities?.updates === false) continue;
    const args: HandlerLensArgs = {
      kind: h.kind,
      name: h.name,
      workflowType: h.workflow,
      parameters: h.parameters,
      uri,
      range: h.nameRange,
    };
    const label = {
      signal: '$(broadcast) Signal…',
      query: '$(search) Query…',
      update: '$(edit) Update…',
    }[h.kind];
    lenses.push({
      range: h.nameRange,
      command: { title: title(label), command: ids[h.kind], arguments: [args] },
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
