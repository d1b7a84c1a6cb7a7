import base64
import os
import uuid
from pathlib import Path

from temporalio import activity


@activity.defn(name="composeGreeting")
async def compose_greeting(greeting: str, name: str) -> str:
    """Builds the greeting text; kept in an activity so the greeting workflow has one to show."""
    return f"{greeting}, {name}!"


@activity.defn(name="waitForExternalCompletion")
async def wait_for_external_completion(input: str) -> str:
    """Hands its task token to someone outside the worker and returns without a result.

    The activity stays open until that party completes (or fails/cancels) it by token.
    """
    info = activity.info()
    token = base64.b64encode(info.task_token).decode("ascii")
    fixture_dir = os.environ.get("TEMPORAL_TEST_FIXTURE_DIR")
    if fixture_dir and info.workflow_id:
        # Write then rename, so a reader never sees a half-written token.
        target = Path(fixture_dir) / f"{info.workflow_id}.token"
        partial = target.with_name(f"{target.name}.{uuid.uuid4().hex}.tmp")
        partial.write_text(token)
        partial.replace(target)
    activity.logger.info("Waiting for external completion of %r", input)
    activity.raise_complete_async()


@activity.defn(name="flakyStep")
async def flaky_step(succeed_on_attempt: int) -> str:
    """Fails on purpose until the given attempt, so its workflow shows an activity retry."""
    attempt = activity.info().attempt
    if attempt < succeed_on_attempt:
        raise RuntimeError(f"attempt {attempt} fails on purpose")
    return f"succeeded on attempt {attempt}"
