"""Train the content score on the dev corpus and write the weights the package ships.

    .venv/bin/python benchmarks/train_content_model.py                 # page.txt + flat.txt + page.html
    .venv/bin/python benchmarks/train_content_model.py --corpus DIR --out model.json

Needs numpy (`pip install -c requirements/constraints.txt numpy`). The cross-validated
quality of what this trains is printed by `benchmarks/quality.py --cross-validate`.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from content_model import TRAINING_INPUTS, fit, training_pages
from corpus import load_pages

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "dev"
DEFAULT_OUT = REPO / "shared" / "newsclean" / "data" / "content_model.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--inputs", nargs="+", default=list(TRAINING_INPUTS), choices=TRAINING_INPUTS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}; pass --corpus DIR", file=sys.stderr)
        return 2
    started = time.perf_counter()
    pages = load_pages(args.corpus)
    prepared = [item for name in args.inputs for item in training_pages(pages, name)]
    model = fit(prepared)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    document = {"trained_on": {"corpus": args.corpus.name, "inputs": args.inputs, "pages": len(prepared)}}
    document.update(model.to_dict())
    args.out.write_text(json.dumps(document, indent=1) + "\n")
    print(f"trained on {len(prepared)} page files in {time.perf_counter() - started:.1f} s -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
