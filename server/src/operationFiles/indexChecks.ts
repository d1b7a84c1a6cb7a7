// Checks and suggestions that come from the workspace index (workflow types, handlers, task
// queues the workspace's own code defines). Only the index's public API is used.
import type { WorkspaceIndex } from '../source';
import { referencesIn, type Block, type FileProblem, type OperationFile } from './document';
import { optionFor, specFor } from './specs';
import { closest, unquote } from './values';

/** The part of the index these checks read. */
export type WorkflowCatalog = Pick<
  WorkspaceIndex,
  'workflowTypes' | 'handlersOf' | 'taskQueuesFor' | 'workers'
>;

function optionValue(
  block: Block,
  flag: string,
): { value: string; span: { start: number; end: number } } | undefined {
  const spec = specFor(block.command);
  const o = spec && block.options.find((x) => optionFor(spec, x.flag)?.flag === flag);
  return o?.value !== undefined && o.valueSpan
    ? { value: unquote(o.value), span: o.valueSpan }
    : undefined;
}

/** The workflow type a block acts on: its --type, or the --type of the block its --workflow-id refers to. */
export function workflowTypeOf(file: OperationFile, block: Block): string | undefined {
  const own = optionValue(block, 'type');
  if (own) return own.value.includes('${') ? undefined : own.value;
  const id = optionValue(block, 'workflow-id');
  const ref = id && referencesIn(id.value)[0];
  if (!ref) return undefined;
  const source = file.blocks.find((b) => b.name === ref.path.split('.')[0]);
  return source && source !== block ? workflowTypeOf(file, source) : undefined;
}

export function workspaceWorkflowTypes(index: WorkflowCatalog): string[] {
  return [
    ...new Set(
      index
        .workflowTypes()
        .filter((w) => !w.dynamic && w.runtime === 'temporal')
        .map((w) => w.name),
    ),
  ].sort();
}

export function workspaceTaskQueues(index: WorkflowCatalog, workflowType?: string): string[] {
  const forType = workflowType ? index.taskQueuesFor(workflowType) : [];
  const all = index
    .workers()
    .map((w) => w.resolvedTaskQueue ?? w.taskQueue)
    .filter((q): q is string => !!q);
  return [...new Set([...forType, ...all])];
}

export function handlerNames(
  index: WorkflowCatalog,
  workflowType: string,
  kind: 'signal' | 'query' | 'update',
): string[] {
  return [
    ...new Set(
      index
        .handlersOf(workflowType)
        .filter((h) => h.kind === kind && !h.dynamic)
        .map((h) => h.name),
    ),
  ].sort();
}

const handlerFlags = { name: undefined, 'signal-name': 'signal', 'update-name': 'update' } as const;

/** Unknown workflow types and handler names: warnings, since a worker outside this workspace may define them. */
export function checkAgainstIndex(
  file: OperationFile,
  block: Block,
  index: WorkflowCatalog,
): FileProblem[] {
  const spec = specFor(block.command);
  if (!spec) return [];
  const types = workspaceWorkflowTypes(index);
  if (!types.length) return []; // nothing indexed (yet): no basis to judge
  const problems: FileProblem[] = [];
  const type = optionValue(block, 'type');
  if (type && !type.value.includes('${') && !types.includes(type.value)) {
    const near = closest(type.value, types);
    problems.push({
      message: `Workflow type ${type.value} is not defined in this workspace${near ? `: did you mean ${near}?` : ` (known: ${types.join(', ')})`}`,
      span: type.span,
    });
  }
  const workflowType = workflowTypeOf(file, block);
  if (
    !workflowType ||
    !types.includes(workflowType) ||
    index.workflowTypes().some((w) => w.name === workflowType && w.dynamic)
  )
    return problems;
  for (const [flag, fixedKind] of Object.entries(handlerFlags)) {
    const handler = optionValue(block, flag);
    const kind = fixedKind ?? (['signal', 'query', 'update'] as const).find((k) => spec.kind === k);
    if (!handler || !kind || handler.value.includes('${')) continue;
    if (index.handlersOf(workflowType).some((h) => h.kind === kind && h.dynamic)) continue;
    const names = handlerNames(index, workflowType, kind);
    if (!names.includes(handler.value)) {
      const near = closest(handler.value, names);
      problems.push({
        message: `Workflow ${workflowType} has no ${kind} ${handler.value}${near ? `: did you mean ${near}?` : names.length ? ` (its ${kind} handlers: ${names.join(', ')})` : ` (it defines no ${kind} handlers)`}`,
        span: handler.span,
      });
    }
  }
  return problems;
}
