// The operations a .temporal file can hold and their options, named as the `temporal` CLI names
// them (`temporal workflow start --type ... --task-queue ...`), so a block reads like the command.

export type OptionKind =
  | 'text' // free text; a JSON string literal ("...") or '...' is unquoted
  | 'json' // one JSON value
  | 'keyValue' // KEY=JSON, repeatable (--search-attribute, --memo)
  | 'duration'
  | 'time'
  | 'int'
  | 'number'
  | 'bool' // a bare flag is true
  | 'enum'
  | 'query' // a visibility query
  | 'file'; // a path relative to the .temporal file

export interface OptionSpec {
  flag: string;
  alias?: string;
  kind: OptionKind;
  description: string;
  repeatable?: boolean;
  required?: boolean;
  values?: string[];
  /** What the value names, for completion and checks. */
  names?: 'workflowType' | 'taskQueue' | 'signal' | 'query' | 'update';
}

export type OperationKind =
  | 'start'
  | 'execute'
  | 'signal'
  | 'query'
  | 'update'
  | 'cancel'
  | 'terminate'
  | 'signalWithStart'
  | 'updateWithStart'
  | 'scheduleCreate'
  | 'scheduleDelete'
  | 'list'
  | 'count';

export interface OperationSpec {
  kind: OperationKind;
  /** The CLI's words after `temporal`. */
  command: string;
  description: string;
  options: OptionSpec[];
  /** Fields an earlier result offers to `${block.field}`. */
  results: string[];
  destructive?: boolean;
}

const workflowId = (required: boolean): OptionSpec => ({
  flag: 'workflow-id',
  alias: 'w',
  kind: 'text',
  required,
  description: 'Workflow id',
});
const runId: OptionSpec = {
  flag: 'run-id',
  alias: 'r',
  kind: 'text',
  description: 'Run id (default: the latest run)',
};
const input = (flag = 'input', alias: string | undefined = 'i'): OptionSpec => ({
  flag,
  alias,
  kind: 'json',
  repeatable: true,
  description: 'Input value as JSON; repeat for more arguments',
});
const inputFile: OptionSpec = {
  flag: 'input-file',
  kind: 'file',
  repeatable: true,
  description: 'A file holding one JSON argument',
};
const namespace: OptionSpec = {
  flag: 'namespace',
  alias: 'n',
  kind: 'text',
  description: "Namespace of this operation (default: the file's)",
};
const profile: OptionSpec = {
  flag: 'profile',
  kind: 'text',
  description: "Profile of this operation (default: the file's)",
};
const handler = (kind: 'signal' | 'query' | 'update', flag = 'name'): OptionSpec => ({
  flag,
  kind: 'text',
  required: true,
  names: kind,
  description: `${kind[0].toUpperCase()}${kind.slice(1)} name`,
});

/** `temporal workflow start` options, shared by execute, signal-with-start and update-with-start. */
const startOptions: OptionSpec[] = [
  {
    flag: 'type',
    kind: 'text',
    required: true,
    names: 'workflowType',
    description: 'Workflow type name',
  },
  {
    flag: 'task-queue',
    alias: 't',
    kind: 'text',
    required: true,
    names: 'taskQueue',
    description: 'Task queue',
  },
  workflowId(false),
  input(),
  inputFile,
  {
    flag: 'execution-timeout',
    kind: 'duration',
    description: 'Timeout of the whole execution, including retries and continue-as-new',
  },
  { flag: 'run-timeout', kind: 'duration', description: 'Timeout of one run' },
  {
    flag: 'task-timeout',
    kind: 'duration',
    description: 'Timeout of one workflow task (default 10s)',
  },
  {
    flag: 'id-reuse-policy',
    kind: 'enum',
    values: ['AllowDuplicate', 'AllowDuplicateFailedOnly', 'RejectDuplicate', 'TerminateIfRunning'],
    description: "May a closed workflow's id be used again",
  },
  {
    flag: 'id-conflict-policy',
    kind: 'enum',
    values: ['Fail', 'UseExisting', 'TerminateExisting'],
    description: 'What happens when a workflow with the id is running',
  },
  {
    flag: 'search-attribute',
    kind: 'keyValue',
    repeatable: true,
    description: 'Search attribute as KEY=JSON',
  },
  { flag: 'memo', kind: 'keyValue', repeatable: true, description: 'Memo entry as KEY=JSON' },
  { flag: 'cron', kind: 'text', description: 'Cron schedule of the workflow' },
  { flag: 'start-delay', kind: 'duration', description: 'Delay before the first workflow task' },
  { flag: 'static-summary', kind: 'text', description: 'One-line summary shown by the UIs' },
  { flag: 'static-details', kind: 'text', description: 'Details shown by the UIs' },
  { flag: 'priority-key', kind: 'int', description: 'Priority (1 = highest)' },
  { flag: 'fairness-key', kind: 'text', description: 'Fairness key' },
  { flag: 'fairness-weight', kind: 'number', description: 'Fairness weight' },
  namespace,
  profile,
];

const scheduleAction = startOptions.filter(
  (o) =>
    ![
      'id-reuse-policy',
      'id-conflict-policy',
      'cron',
      'start-delay',
      'namespace',
      'profile',
    ].includes(o.flag),
);

export const operationSpecs: OperationSpec[] = [
  {
    kind: 'start',
    command: 'workflow start',
    description: 'Start a workflow',
    options: startOptions,
    results: ['workflowId', 'runId', 'started'],
  },
  {
    kind: 'execute',
    command: 'workflow execute',
    description: 'Start a workflow and wait for its result',
    options: startOptions,
    results: ['workflowId', 'runId', 'status', 'result'],
  },
  {
    kind: 'signal',
    command: 'workflow signal',
    description: 'Send a signal',
    options: [workflowId(true), runId, handler('signal'), input(), inputFile, namespace, profile],
    results: ['workflowId'],
  },
  {
    kind: 'query',
    command: 'workflow query',
    description: 'Run a query',
    options: [
      workflowId(true),
      runId,
      handler('query'),
      input(),
      inputFile,
      {
        flag: 'reject-condition',
        kind: 'enum',
        values: ['not_open', 'not_completed_cleanly'],
        description: 'Refuse the query when the workflow is in this state',
      },
      namespace,
      profile,
    ],
    results: ['result'],
  },
  {
    kind: 'update',
    command: 'workflow update execute',
    description: 'Run an update and wait for its result',
    options: [
      workflowId(true),
      runId,
      handler('update'),
      input(),
      inputFile,
      {
        flag: 'update-id',
        kind: 'text',
        description: 'Update id (reusing one returns the earlier outcome)',
      },
      {
        flag: 'first-execution-run-id',
        kind: 'text',
        description: 'Only update if the first run is this one',
      },
      namespace,
      profile,
    ],
    results: ['workflowId', 'runId', 'updateId', 'result'],
  },
  {
    kind: 'cancel',
    command: 'workflow cancel',
    description: 'Request cancellation',
    options: [
      workflowId(true),
      runId,
      { flag: 'reason', kind: 'text', description: 'Why' },
      namespace,
      profile,
    ],
    results: ['workflowId'],
    destructive: true,
  },
  {
    kind: 'terminate',
    command: 'workflow terminate',
    description: 'Terminate at once',
    options: [
      workflowId(true),
      runId,
      { flag: 'reason', kind: 'text', description: 'Why (recorded in the history)' },
      { flag: 'details', kind: 'json', description: 'Details as JSON' },
      namespace,
      profile,
    ],
    results: ['workflowId'],
    destructive: true,
  },
  {
    kind: 'signalWithStart',
    command: 'workflow signal-with-start',
    description: 'Signal a workflow, starting it if it is not running',
    options: [
      ...startOptions.map((o) => (o.flag === 'workflow-id' ? workflowId(true) : o)),
      handler('signal', 'signal-name'),
      input('signal-input', undefined),
    ],
    results: ['workflowId', 'runId', 'started'],
  },
  {
    kind: 'updateWithStart',
    command: 'workflow execute-update-with-start',
    description: 'Start a workflow (or use the running one) and run an update on it',
    options: [
      ...startOptions.map((o) => (o.flag === 'workflow-id' ? workflowId(true) : o)),
      handler('update', 'update-name'),
      input('update-input', undefined),
      { flag: 'update-id', kind: 'text', description: 'Update id' },
    ],
    results: ['workflowId', 'runId', 'started', 'updateId', 'result'],
  },
  {
    kind: 'scheduleCreate',
    command: 'schedule create',
    description: 'Create a schedule',
    options: [
      { flag: 'schedule-id', alias: 's', kind: 'text', required: true, description: 'Schedule id' },
      {
        flag: 'cron',
        kind: 'text',
        repeatable: true,
        description: 'Cron expression (5-7 fields, @daily, @every 90m ...)',
      },
      {
        flag: 'interval',
        kind: 'text',
        repeatable: true,
        description: 'Interval such as 5m or 1h/15m (every/offset)',
      },
      { flag: 'calendar', kind: 'json', repeatable: true, description: 'Calendar spec as JSON' },
      { flag: 'start-time', kind: 'time', description: 'No action before this time' },
      { flag: 'end-time', kind: 'time', description: 'No action after this time' },
      { flag: 'jitter', kind: 'duration', description: 'Random delay up to this' },
      { flag: 'time-zone', kind: 'text', description: 'IANA time zone of calendars and cron' },
      {
        flag: 'overlap-policy',
        kind: 'enum',
        values: ['Skip', 'BufferOne', 'BufferAll', 'CancelOther', 'TerminateOther', 'AllowAll'],
        description: 'When an action is due while the previous run runs',
      },
      {
        flag: 'catchup-window',
        kind: 'duration',
        description: 'How late a missed action may still run',
      },
      { flag: 'pause-on-failure', kind: 'bool', description: 'Pause when a run fails' },
      { flag: 'paused', kind: 'bool', description: 'Create paused' },
      { flag: 'notes', kind: 'text', description: 'Notes' },
      { flag: 'remaining-actions', kind: 'int', description: 'Stop after this many actions' },
      { flag: 'trigger-immediately', kind: 'bool', description: 'Also take the action once now' },
      {
        flag: 'schedule-memo',
        kind: 'keyValue',
        repeatable: true,
        description: 'Memo of the schedule as KEY=JSON',
      },
      {
        flag: 'schedule-search-attribute',
        kind: 'keyValue',
        repeatable: true,
        description: 'Search attribute of the schedule as KEY=JSON',
      },
      ...scheduleAction,
      namespace,
      profile,
    ],
    results: ['scheduleId'],
  },
  {
    kind: 'scheduleDelete',
    command: 'schedule delete',
    description: 'Delete a schedule (its workflows keep running)',
    options: [
      { flag: 'schedule-id', alias: 's', kind: 'text', required: true, description: 'Schedule id' },
      namespace,
      profile,
    ],
    results: ['scheduleId'],
    destructive: true,
  },
  {
    kind: 'list',
    command: 'workflow list',
    description: 'List executions matching a visibility query',
    options: [
      { flag: 'query', alias: 'q', kind: 'query', description: 'Visibility query' },
      { flag: 'limit', kind: 'int', description: 'At most this many (default 10)' },
      namespace,
      profile,
    ],
    results: ['count', 'workflowIds', 'runIds'],
  },
  {
    kind: 'count',
    command: 'workflow count',
    description: 'Count executions matching a visibility query',
    options: [
      { flag: 'query', alias: 'q', kind: 'query', description: 'Visibility query' },
      namespace,
      profile,
    ],
    results: ['count'],
  },
];

export function specFor(command: string): OperationSpec | undefined {
  const words = command
    .trim()
    .replace(/^temporal\s+/, '')
    .split(/\s+/)
    .join(' ');
  return operationSpecs.find((s) => s.command === words);
}

export function optionFor(spec: OperationSpec, flag: string): OptionSpec | undefined {
  return spec.options.find((o) => o.flag === flag || o.alias === flag);
}

/** Names a file may set at the top besides its own variables. */
export const fileSettings = ['profile', 'namespace'] as const;
