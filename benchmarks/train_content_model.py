"""Train the content scores on the dev corpus and write the weights the package ships.

    .venv/bin/python benchmarks/train_content_model.py     # text model (page.txt + flat.txt + page.html)
                                                           # and HTML model (page.html with DOM features)
    .venv/bin/python benchmarks/train_content_model.py --corpus DIR --out model.json --html-out html.json

Needs numpy (`pip install -c requirements/constraints.txt numpy`). The cross-validated
quality of what this trains is printed by `benchmarks/quality.py --cross-validate`.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from content_model import HTML_INPUT, TRAINING_INPUTS, fit, training_pages
from corpus import load_pages

from newsclean.content.scoring import ContentModel

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "dev"
DEFAULT_OUT = REPO / "shared" / "newsclean" / "data" / "content_model.json"
DEFAULT_HTML_OUT = REPO / "shared" / "newsclean" / "data" / "content_model_html.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--inputs", nargs="+", default=list(TRAINING_INPUTS), choices=TRAINING_INPUTS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--html-out", type=Path, default=DEFAULT_HTML_OUT)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}; pass --corpus DIR", file=sys.stderr)
        return 2
    started = time.perf_counter()
    pages = load_pages(args.corpus)
    prepared = [item for name in args.inputs for item in training_pages(pages, name)]
    write_model(fit(prepared), args.out, args.corpus, args.inputs, len(prepared))
    print(f"trained on {len(prepared)} page files in {time.perf_counter() - started:.1f} s -> {args.out}")
    started = time.perf_counter()
    html_pages = training_pages(pages, HTML_INPUT, with_dom=True)
    write_model(fit(html_pages), args.html_out, args.corpus, [HTML_INPUT], len(html_pages))
    print(f"trained on {len(html_pages)} HTML pages in {time.perf_counter() - started:.1f} s -> {args.html_out}")
    return 0


def write_model(model: ContentModel, out: Path, corpus: Path, inputs: list[str], pages: int) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    document: dict[str, Any] = {"trained_on": {"corpus": corpus.name, "inputs": inputs, "pages": pages}}
    document.update(model.to_dict())
    out.write_text(json.dumps(document, indent=1) + "\n")


if __name__ == "__main__":
    sys.exit(main())
