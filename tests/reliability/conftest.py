"""Shared by the reliability tests: a seeded hypothesis profile, and the heavy inputs measured once.

Hypothesis runs the ``ci`` profile unless ``HYPOTHESIS_PROFILE`` names another:
few examples, derandomized (the same examples on every run, so CI never flakes on a
new one), no example database. ``HYPOTHESIS_PROFILE=explore`` runs many more, at
random, for hunting bugs locally.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from tests.conftest import REPO
from tests.reliability.catalogue import CATALOGUE

settings.register_profile(
    "ci",
    max_examples=200,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("explore", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Two at a time: CI has two cores, and each subprocess needs up to a few hundred MB.
PARALLEL = 2


def run_measure(name: str) -> dict[str, Any]:
    completed = subprocess.run(
        [sys.executable, "-m", "tests.reliability.measure", name],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, f"{name}: exit {completed.returncode}\n{completed.stderr[-3000:]}"
    return json.loads(completed.stdout)


@pytest.fixture(scope="session")
def measured() -> dict[str, dict[str, Any]]:
    """Outcome, seconds, peak MiB and size of each heavy catalogue input, each in its own process."""
    names = [case.name for case in CATALOGUE if case.heavy]
    with ThreadPoolExecutor(PARALLEL) as pool:
        return dict(zip(names, pool.map(run_measure, names), strict=True))
