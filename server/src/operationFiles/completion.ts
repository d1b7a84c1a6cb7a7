// Completion in .temporal files: operations after `name:`, the block's options with their
// descriptions, values (workflow types, task queues and handler names from the workspace index
// and the server, enum values), `${...}` references, and visibility queries after --query.
import {
  completeVisibilityQuery,
  type AttributeCatalog,
  type KnownValues,
} from '../visibilityQuery';
import type { OperationFile } from './document';
import {
  handlerNames,
  workflowTypeOf,
  workspaceTaskQueues,
  workspaceWorkflowTypes,
  type WorkflowCatalog,
} from './indexChecks';
import { fileSettings, operationSpecs, optionFor, specFor } from './specs';
import { builtinVariables } from './values';

export interface FileCompletionItem {
  label: string;
  kind:
    'operation' | 'option' | 'value' | 'variable' | 'field' | 'attribute' | 'operator' | 'keyword';
  detail?: string;
  insertText?: string;
}

export interface FileCompletionContext {
  index?: WorkflowCatalog;
  /** Workflow types the server has seen lately. */
  serverWorkflowTypes?: string[];
  catalog: AttributeCatalog;
}

export function completeOperationFile(
  file: OperationFile,
  text: string,
  offset: number,
  ctx: FileCompletionContext,
): { items: FileCompletionItem[]; replaceStart: number } {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = text.slice(lineStart, offset);
  const none = { items: [], replaceStart: offset };

  const openRef = prefix.lastIndexOf('${');
  if (openRef >= 0 && prefix.indexOf('}', openRef) < 0) {
    const typed = prefix.slice(openRef + 2);
    const blockIndex = file.blocks.findIndex(
      (b) => b.span.start <= offset && offset <= Math.max(b.span.end, offset),
    );
    const earlier = file.blocks.filter((b, i) => b.span.start < lineStart || i < blockIndex);
    const dot = typed.indexOf('.');
    if (dot >= 0) {
      const source = earlier.find((b) => b.name === typed.slice(0, dot));
      const spec = source && specFor(source.command);
      return {
        items: (spec?.results ?? []).map((r) => ({
          label: r,
          kind: 'field',
          detail: `result of ${source!.name} (${spec!.command})`,
        })),
        replaceStart: lineStart + openRef + 2 + dot + 1,
      };
    }
    const variables = [
      ...file.settings
        .filter((s) => !(fileSettings as readonly string[]).includes(s.name))
        .map((s) => ({ label: s.name, kind: 'variable' as const, detail: s.value })),
      ...builtinVariables.map((v) => ({
        label: v,
        kind: 'variable' as const,
        detail: 'a new UUID per run',
      })),
    ];
    const blocks = earlier
      .filter((b) => b.span.start < lineStart)
      .map((b) => ({
        label: b.name,
        kind: 'variable' as const,
        detail: `result of ${b.command}`,
        insertText: `${b.name}.`,
      }));
    return { items: [...variables, ...blocks], replaceStart: lineStart + openRef + 2 };
  }

  const header = /^([A-Za-z_][\w-]*)\s*:\s*([a-z -]*)$/.exec(prefix);
  if (header && !/(^|\s)-/.test(header[2])) {
    return {
      items: operationSpecs.map((s) => ({
        label: s.command,
        kind: 'operation',
        detail: s.description,
      })),
      replaceStart: offset - header[2].length,
    };
  }

  const block = [...file.blocks].reverse().find((b) => b.span.start <= offset);
  const spec = block && specFor(block.command);
  if (!block || !spec || (lineStart === block.span.start && offset <= block.commandSpan.end))
    return none;

  const flag = /(?:^|\s)(--?[\w-]*)$/.exec(prefix);
  if (flag) {
    const used = new Set(
      block.options
        .filter((o) => o.flagSpan.start < lineStart || o.flagSpan.end < offset - flag[1].length)
        .map((o) => optionFor(spec, o.flag)?.flag),
    );
    return {
      items: spec.options
        .filter((o) => o.repeatable || !used.has(o.flag))
        .map((o) => ({
          label: `--${o.flag}`,
          kind: 'option',
          detail: `${o.description}${o.required ? ' (required)' : ''}`,
        })),
      replaceStart: offset - flag[1].length,
    };
  }

  const withValue = /(?:^|\s)--?([\w-]+)(?:=|\s+)(?!.*\s--?[A-Za-z])(.*)$/.exec(prefix);
  const option = withValue && optionFor(spec, withValue[1]);
  if (!option) return none;
  const valueStart = offset - withValue![2].length;
  const typed = withValue![2];
  if (option.kind === 'query') {
    const known: KnownValues = ctx.index
      ? {
          WorkflowType: workspaceWorkflowTypes(ctx.index),
          TaskQueue: workspaceTaskQueues(ctx.index),
        }
      : {};
    const q = completeVisibilityQuery(typed, typed.length, ctx.catalog, known);
    return { items: q.items, replaceStart: valueStart + q.replaceStart };
  }
  const values = (list: string[], detail?: string) => ({
    items: list.map((label) => ({ label, kind: 'value' as const, detail })),
    replaceStart: valueStart,
  });
  if (option.values) return values(option.values);
  if (option.kind === 'bool') return values(['true', 'false']);
  if (option.names === 'workflowType') {
    const local = ctx.index ? workspaceWorkflowTypes(ctx.index) : [];
    const remote = (ctx.serverWorkflowTypes ?? []).filter((t) => !local.includes(t));
    return {
      items: [
        ...values(local, 'defined in this workspace').items,
        ...values(remote, 'seen on the server').items,
      ],
      replaceStart: valueStart,
    };
  }
  if (option.names === 'taskQueue') {
    const type = workflowTypeOf(file, block);
    return values(
      ctx.index ? workspaceTaskQueues(ctx.index, type) : [],
      type ? `task queue of ${type} workers` : "a worker's task queue",
    );
  }
  if (option.names === 'signal' || option.names === 'query' || option.names === 'update') {
    const type = workflowTypeOf(file, block);
    return values(
      type && ctx.index ? handlerNames(ctx.index, type, option.names) : [],
      type ? `${option.names} of ${type}` : undefined,
    );
  }
  return none;
}
