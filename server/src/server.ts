// The language server entry point. Runs over stdio (`--stdio`) or node IPC (`--node-ipc`); the
// transport is picked by vscode-languageserver from the command line.
import { createConnection, ProposedFeatures, TextDocumentSyncKind } from 'vscode-languageserver/node';
import * as protocol from '../../shared/src/protocol';
import { sourceCapabilities, registerSourceFeatures } from './features/register';
import { handle } from './handlers';
import { registerOperationHandlers } from './operationHandlers';
import { Workbench } from './workbench';

const connection = createConnection(ProposedFeatures.all);

const workbench = new Workbench(
  process.env,
  async (key) => (await connection.sendRequest(protocol.readSecret, { key })).value,
  (status) => void connection.sendNotification(protocol.connectionStatusChanged, status),
);

const sourceFeatures = registerSourceFeatures(connection, workbench);

connection.onInitialize((params) => {
  workbench.updateSettings(params.initializationOptions?.settings);
  sourceFeatures.initialize(params);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      ...sourceCapabilities,
    },
    serverInfo: { name: 'temporal-workbench', version: '0.1.0' },
  };
});

connection.onDidChangeConfiguration((change) => {
  workbench.updateSettings(change.settings?.temporal);
});

connection.onNotification(protocol.secretChanged, ({ key }) => {
  workbench.invalidate(key.replace(/^temporal\.(apiKey|storePassword)\./, ''));
});

handle(connection, protocol.listProfiles, () => workbench.listProfiles());
handle(connection, protocol.selectProfile, (p, signal) => workbench.select(p.profileId, p.namespace, signal));
handle(connection, protocol.getConnectionStatus, async () => workbench.getStatus());
registerOperationHandlers(connection, workbench);

connection.onShutdown(() => workbench.dispose());
connection.listen();
