// The part of the visibility query language a duroxide store can answer: ExecutionStatus,
// WorkflowType (the orchestration name) and ParentWorkflowId (sub-orchestrations) compared with
// `=`, joined by AND. Anything else is refused with a message saying what works, rather than
// ignored.
import type { ExecutionStatus, ExecutionSummary } from '../../../../shared/src/protocol';
import { WorkbenchError } from '../../errors';

export interface InstanceFilter {
  /** duroxide status to list by (listInstancesByStatus); absent = all instances. */
  status?: string;
  /** The filter needs each instance's summary (type, or Failed vs Canceled). */
  needsSummary: boolean;
  accepts(summary: ExecutionSummary): boolean;
}

const clause =
  /^\s*(ExecutionStatus|WorkflowType|ParentWorkflowId|ParentRunId)\s*=\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*$/i;

/** Protocol status -> the status duroxide stores (cancelled instances are stored as Failed). */
const storedStatus: Partial<Record<ExecutionStatus, string>> = {
  Running: 'Running',
  Completed: 'Completed',
  Failed: 'Failed',
  Canceled: 'Failed',
};

export function instanceFilter(query: string | undefined): InstanceFilter {
  const text = query?.trim() ?? '';
  let status: ExecutionStatus | undefined;
  let type: string | undefined;
  let parent: string | undefined;
  for (const part of text ? text.split(/\s+AND\s+/i) : []) {
    const m = clause.exec(part);
    if (!m) {
      throw new WorkbenchError(
        'InvalidInput',
        `query: a duroxide store filters only by ExecutionStatus, WorkflowType and ParentWorkflowId = '...' joined by AND (got: ${part.trim()})`,
      );
    }
    const value = (m[2] ?? m[3]).replace(/\\(.)/g, '$1');
    const field = m[1].toLowerCase();
    if (field === 'workflowtype') type = value;
    else if (field === 'parentworkflowid') parent = value;
    // duroxide records a sub-orchestration's parent instance, not the parent's execution: a
    // ParentRunId (the tree asks for a run's children) narrows nothing further.
    else if (field === 'parentrunid') continue;
    else {
      const known = Object.keys(storedStatus).find(
        (s) => s.toLowerCase() === value.toLowerCase(),
      ) as ExecutionStatus | undefined;
      if (!known)
        throw new WorkbenchError(
          'InvalidInput',
          `query: ExecutionStatus '${value}' is not one of: ${Object.keys(storedStatus).join(', ')}`,
        );
      status = known;
    }
  }
  const splitsFailed = status === 'Failed' || status === 'Canceled';
  return {
    status: status && storedStatus[status],
    needsSummary: type !== undefined || parent !== undefined || splitsFailed,
    accepts: (s) =>
      (type === undefined || s.workflowType === type) &&
      (parent === undefined || s.parentWorkflowId === parent) &&
      (status === undefined || s.status === status),
  };
}
