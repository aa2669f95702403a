"""Fitting the content score (``newsclean.content.scoring``) on corpus pages, with numpy.

Used by ``train_content_model.py`` (fit on all of dev, write the weights) and
by ``quality.py --cross-validate`` (fit without each fold's sites, clean that
fold's pages with it). Training-time only: numpy never enters the layer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from corpus import CorpusPage, gold_index, in_gold_body

from newsclean import DEFAULT_CONFIG, RejectedInput
from newsclean.content.features import PageView
from newsclean.content.scoring import ContentModel, LinearStage, block_rows, first_stage_rows, second_stage_rows
from newsclean.decode.input import decode_input
from newsclean.html.dom import DomView
from newsclean.pipeline import first_pass, parse, rules_for

# What the shipped text model is trained on: every kind of input (HTML without its DOM
# features helps it too); the HTML model is trained on page.html with them.
TRAINING_INPUTS = ("page.txt", "flat.txt", "page.html")
HTML_INPUT = "page.html"
# Probability above which a block is article text. Thresholds 0.3-0.5 and a run-smoothing
# (Viterbi) decoder were tried under cross-validation; none beat the plain 0.5.
THRESHOLD = 0.5
# L2 penalty on standardised weights; the models are small and the data large, so this
# mostly guards against separable rare features.
L2_PENALTY = 1.0


@dataclass
class TrainingPage:
    """One corpus page cleaned up to the content score, with each block's gold label."""

    page: CorpusPage
    view: PageView
    dom: DomView | None  # HTML pages for the HTML model
    block_rows: list[list[float]]
    first_rows: list[list[float]]
    labels: np.ndarray  # 1 when the block belongs to the gold body
    weights: np.ndarray  # words per block: the metric counts tokens, not blocks


def training_pages(pages: Sequence[CorpusPage], input_name: str, *, with_dom: bool = False) -> list[TrainingPage]:
    """Each page with gold body, cleaned up to the content score. ``with_dom`` adds the DOM
    features of HTML pages to each block's row, as the HTML model reads them."""
    prepared = []
    for page in pages:
        if not page.gold.get("body"):
            continue
        try:
            decoded = decode_input(page.read(input_name), name=input_name, content_type=None, config=DEFAULT_CONFIG)
        except RejectedInput:
            continue
        parsed = parse(decoded)
        blocks = parsed.blocks
        if not blocks:
            continue
        first = first_pass(blocks, rules_for(parsed.skeleton if with_dom else None)[0])
        view = PageView.of(
            blocks, [verdict is None for verdict in first.verdicts], first.page.fingerprints, first.flagged
        )
        dom = DomView.of(parsed.skeleton, blocks, view.kept_indexes) if with_dom and parsed.skeleton else None
        rows = block_rows(view, dom)
        gold_text, gold_lines = gold_index(page.gold["body"])
        labels = np.array([in_gold_body(block.text, gold_text, gold_lines) for block in blocks], dtype=float)
        weights = np.sqrt(np.array([1.0 + block.words for block in blocks]))
        weights /= weights.sum()  # every page weighs the same, as in the metric
        prepared.append(TrainingPage(page, view, dom, rows, first_stage_rows(view, rows), labels, weights))
    return prepared


def fit(pages: Sequence[TrainingPage]) -> ContentModel:
    first = fit_stage([np.array(p.first_rows) for p in pages], pages)
    second_rows = [
        np.array(second_stage_rows(p.view, p.block_rows, _scores(first, p.first_rows), p.dom)) for p in pages
    ]
    second = fit_stage(second_rows, pages)
    return ContentModel(first=first, second=second, threshold=THRESHOLD)


def _scores(stage: LinearStage, rows: list[list[float]]) -> list[float]:
    return [stage.probability(row) for row in rows]


def fit_stage(rows: Sequence[np.ndarray], pages: Sequence[TrainingPage]) -> LinearStage:
    """Logistic regression on the blocks the wording rules kept (the rows), weighted by words."""
    kept = [list(p.view.kept_indexes) for p in pages]
    x = np.vstack([r for r in rows if len(r)])
    y = np.concatenate([p.labels[k] for p, k in zip(pages, kept, strict=True)])
    w = np.concatenate([p.weights[k] for p, k in zip(pages, kept, strict=True)])
    return fit_logistic(x, y, w)


def fit_logistic(x: np.ndarray, y: np.ndarray, w: np.ndarray, iterations: int = 30) -> LinearStage:
    """Newton's method (iteratively reweighted least squares) with an L2 penalty."""
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales < 1e-9] = 1.0
    z = np.hstack([(x - means) / scales, np.ones((len(x), 1))])
    w = w / w.mean()
    beta = np.zeros(z.shape[1])
    penalty = np.eye(z.shape[1]) * L2_PENALTY
    penalty[-1, -1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ beta, -30, 30)))
        gradient = z.T @ (w * (y - p)) - penalty @ beta
        hessian = (z * (w * p * (1 - p))[:, None]).T @ z + penalty
        step = np.linalg.solve(hessian, gradient)
        beta += step
        if np.abs(step).max() < 1e-6:
            break
    return LinearStage(
        weights=tuple(float(v) for v in beta[:-1]),
        bias=float(beta[-1]),
        means=tuple(float(v) for v in means),
        scales=tuple(float(v) for v in scales),
    )
