"""Lambda entry point: S3 "object created" events in, clean article JSON out.

Event plumbing only — parse the event, then ``newsclean.aws.job.clean_object``
reads, cleans and writes each object. Configuration is read once, at cold start
(``newsclean.aws.settings``, shared with the Batch Operations handler):

    OUTPUT_BUCKET                 required; where articles and rejection records go
    INPUT_BUCKET                  optional; the triggering bucket, checked against OUTPUT_BUCKET at start
    MAX_INPUT_BYTES               optional; objects above it are rejected unread (too_large)
    ENABLE_TRACING=true           optional; X-Ray tracing through Powertools' Tracer
    POWERTOOLS_SERVICE_NAME, POWERTOOLS_METRICS_NAMESPACE, POWERTOOLS_LOG_LEVEL

Transient S3 errors escape so that Lambda retries the event; outputs have
deterministic keys, so a retried or redelivered event overwrites them. Every
exception that fails an invocation is logged with its reason code
(``FailureReason``) and counted as ``Failures`` by reason before it escapes;
after two retries Lambda sends the event to the on-failure destination. An
event that is not an S3 notification fails the same way (``configuration``),
so it waits in that destination instead of vanishing.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import EphemeralMetrics, MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from newsclean.aws.events import EventRecord
from newsclean.aws.job import ObjectRef, Outcome, clean_object, failure_reason
from newsclean.aws.s3 import S3Store, make_s3_client
from newsclean.aws.settings import ConfigurationError, cleaner_config, output_bucket, tracing

OUTPUT_BUCKET = output_bucket()
CONFIG = cleaner_config()
STORE = S3Store(make_s3_client(), max_object_bytes=CONFIG.max_input_bytes)
logger = Logger()
metrics = Metrics(namespace=os.environ.get("POWERTOOLS_METRICS_NAMESPACE", "newsclean"))


@tracing()
@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    with failure_recorded():
        records = event_records(event)
        metrics.add_metric(name="RecordsReceived", unit=MetricUnit.Count, value=len(records))
        refuse_recursive_trigger([record.ref for record in records])
    counts: Counter[str] = Counter()
    for record in records:
        ref = record.ref
        with logger.append_context_keys(bucket=ref.bucket, key=ref.key), failure_recorded():
            counts.update(handle(ref, record.event_name))
    return summary(counts)


def event_records(event: Any) -> list[EventRecord]:
    """The event's records; none for the s3:TestEvent S3 sends when notifications are configured.

    Anything but an S3 notification is a ``ConfigurationError``: another trigger is wired to
    this function, and the event should wait in the failure destination, not be dropped.
    """
    if not isinstance(event, dict):
        raise ConfigurationError(f"the event is a {type(event).__name__}, not an S3 notification")
    if event.get("Event") == "s3:TestEvent":
        logger.info("Ignoring s3:TestEvent", extra={"bucket": event.get("Bucket")})
        return []
    records = event.get("Records")
    if not isinstance(records, list) or not all(
        isinstance(record, dict) and record.get("eventSource") == "aws:s3" for record in records
    ):
        raise ConfigurationError(f"not an S3 notification (top-level keys: {', '.join(sorted(event)[:8])})")
    return [EventRecord.of(record) for record in records]


@contextmanager
def failure_recorded() -> Iterator[None]:
    """Log and count the exception that fails this invocation, then let it fail it."""
    try:
        yield
    except Exception as exc:
        reason = failure_reason(exc)
        logger.exception("Invocation failed", extra={"reason": str(reason), "error_type": type(exc).__name__})
        metrics.add_metric(name="Failures", unit=MetricUnit.Count, value=1)
        count_by_reason("Failures", str(reason))
        raise


def refuse_recursive_trigger(refs: list[ObjectRef]) -> None:
    for ref in refs:
        if ref.bucket == OUTPUT_BUCKET:
            raise ConfigurationError(
                f"event for s3://{ref.bucket}/{ref.key}: the input bucket is OUTPUT_BUCKET; "
                "writing there would trigger this function again"
            )


def handle(ref: ObjectRef, event_name: str) -> list[str]:
    if not event_name.startswith("ObjectCreated:"):
        logger.info("Skipping event that is not an object creation", extra={"event_name": event_name})
        return ["skipped"]
    if ref.key.endswith("/"):
        logger.info("Skipping folder placeholder")
        return ["skipped"]
    outcome = clean_object(STORE, ref, output_bucket=OUTPUT_BUCKET, config=CONFIG)
    if outcome.stale_kept:
        logger.error(
            "Stale outcome kept: S3 refused to delete it; grant s3:DeleteObject on the output bucket",
            extra={"reason": "stale_outcome_kept", "stale_key": outcome.stale_kept, "output_key": outcome.output_key},
        )
        metrics.add_metric(name="StaleOutcomesKept", unit=MetricUnit.Count, value=1)
    if outcome.rejected:
        record_rejection(outcome)
        return ["rejected", f"reason:{outcome.reason}"]
    metrics.add_metric(name="ArticlesWritten", unit=MetricUnit.Count, value=1)
    metrics.add_metric(name="BlocksRemoved", unit=MetricUnit.Count, value=outcome.blocks_removed)
    logger.info("Article written", extra={"output_key": outcome.output_key, "blocks_removed": outcome.blocks_removed})
    return ["articles"]


def record_rejection(outcome: Outcome) -> None:
    """A warning log line, the Rejections total, and Rejections by reason (its own EMF blob,
    since dimensions apply to every metric in a blob)."""
    logger.warning(
        "Object rejected",
        extra={"reason": outcome.reason, "reason_message": outcome.message, "output_key": outcome.output_key},
    )
    metrics.add_metric(name="Rejections", unit=MetricUnit.Count, value=1)
    count_by_reason("Rejections", str(outcome.reason))


def count_by_reason(name: str, reason: str) -> None:
    """One count of metric ``name`` with a ``reason`` dimension, in its own EMF blob."""
    by_reason = EphemeralMetrics(namespace=metrics.namespace, service=metrics.service)
    by_reason.add_dimension(name="reason", value=reason)
    by_reason.add_metric(name=name, unit=MetricUnit.Count, value=1)
    by_reason.flush_metrics()


def summary(counts: Counter[str]) -> dict[str, Any]:
    reasons = {name.removeprefix("reason:"): n for name, n in sorted(counts.items()) if name.startswith("reason:")}
    return {
        "articles": counts["articles"],
        "rejected": counts["rejected"],
        "skipped": counts["skipped"],
        "rejections_by_reason": reasons,
    }
