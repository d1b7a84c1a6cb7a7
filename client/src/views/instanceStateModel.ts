// Pure logic of the duroxide instance state rows (no vscode import): the custom status an
// orchestration set and its key-value store, as the Workflows view shows them under a run.
import type { WorkflowDescription } from '../../../shared/src/protocol';
import { payloadValue } from './workflowsModel';

/** One row: what it is, the value in one line, and the whole value for the tooltip. */
export interface StateRow {
  label: string;
  /** The value as compact JSON, cut to one short line. */
  description: string;
  /** The value as indented JSON. */
  full: string;
}

const oneLine = (text: string, max = 60) =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

function row(label: string, value: unknown): StateRow {
  return {
    label,
    description: oneLine(JSON.stringify(value)),
    full: JSON.stringify(value, null, 2),
  };
}

/** The custom status row, when the orchestration set one. */
export function customStatusRow(
  d: Pick<WorkflowDescription, 'customStatus'>,
): StateRow | undefined {
  return d.customStatus ? row('Custom status', payloadValue(d.customStatus)) : undefined;
}

/** The key-value store's entries, by key. */
export function valueRows(d: Pick<WorkflowDescription, 'values'>): StateRow[] {
  return Object.entries(d.values ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, view]) => row(key, payloadValue(view)));
}

/** What changes when the orchestration sets its status or values (for the tree's poll). */
export function stateSignature(d: Pick<WorkflowDescription, 'customStatus' | 'values'>): string {
  return JSON.stringify([customStatusRow(d)?.full, valueRows(d).map((r) => [r.label, r.full])]);
}
