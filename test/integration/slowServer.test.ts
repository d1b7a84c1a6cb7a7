// A slow server, for real: a loopback proxy holds back the dev server's answers while the test
// cancels the LSP request ($/cancelRequest); the language server must cancel the gRPC call
// (RST_STREAM with CANCEL on the wire) and answer Cancelled instead of waiting for the server.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import * as protocol from '../../shared/src/protocol';
import { expectWorkbenchError, TestLanguageServer } from '../support/languageServer';
import { frameType, startStallingProxy, type StallingProxy } from '../support/stallingProxy';
import { useTestTarget } from '../support/target';

const target = useTestTarget({ workers: false });
let proxy: StallingProxy;
let server: TestLanguageServer;

before(async () => {
  await target.ready();
  proxy = await startStallingProxy(target().address);
  server = await TestLanguageServer.start({
    env: { TEMPORAL_ADDRESS: proxy.address, TEMPORAL_NAMESPACE: target().namespace },
  });
});
after(async () => {
  await server?.stop();
  await proxy?.stop();
});

test('cancelling a request to a stalled server cancels its gRPC call and answers Cancelled', async () => {
  // Connected first, so the stall below holds back only the answer of the call under test.
  assert.equal(
    (await server.request(protocol.selectProfile, { profileId: 'env:default' })).state,
    'connected',
  );
  proxy.stall();
  const before = new Set(
    proxy.frames.filter((f) => f.type === frameType.headers).map((f) => f.streamId),
  );
  const source = new CancellationTokenSource();
  const pending = server.rpc.sendRequest(protocol.listNamespaces, {}, source.token);
  const streamId = await server.waitFor(
    () =>
      proxy.frames.find((f) => f.type === frameType.headers && !before.has(f.streamId))?.streamId,
    'the listNamespaces call to reach the server',
  );
  source.cancel();
  await expectWorkbenchError(pending, 'Cancelled');
  const reset = await server.waitFor(
    () => proxy.frames.find((f) => f.type === frameType.rstStream && f.streamId === streamId),
    'RST_STREAM for the cancelled call',
  );
  assert.equal(reset.errorCode, 8, 'RST_STREAM carries CANCEL');
  proxy.release();
  // The connection is still good once the server answers again.
  assert.ok((await server.request(protocol.listNamespaces, {})).namespaces.length > 0);
});
