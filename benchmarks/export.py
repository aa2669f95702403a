"""Throughput of ``newsclean export``: articles per second into each dataset format.

    .venv/bin/python benchmarks/export.py                   # ../shared/corpus/dev, 4 copies of each page
    .venv/bin/python benchmarks/export.py --corpus DIR --copies 2

Cleans every page of the split (page.txt and page.html) once, writes the
articles ``--copies`` times over into a folder shaped as run-local leaves it
(``outcomes/<key>.json``), then times the export of that folder to .jsonl,
.jsonl.gz, .jsonl.zst and .parquet, printing articles, seconds, articles per
second and the file's size. Reading from S3 adds the requests' latency, which
``--workers`` (16 objects at once by default) hides.

With ``--readers`` it then reads each file back with the dataset tools its
rows are shaped for, those that are installed (none is a dependency of the
project; a separate environment is best: ``pip install datasets datatrove
orjson dolma``): ``datasets.load_dataset("json" | "parquet")``, datatrove's
JsonlReader and ParquetReader, and Dolma's document spec (``InputSpec`` of
``dolma.core.data_types``, decoded with msgspec), and prints the rows each read.
"""

from __future__ import annotations

import argparse
import gzip
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


def read_back(files: list[Path]) -> None:
    """Read every exported file with each installed dataset tool; a tool that fails raises."""
    for reader in (read_with_datasets, read_with_datatrove, read_with_dolma):
        try:
            reader(files)
        except ImportError as missing:
            print(f"  {reader.__name__.removeprefix('read_with_')}: not installed ({missing.name})")


def read_with_datasets(files: list[Path]) -> None:
    import datasets

    for path in files:
        kind = "parquet" if path.name.endswith(".parquet") else "json"
        table = datasets.load_dataset(kind, data_files=str(path), split="train")
        print(f"  datasets    {path.name:16s} {table.num_rows} rows, columns {table.column_names}")


def read_with_datatrove(files: list[Path]) -> None:
    from datatrove.pipeline.readers import JsonlReader, ParquetReader

    for path in files:
        reader_type = ParquetReader if path.name.endswith(".parquet") else JsonlReader
        read = list(reader_type(str(path.parent), glob_pattern=path.name).run())
        print(f"  datatrove   {path.name:16s} {len(read)} documents, first id {read[0].id}")


def read_with_dolma(files: list[Path]) -> None:
    """Dolma's taggers and mixers read JSON Lines (gzipped or not) as ``InputSpec`` documents."""
    import msgspec
    from dolma.core.data_types import InputSpecWithMetadata

    decoder = msgspec.json.Decoder(InputSpecWithMetadata)
    for path in files:
        if not path.name.endswith((".jsonl", ".jsonl.gz")):
            continue
        opener = gzip.open if path.name.endswith(".gz") else open
        with opener(path, "rb") as stream:
            read = [decoder.decode(line) for line in stream]
        print(f"  dolma       {path.name:16s} {len(read)} documents, source {read[0].source!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--readers", action="store_true", help="read each file back with the dataset tools installed")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}; pass --corpus DIR", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "run"
        count = write_outcomes(args.corpus, folder, args.copies)
        print(f"{count} article documents in {folder}")
        files = []
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
            files.append(out)
        if args.readers:
            read_back(files)
    return 0


if __name__ == "__main__":
    sys.exit(main())
