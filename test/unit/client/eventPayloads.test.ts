import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HistoryEventView } from '../../../shared/src/protocol';
import { decodedEventJson, eventArgumentText } from '../../../client/src/views/eventPayloads';

const signaled: HistoryEventView = {
  eventId: 7,
  eventType: 'WorkflowExecutionSignaled',
  summary: 'WorkflowExecutionSignaled increment',
  payloads: { input: [{ format: 'json', encoding: 'json/plain', value: 2 }] },
  json: {
    eventId: '7',
    workflowExecutionSignaledEventAttributes: {
      signalName: 'increment',
      input: { payloads: [{ metadata: { encoding: 'anNvbi9wbGFpbg==' }, data: 'Mg==' }] },
    },
  },
};

test('an event document shows payloads decoded, labelled with their encoding', () => {
  const json = decodedEventJson(signaled);
  assert.deepEqual(json.workflowExecutionSignaledEventAttributes, {
    signalName: 'increment',
    input: { encoding: 'json/plain', decoded: [2] },
  });
  // The raw form is left as the server sent it.
  assert.match(JSON.stringify(signaled.json), /Mg==/);
});

test('a single Payload (memo field, summary) decodes to its value', () => {
  const json = decodedEventJson({
    ...signaled,
    payloads: { 'userMetadata.summary': [{ format: 'json', encoding: 'json/plain', value: 'hi' }] },
    json: { userMetadata: { summary: { metadata: {}, data: 'ImhpIg==' } } },
  });
  assert.deepEqual(json.userMetadata, { summary: { encoding: 'json/plain', decoded: 'hi' } });
});

test("a signal row shows the signal's argument", () => {
  assert.equal(eventArgumentText(signaled), '[2]');
  assert.equal(eventArgumentText({ ...signaled, payloads: undefined }), undefined);
});
