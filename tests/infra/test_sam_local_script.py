"""scripts/sam-local-invoke.sh and its place in .ci/run, checked without Docker.

The script itself is run for real by CI (``.ci/run``) wherever Docker can be
had; these tests keep what it is made of honest everywhere: both scripts
parse, every sample event has an expectation that fits its kind and names a
function of the template, the Python and shell it writes out at run time are
valid, and the pins and flags it relies on exist.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

import pytest
from cfnlint.decode import decode

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "sam-local-invoke.sh"
CI_RUN = ROOT / ".ci" / "run"
EVENTS = ROOT / "events"
OBJECTS = EVENTS / "objects"
SAM = ROOT / ".venv-tools" / "bin" / "sam"
BATCH_RESULT_CODES = {"Succeeded", "TemporaryFailure", "PermanentFailure"}


def script_text() -> str:
    return SCRIPT.read_text(encoding="utf-8")


def heredoc(marker: str) -> str:
    """The body of the script's quoted here-document ``<<'MARKER'``."""
    match = re.search(rf"<<'{marker}'\n(.*?)\n{marker}\n", script_text(), re.DOTALL)
    assert match, f"no <<'{marker}' here-document in {SCRIPT.name}"
    return match.group(1)


def bash_array(name: str) -> list[str]:
    """The elements of ``readonly NAME=( ... )``, one quoted or bare word each."""
    match = re.search(rf"^readonly {name}=\((.*?)\)$", script_text(), re.MULTILINE | re.DOTALL)
    assert match, f"no readonly {name}=(...) in {SCRIPT.name}"
    return [quoted or bare for quoted, bare in re.findall(r'"([^"]*)"|(\S+)', match.group(1))]


def bash_value(name: str) -> str:
    match = re.search(rf"^readonly {name}=(\S+)$", script_text(), re.MULTILINE)
    assert match, f"no readonly {name}=... in {SCRIPT.name}"
    return match.group(1)


def expectations() -> dict[str, tuple[str, str]]:
    table = {}
    for line in bash_array("EXPECTATIONS"):
        name, function, expect = line.split()
        assert name not in table, f"{name} is listed twice"
        table[name] = (function, expect)
    return table


def load_event(name: str) -> dict[str, Any]:
    return json.loads((EVENTS / name).read_text(encoding="utf-8"))


def helper_namespace() -> dict[str, Any]:
    namespace: dict[str, Any] = {"__name__": "sam_local_invoke_helper"}
    exec(compile(heredoc("PYTHON"), "helper.py", "exec"), namespace)
    return namespace


@pytest.mark.parametrize("path", [SCRIPT, CI_RUN], ids=lambda path: path.name)
def test_script_parses_and_is_strict(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#!/usr/bin/env bash"
    assert "set -euo pipefail" in lines
    subprocess.run(["bash", "-n", str(path)], check=True)


@pytest.mark.parametrize("path", [SCRIPT, CI_RUN], ids=lambda path: path.name)
def test_stops_only_what_it_started(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"\b(pkill|killall)\b", text)
    assert re.search(r"^trap \w+ EXIT$", text, re.MULTILINE)


def test_every_event_has_an_expectation_and_every_expectation_an_event() -> None:
    assert set(expectations()) == {path.name for path in EVENTS.glob("*.json")}


@pytest.mark.parametrize("name", sorted(expectations()))
def test_expectation_fits_the_event(name: str) -> None:
    function, expect = expectations()[name]
    event = load_event(name)
    if "Records" in event:
        assert function == "CleanArticleFunction"
        assert re.fullmatch(r"article|rejected:[a-z_]+", expect)
    elif event.get("Event") == "s3:TestEvent":
        assert (function, expect) == ("CleanArticleFunction", "ignored")
    else:
        assert "invocationSchemaVersion" in event and event["tasks"]
        assert function == "BatchCleanFunction"
        assert expect in BATCH_RESULT_CODES


def test_expected_functions_are_functions_of_the_template() -> None:
    template, problems = decode(str(ROOT / "template.yaml"))
    assert not problems and template is not None
    functions = {
        name for name, resource in template["Resources"].items() if resource["Type"] == "AWS::Serverless::Function"
    }
    assert {function for function, _ in expectations().values()} <= functions


def test_input_bucket_is_the_one_the_events_name() -> None:
    event_keys = helper_namespace()["event_keys"]
    buckets = {ref[0] for name in expectations() for ref in event_keys(load_event(name))}
    assert buckets == {bash_value("INPUT_BUCKET")}
    assert bash_value("OUTPUT_BUCKET") != bash_value("INPUT_BUCKET")


@pytest.mark.parametrize("name", sorted(expectations()))
def test_helper_reads_each_event_as_the_handler_does(name: str) -> None:
    """Keys decoded with unquote_plus, as both handlers do, name files under events/objects/."""
    event = load_event(name)
    refs = helper_namespace()["event_keys"](event)
    if event.get("Event") == "s3:TestEvent":
        assert refs == []
        return
    assert refs
    for _bucket, key, _version, _sequencer in refs:
        assert (OBJECTS / key).is_file(), key
    raw = [record["s3"]["object"]["key"] for record in event.get("Records", [])]
    raw += [task["s3Key"] for task in event.get("tasks", [])]
    assert [key for _bucket, key, _version, _sequencer in refs] == [unquote_plus(key) for key in raw]


def test_bootstrap_runs_the_handler_through_awslambdaric() -> None:
    bootstrap = heredoc("BOOTSTRAP")
    assert bootstrap.startswith("#!/bin/sh\n")
    assert re.search(r'^exec /var/lang/bin/python3\.13 -m awslambdaric "\$\{_HANDLER', bootstrap, re.MULTILINE)
    # Function code first, then the layer, then the runtime's boto3: as in Lambda.
    path = re.search(r'PYTHONPATH="([^"]+)"', bootstrap)
    assert path
    entries = path.group(1).split(":")
    assert entries.index("/var/task") < entries.index("/opt/python") < entries.index("/var/runtime")
    subprocess.run(["sh", "-n"], input=bootstrap, text=True, check=True)


def test_packages_are_pinned() -> None:
    runtime = bash_array("RUNTIME_PACKAGES")
    assert any(package.startswith("awslambdaric==") for package in runtime)
    assert all("==" in package for package in runtime)
    constraints = (ROOT / "requirements" / "constraints.txt").read_text(encoding="utf-8")
    # What is not pinned here is pinned by constraints.txt.
    for package in bash_array("MOTO_SERVER_PACKAGES"):
        if "==" not in package:
            assert re.search(rf"^{re.escape(package.split('[')[0])}==", constraints, re.MULTILINE), package
    for package in ("boto3", "botocore", "moto"):
        assert re.search(rf"^{package}==", constraints, re.MULTILINE)


def test_invokes_with_the_local_image_and_never_pulls() -> None:
    invoke = re.search(r"sam\" local invoke .*?(?=\n\s*\n|\n  took=)", script_text(), re.DOTALL)
    assert invoke
    for flag in ("--invoke-image", "--skip-pull-image", "--env-vars", "--parameter-overrides", "--template-file"):
        assert flag in invoke.group(0)


@pytest.mark.skipif(not SAM.is_file(), reason="no SAM CLI in .venv-tools (scripts/check-template.sh installs it)")
def test_sam_cli_knows_the_flags_used(tmp_path: Path) -> None:
    text = script_text()
    invoke = re.search(r"sam\" local invoke .*?(?=\n\s*\n|\n  took=)", text, re.DOTALL)
    assert invoke
    used = set(re.findall(r"(?<=\s)--[a-z-]+", invoke.group(0)))
    helptext = subprocess.run(
        [str(SAM), "local", "invoke", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "SAM_CLI_TELEMETRY": "0", "HOME": str(tmp_path)},
    ).stdout
    assert used and all(flag in helptext for flag in used), used


def test_ci_runs_the_suite_first_and_lets_it_decide() -> None:
    text = CI_RUN.read_text(encoding="utf-8")
    suite = text.index("bash scripts/test.sh")
    invoke = text.index("bash scripts/sam-local-invoke.sh")
    assert suite < invoke
    assert "SKIP: sam local invoke (" in text
    assert "apt-get install" in text and "dockerd" in text
    # The dockerd it starts is stopped by its pid, not by name.
    assert re.search(r'kill -TERM "\$dockerd_pid"', text)


def test_skips_cleanly_without_docker(tmp_path: Path) -> None:
    """With no Docker daemon to talk to (or no docker at all), the script says SKIP and exits 77."""
    result = subprocess.run(
        ["bash", str(SCRIPT)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": str(tmp_path),
            "DOCKER_HOST": f"unix://{tmp_path}/no-docker.sock",
        },
    )
    assert result.returncode == 77, result.stdout + result.stderr
    assert "SKIP: sam local invoke (" in result.stdout
