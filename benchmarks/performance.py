"""Performance of the deployed path, in one run: cold start, warm time per object, memory, growth, cost.

    .venv/bin/python benchmarks/performance.py                  # ../shared/corpus/dev
    .venv/bin/python benchmarks/performance.py --corpus DIR --cold-runs 9 --limit 100

Every figure is the real upload handler (functions/clean_article/app.py)
handed an S3 event, on this machine's CPU:

* cold start: a fresh interpreter imports the handler module (botocore,
  Powertools, newsclean: Lambda's init) and runs its first invocation, its S3
  requests answered at botocore's HTTP layer (``CHILD``: no network, no moto);
  median of --cold-runs processes;
* warm time per object, for every corpus page as text (page.txt) and as HTML
  (page.html), reading the object from and writing its output to moto's
  in-process S3: from the event to the written output, median and p95, with
  clean() alone, the S3 calls (botocore and moto) and the rest of the handler
  (event, logs, metrics, JSON) beside it;
* peak memory for a 10 MB object, in a fresh process answered as for the cold
  start: the handler's resident size after import plus what the invocation
  added;
* growth from 10 KB to 10 MB: the exponent b of time ~ size^b, fitted by
  least squares on log-log; for the corpus pages as they are, and with lines
  of long runs near the start (``LONG_RUNS``: credit lines with a dash or a
  comma run, dashes before a bracket, a byline with a run of spaces; in HTML
  a paragraph each), each a fixed share of the object: a pattern that reads
  a run again from each of its characters takes quadratic time on them
  (issue 15), and its curve would show it;
* cost per million objects at the template's MemorySize, from the prices
  below. Lambda gives a function MemorySize/1769 of a vCPU, so the measured
  (one full core) time is stretched by 1769/MemorySize to estimate the billed
  duration of a CPU-bound call; time spent waiting for S3 is not in a moto
  run and is shown as a separate, assumed figure.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import quote_plus

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "dev"
HANDLER = REPO / "functions" / "clean_article" / "app.py"
TEMPLATE = REPO / "template.yaml"
INPUT_BUCKET = "perf-input"
OUTPUT_BUCKET = "perf-output"
REGION = "us-east-1"

# Targets from issue 7.
TARGET_COLD_MS = 300
TARGET_WARM_TEXT_MS = 5
TARGET_PEAK_MB = 256
TARGET_EXPONENT = 1.1

# Prices in us-east-1, taken on 2026-11-25 from the pricing pages as indexed
# by the search tool (AWS renders its pricing tables in the browser, so these
# come from copies of the Lambda and S3 pricing pages and articles quoting
# them, not from the live tables: check them before relying on the totals).
PRICES_TAKEN = "2026-11-25 (us-east-1; secondary copies of the AWS pricing pages, unverified against the live tables)"
LAMBDA_ARM_PER_GB_SECOND = 0.0000133334  # first 7.5 billion GB-s a month
LAMBDA_PER_REQUEST = 0.20 / 1_000_000
S3_STANDARD_PER_GET = 0.0004 / 1000
S3_STANDARD_PER_PUT = 0.005 / 1000
BATCH_OPERATIONS_PER_TASK = 1.00 / 1_000_000  # plus 0.25 USD per job
# Lambda: 1,769 MB of memory buys one full vCPU; less buys a share of one.
MB_PER_VCPU = 1769
# Assumed, not measured: S3 in the same region answers a small GET and a small
# PUT in roughly 15 ms each. moto answers in microseconds, so this is added
# separately to show what waiting on S3 costs.
ASSUMED_S3_WAIT_MS = 30.0

TEN_MB = 10_000_000  # under the 10 MiB input limit
# MemorySize values compared in the report (1,769 MB buys a whole vCPU).
MEMORY_CANDIDATES = (256, 384, 512, 768, 1024, 1769)
GROWTH_SIZES = (10_000, 30_000, 100_000, 300_000, 1_000_000, 3_000_000, TEN_MB)
CHILD_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": REGION,
    "OUTPUT_BUCKET": OUTPUT_BUCKET,
    "INPUT_BUCKET": INPUT_BUCKET,
    "POWERTOOLS_SERVICE_NAME": "newsclean",
    "POWERTOOLS_METRICS_NAMESPACE": "NewsClean",
    # As deployed: INFO logs and EMF metrics are written for every object.
    "POWERTOOLS_LOG_LEVEL": "INFO",
    "ENABLE_TRACING": "false",
}

# Runs in a fresh interpreter. Nothing but sys and time is imported before the
# clock starts. S3 is then stood in for at botocore's HTTP layer (its
# "before-send" event, where moto hooks in too): every request the handler's
# own client makes is built, signed and checksummed, and every answer parsed,
# as against S3, but nothing is sent and no server runs in the process. moto
# would hold its own copies of each body it is sent (~75 MB more at the peak
# for a 10 MB dump's 22 MB article) that are not in the function's process on
# Lambda. The object's body is handed over as a fresh copy, as a socket read
# makes one; the stand-in's own copy, read before the peak is reset, is left out.
CHILD = r"""
import time
T0 = time.perf_counter()
WALL0 = time.time()
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("app", sys.argv[1])
app = importlib.util.module_from_spec(spec)
spec.loader.exec_module(app)
T1 = time.perf_counter()

def rss_kb(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])

RSS_AFTER_IMPORT = rss_kb("VmRSS")
import io
from botocore.awsrequest import AWSResponse
BODY = open(sys.argv[2], "rb").read()
KEY = "bench/" + sys.argv[2].rsplit("/", 1)[-1]

class Raw:
    def __init__(self, data=b""):
        self.source = io.BytesIO(data)
    def read(self, amt=None):
        return bytes(memoryview(self.source.read(amt)))
    def stream(self, **kwargs):
        yield self.read()
    def close(self):
        pass

def answer(request, **kwargs):
    if request.method == "GET":
        headers = {"Content-Length": str(len(BODY)), "ETag": '"bench"', "Content-Type": "application/octet-stream"}
        return AWSResponse(request.url, 200, headers, Raw(BODY))
    return AWSResponse(request.url, 204 if request.method == "DELETE" else 200, {"ETag": '"output"'}, Raw())

app.HANDLER.store.client.meta.events.register("before-send.s3", answer)
event = json.loads(sys.argv[3].replace("@KEY@", KEY).replace("@ETAG@", "bench"))

class Context:
    function_name = "perf"; memory_limit_in_mb = 512; aws_request_id = "perf"
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:perf"

reset = True
try:
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")  # resets the peak resident size (VmHWM)
except OSError:
    reset = False
RSS_BEFORE = rss_kb("VmRSS")
T2 = time.perf_counter()
result = app.lambda_handler(event, Context())
T3 = time.perf_counter()
print("RESULT " + json.dumps({
    "wall_start": WALL0, "import_ms": (T1 - T0) * 1000, "first_ms": (T3 - T2) * 1000,
    "rss_after_import_kb": RSS_AFTER_IMPORT, "rss_before_kb": RSS_BEFORE,
    "peak_kb": rss_kb("VmHWM"), "peak_reset": reset, "result": result,
}))
"""


@dataclass(frozen=True)
class Stats:
    median: float
    p95: float
    count: int

    @classmethod
    def of(cls, values: list[float]) -> Stats:
        ordered = sorted(values)
        return cls(statistics.median(ordered), ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)], len(ordered))


# ---------------------------------------------------------------- inputs


def corpus_pages(corpus: Path, limit: int | None) -> list[Path]:
    folders = sorted(p for p in corpus.iterdir() if (p / "page.txt").is_file() and (p / "page.html").is_file())
    if not folders:
        raise SystemExit(f"performance: no pages with page.txt and page.html in {corpus}")
    return folders[:limit] if limit else folders


def synthetic(pages: list[Path], kind: str, size: int) -> bytes:
    """A document of about ``size`` bytes made of corpus pages: their text dumps one after another,
    or one HTML page holding each page's lines as paragraphs under its own heading.

    (Whole pages' markup concatenated to 10 MB is refused as too_complex by the
    parser's work bound, so it would measure a rejection, not a cleaning.)
    """
    parts: list[bytes] = []
    total = 0
    for source in cycle(pages):
        part = (source / "page.txt").read_bytes()
        if kind == "html":
            part = as_html(part)
        parts.append(part)
        total += len(part)
        if total >= size:
            break
    blob = b"\n\n".join(parts)
    if kind == "html":
        blob = b"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Archive</title></head><body>" + blob
    cut = blob.rfind(b"\n", 0, size)
    blob = blob[: cut if cut > size // 2 else size]
    return blob + (b"</body></html>" if kind == "html" else b"")


# Lines of a dump per paragraph of the HTML made of it: one line a paragraph would give a 10 MB
# object over 400,000 tags, past the parser's work bound (``max_html_work``), so it would
# measure a rejection; three keep it near 150,000.
LINES_PER_PARAGRAPH = 3


def as_html(dump: bytes) -> bytes:
    """A text dump as an article: its first line a heading, the others paragraphs of
    ``LINES_PER_PARAGRAPH`` lines (a line break inside a paragraph is a space)."""
    lines = [html.escape(line.strip()) for line in dump.decode("utf-8", "replace").splitlines() if line.strip()]
    if not lines:
        return b""
    rest = lines[1:]
    groups = (
        "\n".join(rest[start : start + LINES_PER_PARAGRAPH]) for start in range(0, len(rest), LINES_PER_PARAGRAPH)
    )
    paragraphs = "".join(f"<p>{group}</p>\n" for group in groups)
    return f"<article><h2>{lines[0]}</h2>\n{paragraphs}</article>".encode()


# Lines of long runs, each this share of the object, so that a run grows with it (issue 15:
# a 16 kB credit line with a dash run once took 15 s to clean).
LONG_RUN_SHARE = 0.02
LONG_RUNS: tuple[Callable[[int], str], ...] = (
    lambda length: "Residents listed their complaints " + "- " * (length // 2) + ":",
    lambda length: "Residents listed their complaints " + ", " * (length // 2) + ":",
    lambda length: "Residents listed their complaints " + "-" * length + ")",
    lambda length: "By Ida Brook" + " " * length + "| May 5, 2024",
)
# Where they go: after the document's opening lines (a text dump's) or its first heading (HTML's),
# among the lines where the cleaner looks for bylines, credits and the standfirst.
OPENING_LINES = 4


def with_long_runs(pages: list[Path], kind: str, size: int) -> bytes:
    """``synthetic`` of about ``size`` bytes with the ``LONG_RUNS`` lines near its start, each
    ``LONG_RUN_SHARE`` of ``size``."""
    length = int(size * LONG_RUN_SHARE)
    lines = [make(length) for make in LONG_RUNS]
    body = synthetic(pages, kind, size - len(lines) * length)
    if kind == "html":
        cut = body.index(b"</h2>\n") + len(b"</h2>\n")
        return body[:cut] + "".join(f"<p>{html.escape(line)}</p>\n" for line in lines).encode() + body[cut:]
    opening = body.split(b"\n", OPENING_LINES)
    return b"\n".join([*opening[:OPENING_LINES], *(line.encode() for line in lines), *opening[OPENING_LINES:]])


def cycle(items: list[Path]) -> Iterator[Path]:
    while True:
        yield from items


def s3_event(key: str, etag: str, size: int, version_id: str | None = None) -> dict[str, Any]:
    """The S3 put notification for ``key``, its key URL-encoded as S3 sends it."""
    obj: dict[str, Any] = {"key": quote_plus(key, safe="/@"), "size": size, "eTag": etag, "sequencer": "0A"}
    if version_id:
        obj["versionId"] = version_id
    return {
        "Records": [
            {
                "eventVersion": "2.1",
                "eventSource": "aws:s3",
                "awsRegion": REGION,
                "eventTime": "2026-11-25T00:00:00.000Z",
                "eventName": "ObjectCreated:Put",
                "s3": {
                    "s3SchemaVersion": "1.0",
                    "bucket": {"name": INPUT_BUCKET, "arn": f"arn:aws:s3:::{INPUT_BUCKET}"},
                    "object": obj,
                },
            }
        ]
    }


# ------------------------------------------------------------ fresh processes


def run_child(path: Path) -> dict[str, Any]:
    """The handler's cold start and first invocation on the object at ``path``, in a fresh interpreter."""
    event = json.dumps(s3_event("@KEY@", "@ETAG@", path.stat().st_size))
    env = {**os.environ, **CHILD_ENV}
    spawned = time.time()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(HANDLER), str(path), event],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"performance: child process failed:\n{done.stderr[-3000:]}")
    figures = json.loads(lines[-1].removeprefix("RESULT "))
    figures["startup_ms"] = (figures["wall_start"] - spawned) * 1000
    return figures


def cold_start(sample: Path, runs: int) -> dict[str, Stats]:
    figures = [run_child(sample) for _ in range(runs)]
    return {
        name: Stats.of([f[key] for f in figures])
        for name, key in (("interpreter", "startup_ms"), ("import", "import_ms"), ("first", "first_ms"))
    } | {"cold": Stats.of([f["import_ms"] + f["first_ms"] for f in figures])}


def peak_memory(path: Path) -> dict[str, Any]:
    figures = run_child(path)
    added = max(0, figures["peak_kb"] - figures["rss_before_kb"]) if figures["peak_reset"] else None
    estimate = None if added is None else (figures["rss_after_import_kb"] + added) / 1024
    return {
        "process_peak_mb": figures["peak_kb"] / 1024,
        "after_import_mb": figures["rss_after_import_kb"] / 1024,
        "added_mb": None if added is None else added / 1024,
        "estimate_mb": estimate,
        "seconds": figures["first_ms"] / 1000,
        "result": figures["result"],
    }


# ------------------------------------------------------------- warm, in process


class TimedClient:
    """Stands in for the handler's S3 client and adds up the time spent in its calls."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.ms = 0.0

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.client, name)
        if not callable(method):
            return method

        def timed_call(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                self.ms += (time.perf_counter() - start) * 1000

        return timed_call


class WarmHandler:
    """The handler loaded once in this process against moto; ``time(body)`` runs one object through it."""

    def __init__(self, app: ModuleType, s3: Any) -> None:
        self.app = app
        self.s3 = s3
        self.count = 0
        self.client = TimedClient(app.HANDLER.store.client)
        app.HANDLER.store.client = self.client

    def time(self, body: bytes, suffix: str) -> tuple[float, dict[str, Any]]:
        """Milliseconds from the event to the written output, and the handler's summary."""
        elapsed, result, _ = self.run(body, suffix)
        return elapsed, result

    def run(self, body: bytes, suffix: str) -> tuple[float, dict[str, Any], float]:
        """Also the milliseconds spent inside the handler's S3 calls (botocore and moto)."""
        self.count += 1
        key = f"bench/{self.count:06d}{suffix}"
        put = self.s3.put_object(Bucket=INPUT_BUCKET, Key=key, Body=body)
        event = s3_event(key, put["ETag"].strip('"'), len(body), put.get("VersionId"))
        self.client.ms = 0.0
        start = time.perf_counter()
        result = self.app.lambda_handler(event, Context())
        elapsed = (time.perf_counter() - start) * 1000
        self.s3.delete_object(Bucket=INPUT_BUCKET, Key=key)  # keep moto's memory flat
        return elapsed, result, self.client.ms


class Context:
    function_name = "perf"
    memory_limit_in_mb = 512
    aws_request_id = "perf"
    invoked_function_arn = f"arn:aws:lambda:{REGION}:123456789012:function:perf"


@contextlib.contextmanager
def warm_handler() -> Iterator[WarmHandler]:
    """moto running, buckets made, the handler imported with its logs and metrics going nowhere."""
    import boto3
    from moto import mock_aws

    from newsclean.tools.local import load_handler, patched_environ

    with (
        patched_environ(CHILD_ENV),
        mock_aws(),
        open(os.devnull, "w") as sink,
        contextlib.redirect_stdout(sink),
    ):
        s3 = boto3.client("s3", region_name=REGION)
        s3.create_bucket(Bucket=INPUT_BUCKET)
        s3.create_bucket(Bucket=OUTPUT_BUCKET)
        yield WarmHandler(load_handler(HANDLER), s3)


def warm_times(handler: WarmHandler, pages: list[Path], name: str) -> tuple[Stats, Stats, Stats, Stats, int]:
    """End-to-end, clean()-only, S3-client and remaining milliseconds per page, and how many pages
    were rejected. The rest is each page's end to end less its clean() and S3 time."""
    from newsclean import RejectedInput, clean

    suffix = ".txt" if name == "page.txt" else ".html"
    for page in pages[:3]:  # the first calls warm caches; not counted
        handler.time((page / name).read_bytes(), suffix)
    ends, cores, calls, rejected = [], [], [], 0
    for page in pages:
        body = (page / name).read_bytes()
        elapsed, result, in_s3 = handler.run(body, suffix)
        ends.append(elapsed)
        calls.append(in_s3)
        rejected += result["rejected"]
        start = time.perf_counter()
        with contextlib.suppress(RejectedInput):
            clean(body, name=name)
        cores.append((time.perf_counter() - start) * 1000)
    rest = [end - core - call for end, core, call in zip(ends, cores, calls, strict=True)]
    return Stats.of(ends), Stats.of(cores), Stats.of(calls), Stats.of(rest), rejected


def growth(
    handler: WarmHandler, pages: list[Path], kind: str, make: Callable[[list[Path], str, int], bytes] = synthetic
) -> list[tuple[int, float, str]]:
    """(size, median ms, outcome) from 10 KB to 10 MB, for objects ``make`` builds; the outcome is
    "" for an article."""
    suffix = ".txt" if kind == "text" else ".html"
    points = []
    for size in GROWTH_SIZES:
        body = make(pages, kind, size)
        runs = [handler.time(body, suffix) for _ in range(5 if size <= 1_000_000 else 2)]
        reasons = ",".join(sorted(runs[0][1]["rejections_by_reason"]))
        points.append((len(body), statistics.median(ms for ms, _ in runs), reasons))
    return points


def exponent(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of log(time) on log(size)."""
    xs = [math.log(size) for size, _ in points]
    ys = [math.log(ms) for _, ms in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


# ------------------------------------------------------------------- cost


def function_settings() -> tuple[int, int]:
    """The template's MemorySize (MB) and Timeout (seconds)."""
    from cfnlint.decode import decode

    template, problems = decode(str(TEMPLATE))
    if problems or template is None:
        raise SystemExit(f"performance: cannot read {TEMPLATE}: {problems}")
    function = template["Globals"]["Function"]
    return int(function["MemorySize"]), int(function["Timeout"])


def cost_per_million(measured_ms: float, memory_mb: int, *, wait_ms: float = 0.0) -> dict[str, float]:
    """USD per million objects, each one invocation, one GET and one PUT (article or rejection record)."""
    stretch = max(1.0, MB_PER_VCPU / memory_mb)
    billed_ms = math.ceil(measured_ms * stretch + wait_ms)  # Lambda bills whole milliseconds
    million = 1_000_000
    compute = million * (memory_mb / 1024) * (billed_ms / 1000) * LAMBDA_ARM_PER_GB_SECOND
    parts = {
        "billed_ms": float(billed_ms),
        "lambda_compute": compute,
        "lambda_requests": million * LAMBDA_PER_REQUEST,
        "s3_get": million * S3_STANDARD_PER_GET,
        "s3_put": million * S3_STANDARD_PER_PUT,
    }
    parts["total"] = sum(value for name, value in parts.items() if name != "billed_ms")
    return parts


# ------------------------------------------------------------------ report


def verdict(ok: bool) -> str:
    return "meets target" if ok else "MISSES target"


def line(label: str, text: str) -> None:
    print(f"  {label:<34}{text}")


def report_cold(cold: dict[str, Stats], runs: int) -> None:
    print(f"\nCold start ({runs} fresh interpreters, median; python {sys.version.split()[0]})")
    line("interpreter start (not counted)", f"{cold['interpreter'].median:7.1f} ms")
    line("import handler module", f"{cold['import'].median:7.1f} ms")
    line("first invocation", f"{cold['first'].median:7.1f} ms")
    ok = cold["cold"].median < TARGET_COLD_MS
    line("cold start = import + first", f"{cold['cold'].median:7.1f} ms  (target < {TARGET_COLD_MS}: {verdict(ok)})")


def report_warm(
    label: str, end: Stats, core: Stats, calls: Stats, rest: Stats, rejected: int, target: float | None
) -> None:
    print(f"\nWarm, {label} ({end.count} pages; {rejected} rejected), event -> written output")
    check = f"  (target median < {target:g}: {verdict(end.median < target)})" if target else ""
    line("end to end", f"median {end.median:6.2f} ms   p95 {end.p95:6.2f} ms{check}")
    line("clean() alone", f"median {core.median:6.2f} ms   p95 {core.p95:6.2f} ms")
    line("S3 calls inside (botocore + moto)", f"median {calls.median:6.2f} ms   p95 {calls.p95:6.2f} ms")
    line("rest (event, logs, metrics, JSON)", f"median {rest.median:6.2f} ms   p95 {rest.p95:6.2f} ms")


def report_memory(kind: str, memory: dict[str, Any], memory_mb: int) -> None:
    estimate = memory["estimate_mb"]
    print(f"\nPeak memory, 10 MB {kind} object (fresh process; outcome {memory['result']})")
    line("resident after handler import", f"{memory['after_import_mb']:7.1f} MB")
    if estimate is None:
        line("process peak", f"{memory['process_peak_mb']:7.1f} MB  (peak could not be reset)")
        return
    line("added by the invocation", f"{memory['added_mb']:7.1f} MB")
    fits = f"(target fits {TARGET_PEAK_MB}: {verdict(estimate <= TARGET_PEAK_MB)}; template {memory_mb} MB)"
    line("handler peak = import + added", f"{estimate:7.1f} MB  {fits}")
    line("process peak incl. S3's copy", f"{memory['process_peak_mb']:7.1f} MB")
    line("time for the 10 MB object", f"{memory['seconds']:7.2f} s on one full core")


def report_growth(kind: str, points: list[tuple[int, float, str]]) -> None:
    shown = ", ".join(
        f"{size / 1000:g} KB {ms:.1f} ms" + (f" (rejected {why})" if why else "") for size, ms, why in points
    )
    print(f"\nGrowth, {kind} ({shown})")
    cleaned = [(size, ms) for size, ms, why in points if not why]
    if len(cleaned) < 3:
        line("exponent", "too few inputs were cleaned to fit one")
        return
    whole = exponent(cleaned)
    upper = exponent([p for p in cleaned if p[0] >= 100_000])
    span = f"{cleaned[0][0] / 1000:g} KB-{cleaned[-1][0] / 1e6:g} MB"
    line(f"exponent {span}", f"{whole:5.2f}  (target <= {TARGET_EXPONENT}: {verdict(whole <= TARGET_EXPONENT)})")
    line("exponent from 100 KB", f"{upper:5.2f}")


def report_cost(label: str, measured_ms: float, memory_mb: int) -> None:
    print(f"\nCost per million {label} objects, arm64 at MemorySize {memory_mb} MB")
    for wait, title in ((0.0, "CPU only"), (ASSUMED_S3_WAIT_MS, f"plus {ASSUMED_S3_WAIT_MS:g} ms S3 wait (assumed)")):
        parts = cost_per_million(measured_ms, memory_mb, wait_ms=wait)
        line(
            title,
            f"{parts['billed_ms']:.0f} ms billed: compute ${parts['lambda_compute']:.2f} + requests "
            f"${parts['lambda_requests']:.2f} + S3 GET ${parts['s3_get']:.2f} + PUT ${parts['s3_put']:.2f} "
            f"= ${parts['total']:.2f}",
        )
    line(
        "backfill by Batch Operations",
        f"+ ${BATCH_OPERATIONS_PER_TASK * 1_000_000:.2f} per million tasks + $0.25 a job",
    )


def report_sizes(text_ms: float, peak_mb: float, worst_s: float, memory_mb: int, timeout_s: int) -> None:
    """What each MemorySize would give, from this run's figures: the template's choice beside the others."""
    print(f"\nMemorySize candidates (peak {peak_mb:.0f} MB, 10 MB worst case {worst_s:.1f} s on one core)")
    for size in MEMORY_CANDIDATES:
        share = min(1.0, size / MB_PER_VCPU)
        worst = worst_s / share
        cost = cost_per_million(text_ms, size)["total"]
        waiting = cost_per_million(text_ms, size, wait_ms=ASSUMED_S3_WAIT_MS)["total"]
        fits = "fits" if peak_mb <= size else "TOO SMALL"
        late = "" if worst <= timeout_s else f" > Timeout {timeout_s} s"
        mark = "  <- template" if size == memory_mb else ""
        line(
            f"{size:5d} MB ({share:.2f} vCPU)",
            f"peak {100 * peak_mb / size:3.0f}% ({fits}); text median {text_ms / share:5.1f} ms; "
            f"10 MB {worst:5.1f} s{late}; ${cost:.2f} / ${waiting:.2f} per million{mark}",
        )


def timed(label: str, work: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    value = work()
    print(f"[{label}: {time.perf_counter() - start:.1f} s]", file=sys.stderr)
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help=f"corpus split (default {DEFAULT_CORPUS})")
    parser.add_argument("--cold-runs", type=int, default=7, help="fresh processes for the cold start (default 7)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N pages for the warm figures")
    args = parser.parse_args(argv)
    pages = corpus_pages(args.corpus, args.limit)
    memory_mb, timeout_s = function_settings()
    with tempfile.TemporaryDirectory() as scratch:
        big = {kind: Path(scratch) / f"ten-mb.{kind}" for kind in ("text", "html")}
        for kind, path in big.items():
            path.write_bytes(synthetic(pages, kind, TEN_MB))
        cold = timed("cold start", lambda: cold_start(pages[0] / "page.txt", args.cold_runs))
        memories = {kind: timed(f"memory {kind}", lambda path=path: peak_memory(path)) for kind, path in big.items()}
    with warm_handler() as handler:
        text = timed("warm text", lambda: warm_times(handler, pages, "page.txt"))
        html = timed("warm html", lambda: warm_times(handler, pages, "page.html"))
        curves = {kind: timed(f"growth {kind}", lambda kind=kind: growth(handler, pages, kind)) for kind in big}
        curves |= {
            f"{kind}, long runs": timed(
                f"growth {kind}, long runs", lambda kind=kind: growth(handler, pages, kind, with_long_runs)
            )
            for kind in big
        }

    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"newsclean performance, corpus {args.corpus} ({len(pages)} pages), {os.cpu_count()} CPUs, load {load}")
    report_cold(cold, args.cold_runs)
    report_warm("text (page.txt)", *text, target=TARGET_WARM_TEXT_MS)
    report_warm("HTML (page.html)", *html, target=None)
    for kind, memory in memories.items():
        report_memory(kind, memory, memory_mb)
    for kind, points in curves.items():
        report_growth(kind, points)
    report_cost("text", text[0].median, memory_mb)
    report_cost("HTML", html[0].median, memory_mb)
    peaks = [m["estimate_mb"] or m["process_peak_mb"] for m in memories.values()]
    report_sizes(text[0].median, max(peaks), max(m["seconds"] for m in memories.values()), memory_mb, timeout_s)
    print(f"\nPrices: {PRICES_TAKEN}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
