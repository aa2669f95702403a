"""What a Lambda handler reads from its environment at cold start, shared by every handler.

Each handler calls these once, at import time of the handler module (its cold
start), never per invocation; the core never reads the environment at all.

    OUTPUT_BUCKET          required; where outcomes (articles and rejection records) go
    INPUT_BUCKET           required; the one bucket whose objects are cleaned: events and
                           tasks naming any other are refused (configuration)
    MAX_INPUT_BYTES        optional; objects above it are rejected unread (too_large)
    ENABLE_TRACING=true    optional; X-Ray tracing through Powertools' Tracer
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from newsclean import DEFAULT_CONFIG, CleanerConfig


class ConfigurationError(RuntimeError):
    """The function is deployed or triggered wrongly; no retry will fix it."""


def required_env(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ConfigurationError(f"environment variable {name} is not set")
    return value


def cleaner_config() -> CleanerConfig:
    """``DEFAULT_CONFIG``, with ``MAX_INPUT_BYTES`` when it is set."""
    limit = os.environ.get("MAX_INPUT_BYTES", "").strip()
    if not limit:
        return DEFAULT_CONFIG
    if not limit.isdigit() or int(limit) == 0:
        raise ConfigurationError(f"MAX_INPUT_BYTES must be a positive number of bytes, not {limit!r}")
    return CleanerConfig(max_input_bytes=int(limit))


@dataclass(frozen=True, slots=True)
class Buckets:
    """The bucket whose objects are cleaned, and the bucket the outcomes go to."""

    input: str
    output: str

    def refusal(self, bucket: str) -> str | None:
        """Why an object of ``bucket`` may not be cleaned here, or None when it may."""
        if bucket == self.input:
            return None
        if bucket == self.output:
            return f"s3://{bucket} is OUTPUT_BUCKET: its objects are outcomes, and writing one would trigger us again"
        return f"s3://{bucket} is not INPUT_BUCKET ({self.input}): this function cleans that bucket's objects only"


def buckets() -> Buckets:
    """``INPUT_BUCKET`` and ``OUTPUT_BUCKET``, refused when they are the same bucket.

    Writing into the bucket that triggers the function would trigger it again, forever.
    """
    output = required_env("OUTPUT_BUCKET")
    source = required_env("INPUT_BUCKET")
    if source == output:
        raise ConfigurationError(f"INPUT_BUCKET and OUTPUT_BUCKET are both {output!r}: a recursive trigger")
    return Buckets(input=source, output=output)


def tracing() -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Powertools' Tracer when ENABLE_TRACING=true, else a decorator that does nothing.

    Measured on the dev machine (Python 3.11, Powertools 3.37, aws-xray-sdk
    2.15, median of 21 fresh interpreters): the Tracer class costs nothing
    extra, since importing aws_lambda_powertools loads it anyway (~1 ms), but
    creating a Tracer imports aws_xray_sdk and patches botocore, adding about
    135 ms to a cold start. So it is created only when asked for.
    """
    if os.environ.get("ENABLE_TRACING", "").strip().lower() != "true":
        return lambda handler: handler
    from aws_lambda_powertools import Tracer

    try:
        return Tracer().capture_lambda_handler
    except ModuleNotFoundError as exc:  # the X-Ray SDK is an optional extra of Powertools
        raise ConfigurationError("ENABLE_TRACING=true needs aws-xray-sdk (aws-lambda-powertools[tracer])") from exc
