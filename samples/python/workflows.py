import asyncio
from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ApplicationError

with workflow.unsafe.imports_passed_through():
    from activities import compose_greeting, flaky_step, wait_for_external_completion


@workflow.defn(name="greeting")
class Greeting:
    """Greets one person."""

    @workflow.run
    async def run(self, name: str) -> str:
        return await workflow.execute_activity(
            compose_greeting,
            args=["Hello", name],
            start_to_close_timeout=timedelta(seconds=10),
        )


@workflow.defn(name="counter")
class Counter:
    """Holds a number that signals and updates change; returns it when told to finish."""

    @workflow.init
    def __init__(self, initial: int) -> None:
        # Set here rather than in run() so a signal delivered with the start sees it.
        self._value = initial
        self._finished = False

    @workflow.run
    async def run(self, initial: int) -> int:
        await workflow.wait_condition(lambda: self._finished)
        # Let an update that arrived together with `finish` reply before the run closes.
        await workflow.wait_condition(workflow.all_handlers_finished)
        return self._value

    @workflow.signal(name="increment")
    def increment(self, by: int = 1) -> None:
        self._value += by

    @workflow.signal(name="finish")
    def finish(self) -> None:
        self._finished = True

    @workflow.query(name="value")
    def value(self) -> int:
        return self._value

    @workflow.update(name="setValue")
    def set_value(self, n: int) -> int:
        previous = self._value
        self._value = n
        return previous

    @set_value.validator
    def validate_set_value(self, n: int) -> None:
        if n < 0:
            raise ValueError("value must be >= 0")


@workflow.defn(name="longTimer")
class LongTimer:
    """Sleeps on a durable timer (an hour unless told otherwise)."""

    @workflow.run
    async def run(self, seconds: float = 3600) -> str:
        await asyncio.sleep(seconds)
        return "done"


@workflow.defn(name="failing")
class Failing:
    """Fails the run at once; retrying would not help, so the failure is non-retryable."""

    @workflow.run
    async def run(self, message: str) -> None:
        raise ApplicationError(message, type="SampleError", non_retryable=True)


@workflow.defn(name="continueAsNewLoop")
class ContinueAsNewLoop:
    """Starts a fresh run per iteration, leaving a chain of runs behind."""

    @workflow.run
    async def run(self, iteration: int, stop_at: int) -> int:
        if iteration >= stop_at:
            return iteration
        workflow.continue_as_new(args=[iteration + 1, stop_at])


@workflow.defn(name="parentWithChildren")
class ParentWithChildren:
    """Runs `count` greeting children side by side and collects their results in order."""

    @workflow.run
    async def run(self, count: int) -> list[str]:
        parent_id = workflow.info().workflow_id
        return list(
            await asyncio.gather(
                *(
                    workflow.execute_child_workflow(
                        Greeting.run, f"child-{i}", id=f"{parent_id}-child-{i}"
                    )
                    for i in range(count)
                )
            )
        )


@workflow.defn(name="asyncActivity")
class AsyncActivity:
    """Waits for an activity that someone else completes with its task token."""

    @workflow.run
    async def run(self, input: str) -> str:
        # Completed from outside the worker, so the timeout is long and there is no heartbeat.
        return await workflow.execute_activity(
            wait_for_external_completion,
            input,
            activity_id="external-1",
            start_to_close_timeout=timedelta(hours=1),
            retry_policy=RetryPolicy(maximum_attempts=1),
        )


@workflow.defn(name="executionTour")
class ExecutionTour:
    """Leaves every kind of event the execution view shows: a retried activity, a timer, a
    child, a signal (`proceed`) and an update (`setNote`); then fails with a stack trace."""

    def __init__(self) -> None:
        self._note = ""
        self._proceed = False

    @workflow.run
    async def run(self, succeed_on_attempt: int) -> None:
        await workflow.execute_activity(
            flaky_step,
            succeed_on_attempt,
            start_to_close_timeout=timedelta(seconds=10),
            # Retries fast so the retried activity takes well under a second.
            retry_policy=RetryPolicy(
                initial_interval=timedelta(milliseconds=50), backoff_coefficient=1, maximum_attempts=5
            ),
        )
        await asyncio.sleep(0.1)
        await workflow.execute_child_workflow(
            Greeting.run, "tour", id=f"{workflow.info().workflow_id}-child"
        )
        await workflow.wait_condition(lambda: self._proceed)
        await workflow.wait_condition(workflow.all_handlers_finished)
        raise ApplicationError(f"tour ended (note: {self._note})", type="TourFailure", non_retryable=True)

    @workflow.signal(name="proceed")
    def proceed(self) -> None:
        self._proceed = True

    @workflow.update(name="setNote")
    def set_note(self, note: str) -> str:
        previous = self._note
        self._note = note
        return previous
