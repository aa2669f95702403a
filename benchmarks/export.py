"""Throughput of ``newsclean export``: articles per second into each dataset format.

    .venv/bin/python benchmarks/export.py                   # ../shared/corpus/dev, 4 copies of each page
    .venv/bin/python benchmarks/export.py --corpus DIR --copies 2

Cleans every page of the split (page.txt and page.html) once, writes the
articles ``--copies`` times over into a folder shaped as run-local leaves it
(``outcomes/<key>.json``), then times the export of that folder to .jsonl,
.jsonl.gz, .jsonl.zst and .parquet, printing articles, seconds, articles per
second and the file's size. Reading from S3 adds the requests' latency, which
``--workers`` (16 objects at once by default) hides.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from newsclean import RejectedInput, clean
from newsclean.tools.export import FORMATS, export, local_documents

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "dev"


def write_outcomes(corpus: Path, folder: Path, copies: int) -> int:
    written = 0
    for page in sorted(path for path in corpus.iterdir() if path.is_dir()):
        for input_name in ("page.txt", "page.html"):
            try:
                article = clean((page / input_name).read_bytes(), name=input_name)
            except (RejectedInput, OSError):
                continue
            for copy in range(copies):
                key = f"{copy}/{page.name}/{input_name}"
                document = article.with_origin(bucket="newsclean-input", key=key, version_id=str(copy)).to_dict()
                path = folder / "outcomes" / f"{key}.json"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
                written += 1
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--copies", type=int, default=4)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}; pass --corpus DIR", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "run"
        count = write_outcomes(args.corpus, folder, args.copies)
        print(f"{count} article documents in {folder}")
        for suffix in FORMATS:
            out = Path(scratch) / f"rows{suffix}"
            _, documents = local_documents(folder)
            started = time.perf_counter()
            summary = export(documents, out)
            seconds = time.perf_counter() - started
            print(
                f"  {suffix:11s} {summary.articles} articles in {seconds:.2f} s: "
                f"{summary.articles / seconds:,.0f} articles/s, {out.stat().st_size / 1e6:.1f} MB"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
