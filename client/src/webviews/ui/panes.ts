// The execution view's panes that are not lists: summary header, live state ("why is it not
// moving?", pending work, stack trace), and the details of the selected event.
import type {
  ExecutionGroup,
  ExecutionLiveState,
  ExecutionModel,
  FailureView,
  FindSourceParams,
  HistoryEventView,
  NotMovingReason,
  PayloadView,
  StackFrameView,
} from '../../../../shared/src/protocol';
import {
  boundLongStrings,
  cutText,
  DISPLAY_STRING_LIMIT,
  sizeText,
} from '../../../../shared/src/displayBounds';
import { el, formatDuration, formatTime, linkButton, payloadText } from './dom';

export interface PaneActions {
  openSource(target: FindSourceParams): void;
  openFrame(frame: StackFrameView): void;
  /** Resolves stack trace text to frames (asks the panel once per text). */
  frames(stackTrace: string): Promise<StackFrameView[]>;
  selectEvent(eventId: number): void;
  /** Replays this execution against the workspace's code. */
  replay(): void;
}

/** A workflow task failure that replay can point at in the code. */
export function isNondeterminism(reason: NotMovingReason): boolean {
  if (reason.kind !== 'workflowTaskFailing') return false;
  const text = `${reason.message} ${reason.failure?.message ?? ''}`;
  return /nondetermin|non-determin|NON_DETERMINISTIC/i.test(text);
}

/** Which source a group's name opens. */
export function sourceOf(group: ExecutionGroup | undefined): FindSourceParams | undefined {
  if (!group || !group.name) return undefined;
  switch (group.kind) {
    case 'activity':
      return { kind: 'activity', name: group.name };
    case 'child':
    case 'workflow':
      return { kind: 'workflow', name: group.name };
    case 'signal':
      return { kind: 'signal', name: group.name };
    case 'update':
      return { kind: 'update', name: group.name };
    default:
      return undefined;
  }
}

function row(label: string, ...value: (Node | string | undefined)[]): HTMLElement {
  return el(
    'div',
    { className: 'kv' },
    el('span', { className: 'k', text: label }),
    el('span', { className: 'v' }, ...value),
  );
}

function payloadBlock(views: PayloadView[] | undefined): HTMLElement | undefined {
  if (!views?.length) return undefined;
  return boundedPre('payload', views.map(payloadText).join('\n'));
}

/** A `pre` with the first 64 KB of a long text and a button that shows all of it. */
function boundedPre(className: string, text: string): HTMLElement {
  const pre = el('pre', { className }, cutText(text));
  if (text.length <= DISPLAY_STRING_LIMIT) return pre;
  const all = el('button', {
    text: `Show all ${sizeText(text.length)}`,
    attrs: { 'data-testid': 'show-all' },
  });
  all.addEventListener('click', () => {
    pre.textContent = text;
    all.remove();
  });
  return el('div', {}, pre, all);
}

export function renderHeader(
  model: ExecutionModel | undefined,
  title: string,
  actions: PaneActions,
): HTMLElement {
  const h = model?.header;
  const box = el('section', { className: 'summary', attrs: { 'aria-label': 'Summary' } });
  if (!h) {
    box.append(el('h1', { text: title }));
    return box;
  }
  box.append(
    el(
      'h1',
      {},
      linkButton(
        h.workflowType || '(unknown type)',
        () => actions.openSource({ kind: 'workflow', name: h.workflowType }),
        {
          'data-testid': 'workflow-type',
        },
      ),
      ' ',
      // A model sent while the history loads has not seen the close yet.
      el('span', {
        className: `status status-${model.partial ? 'Loading' : h.status}`,
        text: model.partial ? 'Loading…' : h.status,
        attrs: { 'data-testid': 'status' },
      }),
    ),
  );
  const grid = el('div', { className: 'grid' });
  grid.append(
    row('Workflow ID', h.workflowId),
    row('Run ID', h.runId),
    // duroxide has no task queues.
    ...(h.taskQueue ? [row('Task queue', h.taskQueue)] : []),
    row('Start', formatTime(h.startTime)),
    row('Close', formatTime(h.closeTime)),
    row('Duration', formatDuration(h.durationMs)),
    row('Events', String(model.eventCount)),
  );
  if (h.attempt && h.attempt > 1) grid.append(row('Attempt', String(h.attempt)));
  if (h.parent) grid.append(row('Parent', `${h.parent.workflowId} / ${h.parent.runId}`));
  if (h.continuedFromRunId) grid.append(row('Continued from', h.continuedFromRunId));
  if (h.nextRunId) grid.append(row('Next run', h.nextRunId));
  for (const [k, v] of Object.entries(h.memo))
    grid.append(row(`Memo ${k}`, v.map(payloadText).join(', ')));
  for (const [k, v] of Object.entries(h.searchAttributes))
    grid.append(row(k, v.map(payloadText).join(', ')));
  box.append(grid);
  const io = el('div', { className: 'io' });
  if (h.input) io.append(el('div', {}, el('h3', { text: 'Input' }), payloadBlock(h.input)));
  if (h.result) io.append(el('div', {}, el('h3', { text: 'Result' }), payloadBlock(h.result)));
  if (h.failure)
    io.append(el('div', {}, el('h3', { text: 'Failure' }), renderFailure(h.failure, actions)));
  if (io.childElementCount) box.append(io);
  return box;
}

/** A failure and its causes, each with its stack trace as frames linked to the source. */
export function renderFailure(failure: FailureView, actions: PaneActions): HTMLElement {
  const list = el('ol', { className: 'failure-chain', attrs: { 'data-testid': 'failure-chain' } });
  for (let f: FailureView | undefined = failure, depth = 0; f && depth < 20; f = f.cause, depth++) {
    const item = el(
      'li',
      {},
      el(
        'div',
        { className: 'failure-line' },
        el('strong', { text: [f.kind, f.type].filter(Boolean).join(' · ') || 'Failure' }),
        `: ${f.message}`,
      ),
    );
    if (f.info)
      item.append(
        el('div', {
          className: 'muted',
          text: Object.entries(f.info)
            .map(([k, v]) => `${k}=${v}`)
            .join('  '),
        }),
      );
    if (f.details?.length) item.append(payloadBlock(f.details)!);
    if (f.stackTrace) item.append(renderStack(f.stackTrace, actions));
    list.append(item);
  }
  return list;
}

export function renderStack(
  stackTrace: string,
  actions: PaneActions,
  known?: StackFrameView[],
): HTMLElement {
  const box = el('div', { className: 'stack', attrs: { 'data-testid': 'stack-trace' } });
  const fill = (frames: StackFrameView[]) => {
    box.replaceChildren(
      ...frames.map((f) =>
        f.uri
          ? el(
              'div',
              { className: 'frame' },
              linkButton(f.text.trim(), () => actions.openFrame(f), {
                'data-testid': 'stack-frame',
              }),
            )
          : el('div', { className: 'frame muted', text: f.text }),
      ),
    );
  };
  if (known) fill(known);
  else {
    box.append(el('pre', { text: stackTrace }));
    void actions.frames(stackTrace).then(fill);
  }
  return box;
}

export function renderLiveState(
  live: ExecutionLiveState | undefined,
  error: string | undefined,
  actions: PaneActions,
): HTMLElement {
  const box = el('section', { className: 'live', attrs: { 'aria-label': 'Live state' } });
  if (error) box.append(el('div', { className: 'error', text: error }));
  if (!live || live.description.status !== 'Running') return box;
  const d = live.description;
  if (live.reasons.length) {
    const list = el('ul', { attrs: { 'data-testid': 'not-moving' } });
    for (const r of live.reasons) {
      const li = el('li', { className: `reason reason-${r.kind}` }, r.message, ' ');
      if (r.source)
        li.append(
          linkButton(`open ${r.source.kind} ${r.source.name}`, () => actions.openSource(r.source!)),
        );
      if (r.eventId)
        li.append(
          ' ',
          linkButton(`event ${r.eventId}`, () => actions.selectEvent(r.eventId!)),
        );
      if (isNondeterminism(r))
        li.append(
          ' ',
          linkButton('replay against the workspace', () => actions.replay()),
        );
      if (r.failure) li.append(renderFailure(r.failure, actions));
      list.append(li);
    }
    box.append(
      el(
        'details',
        { attrs: { open: '' } },
        el('summary', { text: 'Why is it not moving?' }),
        list,
      ),
    );
  }
  if (d.pendingActivities.length) {
    const t = el('table', { className: 'pending' });
    t.append(
      el(
        'tr',
        {},
        ...['Activity', 'Id', 'State', 'Attempt', 'Last heartbeat', 'Next / expiry'].map((h) =>
          el('th', { text: h }),
        ),
      ),
    );
    for (const a of d.pendingActivities) {
      t.append(
        el(
          'tr',
          {},
          el(
            'td',
            {},
            linkButton(a.activityType, () =>
              actions.openSource({ kind: 'activity', name: a.activityType }),
            ),
          ),
          el('td', { text: a.activityId }),
          el('td', { text: a.state }),
          el('td', { text: `${a.attempt}${a.maximumAttempts ? ` / ${a.maximumAttempts}` : ''}` }),
          el('td', {
            text: `${formatTime(a.lastHeartbeatTime)} ${a.heartbeatDetails?.map(payloadText).join(', ') ?? ''}`,
          }),
          el('td', {
            text: formatTime(a.state === 'Scheduled' ? a.scheduledTime : a.expirationTime),
          }),
        ),
      );
      if (a.lastFailure)
        t.append(
          el(
            'tr',
            {},
            el('td', { attrs: { colspan: '6' } }, renderFailure(a.lastFailure, actions)),
          ),
        );
    }
    box.append(
      el(
        'details',
        { attrs: { open: '' } },
        el('summary', { text: `Pending activities (${d.pendingActivities.length})` }),
        t,
      ),
    );
  }
  if (d.pendingChildren.length) {
    const list = el('ul');
    for (const c of d.pendingChildren)
      list.append(
        el(
          'li',
          {},
          linkButton(c.workflowType, () =>
            actions.openSource({ kind: 'workflow', name: c.workflowType }),
          ),
          ` ${c.workflowId}`,
        ),
      );
    box.append(
      el(
        'details',
        { attrs: { open: '' } },
        el('summary', { text: `Pending children (${d.pendingChildren.length})` }),
        list,
      ),
    );
  }
  // Neither: the engine has no queries (duroxide), so there is no stack trace to speak of.
  if (!live.stackTrace && !live.stackTraceError) return box;
  const stack = live.stackTrace
    ? renderStack(live.stackTrace.text, actions, live.stackTrace.frames)
    : el('div', { className: 'muted', text: live.stackTraceError ?? '' });
  box.append(el('details', {}, el('summary', { text: 'Stack trace (__stack_trace)' }), stack));
  return box;
}

export function renderDetails(
  event: HistoryEventView | undefined,
  group: ExecutionGroup | undefined,
  eventsById: ReadonlyMap<number, { eventType: string }>,
  actions: PaneActions,
): HTMLElement {
  const box = el('aside', {
    className: 'details',
    attrs: { 'aria-label': 'Event details', 'data-testid': 'details' },
  });
  if (!event) {
    box.append(el('p', { className: 'muted', text: 'Select an event to see its attributes.' }));
    return box;
  }
  box.append(
    el('h2', { text: `${event.eventId} ${event.eventType}` }),
    el('div', { className: 'muted', text: formatTime(event.eventTime) }),
  );
  const source = sourceOf(group);
  if (group && source)
    box.append(
      row(
        group.kind,
        linkButton(group.name, () => actions.openSource(source), { 'data-testid': 'open-source' }),
        group.detail ? ` ${group.detail}` : '',
      ),
    );
  if (group && group.eventIds.length > 1) {
    const related = el('div', { className: 'related' });
    for (const id of group.eventIds)
      related.append(
        linkButton(
          `${id} ${eventsById.get(id)?.eventType ?? ''}`,
          () => actions.selectEvent(id),
          id === event.eventId ? { 'aria-current': 'true' } : {},
        ),
      );
    box.append(related);
  }
  for (const [path, views] of Object.entries(event.payloads ?? {}))
    box.append(el('h3', { text: path }), payloadBlock(views)!);
  if (event.failure)
    box.append(el('h3', { text: 'Failure' }), renderFailure(event.failure, actions));
  // Failures that are not the event's own (an activity's last failure on its started event).
  const attrs = Object.entries(event.json).find(([k]) => k.endsWith('EventAttributes'))?.[1] as
    { lastFailure?: { message?: string; stackTrace?: string } } | undefined;
  const last = attrs?.lastFailure;
  if (last && !event.failure) {
    box.append(
      el('h3', { text: 'Last failure (before this attempt)' }),
      el('div', { text: last.message ?? '' }),
    );
    if (last.stackTrace) box.append(renderStack(last.stackTrace, actions));
  }
  // Long strings (a payload's base64) are cut here; the payload blocks above show them whole on request.
  box.append(
    el('h3', { text: 'Attributes' }),
    el('pre', {
      className: 'json',
      text: JSON.stringify(boundLongStrings(event.json).value, null, 2),
    }),
  );
  return box;
}
