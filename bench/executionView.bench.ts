// Execution view with a 50,000-event history: the server's work (proto -> event views with
// payloads decoded, the model, an import of the same history as CLI JSON) and the webview's
// first render (beside the same render fed whole events, as the panel sent them before), a
// scroll to the end, a key press to the next event and the timeline, in Chromium with the real
// bundle (dist/webview).
import { create } from '@bufbuild/protobuf';
import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { eventRow, historyJson } from '../shared/src/executionView';
import { buildExecutionModel } from '../server/src/executionView/model';
import { importHistoryEvents } from '../server/src/executionView/importHistory';
import { eventViews } from '../server/src/backends/temporal/history';
import { PayloadDecoder } from '../server/src/payloads/decoder';
import { EventType } from '../server/src/temporal/gen/temporal/api/enums/v1/event_type_pb.js';
import {
  HistoryEventSchema,
  type HistoryEvent,
} from '../server/src/temporal/gen/temporal/api/history/v1/message_pb.js';
import type { BenchResult } from './types';

const root = path.resolve(__dirname, '..');
const EVENTS = 50_000;

const json = (v: unknown) => ({
  metadata: { encoding: new TextEncoder().encode('json/plain') },
  data: new TextEncoder().encode(JSON.stringify(v)),
});

/** A workflow running activities one after another: 6 events per step. */
export function syntheticHistory(count: number): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  const add = (eventType: EventType, attributes: HistoryEvent['attributes']) => {
    const eventId = BigInt(events.length + 1);
    events.push(
      create(HistoryEventSchema, {
        eventId,
        eventType,
        eventTime: timestampFromMs(t0 + events.length * 10),
        attributes,
      }),
    );
    return eventId;
  };
  add(EventType.WORKFLOW_EXECUTION_STARTED, {
    case: 'workflowExecutionStartedEventAttributes',
    value: {
      workflowType: { name: 'bigWorkflow' },
      taskQueue: { name: 'bench' },
      input: { payloads: [json({ steps: count / 6 })] },
    } as never,
  });
  for (let i = 0; events.length < count - 6; i++) {
    const wt = add(EventType.WORKFLOW_TASK_SCHEDULED, {
      case: 'workflowTaskScheduledEventAttributes',
      value: { attempt: 1 } as never,
    });
    const wts = add(EventType.WORKFLOW_TASK_STARTED, {
      case: 'workflowTaskStartedEventAttributes',
      value: { scheduledEventId: wt } as never,
    });
    add(EventType.WORKFLOW_TASK_COMPLETED, {
      case: 'workflowTaskCompletedEventAttributes',
      value: { scheduledEventId: wt, startedEventId: wts } as never,
    });
    const a = add(EventType.ACTIVITY_TASK_SCHEDULED, {
      case: 'activityTaskScheduledEventAttributes',
      value: {
        activityId: String(i),
        activityType: { name: `step${i % 7}` },
        input: { payloads: [json({ i })] },
      } as never,
    });
    const as = add(EventType.ACTIVITY_TASK_STARTED, {
      case: 'activityTaskStartedEventAttributes',
      value: { scheduledEventId: a, attempt: 1 } as never,
    });
    add(EventType.ACTIVITY_TASK_COMPLETED, {
      case: 'activityTaskCompletedEventAttributes',
      value: {
        scheduledEventId: a,
        startedEventId: as,
        result: { payloads: [json({ ok: i })] },
      } as never,
    });
  }
  return events;
}

const ms = (start: number) => performance.now() - start;

export async function run(): Promise<BenchResult[]> {
  const history = syntheticHistory(EVENTS);
  console.log(`bench: ${history.length} synthetic events`);
  let t = performance.now();
  const decoder = new PayloadDecoder({ namespace: 'bench' });
  const views = eventViews(history, decoder);
  await decoder.flush();
  const viewsMs = ms(t);
  t = performance.now();
  const model = buildExecutionModel(views);
  const modelMs = ms(t);
  const text = historyJson(views);
  t = performance.now();
  const imported = await importHistoryEvents(
    text,
    'bench.json',
    new PayloadDecoder({ namespace: 'bench' }),
  );
  buildExecutionModel(imported);
  const importMs = ms(t);

  console.log(
    `bench: server side done (${Math.round(viewsMs + modelMs + importMs)} ms); webview next`,
  );
  const bundle = path.join(root, 'dist/webview/executionView.js');
  if (!fs.existsSync(bundle))
    execFileSync('node', ['scripts/build.mjs'], { cwd: root, stdio: 'ignore' });
  const { launchBrowser } = await import('../test/support/editor.mjs');
  const { browser, context } = await launchBrowser({ viewport: { width: 1400, height: 900 } });
  // As one string: CDP carries a string far faster than a 50,000-object value.
  const data = JSON.stringify(JSON.stringify({ views, rows: views.map(eventRow), model }));
  /** A fresh webview page with the data in it; its vscode API answers `eventDetails` as the panel does. */
  const webview = async () => {
    const page = await context.newPage();
    await page.setContent(
      `<!DOCTYPE html><html><head><style>${fs.readFileSync(path.join(root, 'dist/webview/executionView.css'), 'utf8')}</style></head>` +
        `<body><div id="app"></div><script>window.acquireVsCodeApi = () => ({ getState() {}, setState() {}, postMessage(m) {
          if (m.type !== 'eventDetails') return;
          const events = m.eventIds.map((id) => window.benchData.views[id - 1]).filter(Boolean);
          window.postMessage({ type: 'eventDetails', requestId: m.requestId, events }, '*');
        } });</script></body></html>`,
    );
    await page.addScriptTag({ content: fs.readFileSync(bundle, 'utf8') });
    // The page scripts are strings, so the bench's TypeScript transform cannot touch them.
    await page.evaluate(`window.benchData = JSON.parse(${data}); 0`);
    return page;
  };
  /** From posting the history (one message, as after the last page) to rows on screen. */
  const firstRender = (page: Awaited<ReturnType<typeof webview>>, field: 'rows' | 'views') =>
    page.evaluate(`new Promise((resolve) => {
      const d = window.benchData;
      const start = performance.now();
      window.postMessage({ type: 'reset', title: 'bench', source: { kind: 'file', fileName: 'bench.json' }, events: d.${field}, model: d.model }, '*');
      window.postMessage({ type: 'progress', loaded: d.views.length, done: true }, '*');
      const check = () => (document.querySelectorAll('.list .row').length ? resolve(performance.now() - start) : requestAnimationFrame(check));
      requestAnimationFrame(check);
    })`) as Promise<number>;
  let renderMs = 0;
  let wholeEventsMs = 0;
  let scrollMs = 0;
  let nextEventMs = 0;
  let timelineMs = 0;
  try {
    // Before: the webview got whole events (JSON, decoded payloads); the same code draws them.
    wholeEventsMs = await firstRender(await webview(), 'views');
    const page = await webview();
    renderMs = await firstRender(page, 'rows');
    await page.click('button[data-tab=full]');
    scrollMs = (await page.evaluate(`new Promise((resolve) => {
      const list = document.querySelector('.list');
      const start = performance.now();
      list.scrollTop = list.scrollHeight;
      const check = () => ([...list.querySelectorAll('.row .id')].some((e) => Number(e.textContent) > 49000) ? resolve(performance.now() - start) : requestAnimationFrame(check));
      requestAnimationFrame(check);
    })`)) as number;
    // A key press on the list: the next event selected and its details (asked of the panel) shown.
    await page.evaluate(
      `document.querySelector('.list .row[data-row="${history.length - 5}"]').click()`,
    );
    await page.waitForSelector('.details h2');
    nextEventMs = (await page.evaluate(`new Promise((resolve) => {
      const list = document.querySelector('.list');
      const shown = document.querySelector('.details h2').textContent;
      const start = performance.now();
      list.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
      const check = () => (document.querySelector('.details h2')?.textContent !== shown ? resolve(performance.now() - start) : requestAnimationFrame(check));
      requestAnimationFrame(check);
    })`)) as number;
    timelineMs = (await page.evaluate(`new Promise((resolve) => {
      const start = performance.now();
      document.querySelector('button[data-tab=timeline]').click();
      const check = () => (document.querySelector('.lane .bar') ? resolve(performance.now() - start) : requestAnimationFrame(check));
      requestAnimationFrame(check);
    })`)) as number;
  } finally {
    await browser.close();
  }
  const render = `${EVENTS} events: webview first render`;
  return [
    { name: `${EVENTS} events: proto -> views (payloads decoded)`, value: viewsMs, unit: 'ms' },
    {
      name: `${EVENTS} events: model build`,
      value: modelMs,
      unit: 'ms',
      goal: { op: '<', value: 500 },
    },
    { name: `${EVENTS} events: import CLI JSON + model`, value: importMs, unit: 'ms' },
    { name: render, value: renderMs, unit: 'ms', goal: { op: '<', value: 1000 } },
    {
      name: `${EVENTS} events: webview first render, whole events in the message (before)`,
      value: wholeEventsMs,
      unit: 'ms',
      baseline: render,
    },
    {
      name: `${EVENTS} events: scroll to the end (full list)`,
      value: scrollMs,
      unit: 'ms',
      goal: { op: '<', value: 100 },
    },
    {
      name: `${EVENTS} events: next event selected, its details shown`,
      value: nextEventMs,
      unit: 'ms',
      goal: { op: '<', value: 100 },
    },
    {
      name: `${EVENTS} events: timeline tab shown`,
      value: timelineMs,
      unit: 'ms',
      goal: { op: '<', value: 500 },
    },
  ];
}
