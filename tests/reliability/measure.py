"""Clean one catalogue input in a fresh process and print its outcome, time and peak memory as JSON.

    python -m tests.reliability.measure "10 MB single line"

The process first imports what the Lambda handler has loaded besides the cleaner
(the S3 adapter with botocore, Powertools), and an article is serialized as the
function writes it, so that its peak resident memory compares with the function's
memory size. Run by ``conftest.measured`` for the catalogue's heavy inputs.
"""

from __future__ import annotations

import json
import resource
import sys
import time

from aws_lambda_powertools import Logger, Metrics  # noqa: F401 — loaded for its memory, as in the function

from newsclean import RejectedInput, clean
from newsclean.aws.s3 import json_bytes
from tests.reliability.catalogue import ARTICLE, BY_NAME


def measure(name: str) -> dict[str, object]:
    case = BY_NAME[name]
    data = case.make()
    started = time.perf_counter()
    try:
        article = clean(data, name=case.filename, content_type=case.content_type)
    except RejectedInput as rejection:
        outcome, check = rejection.reason.value, True
    else:
        outcome, check = ARTICLE, case.check(article) and bool(json_bytes(article.to_dict()))
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {"outcome": outcome, "check": check, "seconds": seconds, "peak_mib": peak_kib / 1024, "bytes": len(data)}


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1])))
