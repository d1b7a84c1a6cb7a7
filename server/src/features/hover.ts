// Hover on a workflow definition or handler: the registered name, task queues, handlers and the
// live status of its executions.
import type { Hover, Position } from 'vscode-languageserver';
import type { WorkspaceIndex } from '../source';
import { describeStats, type LiveStats } from './liveStats';
import { notMovingText } from './stalledQueues';

type Range = { start: Position; end: Position };

function contains(r: Range, p: Position): boolean {
  const after =
    p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const before = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return after && before;
}

export function hover(
  uri: string,
  position: Position,
  index: WorkspaceIndex,
  stats: LiveStats,
): Hover | null {
  const wf = index.workflowsIn(uri).find((w) => contains(w.nameRange, position));
  if (wf?.runtime === 'duroxide') {
    const live = describeStats(stats.get(wf.name, 'duroxide'));
    const lines = [
      `**duroxide orchestration** \`${wf.name}\` (registered by name)`,
      wf.parameters.length
        ? `Input: ${wf.parameters.map((p) => `\`${p.name}${p.type ? `: ${p.type}` : ''}\``).join(', ')}`
        : '',
      live ? `Instances: ${live}` : '',
    ];
    return {
      range: wf.nameRange,
      contents: { kind: 'markdown', value: lines.filter(Boolean).join('\n\n') },
    };
  }
  if (wf) {
    const handlers = index.handlersOf(wf.name, wf.language);
    const lines = [
      `**Temporal workflow** \`${wf.name}\`${wf.nameSource === 'explicit' ? ' (explicit name)' : ''}`,
      `Task queue: ${wf.taskQueues.length ? wf.taskQueues.map((q) => `\`${q}\``).join(', ') : '_no worker in this workspace registers it_'}`,
      wf.parameters.length
        ? `Input: ${wf.parameters.map((p) => `\`${p.name}${p.type ? `: ${p.type}` : ''}\``).join(', ')}`
        : '',
      handlers.length
        ? `Handlers: ${handlers.map((h) => `${h.kind} \`${h.name}\``).join(', ')}`
        : '',
      describeStats(stats.get(wf.name)) ? `Executions: ${describeStats(stats.get(wf.name))}` : '',
      whyNotMoving(wf.name, stats, index),
    ];
    return {
      range: wf.nameRange,
      contents: { kind: 'markdown', value: lines.filter(Boolean).join('\n\n') },
    };
  }
  const h = index.handlersIn(uri).find((x) => contains(x.nameRange, position));
  if (h) {
    const value = `**Temporal ${h.kind}** \`${h.name}\`${h.workflow ? ` of workflow \`${h.workflow}\`` : ''}`;
    return { range: h.nameRange, contents: { kind: 'markdown', value } };
  }
  return null;
}

/** The live lens's "why is it not moving?", from the cached pollers check (no call here). */
function whyNotMoving(workflowType: string, stats: LiveStats, index: WorkspaceIndex): string {
  const why = notMovingText(workflowType, stats.get(workflowType)?.stalled, index.workers());
  return why ? `**Why is it not moving?** ${why}` : '';
}
