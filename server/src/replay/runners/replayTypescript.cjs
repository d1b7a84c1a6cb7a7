// Replays workflow histories against the workspace's own workflow code with the workspace's
// own @temporalio/worker (never the extension's copy). Shipped with the extension and run by
// the language server (or under the debugger) with the workspace's node:
//   node replayTypescript.cjs <job.json> <result.json>
// job: { workflowsPath, histories: [{ workflowId, runId, history }] }  (history: proto3 JSON)
// result: { sdk: version, results: [{ workflowId, runId, ok, kind?, message? }] }
//      or { missingSdk: message }
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [jobFile, resultFile] = process.argv.slice(2);

function write(result) {
  fs.writeFileSync(resultFile, JSON.stringify(result));
}

function loadWorker(from) {
  try {
    const resolved = require.resolve('@temporalio/worker', { paths: [from] });
    const pkg = path.join(
      resolved.slice(0, resolved.lastIndexOf(`${path.sep}lib${path.sep}`)),
      'package.json',
    );
    const version = fs.existsSync(pkg)
      ? JSON.parse(fs.readFileSync(pkg, 'utf8')).version
      : undefined;
    return { worker: require(resolved), resolved, version };
  } catch {
    return undefined;
  }
}

/**
 * proto3 JSON -> History. The SDK's own historyFromJSON fails when npm left @temporalio/common
 * and @temporalio/proto with separate protobufjs copies (its instanceof check then fails), so
 * on that error the JSON is read with the protojson of @temporalio/proto's own protobufjs.
 */
function historyLoader(workerPath) {
  const common = require(require.resolve('@temporalio/common', { paths: [workerPath] }));
  return (json) => {
    try {
      return common.historyFromJSON(json);
    } catch (err) {
      const protoPath = require.resolve('@temporalio/proto', { paths: [workerPath] });
      const protojson = require(
        require.resolve('protobufjs/ext/protojson', { paths: [protoPath] }),
      );
      const History = require(protoPath).temporal.api.history.v1.History;
      const loaded = protojson.fromJson(History, json, { ignoreUnknownFields: true });
      if (!loaded) throw err;
      return loaded;
    }
  };
}

/** Printed before each workflow task replays; the editor highlights that event in the execution view. */
const POSITION_MARKER = '[temporal-workbench] replaying workflow task started at event ';

/**
 * The SDK's own debug-replayer interceptors (what debugger extensions use) call a global
 * `notifyRunner(eventId)` with the started event id of the workflow task being replayed. Here
 * it prints a marker line, which reaches the editor as debug console output before the code
 * of that task runs (and stops at a breakpoint). SDKs without them: no highlight, same replay.
 */
function positionInterceptors(workerPath) {
  const dir = path.join(path.dirname(workerPath), 'debug-replayer');
  const modules = ['inbound-interceptor.js', 'outbound-interceptor.js'].map((f) =>
    path.join(dir, f),
  );
  if (!modules.every((m) => fs.existsSync(m))) return {};
  globalThis.notifyRunner = (eventId) => console.log(`${POSITION_MARKER}${eventId}`);
  return { interceptors: { workflowModules: modules } };
}

async function main() {
  const job = JSON.parse(fs.readFileSync(jobFile, 'utf8'));
  const sdk = loadWorker(path.dirname(job.workflowsPath));
  if (!sdk) {
    write({
      missingSdk: `@temporalio/worker is not installed where ${job.workflowsPath} can resolve it (run npm install in the workspace)`,
    });
    return;
  }
  const { Worker } = sdk.worker;
  const debug = process.env.TEMPORAL_REPLAY_DEBUG === '1';
  const results = [];
  const toHistory = historyLoader(sdk.resolved);
  const histories = job.histories.map((h) => ({
    workflowId: h.workflowId,
    history: toHistory(h.history),
  }));
  const replay = Worker.runReplayHistories(
    {
      workflowsPath: job.workflowsPath,
      replayName: 'temporal-workbench-replay',
      // Under the debugger: workflow code on the main thread, no deadlock timer while paused.
      debugMode: debug,
      ...(debug ? positionInterceptors(sdk.resolved) : {}),
    },
    histories,
  );
  let i = 0;
  for await (const r of replay) {
    const meta = job.histories[i++] ?? {};
    const entry = { workflowId: r.workflowId, runId: meta.runId || r.runId, ok: !r.error };
    if (r.error) {
      entry.kind = r.error.name === 'DeterminismViolationError' ? 'nondeterminism' : 'failure';
      entry.message = r.error.message;
    }
    results.push(entry);
  }
  write({ sdk: sdk.version, results });
}

main().then(
  () => process.exit(0),
  (err) => {
    write({ error: err && err.stack ? String(err.stack) : String(err) });
    process.exit(0);
  },
);
