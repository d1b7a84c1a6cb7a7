"""Runs one execution with a long history and exits: a worker on its own task queue runs a
workflow that, round after round, upserts its memo ROUND_SIZE times and runs one empty
activity, until the history holds at least MIN_EVENTS events. Each round is one small history
batch, so the server pages it as it would any long run (one 20,000-event batch would come back
as one page), and no round waits on a timer (the dev server fires them about once a second).

    python manyEvents.py ADDRESS NAMESPACE WORKFLOW_ID MIN_EVENTS
"""
import asyncio
import os
import sys
import uuid
from datetime import timedelta

from temporalio import activity, workflow
from temporalio.client import Client, WorkflowExecutionStatus
from temporalio.service import RPCError
from temporalio.worker import UnsandboxedWorkflowRunner, Worker

ROUND_SIZE = 100


@activity.defn(name="nextRound")
async def next_round() -> None:
    return None


@workflow.defn(name="manyEvents")
class ManyEvents:
    @workflow.run
    async def run(self, min_events: int) -> int:
        while workflow.info().get_current_history_length() < min_events:
            for i in range(ROUND_SIZE):
                workflow.upsert_memo({"step": i})
            await workflow.execute_activity(
                next_round, start_to_close_timeout=timedelta(seconds=30)
            )
        return workflow.info().get_current_history_length()


async def main(address: str, namespace: str, workflow_id: str, min_events: int) -> None:
    client = await Client.connect(address, namespace=namespace)
    handle = client.get_workflow_handle(workflow_id)
    # One such run per dev server is enough: test files that ran earlier left it there.
    try:
        described = await handle.describe()
    except RPCError:
        described = None
    if described and described.status == WorkflowExecutionStatus.COMPLETED:
        print(f"{workflow_id}: {described.raw_description.workflow_execution_info.history_length} events", flush=True)
        return
    queue = f"many-events-{uuid.uuid4().hex[:8]}"
    async with Worker(
        client,
        task_queue=queue,
        workflows=[ManyEvents],
        activities=[next_round],
        # The sandbox costs ~50 ms of CPU per workflow task; this code imports nothing.
        workflow_runner=UnsandboxedWorkflowRunner(),
    ):
        if described and described.status == WorkflowExecutionStatus.RUNNING:
            # Another test file is making it; its worker (or ours, on its queue) finishes it.
            length = await handle.result()
        else:
            length = await client.execute_workflow(
                ManyEvents.run, min_events, id=workflow_id, task_queue=queue
            )
    print(f"{workflow_id}: {length} events", flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])))
    # The SDK's core threads can still release the GIL while the interpreter finalizes (a fatal
    # "PyGILState_Release ... finalizing" abort after a finished run, seen in CI): the work is
    # done and printed, so leave without finalizing. A failure above still exits non-zero.
    sys.stdout.flush()
    os._exit(0)
