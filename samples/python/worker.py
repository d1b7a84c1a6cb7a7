import asyncio
import os
import signal

from temporalio.client import Client
from temporalio.worker import Worker

from activities import compose_greeting, flaky_step, wait_for_external_completion
from workflows import (
    AsyncActivity,
    ContinueAsNewLoop,
    Counter,
    ExecutionTour,
    Failing,
    Greeting,
    LongTimer,
    ParentWithChildren,
)


async def main() -> None:
    address = os.environ.get("TEMPORAL_ADDRESS", "localhost:7233")
    namespace = os.environ.get("TEMPORAL_NAMESPACE", "default")
    task_queue = os.environ.get("WORKBENCH_TASK_QUEUE", "workbench-py")

    client = await Client.connect(address, namespace=namespace)
    worker = Worker(
        client,
        task_queue=task_queue,
        workflows=[
            Greeting,
            Counter,
            LongTimer,
            Failing,
            ContinueAsNewLoop,
            ParentWithChildren,
            AsyncActivity,
            ExecutionTour,
        ],
        activities=[compose_greeting, wait_for_external_completion, flaky_step],
    )

    # Shut down gracefully on SIGINT/SIGTERM, like the TypeScript worker.
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)

    async with worker:
        print(f"worker ready: taskQueue={task_queue} namespace={namespace}", flush=True)
        await stop.wait()


if __name__ == "__main__":
    asyncio.run(main())
