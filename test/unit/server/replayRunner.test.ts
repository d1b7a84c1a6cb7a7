// The runners' answer when the workspace's environment lacks the SDK: a clear message, nothing
// replayed. Real child processes (node, a Python without temporalio); no history is needed.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import {
  nodeInterpreter,
  pythonInterpreter,
  runnerPath,
} from '../../../server/src/replay/environment';
import { runRunner } from '../../../server/src/replay/runner';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-no-sdk-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const histories = [{ workflowId: 'w', runId: 'r', history: { events: [] } }];

describe('replay runner without the SDK', () => {
  test('typescript: a workflows file that cannot resolve @temporalio/worker says to npm install', async () => {
    const workflowsPath = path.join(dir, 'workflows.ts');
    fs.writeFileSync(workflowsPath, 'export async function w() {}\n');
    const out = await runRunner(
      nodeInterpreter(),
      runnerPath('typescript'),
      { workflowsPath, histories },
      dir,
    );
    assert.ok('missingSdk' in out, JSON.stringify(out));
    assert.match(out.missingSdk, /@temporalio\/worker is not installed .*npm install/);
  });

  test('python: an interpreter without temporalio says to pip install it', async (t) => {
    const module = path.join(dir, 'workflows.py');
    fs.writeFileSync(module, 'x = 1\n');
    // No venv next to the file: the search ends at python3 on PATH (this machine's has no temporalio).
    const interpreter = pythonInterpreter(module, [dir]);
    if (!interpreter) return t.skip('no python3 on PATH');
    const out = await runRunner(interpreter, runnerPath('python'), { module, histories }, dir);
    assert.ok('missingSdk' in out, JSON.stringify(out));
    assert.match(out.missingSdk, /temporalio is not installed in .*pip install temporalio/);
  });

  test('python: a .venv next to the code wins over python3 on PATH', () => {
    const bin = path.join(dir, 'proj', '.venv', 'bin');
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(path.join(bin, 'python'), '');
    const file = path.join(dir, 'proj', 'pkg', 'workflows.py');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    assert.equal(pythonInterpreter(file, [dir])?.command, path.join(bin, 'python'));
    assert.equal(
      pythonInterpreter(file, [dir], '/nonexistent/python')?.command,
      path.join(bin, 'python'),
    );
  });
});
