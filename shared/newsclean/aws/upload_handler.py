"""The upload handler: S3 "object created" events in, each object's outcome out.

Event plumbing only — parse the event, then ``newsclean.aws.job.clean_object``
reads, cleans and writes each object. ``functions/clean_article/app.py``, the
code SAM deploys, only binds ``UploadHandler.from_environment().lambda_handler``;
run-local, redrive --local and the tests run this same code. Configuration is
read once, at cold start (``newsclean.aws.settings``, shared with the Batch
Operations handler):

    OUTPUT_BUCKET                 required; where outcomes (articles and rejection records) go
    INPUT_BUCKET                  required; the one bucket whose events are processed
    MAX_INPUT_BYTES               optional; objects above it are rejected unread (too_large)
    ENABLE_TRACING=true           optional; X-Ray tracing through Powertools' Tracer
    POWERTOOLS_SERVICE_NAME, POWERTOOLS_METRICS_NAMESPACE, POWERTOOLS_LOG_LEVEL

Transient S3 errors escape so that Lambda retries the event; each key has one
outcome object, and a retried or redelivered event rewrites it only when no
newer version's outcome is there (``newsclean.aws.job``). Every
exception that fails an invocation is logged with its reason code
(``FailureReason``) and counted as ``Failures`` by reason before it escapes;
after two retries Lambda sends the event to the on-failure destination. An
event that is not a well-formed S3 notification, or that names a bucket other
than INPUT_BUCKET, fails the same way (``configuration``) before anything is
read or written, so it waits in that destination instead of vanishing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from aws_lambda_powertools import Metrics
from aws_lambda_powertools.metrics import EphemeralMetrics, MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from newsclean.aws.events import EventRecord
from newsclean.aws.function import LambdaFunction
from newsclean.aws.job import ObjectRef, Outcome, clean_object, failure_reason
from newsclean.aws.settings import ConfigurationError


class UploadHandler(LambdaFunction):
    """The upload function: ``handle`` turns an S3 notification into each object's outcome."""

    def handle(self, event: Any, context: LambdaContext) -> dict[str, Any]:
        with self.failure_recorded():
            records = self.event_records(event)
            self.metrics.add_metric(name="RecordsReceived", unit=MetricUnit.Count, value=len(records))
            self.refuse_other_buckets([record.ref for record in records])
        counts: Counter[str] = Counter()
        for record in records:
            ref = record.ref
            with self.logger.append_context_keys(bucket=ref.bucket, key=ref.key), self.failure_recorded():
                counts.update(self.handle_record(ref, record.event_name))
        return summary(counts)

    def event_records(self, event: Any) -> list[EventRecord]:
        """The event's records; none for the s3:TestEvent S3 sends when notifications are configured.

        Anything but an S3 notification is a ``ConfigurationError``: another trigger is wired to
        this function, and the event should wait in the failure destination, not be dropped.
        """
        if not isinstance(event, dict):
            raise ConfigurationError(f"the event is a {type(event).__name__}, not an S3 notification")
        if event.get("Event") == "s3:TestEvent":
            self.logger.info("Ignoring s3:TestEvent", extra={"bucket": event.get("Bucket")})
            return []
        records = event.get("Records")
        if not isinstance(records, list):
            keys = ", ".join(sorted(str(key) for key in event)[:8])
            raise ConfigurationError(f"not an S3 notification (top-level keys: {keys})")
        if not records:
            self.logger.warning("Event has no records")
            self.metrics.add_metric(name="EmptyEvents", unit=MetricUnit.Count, value=1)
        return [EventRecord.of(record) for record in records]

    @contextmanager
    def failure_recorded(self) -> Iterator[None]:
        """Log and count the exception that fails this invocation, then let it fail it."""
        try:
            yield
        except Exception as exc:
            reason = failure_reason(exc)
            self.logger.exception("Invocation failed", extra={"reason": str(reason), "error_type": type(exc).__name__})
            self.metrics.add_metric(name="Failures", unit=MetricUnit.Count, value=1)
            count_by_reason(self.metrics, "Failures", str(reason))
            raise

    def refuse_other_buckets(self, refs: list[ObjectRef]) -> None:
        """Fail the whole event, before any of it is read or written, if a record names a bucket not ours."""
        for ref in refs:
            refusal = self.buckets.refusal(ref.bucket)
            if refusal is not None:
                raise ConfigurationError(f"event for s3://{ref.bucket}/{ref.key} refused: {refusal}")

    def handle_record(self, ref: ObjectRef, event_name: str) -> list[str]:
        logger, metrics = self.logger, self.metrics
        if not event_name.startswith("ObjectCreated:"):
            logger.info("Skipping event that is not an object creation", extra={"event_name": event_name})
            return ["skipped"]
        if ref.key.endswith("/"):
            logger.info("Skipping folder placeholder")
            return ["skipped"]
        outcome = clean_object(self.store, ref, output_bucket=self.buckets.output, config=self.config)
        if outcome.stale:
            logger.info(
                "Stale event skipped: the key's outcome comes from a newer version",
                extra={"version_id": ref.version_id, "sequencer": ref.sequencer, "output_key": outcome.output_key},
            )
            metrics.add_metric(name="StaleEventsSkipped", unit=MetricUnit.Count, value=1)
            return ["skipped", "stale"]
        if outcome.rejected:
            self.record_rejection(outcome)
            return ["rejected", f"reason:{outcome.reason}"]
        metrics.add_metric(name="ArticlesWritten", unit=MetricUnit.Count, value=1)
        metrics.add_metric(name="BlocksRemoved", unit=MetricUnit.Count, value=outcome.blocks_removed)
        logger.info(
            "Article written", extra={"output_key": outcome.output_key, "blocks_removed": outcome.blocks_removed}
        )
        return ["articles"]

    def record_rejection(self, outcome: Outcome) -> None:
        """A warning log line, the Rejections total, and Rejections by reason (its own EMF blob,
        since dimensions apply to every metric in a blob)."""
        self.logger.warning(
            "Object rejected",
            extra={"reason": outcome.reason, "reason_message": outcome.message, "output_key": outcome.output_key},
        )
        self.metrics.add_metric(name="Rejections", unit=MetricUnit.Count, value=1)
        count_by_reason(self.metrics, "Rejections", str(outcome.reason))


def count_by_reason(metrics: Metrics, name: str, reason: str) -> None:
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
        "stale": counts["stale"],
        "rejections_by_reason": reasons,
    }
