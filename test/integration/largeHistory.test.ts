// Large histories and payloads through the language server, against the real dev server: a
// 20,000-event history comes in pages no larger than asked for (Temporal's own pages count
// stored batches and can hold thousands of events), and a ~2 MB input arrives whole for the
// client to show truncated with "open full" / "save".
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as protocol from '../../shared/src/protocol';
import { TestLanguageServer } from '../support/languageServer';
import { ensureManyEventsExecution } from '../support/manyEvents';
import { useTestTarget } from '../support/target';

const target = useTestTarget({ workers: false });
let server: TestLanguageServer;
let long: { workflowId: string };
let historyLength = 0;

before(async () => {
  await target.ready();
  server = await TestLanguageServer.start({
    env: { TEMPORAL_ADDRESS: target().address, TEMPORAL_NAMESPACE: target().namespace },
  });
  assert.equal(
    (await server.request(protocol.selectProfile, { profileId: 'env:default' })).state,
    'connected',
  );
  long = await ensureManyEventsExecution(target().address, target().namespace);
  ({ historyLength } = await server.request(protocol.describeWorkflow, {
    workflowId: long.workflowId,
  }));
});
after(async () => {
  await server?.stop();
});

describe('a 20,000-event history', { timeout: 400_000 }, () => {
  test('is read in pages of at most the size asked for, in order, without gaps', async () => {
    assert.ok(historyLength >= 20_000, `history length ${historyLength}`);
    let nextPageToken: string | undefined;
    let expected = 1;
    let pages = 0;
    do {
      const page: protocol.GetWorkflowHistoryResult = await server.request(
        protocol.getWorkflowHistory,
        {
          workflowId: long.workflowId,
          pageSize: 100,
          nextPageToken,
        },
      );
      pages++;
      assert.ok(page.events.length <= 100, `page ${pages} has ${page.events.length} events`);
      for (const e of page.events) assert.equal(e.eventId, expected++, `page ${pages}`);
      nextPageToken = page.nextPageToken;
    } while (nextPageToken);
    assert.equal(expected - 1, historyLength);
    assert.ok(pages >= 200, `${pages} pages`);
  });

  test('fills the execution view in pages of at most 1,000 events: a partial model with the first, the whole one with the last', async () => {
    const viewId = `large-${Date.now()}`;
    let nextPageToken: string | undefined;
    let loaded = 0;
    let pages = 0;
    let last: protocol.ExecutionViewPageResult;
    do {
      last = await server.request(protocol.executionViewPage, {
        viewId,
        workflowId: long.workflowId,
        nextPageToken,
      });
      pages++;
      assert.ok(last.events.length <= 1000, `${last.events.length} events in one page`);
      assert.equal(last.loaded, loaded + last.events.length);
      loaded = last.loaded;
      if (last.nextPageToken) {
        // Compact and Timeline fill while the rest loads: the first page brings a model, and
        // every model before the last says it is partial (its status is not known yet).
        if (pages === 1) assert.ok(last.model?.groups.length, 'a model with the first page');
        if (last.model) {
          assert.equal(last.model.partial, true, `page ${pages}: partial`);
          assert.equal(last.model.eventCount, loaded);
        }
      }
      nextPageToken = last.nextPageToken;
    } while (nextPageToken);
    assert.ok(pages > 1, `${pages} pages`);
    assert.equal(loaded, historyLength);
    assert.equal(last.model?.eventCount, historyLength);
    assert.equal(last.model?.partial, undefined, 'the last model is whole');
    assert.equal(last.model?.header.status, 'Completed');
    server.notify(protocol.closeExecutionView, { viewId });
  });
});

describe("a ~2 MB input (under the dev server's 2 MB blob limit)", () => {
  test('is started, and its event carries the whole payload for "open full" and "save"', async () => {
    const workflowId = `large-input-${Date.now().toString(36)}`;
    const text = 'x'.repeat(1_900_000);
    await server.request(protocol.startWorkflow, {
      workflowId,
      workflowType: 'largeInputProbe',
      taskQueue: `large-input-${Date.now().toString(36)}`,
      input: JSON.stringify(text),
    });
    try {
      const page = await server.request(protocol.getWorkflowHistory, { workflowId, pageSize: 1 });
      assert.equal(page.events.length, 1);
      assert.equal(page.events[0].payloads?.input?.[0]?.value, text);
    } finally {
      await server.request(protocol.terminateWorkflow, {
        workflowId,
        reason: 'large-input cleanup',
      });
    }
  });
});
