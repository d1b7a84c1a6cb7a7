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
