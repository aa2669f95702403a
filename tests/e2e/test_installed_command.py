"""The installed ``newsclean`` command, away from the repository, and the deployed entry points.

``pip install ./shared`` (not editable) into a folder of its own, then ``newsclean run-local``
from another folder: the handler it runs is the packaged one, so no checkout is needed. The
``functions/*/app.py`` files SAM deploys only bind that packaged code.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLES

APPS = {
    "functions/clean_article/app.py": ("newsclean.aws.upload_handler", "UploadHandler"),
    "functions/batch_operations/app.py": ("newsclean.aws.batch_handler", "BatchHandler"),
}


@pytest.mark.parametrize(("path", "binding"), sorted(APPS.items()))
def test_each_app_only_binds_the_packaged_handler(path: str, binding: tuple[str, str]) -> None:
    module, cls = binding
    tree = ast.parse((REPO / path).read_text(encoding="utf-8"))
    docstring, *statements = tree.body
    assert isinstance(docstring, ast.Expr) and isinstance(docstring.value, ast.Constant)
    assert [ast.unparse(statement) for statement in statements] == [
        f"from {module} import {cls}",
        f"HANDLER = {cls}.from_environment()",
        "lambda_handler = HANDLER.lambda_handler",
    ]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``pip install --no-deps`` of a copy of ./shared (a wheel, not editable) into a folder of its own."""
    base = tmp_path_factory.mktemp("installed")
    source = shutil.copytree(REPO / "shared", base / "source", ignore=shutil.ignore_patterns("build", "*.egg-info"))
    target = base / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            "--no-deps",
            "--target",
            str(target),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return target


def run_installed(target: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(target)}  # the copy first; its dependencies from this venv
    for name in ("INPUT_BUCKET", "OUTPUT_BUCKET"):
        env.pop(name, None)
    return subprocess.run(
        [str(target / "bin" / "newsclean"), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def test_the_installed_command_runs_locally_outside_the_checkout(installed: Path, tmp_path: Path) -> None:
    where = subprocess.run(
        [sys.executable, "-c", "import newsclean; print(newsclean.__file__)"],
        env={**os.environ, "PYTHONPATH": str(installed)},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(installed)
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(SAMPLES / "2024/harbour-bridge-reopens.txt", pages / "bridge.txt")
    shutil.copy(SAMPLES / "bad/masthead.png", pages / "logo.png")

    completed = run_installed(installed, tmp_path, "run-local", "pages", "--out", "articles")

    assert completed.returncode == 0, completed.stderr[-3000:]
    assert (tmp_path / "articles" / "outcomes" / "bridge.txt.json").is_file()
    assert (tmp_path / "articles" / "outcomes" / "logo.png.json").is_file()
    assert "articles:    1" in completed.stdout and "rejections:  1 (binary: 1)" in completed.stdout
