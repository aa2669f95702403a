"""The Batch Operations handler: reprocess objects that are already in S3.

A LambdaInvoke job (invocation schema 1.0 or 2.0) calls this once per task and
reads a result code per task from the answer; ``newsclean.aws.batch`` parses
the invocation, runs each task through ``clean_object`` (the upload handler's
own job, so a backfilled object gets exactly the output an upload would) and
builds the answer. Configuration, read once at cold start
(``newsclean.aws.settings``):

    OUTPUT_BUCKET                 required; where outcomes (articles and rejection records) go
    INPUT_BUCKET                  required; tasks naming another bucket are refused (configuration)
    MAX_INPUT_BYTES               optional; objects above it are rejected unread (too_large)
    ENABLE_TRACING=true           optional; X-Ray tracing through Powertools' Tracer
    POWERTOOLS_SERVICE_NAME, POWERTOOLS_METRICS_NAMESPACE, POWERTOOLS_LOG_LEVEL

A task that raises something other than a transient S3 error (a bug, an AWS
error nobody classified) is logged with its traceback and answered as a
PermanentFailure naming the error: it lands in the completion report, and
re-running the failed tasks after the fix is one more job (see the README).
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from newsclean.aws.batch import (
    BatchOptions,
    BatchTask,
    InvalidUserArguments,
    ResultCode,
    TaskResult,
    batch_options,
    batch_response,
    failed_task,
    parse_invocation,
    run_task,
)
from newsclean.aws.function import LambdaFunction


class BatchHandler(LambdaFunction):
    """The Batch Operations function: ``handle`` answers an invocation, a result per task."""

    def handle(self, event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
        invocation = parse_invocation(event)
        self.logger.append_keys(job_id=invocation.job_id, invocation_id=invocation.invocation_id)
        self.metrics.add_metric(name="TasksReceived", unit=MetricUnit.Count, value=len(invocation.tasks))
        try:
            options = batch_options(invocation.user_arguments)
        except InvalidUserArguments as exc:
            arguments = dict(invocation.user_arguments)
            self.logger.error("Job has invalid userArguments", extra={"user_arguments": arguments})
            results = [failed_task(task, ResultCode.PERMANENT_FAILURE, exc) for task in invocation.tasks]
        else:
            results = [self.run_one(task, options) for task in invocation.tasks]
        for item in results:
            self.count(item)
        return batch_response(invocation, results)

    def run_one(self, task: BatchTask, options: BatchOptions) -> TaskResult:
        logger = self.logger
        with logger.append_context_keys(task_id=task.task_id, bucket=task.ref.bucket, key=task.ref.key):
            try:
                item = run_task(self.store, task, buckets=self.buckets, config=self.config, options=options)
            except Exception as exc:  # reported in the completion report, not retried: see the module docstring
                logger.exception("Task raised an unexpected error")
                return failed_task(task, ResultCode.PERMANENT_FAILURE, exc)
            if item.refused:
                logger.error("Task refused", extra={"reason": "configuration", "result_string": item.message})
                return item
            log = logger.info if item.code is ResultCode.SUCCEEDED else logger.warning
            log("Task done", extra={"result_code": item.code.value, "result_string": item.message})
            return item

    def count(self, item: TaskResult) -> None:
        metrics = self.metrics
        metrics.add_metric(name=f"Tasks{item.code.value}", unit=MetricUnit.Count, value=1)
        if item.refused:
            metrics.add_metric(name="TasksRefused", unit=MetricUnit.Count, value=1)
        if item.outcome is None:
            return
        if item.outcome.stale:
            metrics.add_metric(name="StaleEventsSkipped", unit=MetricUnit.Count, value=1)
        elif item.outcome.rejected:
            metrics.add_metric(name="Rejections", unit=MetricUnit.Count, value=1)
        else:
            metrics.add_metric(name="ArticlesWritten", unit=MetricUnit.Count, value=1)
