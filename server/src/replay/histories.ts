// Histories to replay, as proto3 JSON (`temporal workflow show --output json`): from the
// server through the profile's Backend, or from a file.
import fs from 'node:fs/promises';
import type { WorkflowRefParams } from '../../../shared/src/protocol';
import { WorkbenchError } from '../errors';
import type { Workbench } from '../workbench';
import type { HistoryEventJson } from './nondeterminism';

export interface LoadedHistory {
  workflowId: string;
  runId: string;
  workflowType: string;
  taskQueue?: string;
  /** SDK that wrote the history (`temporal-typescript`), when it recorded its name. */
  sdkName?: string;
  events: HistoryEventJson[];
}

/** Every event of one run, paged through the Backend of the profile the ref names. */
export async function fetchHistory(
  wb: Workbench,
  ref: WorkflowRefParams,
  signal: AbortSignal,
): Promise<LoadedHistory> {
  const backend = await wb.backend(ref);
  const events: HistoryEventJson[] = [];
  let nextPageToken: string | undefined;
  do {
    const page = await backend.getWorkflowHistory(
      { workflowId: ref.workflowId, runId: ref.runId, nextPageToken },
      signal,
    );
    for (const e of page.events) events.push(e.json as HistoryEventJson);
    nextPageToken = page.nextPageToken;
  } while (nextPageToken);
  return describeHistory(ref.workflowId, ref.runId ?? '', events);
}

export async function readHistoryFile(file: string, workflowId?: string): Promise<LoadedHistory> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (err) {
    throw new WorkbenchError(
      'InvalidInput',
      `path: ${file} is not a readable history JSON file (${(err as Error).message})`,
    );
  }
  const events = (parsed as { events?: unknown })?.events;
  if (!Array.isArray(events) || !events.length) {
    throw new WorkbenchError(
      'InvalidInput',
      `path: ${file} has no "events" array (expected the output of temporal workflow show --output json)`,
    );
  }
  return describeHistory(workflowId ?? '', '', events as HistoryEventJson[]);
}

function describeHistory(
  workflowId: string,
  runId: string,
  events: HistoryEventJson[],
): LoadedHistory {
  const started = events[0]?.workflowExecutionStartedEventAttributes as
    | {
        workflowType?: { name?: string };
        taskQueue?: { name?: string };
        originalExecutionRunId?: string;
        firstExecutionRunId?: string;
      }
    | undefined;
  const workflowType = started?.workflowType?.name;
  if (!workflowType)
    throw new WorkbenchError(
      'InvalidInput',
      'history: the first event is not WorkflowExecutionStarted',
    );
  let sdkName: string | undefined;
  for (const e of events) {
    const meta = (
      e.workflowTaskCompletedEventAttributes as { sdkMetadata?: { sdkName?: string } } | undefined
    )?.sdkMetadata;
    if (meta?.sdkName) {
      sdkName = meta.sdkName;
      break;
    }
  }
  return {
    // A history file names no workflow id; the SDKs only need one for logs.
    workflowId: workflowId || 'replayed-from-file',
    runId: runId || started?.originalExecutionRunId || '',
    workflowType,
    taskQueue: started?.taskQueue?.name,
    sdkName,
    events,
  };
}
