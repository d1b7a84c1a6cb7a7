// The real Temporal a test file talks to: the one the test runner started (TEMPORAL_TEST_*
// variables), or, when a file is run on its own, a dev server (and workers) started here.
import { after, before } from 'node:test';

export interface TestTarget {
  address: string;
  namespace: string;
  queues: { typescript: string; python: string };
  fixtureDir: string;
}

function fromEnv(): TestTarget | undefined {
  const e = process.env;
  if (!e.TEMPORAL_TEST_ADDRESS || !e.TEMPORAL_TEST_NAMESPACE) return undefined;
  return {
    address: e.TEMPORAL_TEST_ADDRESS,
    namespace: e.TEMPORAL_TEST_NAMESPACE,
    queues: { typescript: e.TEMPORAL_TEST_TS_QUEUE ?? '', python: e.TEMPORAL_TEST_PY_QUEUE ?? '' },
    fixtureDir: e.TEMPORAL_TEST_FIXTURE_DIR ?? '',
  };
}

/** A getter for the target, plus `ready()` for hooks that need it before the tests run. */
export interface TargetGetter {
  (): TestTarget;
  ready(): Promise<TestTarget>;
}

/**
 * Registers before/after hooks and returns a getter for the target.
 * `workers: false` starts only a dev server when running standalone.
 */
export function useTestTarget(options: { workers?: boolean } = {}): TargetGetter {
  let target = fromEnv();
  let stop: (() => Promise<void>) | undefined;
  let starting: Promise<TestTarget> | undefined;
  const ready = (): Promise<TestTarget> => {
    if (target) return Promise.resolve(target);
    starting ??= startOwn(options.workers !== false).then((own) => {
      stop = own.stop;
      target = own.target;
      return own.target;
    });
    return starting;
  };
  before(ready);
  after(async () => {
    await stop?.();
  });
  const get = () => {
    if (!target) throw new Error('test target not ready (await target.ready() in hooks)');
    return target;
  };
  return Object.assign(get, { ready });
}

async function startOwn(
  workers: boolean,
): Promise<{ target: TestTarget; stop: () => Promise<void> }> {
  // Dynamic import: test files are CommonJS, the support module is ESM.
  const substrate = await import('./substrate.mjs');
  if (!workers) {
    const server = await substrate.startDevServer({});
    return {
      target: {
        address: server.address,
        namespace: server.namespace,
        queues: { typescript: '', python: '' },
        fixtureDir: '',
      },
      stop: () => server.stop(),
    };
  }
  const s = await substrate.startSubstrate({});
  return {
    target: {
      address: s.env.TEMPORAL_TEST_ADDRESS,
      namespace: s.env.TEMPORAL_TEST_NAMESPACE,
      queues: { typescript: s.env.TEMPORAL_TEST_TS_QUEUE, python: s.env.TEMPORAL_TEST_PY_QUEUE },
      fixtureDir: s.env.TEMPORAL_TEST_FIXTURE_DIR,
    },
    stop: () => s.stop(),
  };
}
