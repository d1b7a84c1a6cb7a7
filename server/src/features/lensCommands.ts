// The lens commands run by the server itself (workspace/executeCommand), for LSP clients that do
// not implement them: start or execute with the given arguments or per-type defaults, and
// signal / query / update the execution named in the arguments or the newest running one of the
// handler's workflow type. Results go to window/showMessage (and are the command's result).
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver';
import type * as protocol from '../../../shared/src/protocol';
import {
  ServerLensCommands,
  type HandlerLensArgs,
  type ServerLensOverrides,
  type WorkflowLensArgs,
} from '../../../shared/src/lenses';
import { quoteQueryString } from '../../../shared/src/visibilityQuery';
import type { Backend } from '../backends/backend';
import { toResponseError, WorkbenchError } from '../errors';
import type { Workbench } from '../workbench';

type Kind = keyof typeof ServerLensCommands;
const kindOf = new Map(
  Object.entries(ServerLensCommands).map(([k, id]) => [id as string, k as Kind]),
);

export const serverLensCommandIds: string[] = Object.values(ServerLensCommands);

/** A default argument for a parameter of this (source-language) type: what a form would prefill. */
export function defaultArgument(type: string | undefined): unknown {
  const t = (type ?? '').replace(/\s/g, '');
  if (/^(str|string|String|&str|&'\w+str|char|Keyword)$/.test(t)) return '';
  if (/^(bool|boolean|Boolean)$/.test(t)) return false;
  if (
    /^(u?int\d*|[iuf](8|16|32|64|size)|long|Long|Integer|short|double|Double|float|Float|number|decimal|BigDecimal)$/.test(
      t,
    )
  )
    return 0;
  if (/\[\]$|^(list|List|Vec|Sequence|Array|ReadonlyArray|IEnumerable)\b|^\[\]/.test(t)) return [];
  return null;
}

function argumentsText(
  given: unknown[] | undefined,
  parameters: { type?: string }[],
): string | undefined {
  const values = given ?? parameters.map((p) => defaultArgument(p.type));
  return values.length ? JSON.stringify(values) : undefined;
}

const show = (payloads: protocol.PayloadView[] | undefined) =>
  (payloads ?? [])
    .map((p) => (p.value !== undefined ? JSON.stringify(p.value) : (p.base64 ?? p.format)))
    .join(', ') || '(no value)';

/** An optional operation group of the backend, or Unsupported naming the profile kind. */
function group<C extends 'execute' | 'queries' | 'updates'>(
  backend: Backend,
  capability: C,
): NonNullable<Backend[C]> {
  const g = backend[capability];
  if (!g)
    throw new WorkbenchError(
      'Unsupported',
      `A ${backend.kind} profile has no ${capability === 'execute' ? 'start-and-wait' : capability}`,
    );
  return g as NonNullable<Backend[C]>;
}

export class LensCommandRunner {
  constructor(
    private readonly connection: Connection,
    private readonly workbench: Workbench,
    private readonly executionsChanged: (workflowType?: string) => void,
  ) {}

  /** window/showMessage (a notification: the show*Message helpers send showMessageRequest, which
   * some clients turn into a prompt waiting for an answer). */
  private say(type: MessageType, message: string): void {
    void this.connection.sendNotification(ShowMessageNotification.type, {
      type,
      message: `Temporal: ${message}`,
    });
  }

  ownsCommand(command: string): boolean {
    return kindOf.has(command);
  }

  /** Runs one command; failures are shown and also answered as the request's error. */
  async run(command: string, args: unknown[], signal: AbortSignal): Promise<unknown> {
    const kind = kindOf.get(command);
    const arg = args[0] as (WorkflowLensArgs & HandlerLensArgs & ServerLensOverrides) | undefined;
    try {
      if (!kind) throw new WorkbenchError('InvalidInput', `Unknown command ${command}`);
      if (!arg || typeof arg !== 'object')
        throw new WorkbenchError(
          'InvalidInput',
          `${command} needs the lens argument (an object) as its first argument`,
        );
      if (arg.args !== undefined && !Array.isArray(arg.args))
        throw new WorkbenchError(
          'InvalidInput',
          `${command}: 'args' must be an array of argument values`,
        );
      const backend = await this.workbench.backend({
        profileId: arg.profileId,
        namespace: arg.namespace,
      });
      switch (kind) {
        case 'start':
        case 'execute':
          return await this.start(backend, arg, kind === 'execute', signal);
        case 'showExecutions':
          return await this.showExecutions(backend, arg, signal);
        default:
          return await this.handler(backend, kind, arg, signal);
      }
    } catch (err) {
      const response = toResponseError(err);
      this.say(MessageType.Error, response.message);
      throw response;
    }
  }

  private async start(
    backend: Backend,
    arg: WorkflowLensArgs & ServerLensOverrides,
    wait: boolean,
    signal: AbortSignal,
  ) {
    if (typeof arg.workflowType !== 'string' || !arg.workflowType)
      throw new WorkbenchError('InvalidInput', "The lens argument has no 'workflowType'");
    const taskQueue = arg.taskQueue ?? arg.taskQueues?.[0];
    if (!taskQueue) {
      throw new WorkbenchError(
        'InvalidInput',
        `No task queue for ${arg.workflowType}: no worker in the workspace registers it; pass 'taskQueue' in the command argument`,
      );
    }
    const params: protocol.StartWorkflowParams = {
      workflowType: arg.workflowType,
      taskQueue,
      workflowId: arg.workflowId,
      input: argumentsText(arg.args, arg.parameters ?? []),
    };
    try {
      if (!wait) {
        const started = await backend.startWorkflow(params, signal);
        this.say(
          MessageType.Info,
          `started ${arg.workflowType} on ${taskQueue}: workflow id ${started.workflowId}, run id ${started.runId}`,
        );
        return started;
      }
      const done = await group(backend, 'execute').executeWorkflow(params, signal);
      const o = done.outcome;
      const text =
        o.status === 'Completed'
          ? `completed: ${show(o.result)}`
          : o.status === 'Failed'
            ? `failed: ${o.failure.message}`
            : o.status.toLowerCase();
      this.say(
        o.status === 'Completed' ? MessageType.Info : MessageType.Warning,
        `${arg.workflowType} (${done.workflowId}) ${text}`,
      );
      return done;
    } finally {
      this.executionsChanged(arg.workflowType);
    }
  }

  private async showExecutions(
    backend: Backend,
    arg: WorkflowLensArgs & ServerLensOverrides,
    signal: AbortSignal,
  ) {
    const { executions } = await backend.listWorkflows(
      {
        query: `WorkflowType = ${quoteQueryString(arg.workflowType)} AND ExecutionStatus = 'Running'`,
        pageSize: 20,
      },
      signal,
    );
    const ids = executions.map((e) => e.workflowId);
    this.say(
      MessageType.Info,
      ids.length
        ? `${arg.workflowType} running: ${ids.join(', ')}`
        : `no running ${arg.workflowType} executions`,
    );
    return { executions };
  }

  /** The execution a handler command addresses: the one named, else the newest running one of the type. */
  private async target(
    backend: Backend,
    arg: HandlerLensArgs & ServerLensOverrides,
    signal: AbortSignal,
  ) {
    if (arg.workflowId) return { workflowId: arg.workflowId, runId: arg.runId };
    if (!arg.workflowType) {
      throw new WorkbenchError(
        'InvalidInput',
        `The ${arg.kind} '${arg.name}' belongs to no known workflow type; pass 'workflowId' in the command argument`,
      );
    }
    const { executions } = await backend.listWorkflows(
      {
        query: `WorkflowType = ${quoteQueryString(arg.workflowType)} AND ExecutionStatus = 'Running'`,
        pageSize: 20,
      },
      signal,
    );
    const newest = executions.sort((a, b) =>
      (b.startTime ?? '').localeCompare(a.startTime ?? ''),
    )[0];
    if (!newest)
      throw new WorkbenchError(
        'NotFound',
        `No running ${arg.workflowType} execution to ${arg.kind === 'query' ? 'query' : `send '${arg.name}' to`}`,
      );
    return { workflowId: newest.workflowId, runId: newest.runId };
  }

  private async handler(
    backend: Backend,
    kind: 'signal' | 'query' | 'update',
    arg: HandlerLensArgs & ServerLensOverrides,
    signal: AbortSignal,
  ) {
    if (typeof arg.name !== 'string' || !arg.name)
      throw new WorkbenchError('InvalidInput', "The lens argument has no handler 'name'");
    const target = await this.target(backend, arg, signal);
    const input = argumentsText(arg.args, arg.parameters ?? []);
    const where = `${arg.name} on ${target.workflowId}`;
    const info = (text: string) => this.say(MessageType.Info, text);
    if (kind === 'signal') {
      await backend.signalWorkflow({ ...target, signalName: arg.name, input }, signal);
      info(`signal ${where} sent`);
      return { ...target, ok: true };
    }
    if (kind === 'query') {
      const result = await group(backend, 'queries').queryWorkflow(
        { ...target, queryType: arg.name, input },
        signal,
      );
      info(`query ${where}: ${show(result.result)}`);
      return { ...target, ...result };
    }
    const result = await group(backend, 'updates').executeUpdate(
      { ...target, updateName: arg.name, input },
      signal,
    );
    info(`update ${where}: ${show(result.result)}`);
    return result;
  }
}
