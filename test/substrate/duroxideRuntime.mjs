// A real duroxide runtime in its own process, for the duroxide integration tests: it opens the
// store named on the command line (a sqlite: URL or a PostgreSQL URL), runs the test
// orchestrations below, prints "ready" once the store answers, and shuts down on SIGTERM.
//
// The addon drives JavaScript orchestrations as generators: it asks us to create one, to feed it
// the result of the task it yielded, and to dispose of it, each as JSON text.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const dx = require('duroxide-linux-x64-gnu');
const store = process.argv[2];

const orchestrations = {
  /** Says what it waits for (custom status, a KV value), waits for `approve`, returns it with its input. */
  *Approval(ctx, input) {
    dx.orchestrationSetCustomStatus(
      ctx.instanceId,
      JSON.stringify({ phase: 'waiting for approval' }),
    );
    dx.orchestrationSetValue(ctx.instanceId, 'request', JSON.stringify(input));
    const approved = yield { type: 'waitEvent', name: 'approve' };
    return { request: input, approved };
  },
  /** Continues as new until its counter reaches 3. */
  *Countdown(_ctx, n) {
    if (n < 3) yield { type: 'continueAsNew', input: JSON.stringify(n + 1) };
    return n;
  },
  /** Fails at once. */
  *Broken() {
    throw new Error('broken on purpose');
  },
  /** Calls the Greet activity twice. */
  *Greeting(_ctx, name) {
    const first = yield { type: 'activity', name: 'Greet', input: JSON.stringify(name) };
    const second = yield {
      type: 'activity',
      name: 'Greet',
      input: JSON.stringify(`${name} again`),
    };
    return [first, second];
  },
};

const generators = new Map();
let nextId = 1;

function step(id, advance) {
  try {
    const { value, done } = advance();
    if (done) {
      generators.delete(id);
      return JSON.stringify({ status: 'completed', output: JSON.stringify(value ?? null) });
    }
    return JSON.stringify({ status: 'yielded', generatorId: id, task: value });
  } catch (err) {
    generators.delete(id);
    return JSON.stringify({
      status: 'error',
      message: err instanceof Error ? err.message : String(err),
    });
  }
}

function create(payload) {
  const { ctxInfo, input } = JSON.parse(payload);
  const fn = orchestrations[ctxInfo.orchestrationName];
  if (!fn)
    return JSON.stringify({
      status: 'error',
      message: `no orchestration ${ctxInfo.orchestrationName}`,
    });
  const id = nextId++;
  const gen = fn(ctxInfo, input ? JSON.parse(input) : undefined);
  generators.set(id, gen);
  return step(id, () => gen.next());
}

function next(payload) {
  const { generatorId, result, isError } = JSON.parse(payload);
  const gen = generators.get(generatorId);
  if (!gen) return JSON.stringify({ status: 'error', message: `no generator ${generatorId}` });
  let value;
  try {
    value = JSON.parse(result);
  } catch {
    value = result;
  }
  return step(generatorId, () => (isError ? gen.throw(new Error(String(value))) : gen.next(value)));
}

const postgres = /^postgres(ql)?:\/\//.test(store);
const provider = postgres
  ? await dx.JsPostgresProvider.connect(store)
  : await dx.JsSqliteProvider.open(store);
const options = { dispatcherPollIntervalMs: 20, logLevel: 'error' };
const runtime = postgres
  ? dx.JsRuntime.fromPostgres(provider, options)
  : new dx.JsRuntime(provider, options);
runtime.setGeneratorDriver(create, next, (id) => (generators.delete(Number(id)), 'ok'));
for (const name of Object.keys(orchestrations)) runtime.registerOrchestration(name);
runtime.registerActivity('Greet', async (payload) => {
  // The activity payload is its context (one JSON line), a newline, then the input.
  const input = JSON.parse(payload.slice(payload.indexOf('\n') + 1));
  return JSON.stringify(`Hello, ${input}!`);
});
void runtime.start();
const client = postgres ? dx.JsClient.fromPostgres(provider) : new dx.JsClient(provider);
await client.getSystemMetrics();
process.stdout.write('ready\n');

process.on('SIGTERM', async () => {
  await runtime.shutdown(2000).catch(() => undefined);
  process.exit(0);
});
