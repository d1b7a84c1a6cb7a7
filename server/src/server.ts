// The language server entry point. Runs over stdio (`--stdio`) or node IPC (`--node-ipc`); the
// transport is picked by vscode-languageserver from the command line.
import { createConnection, ProposedFeatures, TextDocumentSyncKind } from 'vscode-languageserver/node';
import * as protocol from '../../shared/src/protocol';
import { describeNamespace, getSystemInfo, listNamespaces } from './operations/cluster';
import { sourceCapabilities, registerSourceFeatures } from './features/register';
import { handle } from './handlers';
import { registerOperationHandlers } from './operations/register';
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
  workbench.invalidate(key.replace(/^temporal\.apiKey\./, ''));
});

handle(connection, protocol.listProfiles, () => workbench.listProfiles());
handle(connection, protocol.selectProfile, (p, signal) => workbench.select(p.profileId, p.namespace, signal));
handle(connection, protocol.getConnectionStatus, async () => workbench.getStatus());
handle(connection, protocol.getSystemInfo, async (p, signal) => getSystemInfo(workbench, await workbench.target(p), signal));
handle(connection, protocol.listNamespaces, async (p, signal) =>
  listNamespaces(workbench, await workbench.target(p), p, signal),
);
handle(connection, protocol.describeNamespace, async (p, signal) =>
  describeNamespace(workbench, await workbench.target(p), signal),
);
registerOperationHandlers(connection, workbench, (type) => sourceFeatures.executionsChanged(type));

connection.onShutdown(() => workbench.dispose());
connection.listen();
