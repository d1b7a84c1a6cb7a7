import assert from 'node:assert/strict';
import { test } from 'node:test';
import { comparableLines } from '../../../shared/src/compareRuns';
import type { HistoryEventView } from '../../../shared/src/protocol';

const event = (eventId: number, summary: string): HistoryEventView => ({
  eventId,
  eventType: summary.split(' ')[0],
  summary,
  eventTime: new Date(1_700_000_000_000 + eventId * 1000).toISOString(),
  json: {},
});

test('comparableLines: one line per event in order, its summary only (no id, no time), so line N is event N', () => {
  const text = comparableLines([
    event(1, 'WorkflowExecutionStarted greeting on q'),
    event(2, 'WorkflowTaskScheduled'),
  ]);
  assert.equal(text, 'WorkflowExecutionStarted greeting on q\nWorkflowTaskScheduled\n');
});

test('comparableLines: the same events at other times give the same text', () => {
  const a = [event(1, 'TimerStarted 1 for 1s')];
  const b = [{ ...event(1, 'TimerStarted 1 for 1s'), eventTime: '2030-01-01T00:00:00Z' }];
  assert.equal(comparableLines(a), comparableLines(b));
});
