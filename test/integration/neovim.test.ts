// Neovim as a second LSP client: `nvim --headless` with only the built-in LSP client
// (neovim/init.lua, the README's setup) runs the bundled server on the samples workspace;
// neovim/scenario.lua asks for symbols and lenses and runs the Start lens of `greeting`
// through workspace/executeCommand. The started workflow is then checked on the real dev server.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import { ServerLensCommands, LensCommands } from '../../shared/src/lenses';
import { repoRoot, serverBundle } from '../support/languageServer';
import { useTestTarget } from '../support/target';

interface Symbol {
  name: string;
  detail?: string;
  children?: Symbol[];
}

interface Seen {
  error?: string;
  messages: string[];
  workspaceSymbols: { name: string; location: { uri: string } }[];
  documentSymbols: Symbol[];
  lenses: { command: { title: string; command: string } }[];
  executeCommands: string[];
  started: { workflowId: string; runId: string; started: boolean };
  counter: { workflowId: string; runId: string };
  updated: { workflowId: string; result: { value: unknown }[] };
}

const target = useTestTarget();
const here = path.join(repoRoot, 'test/integration/neovim');
const samples = path.join(repoRoot, 'samples');
let seen: Seen;
let connection: Connection | undefined;

/** Runs nvim until the scenario quits it (it always does, also on failure, after writing `out`). */
async function runNeovim(env: Record<string, string>): Promise<string> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-nvim-'));
  const out = path.join(home, 'seen.json');
  const nvim = spawn(
    'nvim',
    [
      '--headless',
      '-n',
      '-i',
      'NONE',
      '-u',
      path.join(here, 'init.lua'),
      '-c',
      `luafile ${path.join(here, 'scenario.lua')}`,
    ],
    {
      cwd: samples,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // A private HOME and XDG dirs: no user config, plugins or temporal.toml of the developer.
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        XDG_CONFIG_HOME: home,
        XDG_DATA_HOME: home,
        XDG_STATE_HOME: home,
        NVIM_TEST_OUT: out,
        ...env,
      },
    },
  );
  const output: string[] = [];
  nvim.stdout.on('data', (d) => output.push(String(d)));
  nvim.stderr.on('data', (d) => output.push(String(d)));
  // Bounded: the scenario's own waits end by 60 s; a hung nvim is killed and the test fails.
  const guard = setTimeout(() => process.kill(-nvim.pid!, 'SIGKILL'), 150_000);
  const code = await new Promise<number | null>((resolve) => nvim.once('exit', resolve));
  clearTimeout(guard);
  try {
    process.kill(-nvim.pid!, 'SIGKILL'); // the language server, if nvim left it behind
  } catch {
    // already gone
  }
  if (!fs.existsSync(out))
    throw new Error(
      `nvim exited (${code}) without writing its results: ${output.join('').slice(-2000)}`,
    );
  const text = fs.readFileSync(out, 'utf8');
  fs.rmSync(home, { recursive: true, force: true });
  return text;
}

before(async () => {
  assert.ok(
    spawnSync('nvim', ['--version']).status === 0,
    'nvim is missing: bash scripts/setup/neovim.sh',
  );
  assert.ok(fs.existsSync(serverBundle), `${serverBundle} is missing: run npm run build`);
  const { address, namespace } = await target.ready();
  seen = JSON.parse(
    await runNeovim({
      TEMPORAL_WORKBENCH_SERVER: serverBundle,
      NVIM_TEST_FILE: path.join(samples, 'python/workflows.py'),
      // The profile the temporal CLI would use (envconfig), as a Neovim user has it.
      TEMPORAL_ADDRESS: address,
      TEMPORAL_NAMESPACE: namespace,
    }),
  ) as Seen;
});
after(() => connection?.close());

const names = (symbols: Symbol[]): string[] =>
  symbols.flatMap((s) => [s.name, ...names(s.children ?? [])]);

describe('Neovim (built-in LSP client, headless)', () => {
  test('the scenario ran to its end without an error', () => {
    assert.equal(seen.error, undefined);
  });

  test('document symbols: the Python workflows with their handlers nested, activities listed', () => {
    const counter = seen.documentSymbols.find((s) => s.name === 'counter');
    assert.ok(counter, `no counter in ${names(seen.documentSymbols).join(', ')}`);
    assert.deepEqual(names(counter.children ?? []).sort(), [
      'finish',
      'increment',
      'setValue',
      'value',
    ]);
    for (const wf of ['greeting', 'executionTour', 'parentWithChildren'])
      assert.ok(names(seen.documentSymbols).includes(wf), wf);
  });

  test('workspace symbols: workflows of both sample languages, activities and workers', () => {
    const all = seen.workspaceSymbols.map(
      (s) => `${path.relative(samples, new URL(s.location.uri).pathname)} ${s.name}`,
    );
    assert.ok(all.includes('python/workflows.py greeting'), all.join('\n'));
    assert.ok(all.includes('typescript/src/workflows.ts greeting'), all.join('\n'));
    assert.ok(
      all.some((s) => /^python\/activities\.py \w+/.test(s)),
      `no Python activity in\n${all.join('\n')}`,
    );
    assert.ok(
      all.some((s) => / worker workbench-py$/.test(s)),
      `no worker in\n${all.join('\n')}`,
    );
  });

  test('lenses carry the server-run command ids (advertised) with plain titles, never the VS Code client ids', () => {
    const ids = new Set(seen.lenses.map((l) => l.command.command));
    assert.ok(
      ids.has(ServerLensCommands.start) && ids.has(ServerLensCommands.signal),
      [...ids].join(', '),
    );
    for (const id of Object.values(LensCommands)) assert.ok(!ids.has(id), id);
    for (const id of Object.values(ServerLensCommands))
      assert.ok(seen.executeCommands.includes(id), id);
    assert.ok(
      seen.lenses.every((l) => !l.command.title.includes('$(')),
      'a title with VS Code icon syntax',
    );
  });

  test('the Start lens run from Neovim started greeting on the dev server with the default argument, and said so', async () => {
    const { address, namespace } = target();
    connection = await Connection.connect({ address });
    const client = new Client({ connection, namespace });
    const handle = client.workflow.getHandle(seen.started.workflowId, seen.started.runId);
    assert.equal((await handle.describe()).type, 'greeting');
    assert.equal(await handle.result(), 'Hello, !');
    assert.ok(
      seen.messages.some((m) =>
        m.includes(`started greeting on workbench-py: workflow id ${seen.started.workflowId}`),
      ),
      seen.messages.join('\n'),
    );
  });

  test('the Update lens run from Neovim with the argument 7 and a workflow id updated that counter', async () => {
    const { address, namespace } = target();
    connection ??= await Connection.connect({ address });
    const handle = new Client({ connection, namespace }).workflow.getHandle(
      seen.counter.workflowId,
    );
    try {
      assert.equal(seen.updated.workflowId, seen.counter.workflowId);
      assert.deepEqual(
        seen.updated.result.map((p) => p.value),
        [0],
        'setValue returns the previous value',
      );
      assert.equal(await handle.query('value'), 7);
      assert.ok(
        seen.messages.includes(`Temporal: update setValue on ${seen.counter.workflowId}: 0`),
        seen.messages.join('\n'),
      );
    } finally {
      await handle.terminate('test done');
    }
  });
});
