"""What template.yaml must keep true, read from the template itself.

Parsed with cfn-lint's own loader (it understands !Sub, !If, !GetAtt...), so
these tests need no network, Docker, AWS account or SAM CLI. The deployable
artifact itself is checked by scripts/check-template.sh.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cfnlint.decode import decode

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_PATH = ROOT / "template.yaml"
FUNCTION = "CleanArticleFunction"
LAYER_ARCHITECTURES = {"NewscleanLayerArm64": "arm64", "NewscleanLayerX8664": "x86_64"}
SECURE_TRANSPORT_OFF = {"Bool": {"aws:SecureTransport": "false"}}


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    loaded, problems = decode(str(TEMPLATE_PATH))
    assert not problems, [str(problem) for problem in problems]
    assert loaded is not None
    return loaded


@pytest.fixture(scope="module")
def resources(template: dict[str, Any]) -> dict[str, Any]:
    return template["Resources"]


@pytest.fixture(scope="module")
def function(resources: dict[str, Any]) -> dict[str, Any]:
    return resources[FUNCTION]["Properties"]


def of_type(resources: dict[str, Any], resource_type: str) -> dict[str, dict[str, Any]]:
    return {name: body for name, body in resources.items() if body["Type"] == resource_type}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def statements(node: Any) -> Iterator[dict[str, Any]]:
    """Every IAM statement anywhere below ``node``: function policies, bucket and queue policies."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "Statement":
                yield from as_list(value)
            else:
                yield from statements(value)
    elif isinstance(node, list):
        for item in node:
            yield from statements(item)


# ------------------------------------------------------------------ trigger


def test_trigger_is_object_created_on_the_input_bucket(function: dict[str, Any]) -> None:
    s3_events = [event["Properties"] for event in function["Events"].values() if event["Type"] == "S3"]
    assert len(s3_events) == 1
    assert s3_events[0]["Bucket"] == {"Ref": "InputBucket"}
    assert as_list(s3_events[0]["Events"]) == ["s3:ObjectCreated:*"]


def test_output_bucket_is_not_the_input_bucket(resources: dict[str, Any], function: dict[str, Any]) -> None:
    assert function["Environment"]["Variables"]["OUTPUT_BUCKET"] == {"Ref": "OutputBucket"}
    input_name = resources["InputBucket"]["Properties"]["BucketName"]
    output_name = resources["OutputBucket"]["Properties"]["BucketName"]
    assert input_name != output_name


def test_read_policy_names_the_input_bucket(resources: dict[str, Any], function: dict[str, Any]) -> None:
    # The name is spelled out twice (a !Ref would be a circular dependency);
    # this test is what keeps the two spellings equal.
    read = [policy["S3ReadPolicy"] for policy in function["Policies"] if "S3ReadPolicy" in policy]
    assert read == [{"BucketName": resources["InputBucket"]["Properties"]["BucketName"]}]


def test_function_writes_only_to_the_output_bucket(function: dict[str, Any]) -> None:
    allowed = [statement for statement in statements(function["Policies"]) if statement["Effect"] == "Allow"]
    writes = [statement for statement in allowed if any("Put" in action for action in as_list(statement["Action"]))]
    assert writes, "the function must be allowed to write articles"
    for statement in writes:
        assert as_list(statement["Action"]) == ["s3:PutObject"]
        assert statement["Resource"] == {"Fn::Sub": "${OutputBucket.Arn}/*"}


# ----------------------------------------------------------- least privilege


def test_no_statement_grants_everything(resources: dict[str, Any]) -> None:
    found = list(statements(resources))
    assert found
    for statement in found:
        assert "*" not in as_list(statement.get("Action", [])), statement
        assert "*" not in as_list(statement.get("Resource", [])), statement


def test_policy_templates_name_no_wildcard_resource(function: dict[str, Any]) -> None:
    templates = [policy for policy in function["Policies"] if "Statement" not in policy]
    for policy in templates:
        for arguments in policy.values():
            for value in arguments.values():
                assert value != "*" and "*" not in str(value), policy


# ------------------------------------------------------------------ buckets


@pytest.mark.parametrize("bucket", ["InputBucket", "OutputBucket"])
def test_bucket_is_encrypted_private_and_owner_enforced(resources: dict[str, Any], bucket: str) -> None:
    properties = resources[bucket]["Properties"]
    rules = properties["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert rules[0]["ServerSideEncryptionByDefault"]["SSEAlgorithm"] in {"AES256", "aws:kms", "aws:kms:dsse"}
    block = properties["PublicAccessBlockConfiguration"]
    assert block == {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    }
    assert properties["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}]


@pytest.mark.parametrize("bucket", ["InputBucket", "OutputBucket"])
def test_bucket_policy_denies_plain_http(resources: dict[str, Any], bucket: str) -> None:
    policies = [
        body["Properties"]["PolicyDocument"]
        for body in of_type(resources, "AWS::S3::BucketPolicy").values()
        if body["Properties"]["Bucket"] == {"Ref": bucket}
    ]
    denials = [
        statement
        for statement in statements(policies)
        if statement["Effect"] == "Deny" and statement.get("Condition") == SECURE_TRANSPORT_OFF
    ]
    assert denials, f"{bucket} needs a policy that denies requests without TLS"
    assert {"Fn::Sub": f"${{{bucket}.Arn}}/*"} in as_list(denials[0]["Resource"])


def test_input_bucket_is_versioned(resources: dict[str, Any]) -> None:
    versioning = resources["InputBucket"]["Properties"]["VersioningConfiguration"]
    assert versioning == {"Status": "Enabled"}


# ------------------------------------------------------- failed invocations


def test_failures_go_to_the_encrypted_queue_after_two_retries(
    resources: dict[str, Any], function: dict[str, Any]
) -> None:
    config = function["EventInvokeConfig"]
    assert config["MaximumRetryAttempts"] == 2
    assert 60 <= config["MaximumEventAgeInSeconds"] <= 21600
    on_failure = config["DestinationConfig"]["OnFailure"]
    assert on_failure["Type"] == "SQS"
    assert on_failure["Destination"] == {"Fn::GetAtt": ["FailedEventsQueue", "Arn"]}
    queue = resources["FailedEventsQueue"]
    assert queue["Type"] == "AWS::SQS::Queue"
    assert queue["Properties"]["SqsManagedSseEnabled"] is True
    assert queue["Properties"]["MessageRetentionPeriod"] == 14 * 24 * 3600


# -------------------------------------------------------- runtime and layer


def test_runtime_is_python313(resources: dict[str, Any], function: dict[str, Any]) -> None:
    assert function["Runtime"] == "python3.13"
    assert function["Handler"] == "app.lambda_handler"
    assert function["CodeUri"].rstrip("/") == "functions/clean_article"
    for layer in LAYER_ARCHITECTURES:
        assert resources[layer]["Properties"]["CompatibleRuntimes"] == ["python3.13"]


def test_architecture_parameter_defaults_to_arm64(template: dict[str, Any], function: dict[str, Any]) -> None:
    parameter = template["Parameters"]["Architecture"]
    assert parameter["Default"] == "arm64"
    assert sorted(parameter["AllowedValues"]) == ["arm64", "x86_64"]
    assert function["Architectures"] == [{"Ref": "Architecture"}]


@pytest.mark.parametrize(("layer", "architecture"), sorted(LAYER_ARCHITECTURES.items()))
def test_layer_is_built_from_shared_for_its_architecture(
    resources: dict[str, Any], layer: str, architecture: str
) -> None:
    body = resources[layer]
    assert body["Type"] == "AWS::Serverless::LayerVersion"
    assert body["Properties"]["ContentUri"].rstrip("/") == "shared"
    assert body["Metadata"] == {"BuildMethod": "makefile", "BuildArchitecture": architecture}
    assert body["Properties"]["CompatibleArchitectures"] == [architecture]
    # shared/Makefile must have the target that sam build runs for this layer.
    assert f"build-{layer}" in (ROOT / "shared" / "Makefile").read_text()


def test_function_takes_the_layer_of_its_architecture(template: dict[str, Any], function: dict[str, Any]) -> None:
    assert template["Conditions"]["IsArm64"] == {"Fn::Equals": [{"Ref": "Architecture"}, "arm64"]}
    assert function["Layers"] == [
        {"Fn::If": ["IsArm64", {"Ref": "NewscleanLayerArm64"}, {"Ref": "NewscleanLayerX8664"}]}
    ]
    assert template["Resources"]["NewscleanLayerArm64"]["Condition"] == "IsArm64"
    x86_condition = template["Resources"]["NewscleanLayerX8664"]["Condition"]
    assert template["Conditions"][x86_condition] == {"Fn::Equals": [{"Ref": "Architecture"}, "x86_64"]}


# ------------------------------------------------------- settings and logs


def test_powertools_settings(template: dict[str, Any], function: dict[str, Any]) -> None:
    variables = function["Environment"]["Variables"]
    assert variables["POWERTOOLS_SERVICE_NAME"] == "newsclean"
    assert variables["POWERTOOLS_METRICS_NAMESPACE"] == "NewsClean"
    assert variables["LOG_LEVEL"] == {"Ref": "LogLevel"}
    assert variables["ENABLE_TRACING"] == {"Ref": "EnableTracing"}


def test_tracing_is_off_unless_a_parameter_turns_it_on(template: dict[str, Any], function: dict[str, Any]) -> None:
    assert template["Parameters"]["EnableTracing"]["Default"] == "false"
    assert template["Conditions"]["TracingEnabled"] == {"Fn::Equals": [{"Ref": "EnableTracing"}, "true"]}
    assert function["Tracing"] == {"Fn::If": ["TracingEnabled", "Active", "PassThrough"]}


def test_logs_go_to_a_log_group_with_retention(resources: dict[str, Any], function: dict[str, Any]) -> None:
    assert function["LoggingConfig"]["LogGroup"] == {"Ref": "CleanArticleLogGroup"}
    assert resources["CleanArticleLogGroup"]["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionDays"}
