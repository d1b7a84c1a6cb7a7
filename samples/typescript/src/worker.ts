import { NativeConnection, Worker } from '@temporalio/worker';
import * as activities from './activities';

async function run(): Promise<void> {
  const address = process.env.TEMPORAL_ADDRESS ?? 'localhost:7233';
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  const taskQueue = process.env.WORKBENCH_TASK_QUEUE ?? 'workbench-ts';

  const connection = await NativeConnection.connect({ address });
  try {
    const worker = await Worker.create({
      connection,
      namespace,
      taskQueue,
      workflowsPath: require.resolve('./workflows'),
      activities,
    });
    // Stops gracefully on SIGINT/SIGTERM (the SDK installs those handlers).
    const running = worker.run();
    console.log(`worker ready: taskQueue=${taskQueue} namespace=${namespace}`);
    await running;
  } finally {
    await connection.close();
  }
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
