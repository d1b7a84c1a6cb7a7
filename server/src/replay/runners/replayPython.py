"""Replays workflow histories against the workspace's own workflow code with the workspace's own
temporalio (never the extension's). Shipped with the extension and run by the language server
(or under debugpy) with the workspace's interpreter:
    python replayPython.py <job.json> <result.json>
job: {"module": "/abs/workflows.py", "histories": [{"workflowId", "runId", "history"}]}
result: {"sdk": version, "results": [{"workflowId", "runId", "ok", "kind"?, "message"?}]}
     or {"missingSdk": message}
"""

import asyncio
import importlib
import inspect
import json
import os
import sys
import traceback


def write(path, result):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(result, f)


def workflow_classes(module):
    # Every class the SDK accepts as a workflow (decorated with @workflow.defn).
    return [
        cls
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if getattr(cls, "__temporal_workflow_definition", None) is not None
        and cls.__module__ == module.__name__
    ]


async def replay(job):
    from temporalio import workflow
    from temporalio.client import WorkflowHistory
    from temporalio.worker import Replayer

    module_path = job["module"]
    sys.path.insert(0, os.path.dirname(module_path))
    module = importlib.import_module(os.path.splitext(os.path.basename(module_path))[0])
    # Under the debugger: no deadlock detection while paused at a breakpoint (nor sandbox).
    debug = os.environ.get("TEMPORAL_REPLAY_DEBUG") == "1"
    replayer = Replayer(workflows=workflow_classes(module), debug_mode=debug)
    histories = [
        WorkflowHistory.from_json(h["workflowId"], h["history"]) for h in job["histories"]
    ]
    async def each():
        for h in histories:
            yield h

    results = []
    async with replayer.workflow_replay_iterator(each()) as replayed:
        async for r in replayed:
            entry = {
                "workflowId": r.history.workflow_id,
                "runId": r.history.run_id,
                "ok": r.replay_failure is None,
            }
            if r.replay_failure is not None:
                failure = r.replay_failure
                entry["kind"] = (
                    "nondeterminism"
                    if isinstance(failure, workflow.NondeterminismError)
                    else "failure"
                )
                entry["message"] = str(failure)
            results.append(entry)
    return results


def main():
    job_file, result_file = sys.argv[1:3]
    with open(job_file, encoding="utf-8") as f:
        job = json.load(f)
    try:
        import temporalio
    except ImportError:
        write(
            result_file,
            {
                "missingSdk": f"temporalio is not installed in {sys.executable} "
                "(pip install temporalio in the workspace's environment)"
            },
        )
        return
    try:
        results = asyncio.run(replay(job))
        write(result_file, {"sdk": temporalio.__version__, "results": results})
    except Exception:
        write(result_file, {"error": traceback.format_exc()})


if __name__ == "__main__":
    main()
