// The launch configuration "Debug Replay" hands the editor's debugger: the replay runner under
// js-debug (TypeScript) or debugpy (Python). No vscode import: the Python integration test
// launches debugpy with exactly this configuration over DAP.
import type { DebugReplayPlan } from '../../shared/src/protocol';

export interface DebugReplayConfiguration {
  type: 'node' | 'debugpy';
  request: 'launch';
  name: string;
  program: string;
  args: string[];
  cwd: string;
  console: 'internalConsole';
  env: Record<string, string>;
  [key: string]: unknown;
}

export function debugReplayConfiguration(plan: DebugReplayPlan): DebugReplayConfiguration {
  const common = {
    request: 'launch' as const,
    name: `Replay ${plan.workflowType}`,
    program: plan.args[0],
    args: plan.args.slice(1),
    cwd: plan.cwd,
    console: 'internalConsole' as const,
    // The runners' debug mode: no deadlock detection while paused at a breakpoint.
    env: { TEMPORAL_REPLAY_DEBUG: '1' },
  };
  return plan.language === 'typescript'
    ? {
        ...common,
        type: 'node',
        runtimeExecutable: plan.program,
        // The SDK bundles workflow code with inline source maps: breakpoints map back to the .ts.
        sourceMaps: true,
        resolveSourceMapLocations: null,
        skipFiles: ['<node_internals>/**'],
      }
    : { ...common, type: 'debugpy', python: plan.program, justMyCode: true };
}

/** What the TypeScript runner prints before each workflow task replays (replayTypescript.cjs). */
export const REPLAY_POSITION_MARKER =
  '[temporal-workbench] replaying workflow task started at event ';

/** The event ids the runner reported in a chunk of debug console output, in order. */
export function replayPositionsIn(output: string): number[] {
  const ids: number[] = [];
  for (const line of output.split('\n')) {
    const at = line.indexOf(REPLAY_POSITION_MARKER);
    if (at < 0) continue;
    const id = Number.parseInt(line.slice(at + REPLAY_POSITION_MARKER.length), 10);
    if (Number.isInteger(id) && id > 0) ids.push(id);
  }
  return ids;
}
