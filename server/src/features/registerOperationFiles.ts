// Wires .temporal files and visibility query documents into the server: document events, lenses
// and hovers arrive routed from the source features; completion is theirs (executeCommand is routed in
// features/executeCommand.ts).
import type { Connection } from 'vscode-languageserver';
import * as protocol from '../../../shared/src/protocol';
import { handle } from '../handlers';
import { checkVisibilityQuery } from '../visibilityQuery';
import { workbenchBackend } from '../operationFiles/backend';
import type { Workbench } from '../workbench';
import { OperationFileFeatures } from './operationFiles';
import type { SourceFeatures } from './register';

export { operationFileCapabilities } from './operationFiles';

export function registerOperationFileFeatures(
  connection: Connection,
  workbench: Workbench,
  source: SourceFeatures,
): OperationFileFeatures {
  const features = new OperationFileFeatures(
    connection,
    workbenchBackend(workbench),
    source.source.index,
  );
  source.delegate(features);
  connection.onCompletion(({ textDocument, position }) =>
    features.owns(textDocument.uri) ? features.completion(textDocument.uri, position) : [],
  );
  handle(connection, protocol.checkVisibilityQuery, async ({ query, ...target }) => ({
    problems: checkVisibilityQuery(query, await features.catalog(target)).problems.map(
      ({ message, start, end, severity }) => ({ message, start, end, severity }),
    ),
  }));
  source.source.onDidChange(() => features.recheck());
  // Another profile or namespace has other search attributes.
  workbench.onDidChangeStatus(() => features.invalidate());
  return features;
}
