// LSP wiring of replay and the workflow graph: thin handlers over ReplayService and the graph
// extractor. Replay refuses in an untrusted workspace (the client reports the trust state).
import fs from 'node:fs';
import path from 'node:path';
import type { Connection, InitializeParams } from 'vscode-languageserver';
import * as protocol from '../../../shared/src/protocol';
import type { ReplayRunResult, ReplayWorkflowResult } from '../../../shared/src/protocol';
import type { SourceFeatures } from '../features/register';
import { filePath } from '../features/sourceService';
import { WorkbenchError } from '../errors';
import { handle } from '../handlers';
import {
  GraphParser,
  isGraphLanguage,
  toMermaid,
  workflowGraph,
  type WorkflowGraphData,
} from '../source/graph';
import type { WorkflowEntry } from '../source';
import type { Workbench } from '../workbench';
import { colourGraphByRun } from './graphRun';
import { fetchHistory, readHistoryFile, type LoadedHistory } from './histories';
import { readResult, writeJob } from './runner';
import { pickWorkflow, ReplayService, type ReplayPlan } from './service';

const DEFAULT_RECENT = 10;
const MAX_RECENT = 100;

export interface ReplayFeatures {
  initialize(params: InitializeParams): void;
}

export function registerReplayFeatures(
  connection: Connection,
  wb: Workbench,
  source: SourceFeatures,
): ReplayFeatures {
  let folders: string[] = [];
  let parser: Promise<GraphParser> | undefined;
  // After the engine: the tree-sitter runtime must be initialised once, by the engine first.
  const graphParser = async () => {
    await source.source.index;
    const bundled = path.join(__dirname, 'wasm');
    parser ??= GraphParser.create(
      fs.existsSync(path.join(bundled, 'web-tree-sitter.wasm')) ? bundled : undefined,
    );
    return parser;
  };
  const graphOf = async (workflow: WorkflowEntry): Promise<WorkflowGraphData | undefined> => {
    if (!isGraphLanguage(workflow.language)) return undefined;
    const text = await source.source.text(workflow.uri);
    return text === undefined
      ? undefined
      : workflowGraph(workflow, text, await graphParser(), await index());
  };

  // Replay and the graph look definitions up: wait for the first indexing of the workspace.
  const index = async () => {
    await source.source.whenIndexed();
    return source.source.index;
  };
  const service = new ReplayService({
    index,
    graph: graphOf,
    folders: () => folders,
    // Sent by the client with its settings (Restricted Mode): replay executes workspace code.
    trusted: () => wb.workspaceTrusted,
    publish: (uris) => {
      for (const uri of uris) void source.diagnostics.publishNow(uri);
    },
  });
  source.diagnostics.addProvider((uri) => service.diagnosticsFor(uri));

  /** Histories may mix definitions (same type in TS and Python): one runner per definition. */
  const replayAll = async (
    histories: LoadedHistory[],
    pythonPath: string | undefined,
    signal: AbortSignal,
  ) => {
    const workspace = await index();
    const groups = new Map<string, LoadedHistory[]>();
    for (const h of histories) {
      const w = pickWorkflow(workspace, h);
      const key = w ? `${w.language}:${w.uri}:${w.name}` : `none:${h.workflowType}`;
      groups.set(key, [...(groups.get(key) ?? []), h]);
    }
    const results: ReplayWorkflowResult[] = [];
    for (const group of groups.values())
      results.push(await service.replay(group, pythonPath, signal));
    return results;
  };

  handle(connection, protocol.replayWorkflow, async (p, signal) => {
    service.requireTrust();
    const history = await loadHistory(wb, p.source, signal);
    const [result] = await replayAll([history], p.pythonPath, signal);
    return result;
  });

  handle(connection, protocol.replayRecent, async (p, signal) => {
    service.requireTrust();
    if (!p.workflowType?.trim())
      throw new WorkbenchError('InvalidInput', 'workflowType: name the workflow type to replay');
    const count = p.count ?? DEFAULT_RECENT;
    if (!Number.isInteger(count) || count < 1 || count > MAX_RECENT) {
      throw new WorkbenchError(
        'InvalidInput',
        `count: must be a whole number from 1 to ${MAX_RECENT}`,
      );
    }
    const progress =
      p.workDoneToken !== undefined
        ? connection.window.attachWorkDoneProgress(p.workDoneToken)
        : await connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin(`Replaying recent ${p.workflowType} executions`, 0, 'listing', false);
    try {
      const backend = await wb.backend(p);
      const type = p.workflowType.replace(/'/g, "\\'");
      const listed = await backend.listWorkflows(
        { query: `WorkflowType='${type}' AND ExecutionStatus!='Running'`, pageSize: count },
        signal,
      );
      const executions = listed.executions.slice(0, count);
      const histories: LoadedHistory[] = [];
      for (const [i, e] of executions.entries()) {
        progress?.report(
          Math.round((i / Math.max(executions.length, 1)) * 50),
          `fetching history ${i + 1}/${executions.length}`,
        );
        histories.push(
          await fetchHistory(
            wb,
            {
              profileId: p.profileId,
              namespace: p.namespace,
              workflowId: e.workflowId,
              runId: e.runId,
            },
            signal,
          ),
        );
      }
      progress?.report(50, `replaying ${histories.length} histories`);
      const results = histories.length ? await replayAll(histories, p.pythonPath, signal) : [];
      const runs: ReplayRunResult[] = results.flatMap((r) => r.runs);
      const problem = results.find((r) => r.problem)?.problem;
      return {
        language: results[0]?.language,
        sdkVersion: results.find((r) => r.sdkVersion)?.sdkVersion,
        runs,
        problem,
        summary: {
          total: runs.length,
          ok: runs.filter((r) => r.outcome === 'ok').length,
          nondeterministic: runs.filter((r) => r.outcome === 'nondeterminism').length,
          failed: runs.filter((r) => r.outcome === 'failure').length,
        },
      };
    } finally {
      progress?.done();
    }
  });

  // Debug replay: the client runs the same runner under its debugger; results come back after.
  const pending = new Map<string, { plan: ReplayPlan; histories: LoadedHistory[] }>();
  handle(connection, protocol.prepareDebugReplay, async (p, signal) => {
    service.requireTrust();
    const history = await loadHistory(wb, p.source, signal);
    const plan = await service.plan([history], p.pythonPath);
    if ('problem' in plan)
      throw new WorkbenchError('FailedPrecondition', plan.problem?.message ?? 'nothing to replay');
    const { jobFile, resultFile } = await writeJob(plan.job);
    pending.set(resultFile, { plan, histories: [history] });
    return {
      language: plan.language,
      program: plan.interpreter.command,
      args: [plan.runner, jobFile, resultFile],
      cwd: plan.cwd,
      resultFile,
      workflowType: plan.workflow.name,
    };
  });
  handle(connection, protocol.finishDebugReplay, async (p) => {
    const entry = pending.get(p.resultFile);
    if (!entry)
      throw new WorkbenchError(
        'NotFound',
        `resultFile: no debug replay is waiting for ${p.resultFile}`,
      );
    pending.delete(p.resultFile);
    try {
      return await service.finish(entry.plan, entry.histories, await readResult(p.resultFile, ''));
    } finally {
      await fs.promises.rm(path.dirname(p.resultFile), { recursive: true, force: true });
    }
  });

  handle(connection, protocol.workflowGraph, async (p, signal) => {
    if (!p.workflowType?.trim())
      throw new WorkbenchError('InvalidInput', 'workflowType: name the workflow type');
    if (p.run && !p.run.workflowId?.trim())
      throw new WorkbenchError(
        'InvalidInput',
        'run.workflowId: name the run to colour the graph by',
      );
    const graphs: protocol.WorkflowGraph[] = [];
    for (const w of (await index()).findWorkflow(p.workflowType)) {
      if (p.language && w.language !== p.language) continue;
      const graph = await graphOf(w);
      if (graph) graphs.push({ ...graph, mermaid: toMermaid(graph) });
    }
    if (p.run && graphs.length) {
      const history = await fetchHistory(
        wb,
        { profileId: p.profileId, namespace: p.namespace, ...p.run },
        signal,
      );
      if (history.workflowType !== p.workflowType) {
        throw new WorkbenchError(
          'InvalidInput',
          `run: ${p.run.workflowId} is a ${history.workflowType} run, not ${p.workflowType}`,
        );
      }
      for (const g of graphs)
        g.run = colourGraphByRun(g.nodes, history.events, {
          workflowId: p.run.workflowId,
          runId: history.runId,
        });
    }
    return { graphs };
  });

  return {
    initialize(params) {
      const uris =
        params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
      folders = uris.map(filePath).filter((f): f is string => !!f);
    },
  };
}

function loadHistory(
  wb: Workbench,
  source: protocol.ReplaySource,
  signal: AbortSignal,
): Promise<LoadedHistory> {
  if (!source || (source.kind !== 'execution' && source.kind !== 'file')) {
    throw new WorkbenchError(
      'InvalidInput',
      "source: expected { kind: 'execution', workflowId } or { kind: 'file', path }",
    );
  }
  if (source.kind === 'file') {
    if (!source.path)
      throw new WorkbenchError('InvalidInput', 'source.path: name a history JSON file');
    return readHistoryFile(source.path, source.workflowId);
  }
  if (!source.workflowId)
    throw new WorkbenchError('InvalidInput', 'source.workflowId: name the workflow execution');
  return fetchHistory(wb, source, signal);
}
