"""The ``newsclean`` command: clean files to JSON Lines, or run the Lambda handler locally."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsclean import DEFAULT_CONFIG, CleanerConfig, RejectedInput, RejectReason, clean
from newsclean.aws.records import rejection_record
from newsclean.tools.export import DEFAULT_SOURCE_NAME, DEFAULT_WORKERS
from newsclean.tools.logs import LOG_FILE

if TYPE_CHECKING:
    from newsclean.tools.local import RunSummary

# Above this many inputs, run-local shows a progress bar.
PROGRESS_THRESHOLD = 20

CLEAN_HELP = """\
Print one JSON line per input: the article, or {"rejected": {...}} saying why
the input is not one (the same record the Lambda function writes as the
input's outcome). Exit status: 0 when every input became an article, 1 when any was
rejected (reported after all inputs are done), 2 when a file could not be read.
"""
RUN_LOCAL_HELP = """\
Upload PATHs to an in-process, versioned S3 bucket (moto), run the real Lambda
handler (newsclean.aws.upload_handler, which functions/clean_article/app.py
binds for Lambda) on the events S3 sends, and copy the
output bucket to DIR in the bucket's own layout: DIR/outcomes/<key>.json holds
each key's outcome, its article or its rejection record ("outcome" says which;
DIR/outcomes-by-hash/<sha256>.json for a key too long for that). The handler
is invoked as S3 invokes it, asynchronously: an event that fails is retried
twice, then Lambda's on-failure record for it is written to
DIR/failed/<key>.json. The newest version of every key ends with exactly one
of the two; such files left in DIR by an earlier run for a key that has none
now are removed, other files are left alone. An outcome that cannot be a file
in DIR (keys such as d/a and d/a.json/b, of which one would be a file and a
folder, or a name too long for the file system) is listed and not written.
--fail-rate R injects faults: S3 reads, looks and writes fail with SlowDown,
invocations crash after reading, events are delivered twice, and keys are
uploaded again during the run (the old version's event then delivered once
more after the new one's), each with probability R, reproducibly for a --seed.
A folder's files are keyed by their path inside it, a file by its name. The
handler's log lines and metrics go to DIR/run-local.log.jsonl (--verbose shows
them on stderr too). Without PATH, it runs on the samples in ./events/objects
(run it from the repository root for those). Exit status: 0 when every key has one outcome
and no event failed (or failures were injected), 1 when an event failed
without injected faults, a key was lost, got two outcomes or kept an older
version's, or an outcome could not be written in DIR, 2 when the run could
not start.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsclean", description="Turn raw scraped news pages into clean articles.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    clean_cmd = commands.add_parser(
        "clean",
        help="clean files, print JSON Lines",
        description=CLEAN_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    clean_cmd.add_argument("files", nargs="+", metavar="FILE", help="a file to clean, or - for standard input")
    add_limit_option(clean_cmd)

    run_cmd = commands.add_parser(
        "run-local",
        help="run the Lambda handler on local files against in-process S3",
        description=RUN_LOCAL_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run_cmd.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: events/objects)"
    )
    run_cmd.add_argument("--out", type=Path, default=Path("out"), metavar="DIR", help="output folder (default: ./out)")
    run_cmd.add_argument(
        "--verbose",
        action="store_true",
        help=f"also show the handler's log lines and EMF metrics on stderr (always in DIR/{LOG_FILE})",
    )
    run_cmd.add_argument(
        "--fail-rate",
        type=probability,
        default=0.0,
        metavar="R",
        help="inject faults with probability R (0 to 1) per S3 call, invocation and delivery (default: 0)",
    )
    run_cmd.add_argument("--seed", type=int, default=0, metavar="S", help="seed of the injected faults (default: 0)")
    add_limit_option(run_cmd)
    add_redrive_parser(commands)
    add_export_parser(commands)
    return parser


def add_limit_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-input-bytes",
        type=positive_int,
        default=None,
        metavar="N",
        help=f"reject inputs larger than N bytes (default: {DEFAULT_CONFIG.max_input_bytes})",
    )


def positive_int(text: str) -> int:
    if not text.isdigit() or int(text) == 0:
        raise argparse.ArgumentTypeError(f"expected a positive number of bytes, got {text!r}")
    return int(text)


def probability(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a probability from 0 to 1, got {text!r}")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "clean":
        return clean_files(args.files, config_with_limit(args.max_input_bytes))
    if args.command == "run-local":
        return run_local_command(args)
    if args.command == "redrive":
        return redrive_command(args)
    if args.command == "export":
        return export_command(args)
    parser.print_help(sys.stderr)
    return 2


def config_with_limit(max_input_bytes: int | None) -> CleanerConfig:
    return DEFAULT_CONFIG if max_input_bytes is None else CleanerConfig(max_input_bytes=max_input_bytes)


def clean_files(names: Iterable[str], config: CleanerConfig) -> int:
    status = 0
    for name in names:
        try:
            document, rejected = clean_one(name, config)
        except OSError as exc:
            print(f"newsclean: {name}: {exc.strerror or exc}", file=sys.stderr)
            status = 2
            continue
        if rejected:
            status = max(status, 1)
        print(json.dumps(document, ensure_ascii=False), flush=True)
    return status


def clean_one(name: str, config: CleanerConfig) -> tuple[dict[str, Any], bool]:
    """The article as a dict, or ``{"rejected": record}`` and True. Oversize files are refused unread."""
    if name != "-" and (size := Path(name).stat().st_size) > config.max_input_bytes:
        message = f"file is {size} bytes, over the {config.max_input_bytes}-byte limit"
        record = rejection_record(
            RejectReason.TOO_LARGE, message, key=name, size=size, max_input_bytes=config.max_input_bytes
        )
        return {"rejected": record}, True
    data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    try:
        return clean(data, name="" if name == "-" else name, config=config).to_dict(), False
    except RejectedInput as exc:
        record = rejection_record(
            exc.reason, exc.message, key=name, size=len(data), max_input_bytes=config.max_input_bytes
        )
        return {"rejected": record}, True


def run_local_command(args: argparse.Namespace) -> int:
    from newsclean.tools import local  # boto3 and moto: only for this command

    try:
        paths = args.paths or local.default_inputs()
        summary = local.run_local(
            paths,
            args.out,
            max_input_bytes=args.max_input_bytes,
            verbose=args.verbose,
            faults=local.FaultPlan(rate=args.fail_rate, seed=args.seed),
            progress=progress_bar,
        )
    except local.LocalRunError as exc:
        print(f"newsclean run-local: {exc}", file=sys.stderr)
        return 2
    print_summary(summary, args.out)
    unaccounted = summary.lost or summary.duplicated or summary.outdated or summary.unwritable
    return 1 if unaccounted or (summary.errors and not args.fail_rate) else 0


def progress_bar(items: Iterable[Any], total: int, unit: str = "event") -> Iterable[Any]:
    if total <= PROGRESS_THRESHOLD:
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, unit=unit, file=sys.stderr)


def print_summary(summary: RunSummary, out_dir: Path) -> None:
    print(f"objects in:  {summary.objects}")
    print(f"articles:    {summary.articles}")
    print(f"rejections:  {counted(summary.rejections)}")
    print(f"failures:    {counted(summary.failures)} sent to the on-failure destination")
    print(f"lost:        {len(summary.lost)}")
    if summary.duplicated:
        print(f"two outcomes: {len(summary.duplicated)}")
    if summary.outdated:
        print(f"outdated:    {len(summary.outdated)} (an older version's outcome kept)")
    if summary.skipped:
        print(f"skipped:     {summary.skipped}")
    if summary.faults or summary.redelivered or summary.overwritten:
        injected = ", ".join(f"{what}: {n}" for what, n in sorted(summary.faults.items()))
        print(f"injected:    {injected or 'none'}; events delivered twice: {summary.redelivered}")
        print(f"overwrites:  {len(summary.overwritten)} keys uploaded again, {summary.late} old events delivered late")
    print(f"invocations: {summary.invocations} ({summary.retries} retries)")
    for key in summary.lost + summary.duplicated + summary.outdated:
        print(f"unaccounted: {key}")
    for item in summary.unwritable:
        print(f"not written: {item}")
    for error in summary.errors[:20]:
        print(f"error:       {error}")
    if len(summary.errors) > 20:
        print(f"error:       ... {len(summary.errors) - 20} more in {out_dir}/failed/")
    print(f"time:        {summary.seconds:.2f} s ({summary.throughput:.0f} objects/s through the handler)")
    print(f"outputs:     {len(summary.output_files)} files in {out_dir}/")
    if summary.log_file is not None:
        print(f"log:         {summary.log_file} (the handler's log lines and metrics, JSON Lines)")


def counted(by_reason: dict[str, int]) -> str:
    details = ", ".join(f"{reason}: {n}" for reason, n in sorted(by_reason.items()))
    return f"{sum(by_reason.values())}" + (f" ({details})" if details else "")


# ------------------------------------------------------------------ redrive

REDRIVE_HELP = """\
Take the records Lambda's on-failure destination left in the SQS queue (S3
events that failed every retry) and invoke the function again with each
original event, asynchronously, as S3 did. A message is deleted only once its
event was handed back; one that cannot be read or re-invoked stays in the
queue. Fix the cause first: an event that fails again comes back to the queue
as a new record. Exit status: 0 when every record was redriven (or listed,
with --dry-run), 1 when any stayed in the queue, 2 when the run could not
start.
"""


EXPORT_HELP = """\
Write the articles of a run-local output folder (DIR, as run-local --out wrote
it) or of the output bucket (s3://bucket/prefix, e.g. s3://my-output/outcomes/)
to one dataset file, a row per article: {"id", "text", "source", "added",
"created", "metadata"}. The id is derived from the source object's bucket, key
and version, so the same object always gets the same id; source, added and
created are Dolma's fields (the corpus's name, when the page reached the input
bucket, when it was published). The format follows FILE's name: .jsonl, .jsonl.gz,
.jsonl.zst or .parquet (the last two need pip install "newsclean[export]").
Rejection records are counted and left out. Exit status: 0 when every object
was read, 1 when some could not be, 2 when the export could not start.
"""


def add_export_parser(commands: Any) -> None:
    cmd = commands.add_parser(
        "export",
        help="turn cleaned articles into one dataset file",
        description=EXPORT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cmd.add_argument("source", metavar="SOURCE", help="a run-local output folder, or s3://bucket/prefix")
    cmd.add_argument("--out", type=Path, required=True, metavar="FILE", help="the dataset file to write")
    cmd.add_argument("--markdown", action="store_true", help="put each article's Markdown in text, not its plain text")
    cmd.add_argument(
        "--workers",
        type=positive_count,
        default=DEFAULT_WORKERS,
        metavar="N",
        help=f"S3 objects read at once ({DEFAULT_WORKERS})",
    )
    cmd.add_argument(
        "--source-name",
        default=DEFAULT_SOURCE_NAME,
        metavar="NAME",
        help=f"the corpus's name in each row's source ({DEFAULT_SOURCE_NAME})",
    )


def export_command(args: argparse.Namespace) -> int:
    from newsclean.tools import export

    try:
        if args.source.startswith("s3://"):
            total, documents = export.s3_documents(args.source, workers=args.workers)
        else:
            total, documents = export.local_documents(Path(args.source))
        summary = export.export(
            documents,
            args.out,
            markdown=args.markdown,
            source_name=args.source_name,
            progress=lambda items: progress_bar(items, total, "object"),
        )
    except export.ExportError as exc:
        print(f"newsclean export: {exc}", file=sys.stderr)
        return 2
    print(
        f"{args.out}: {summary.articles} articles from {total} objects "
        f"({summary.rejected} rejection records left out, {summary.unreadable} unreadable)",
        file=sys.stderr,
    )
    return 1 if summary.unreadable else 0


def add_redrive_parser(commands: Any) -> None:
    cmd = commands.add_parser(
        "redrive",
        help="re-invoke the failed events waiting in the on-failure queue",
        description=REDRIVE_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cmd.add_argument("--queue-url", required=True, metavar="URL", help="the stack's FailedEventsQueueUrl output")
    target = cmd.add_mutually_exclusive_group()
    target.add_argument(
        "--function", metavar="NAME", help="function name or ARN to invoke (default: the one named in each record)"
    )
    target.add_argument(
        "--local",
        action="store_true",
        help="run the upload handler (newsclean.aws.upload_handler) in this process instead (INPUT_BUCKET, "
        "OUTPUT_BUCKET and AWS credentials in the environment)",
    )
    cmd.add_argument("--dry-run", action="store_true", help="list the records; invoke and delete nothing")
    cmd.add_argument("--max-messages", type=positive_count, metavar="N", help="stop after N messages")
    cmd.add_argument("--region", help="AWS region (default: the one in the queue URL)")


def positive_count(text: str) -> int:
    if not text.isdigit() or int(text) == 0:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}")
    return int(text)


def redrive_command(args: argparse.Namespace) -> int:
    import boto3  # only for this command
    from botocore.exceptions import BotoCoreError, ClientError

    from newsclean.tools import redrive

    region = args.region or redrive.region_of_queue(args.queue_url)
    try:
        reader = redrive.QueueReader(boto3.client("sqs", region_name=region), args.queue_url)
        invoke = redrive_target(args, region)
        summary = redrive.redrive(reader, invoke, dry_run=args.dry_run, max_messages=args.max_messages, report=print)
    except (ClientError, BotoCoreError, RuntimeError) as exc:  # RuntimeError: the local handler would not start
        print(f"newsclean redrive: {exc}", file=sys.stderr)
        return 2
    done = f"{summary.listed} would be redriven" if args.dry_run else f"{summary.redriven} redriven"
    kept = len(summary.failed) + len(summary.unreadable)
    print(f"{summary.received} records received, {done}, {kept} left in the queue")
    return 0 if summary.ok else 1


def redrive_target(args: argparse.Namespace, region: str | None) -> Callable[..., None]:
    """The invoker: the Lambda function (by name, or as named in each record), or the handler in-process."""
    from newsclean.tools import redrive

    if not args.local:
        import boto3

        return redrive.lambda_invoker(boto3.client("lambda", region_name=region), args.function)
    from newsclean.aws.upload_handler import UploadHandler
    from newsclean.tools import local

    handler = UploadHandler.from_environment()  # a ConfigurationError when INPUT_BUCKET or OUTPUT_BUCKET is unset
    return redrive.handler_invoker(handler.lambda_handler, local.LocalContext(function_name="clean-article-redrive"))


if __name__ == "__main__":
    sys.exit(main())
