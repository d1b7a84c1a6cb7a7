// The demo a person opens: a real Temporal dev server with the sample workers, and a real VS Code
// (code-server) with the built extension installed on the sample workspace, already pointed at
// that server. Prints the URL; Ctrl+C stops everything.
//   node scripts/demo.mjs [--port 8080]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startEditor } from '../test/support/editor.mjs';
import { startSubstrate } from '../test/support/substrate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { port: { type: 'string', default: '8080' } } });

const substrate = await startSubstrate({});
const { address, namespace } = substrate.server;
let editor;
try {
  editor = await startEditor({
    workspace: path.join(root, 'samples'),
    vsix: path.join(root, 'dist/temporal-workbench.vsix'),
    port: Number(values.port),
    // A checked-in operations file: Run all / Run lenses against the dev server.
    openFile: path.join(root, 'samples/operations.temporal'),
    settings: {
      'temporal.profiles': { 'dev-server': { address, namespace } },
      'git.openRepositoryInParentFolders': 'never',
    },
  });
} catch (err) {
  await substrate.stop();
  throw err;
}

console.log(
  `Temporal dev server: ${address} (namespace ${namespace}), workers on ${Object.values(substrate.workers.queues).join(', ')}`,
);
console.log(`Open ${editor.url}`);
console.log('Press Ctrl+C to stop.');

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await editor.stop();
  await substrate.stop();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
