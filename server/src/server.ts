// The language server entry point. Runs over stdio (`--stdio`) or node IPC (`--node-ipc`); the
// transport is picked by vscode-languageserver from the command line.
import {
  createConnection,
  ProposedFeatures,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import * as protocol from '../../shared/src/protocol';
import { sourceCapabilities, registerSourceFeatures } from './features/register';
import { handle } from './handlers';
import { redactConsole } from './redact';
import { registerOperationHandlers } from './operationHandlers';
import { registerReplayFeatures } from './replay/register';
import { Workbench } from './workbench';
import { registerExecutionView } from './executionView/register';
import {
  registerOperationFileFeatures,
  operationFileCapabilities,
} from './features/registerOperationFiles';
// Lens commands any LSP client can run (issue 17).
import { registerExecuteCommand } from './features/executeCommand';
import { LensCommandRunner, serverLensCommandIds } from './features/lensCommands';

const connection = createConnection(ProposedFeatures.all);
redactConsole(connection);

const workbench = new Workbench(
  process.env,
  async (key) => (await connection.sendRequest(protocol.readSecret, { key })).value,
  (status) => void connection.sendNotification(protocol.connectionStatusChanged, status),
);

const sourceFeatures = registerSourceFeatures(connection, workbench);
// Replay against the workspace's code and the workflow graph (issue 15).
const replayFeatures = registerReplayFeatures(connection, workbench, sourceFeatures);
const operationFiles = registerOperationFileFeatures(connection, workbench, sourceFeatures);
// workspace/executeCommand: operation-file runs and the server-run lens commands.
const lensCommands = new LensCommandRunner(connection, workbench, (type) =>
  sourceFeatures.executionsChanged(type),
);
registerExecuteCommand(connection, [operationFiles, lensCommands]);

connection.onInitialize((params) => {
  workbench.updateSettings(params.initializationOptions?.settings);
  sourceFeatures.initialize(params);
  replayFeatures.initialize(params);
  operationFiles.initialize(params);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      ...sourceCapabilities,
      ...operationFileCapabilities,
      executeCommandProvider: {
        commands: [
          ...operationFileCapabilities.executeCommandProvider.commands,
          ...serverLensCommandIds,
        ],
      },
    },
    serverInfo: { name: 'temporal-workbench', version: '0.1.0' },
  };
});

connection.onDidChangeConfiguration((change) => {
  workbench.updateSettings(change.settings?.temporal);
});

connection.onNotification(protocol.secretChanged, () => workbench.invalidate());

handle(connection, protocol.listProfiles, () => workbench.listProfiles());
handle(connection, protocol.selectProfile, (p, signal) =>
  workbench.select(p.profileId, p.namespace, signal),
);
handle(connection, protocol.getConnectionStatus, async () => workbench.getStatus());
registerOperationHandlers(connection, workbench, (type) => sourceFeatures.executionsChanged(type));

// Execution view (webview): history pages into a model, import, live state, stack frames.
registerExecutionView(connection, workbench, {
  index: sourceFeatures.source.index,
  folders: () => sourceFeatures.folders(),
});

connection.onShutdown(() => workbench.dispose());
connection.listen();
