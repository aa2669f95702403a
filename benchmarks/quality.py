"""Quality benchmark: clean every page of a corpus split and score it with the corpus scorer.

    python benchmarks/quality.py                       # ../shared/corpus/dev, page.txt
    python benchmarks/quality.py --input flat.txt
    python benchmarks/quality.py --corpus /data/other-split --input page.html --per-doc
    python benchmarks/quality.py --cross-validate 5   # also: the content model retrained without
                                                      # each fold's sites, scored on that fold
    python benchmarks/quality.py --input page.html    # also times and scores trafilatura on the same
                                                      # pages when installed (the `bench` extra)
    python benchmarks/quality.py --leave-source-out   # also: the content model retrained without each
                                                      # gold source (sh, gn, dg), scored on that source
    python benchmarks/quality.py --rule-audit         # also: per rule and source, the blocks and tokens
                                                      # it drops and the share of them in the gold body
    python benchmarks/quality.py --silver             # also: headline, byline and date of a text dump
                                                      # against what the page's HTML states (silver.py)

Writes a predictions file in the scorer's format, runs the scorer
(``eval/score.py`` beside the corpus, or ``--scorer``) and prints its figures
plus the median and p95 milliseconds per document.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peers import PEER_NAMES, available, compare
from silver import print_silver

from newsclean import DEFAULT_CONFIG, Article, CleanerConfig, RejectedInput, clean

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "dev"
INPUT_KINDS = ("page.txt", "flat.txt", "page.html")


def prediction(article: Article) -> dict[str, Any]:
    """The scorer's view of an article; gold bodies keep the dateline, so it goes back in front."""
    body = list(article.body)
    if article.dateline and body:
        body[0] = f"{article.dateline} {body[0]}"
    return {
        "body": body,
        "headline": article.headline,
        "byline": article.byline,
        "standfirst": article.standfirst,
        "published": article.published,
        "blocks": [block.to_dict() for block in article.blocks],
    }


def run(
    page_dirs: list[Path], input_name: str, config: CleanerConfig = DEFAULT_CONFIG
) -> tuple[dict[str, Any], list[float], dict[str, str]]:
    predictions: dict[str, Any] = {}
    timings: list[float] = []
    rejected: dict[str, str] = {}
    for page_dir in page_dirs:
        data = (page_dir / input_name).read_bytes()
        started = time.perf_counter()
        try:
            article = clean(data, name=input_name, config=config)
        except RejectedInput as rejection:
            rejected[page_dir.name] = rejection.reason.value
            predictions[page_dir.name] = {"body": [], "headline": None, "byline": None, "standfirst": None}
            continue
        finally:
            timings.append((time.perf_counter() - started) * 1000)
        predictions[page_dir.name] = prediction(article)
    return predictions, timings, rejected


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="a split folder of <id>/ pages")
    parser.add_argument("--input", choices=INPUT_KINDS, default="page.txt", help="which file of each page to clean")
    parser.add_argument("--out", type=Path, default=None, help="predictions file (default: predictions-<input>.json)")
    parser.add_argument("--scorer", type=Path, default=None, help="score.py (default: <corpus>/../../eval/score.py)")
    parser.add_argument("--per-doc", action="store_true", help="pass --per-doc to the scorer")
    parser.add_argument(
        "--cross-validate", type=int, metavar="K", default=0, help="also score K-fold site-grouped cross-validation"
    )
    parser.add_argument(
        "--leave-source-out",
        action="store_true",
        help="also score each gold source with the content model trained without that source",
    )
    parser.add_argument(
        "--rule-audit", action="store_true", help="also print, per rule and source, what it drops and how much is gold"
    )
    parser.add_argument(
        "--silver",
        action="store_true",
        help="also score a text dump's headline, byline and date against what the page's HTML states",
    )
    parser.add_argument(
        "--scaling", action="store_true", help="also time dumps of 100 KB, 1 MB and 10 MB made of the split's pages"
    )
    parser.add_argument(
        "--versus",
        choices=(*PEER_NAMES, "none"),
        default="trafilatura" if available("trafilatura") else "none",
        help="also time and score a peer on the same pages (page.html only; default: trafilatura when installed)",
    )
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}; pass --corpus DIR", file=sys.stderr)
        return 2
    page_dirs = sorted(path for path in args.corpus.iterdir() if (path / args.input).is_file())
    predictions, timings, rejected = run(page_dirs, args.input)
    out = args.out or Path(f"predictions-{args.input.replace('.', '-')}.json")
    scorer = args.scorer or args.corpus.parent.parent / "eval" / "score.py"
    print(f"== in-sample (the shipped model), {args.input}")
    score(scorer, args.corpus, out, predictions, args.per_doc)
    if args.cross_validate:
        print(f"== cross-validated by site, {args.cross_validate} folds, {args.input}")
        cv_out = out.with_name(out.stem + "-cv.json")
        score(scorer, args.corpus, cv_out, cross_validated(args.corpus, args.input, args.cross_validate), args.per_doc)
    if args.leave_source_out:
        print(f"== leave one source out (trained without the source it is scored on), {args.input}")
        lso_out = out.with_name(out.stem + "-lso.json")
        score(scorer, args.corpus, lso_out, source_held_out(args.corpus, args.input), args.per_doc)
    if args.rule_audit:
        print(f"== rule audit (in-sample), {args.input}")
        print_rule_audit(rule_audit(page_dirs, args.input))
    if args.silver and args.input != "page.html":
        print_silver(page_dirs, args.input, predictions)
    if args.scaling:
        print_scaling(page_dirs, args.input)
    if args.versus != "none" and args.input == "page.html":
        compare(
            args.versus,
            page_dirs,
            args.input,
            lambda label, found: score(
                scorer, args.corpus, out.with_name(f"{out.stem}-{label}.json"), found, args.per_doc
            ),
        )
    timings.sort()
    print(f"documents: {len(timings)}  rejected: {len(rejected)} {sorted(set(rejected.values()))}")
    print(
        f"time per document: median {statistics.median(timings):.2f} ms, "
        f"p95 {timings[int(0.95 * (len(timings) - 1))]:.2f} ms, total {sum(timings) / 1000:.1f} s"
    )
    return 0


SCALING_SIZES = (100_000, 1_000_000, 10_000_000)


def print_scaling(page_dirs: list[Path], input_name: str) -> None:
    """Time one dump per size, each made of distinct pages back to back, and compare the time
    per MB: a cleaner without quadratic steps keeps it flat."""
    pages = [(page_dir / input_name).read_bytes() for page_dir in page_dirs]
    base: float | None = None
    for size in SCALING_SIZES:
        dump = bytearray()
        for index in range(len(pages) * 1000):
            if len(dump) >= size:
                break
            dump += pages[index % len(pages)] + b"\n"
        started = time.perf_counter()
        try:
            clean(bytes(dump[:size]), name=input_name)
        except RejectedInput:
            pass
        per_mb = (time.perf_counter() - started) / (size / 1_000_000)
        base = base or per_mb
        print(
            f"scaling: {size / 1_000_000:>5.1f} MB in {per_mb * size / 1_000_000:6.2f} s, "
            f"{per_mb:.3f} s/MB ({per_mb / base:.2f}x)"
        )


def score(scorer: Path, corpus: Path, out: Path, predictions: dict[str, Any], per_doc: bool) -> None:
    out.write_text(json.dumps(predictions, ensure_ascii=False))
    command = [sys.executable, str(scorer), str(corpus), str(out)] + (["--per-doc"] if per_doc else [])
    subprocess.run(command, check=True)
    command = [sys.executable, str(scorer), str(corpus), str(out), "--json", "--per-doc"]
    result = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    print_by_language(corpus, result)
    print_structure_per_document(result)


def print_structure_per_document(result: dict[str, Any]) -> None:
    """The structure F1 averaged over documents, beside the scorer's sum over blocks: four long
    pages hold over half of the gold's structure blocks, and would outweigh the rest."""
    scores = [entry["f1"] for entry in result.get("per_doc", {}).get("structure", []) if entry.get("f1") is not None]
    if scores:
        print(f"structure per document: mean F1 {sum(scores) / len(scores):.3f} over {len(scores)} documents")


def print_by_language(corpus: Path, result: dict[str, Any]) -> None:
    """Body F1 of English and of other-language pages apart, per gold source: most of dev is
    English, and so was what the rules were first shaped on. A page's language is read from its
    gold body (``newsclean.content.language``)."""
    from newsclean.content.language import detect_language

    groups: dict[tuple[str, str], list[float]] = {}
    for entry in result["per_doc"]["body"]:
        gold = json.loads((corpus / entry["id"] / "gold.json").read_text(encoding="utf-8"))
        language = "English" if detect_language(gold["body"][:4000]) == "en" else "other languages"
        groups.setdefault((entry["id"].split("-")[0], language), []).append(entry["f1"])
    cells = [
        f"{source} {language} n={len(scores)} F1 {sum(scores) / len(scores):.3f}"
        for (source, language), scores in sorted(groups.items())
        if language != "English" or any(key == (source, "other languages") for key in groups)
    ]
    print("body by language: " + ("; ".join(cells) if cells else "every page English"))


def cross_validated(corpus: Path, input_name: str, fold_count: int) -> dict[str, Any]:
    """Predictions where each page was cleaned by a content model that never saw its site."""
    from corpus import folds, load_pages

    pages = load_pages(corpus)
    return held_out(pages, input_name, folds(pages, fold_count))


def source_held_out(corpus: Path, input_name: str) -> dict[str, Any]:
    """Predictions where each page was cleaned by a content model trained without its whole gold source.

    Only the learned weights are held out: the hand rules and their vocabulary saw every source.
    """
    from corpus import load_pages

    pages = load_pages(corpus)
    sources = sorted({page.source for page in pages if page.gold.get("body")})
    splits = [
        ([page for page in pages if page.source != name], [page for page in pages if page.source == name])
        for name in sources
    ]
    return held_out(pages, input_name, splits)


def held_out(pages: list[Any], input_name: str, splits: Any) -> dict[str, Any]:
    """Predictions of each split's test pages by a content model fitted on its training pages only."""
    from content_model import HTML_INPUT, TRAINING_INPUTS, fit, training_pages

    html = input_name == HTML_INPUT
    if html:
        prepared = training_pages(pages, HTML_INPUT, with_dom=True)
    else:
        prepared = [item for name in TRAINING_INPUTS for item in training_pages(pages, name)]
    predictions: dict[str, Any] = {}
    for train, test in splits:
        train_ids = {page.id for page in train}
        model = fit([item for item in prepared if item.page.id in train_ids])
        config = CleanerConfig(html_content_model=model) if html else CleanerConfig(content_model=model)
        test_dirs = [page.folder for page in test if (page.folder / input_name).is_file()]
        predictions.update(run(test_dirs, input_name, config)[0])
    return predictions


@dataclass
class RuleTally:
    blocks: int = 0
    tokens: int = 0
    gold_tokens: int = 0

    @property
    def gold_share(self) -> float:
        return self.gold_tokens / self.tokens if self.tokens else 0.0


def rule_audit(page_dirs: list[Path], input_name: str) -> dict[tuple[str, str], RuleTally]:
    """Per (rule, source): the blocks and tokens the rule drops, and the tokens of those blocks that
    are gold body text the article lost (a block whose token sequence is in the gold body,
    ``corpus.in_gold_body``, and that the body does not keep a copy of)."""
    from corpus import gold_index, in_gold_body, tokens

    tallies: dict[tuple[str, str], RuleTally] = {}
    for page_dir in page_dirs:
        gold = json.loads((page_dir / "gold.json").read_text(encoding="utf-8"))
        if not gold.get("body"):
            continue
        source = page_dir.name.split("-")[0]
        try:
            article = clean((page_dir / input_name).read_bytes(), name=input_name)
        except RejectedInput:
            continue
        gold_text, gold_lines = gold_index(gold["body"])
        # A dropped copy of a paragraph the body keeps lost nothing (a page printing its lead twice).
        kept = {" ".join(tokens(paragraph)) for paragraph in article.body}
        for removed in article.removed:
            words = tokens(removed.text)
            tally = tallies.setdefault((removed.rule, source), RuleTally())
            tally.blocks += 1
            tally.tokens += len(words)
            if " ".join(words) not in kept and in_gold_body(removed.text, gold_text, gold_lines):
                tally.gold_tokens += len(words)
    return tallies


def print_rule_audit(tallies: dict[tuple[str, str], RuleTally]) -> None:
    """One row per rule: blocks, tokens and gold share of the dropped tokens on each source. A weak
    rule (``pipeline.WEAK_RULES``) is marked: it drops only what the content score also rejects,
    so its row is the score's decision on the blocks the rule flagged, not a veto."""
    from newsclean.pipeline import WEAK_RULES

    weak = {rule.name for rule in WEAK_RULES}
    sources = sorted({source for _, source in tallies})
    rules = sorted(
        {rule for rule, _ in tallies}, key=lambda rule: -sum(t.tokens for (r, _), t in tallies.items() if r == rule)
    )
    header = "".join(f" | {source:>24}" for source in sources)
    print(f"{'rule':<34}{header}")
    print(f"{'':<34}" + "".join(f" | {'blocks tokens gold%':>24}" for _ in sources))
    for rule in rules:
        cells = []
        for source in sources:
            tally = tallies.get((rule, source))
            cells.append(
                f" | {tally.blocks:>6} {tally.tokens:>7} {100 * tally.gold_share:>8.1f}" if tally else f" | {'-':>24}"
            )
        label = f"{rule} (weak)" if rule in weak else rule
        print(f"{label:<34}" + "".join(cells))


if __name__ == "__main__":
    sys.exit(main())
