// Replay against the workspace's code: picks the workflow definition a history belongs to, runs
// the matching runner in the workspace's environment, and turns nondeterminism into
// diagnostics at the command that diverged. Knows nothing of LSP transport or gRPC.
import type { Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type {
  ReplayRunResult,
  ReplayWorkflowResult,
  SourceLocation,
} from '../../../shared/src/protocol';
import { WorkbenchError } from '../errors';
import { uriToPath, type WorkflowEntry, type WorkspaceIndex } from '../source';
import type { WorkflowGraphData } from '../source/graph';
import {
  nodeInterpreter,
  projectDir,
  pythonInterpreter,
  resolveModuleFile,
  runnerPath,
  type Interpreter,
} from './environment';
import type { LoadedHistory } from './histories';
import {
  describeNondeterminism,
  parseNondeterminism,
  type ParsedNondeterminism,
} from './nondeterminism';
import { runRunner, type RunnerJob, type RunnerOutput } from './runner';

export const replayDiagnosticSource = 'temporal-replay';

type ReplayLanguage = 'typescript' | 'python';

export interface ReplayContext {
  index(): Promise<WorkspaceIndex>;
  /** Graph of a workflow definition (for the call sites that diverged). */
  graph(workflow: WorkflowEntry): Promise<WorkflowGraphData | undefined>;
  /** Workspace folders (paths): where the search for a venv stops. */
  folders(): string[];
  /** Replay diagnostics of these uris changed. */
  publish(uris: string[]): void;
  /** The workspace is trusted (replay executes its code). */
  trusted(): boolean;
}

/** Everything needed to run one runner: which code, which interpreter, which job. */
export interface ReplayPlan {
  language: ReplayLanguage;
  workflow: WorkflowEntry;
  interpreter: Interpreter;
  runner: string;
  cwd: string;
  job: RunnerJob;
}

export class ReplayService {
  /** Replay diagnostics per workflow (type + language), so a new replay replaces the old ones. */
  private readonly byWorkflow = new Map<string, Map<string, Diagnostic[]>>();

  constructor(private readonly ctx: ReplayContext) {}

  /** Replay diagnostics of one document. */
  diagnosticsFor(uri: string): Diagnostic[] {
    return [...this.byWorkflow.values()].flatMap((m) => m.get(uri) ?? []);
  }

  uris(): string[] {
    return [...new Set([...this.byWorkflow.values()].flatMap((m) => [...m.keys()]))];
  }

  /** Refuses in an untrusted workspace: replay executes the workspace's code. */
  requireTrust(): void {
    if (!this.ctx.trusted()) {
      throw new WorkbenchError(
        'PermissionDenied',
        "Replay runs the workspace's workflow code: trust this workspace first (Restricted Mode blocks it).",
      );
    }
  }

  /** Which definition, interpreter and runner would replay these histories (all of one type). */
  async plan(
    histories: LoadedHistory[],
    pythonPath?: string,
  ): Promise<ReplayPlan | { problem: ReplayWorkflowResult['problem'] }> {
    const index = await this.ctx.index();
    const first = histories[0];
    const workflow = pickWorkflow(index, first);
    if (!workflow) {
      return {
        problem: {
          kind: 'noWorkflowSource',
          message: `No TypeScript or Python definition of workflow type ${first.workflowType} in this workspace.`,
        },
      };
    }
    const language = workflow.language as ReplayLanguage;
    const file = uriToPath(workflow.uri) ?? workflow.uri;
    const jobHistories = histories.map((h) => ({
      workflowId: h.workflowId,
      runId: h.runId,
      history: { events: h.events },
    }));
    if (language === 'typescript') {
      return {
        language,
        workflow,
        interpreter: nodeInterpreter(),
        runner: runnerPath('typescript'),
        cwd: projectDir(file),
        job: { workflowsPath: workflowsModuleOf(index, workflow) ?? file, histories: jobHistories },
      };
    }
    const interpreter = pythonInterpreter(file, this.ctx.folders(), pythonPath);
    if (!interpreter) {
      return {
        problem: {
          kind: 'missingSdk',
          message:
            'No Python interpreter found: select one with the Python extension or create a .venv with temporalio installed.',
        },
      };
    }
    return {
      language,
      workflow,
      interpreter,
      runner: runnerPath('python'),
      cwd: projectDir(file),
      job: { module: file, histories: jobHistories },
    };
  }

  /** Replays histories of one workflow type and updates that workflow's diagnostics. */
  async replay(
    histories: LoadedHistory[],
    pythonPath: string | undefined,
    signal?: AbortSignal,
  ): Promise<ReplayWorkflowResult> {
    this.requireTrust();
    const plan = await this.plan(histories, pythonPath);
    if ('problem' in plan) return { runs: [], problem: plan.problem };
    const output = await runRunner(plan.interpreter, plan.runner, plan.job, plan.cwd, signal);
    return this.finish(plan, histories, output);
  }

  /** Maps a runner's output to results and diagnostics (also used after a debug replay). */
  async finish(
    plan: ReplayPlan,
    histories: LoadedHistory[],
    output: RunnerOutput,
  ): Promise<ReplayWorkflowResult> {
    const base = { language: plan.language };
    if ('missingSdk' in output) {
      return {
        ...base,
        runs: [],
        problem: {
          kind: 'missingSdk',
          message: `${output.missingSdk} (interpreter: ${plan.interpreter.command})`,
        },
      };
    }
    if ('error' in output) {
      return {
        ...base,
        runs: [],
        problem: { kind: 'runnerFailed', message: `The replay runner failed: ${output.error}` },
      };
    }
    const graph = await this.ctx.graph(plan.workflow);
    const diagnostics = new Map<string, Diagnostic[]>();
    const runs: ReplayRunResult[] = output.results.map((r, i) => {
      const history = histories[i];
      const run: ReplayRunResult = {
        workflowId: history?.workflowId ?? r.workflowId,
        runId: history?.runId || r.runId,
        workflowType: plan.workflow.name,
        outcome: r.ok ? 'ok' : (r.kind ?? 'failure'),
      };
      if (r.ok) return run;
      run.message = r.message;
      const detail =
        r.kind === 'nondeterminism'
          ? parseNondeterminism(r.message ?? '', history?.events ?? [])
          : undefined;
      if (detail)
        run.detail = { eventId: detail.eventId, expected: detail.expected, actual: detail.actual };
      const location = locate(plan.workflow, graph, detail);
      run.location = location;
      const text = detail
        ? describeNondeterminism(detail, r.message ?? '')
        : `Replay failed: ${firstLine(r.message)}`;
      const list = diagnostics.get(location.uri) ?? [];
      const existing = list.find(
        (d) => d.message.startsWith(text) && sameRange(d.range, location.range),
      );
      if (!existing) {
        list.push({
          range: location.range,
          severity: DiagnosticSeverity.Error,
          source: replayDiagnosticSource,
          code: r.kind === 'nondeterminism' ? 'nondeterminism' : 'replay-failure',
          message: `${text} (replaying ${run.workflowId}, run ${run.runId})`,
        });
      }
      diagnostics.set(location.uri, list);
      return run;
    });
    const key = `${plan.language}:${plan.workflow.name}`;
    const previous = this.byWorkflow.get(key);
    this.byWorkflow.set(key, diagnostics);
    this.ctx.publish([...new Set([...(previous?.keys() ?? []), ...diagnostics.keys()])]);
    return { ...base, sdkVersion: output.sdk, runs };
  }
}

function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n')[0].slice(0, 300);
}

function sameRange(a: SourceLocation['range'], b: SourceLocation['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character;
}

/** The definition a history belongs to: the SDK that wrote it, the task queue, else the only one. */
export function pickWorkflow(index: WorkspaceIndex, h: LoadedHistory): WorkflowEntry | undefined {
  let candidates = index
    .findWorkflow(h.workflowType)
    .filter((w) => w.language === 'typescript' || w.language === 'python');
  const bySdk = h.sdkName?.includes('typescript')
    ? 'typescript'
    : h.sdkName?.includes('python')
      ? 'python'
      : undefined;
  if (bySdk && candidates.some((w) => w.language === bySdk))
    candidates = candidates.filter((w) => w.language === bySdk);
  if (h.taskQueue && candidates.some((w) => w.taskQueues.includes(h.taskQueue!))) {
    candidates = candidates.filter((w) => w.taskQueues.includes(h.taskQueue!));
  }
  return candidates[0];
}

/** TypeScript: the worker's workflowsPath for this workflow (bundles its children too). */
function workflowsModuleOf(index: WorkspaceIndex, workflow: WorkflowEntry): string | undefined {
  for (const worker of index.workers()) {
    if (worker.language !== 'typescript' || !worker.workflowsModule) continue;
    if (!worker.workflowTypes.includes(workflow.name)) continue;
    const file = resolveModuleFile(worker.workflowsModule);
    if (file) return file;
  }
  return undefined;
}

/**
 * Where the divergence shows in the code: the call the code made instead (by kind and name),
 * else the call the history expected, else the workflow definition.
 */
export function locate(
  workflow: WorkflowEntry,
  graph: WorkflowGraphData | undefined,
  d: ParsedNondeterminism | undefined,
): SourceLocation {
  const fallback = { uri: workflow.uri, range: workflow.nameRange };
  if (!graph || !d) return fallback;
  const find = (kind?: string, name?: string) =>
    kind ? graph.nodes.find((n) => n.kind === kind && (!name || n.name === name)) : undefined;
  const node =
    find(d.actualKind, d.actualName) ??
    find(d.actualKind) ??
    find(d.expectedKind, d.expectedName) ??
    find(d.expectedKind);
  const site = node?.sites[0];
  return site ? { uri: site.uri, range: site.range } : fallback;
}
