"""newsclean: raw scraped news pages in, clean structured articles out.

    >>> from newsclean import clean
    >>> article = clean(open("page.txt", "rb").read(), name="page.txt")
    >>> article.to_dict()["body"]

The core does no I/O and imports no AWS SDK; ``newsclean.aws`` holds the S3
adapter used by the Lambda handler and the local runner.
"""

from newsclean.config import DEFAULT_CONFIG, CleanerConfig
from newsclean.model import (
    SCHEMA_VERSION,
    Article,
    Block,
    Image,
    ReasonCode,
    RejectedInput,
    RejectReason,
    RemovedBlock,
    SourceInfo,
)
from newsclean.pipeline import clean

__all__ = [
    "DEFAULT_CONFIG",
    "SCHEMA_VERSION",
    "Article",
    "Block",
    "CleanerConfig",
    "Image",
    "ReasonCode",
    "RejectReason",
    "RejectedInput",
    "RemovedBlock",
    "SourceInfo",
    "clean",
]
