"""What both Lambda handlers are made of: settings, the S3 adapter, Powertools' logger and metrics.

Built once, at cold start (``from_environment``); each handler adds its ``handle``, which
``lambda_handler`` wraps in Powertools' Lambda context, metrics and, when enabled, tracing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, Self

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.utilities.typing import LambdaContext

from newsclean import CleanerConfig
from newsclean.aws.s3 import S3Store, make_s3_client
from newsclean.aws.settings import Buckets, buckets, cleaner_config, tracing


def untraced(handler: Callable[..., Any]) -> Callable[..., Any]:
    return handler


class LambdaFunction:
    """A handler's parts and its ``lambda_handler``; subclasses implement ``handle``."""

    def __init__(
        self,
        *,
        buckets: Buckets,
        config: CleanerConfig,
        store: S3Store,
        logger: Logger,
        metrics: Metrics,
        trace: Callable[[Callable[..., Any]], Callable[..., Any]] = untraced,
    ) -> None:
        self.buckets = buckets
        self.config = config
        self.store = store
        self.logger = logger
        self.metrics = metrics
        inner = logger.inject_lambda_context(clear_state=True)(metrics.log_metrics(self.handle))
        self.lambda_handler: Callable[[Any, LambdaContext], dict[str, Any]] = trace(inner)

    @classmethod
    def from_environment(cls) -> Self:
        """Built from the environment (``newsclean.aws.settings``); a ``ConfigurationError`` when it is wrong."""
        config = cleaner_config()
        return cls(
            buckets=buckets(),
            config=config,
            store=S3Store(make_s3_client(), max_object_bytes=config.max_input_bytes),
            logger=Logger(),
            metrics=Metrics(namespace=os.environ.get("POWERTOOLS_METRICS_NAMESPACE", "newsclean")),
            trace=tracing(),
        )

    def handle(self, event: Any, context: LambdaContext) -> dict[str, Any]:
        raise NotImplementedError
