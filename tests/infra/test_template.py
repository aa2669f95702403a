"""What template.yaml must keep true, read from the template itself.

Parsed with cfn-lint's own loader (it understands !Sub, !If, !GetAtt...), so
these tests need no network, Docker, AWS account or SAM CLI. The deployable
artifact itself is checked by scripts/check-template.sh.

Every function names its own role, so the IAM statements written here are all
the IAM the stack deploys: SAM generates none (no policy templates, no
managed policies), which one test below keeps true.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cfnlint.decode import decode

from newsclean.aws.records import HASHED_OUTCOME_PREFIX, OUTCOME_PREFIX

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_PATH = ROOT / "template.yaml"
FUNCTION = "CleanArticleFunction"
BATCH_FUNCTION = "BatchCleanFunction"
FUNCTIONS = {FUNCTION: "functions/clean_article", BATCH_FUNCTION: "functions/batch_operations"}
ROLES = {FUNCTION: "CleanArticleRole", BATCH_FUNCTION: "BatchCleanRole"}
LOG_GROUPS = {FUNCTION: "CleanArticleLogGroup", BATCH_FUNCTION: "BatchCleanLogGroup"}
LAYER_ARCHITECTURES = {"NewscleanLayerArm64": "arm64", "NewscleanLayerX8664": "x86_64"}
SECURE_TRANSPORT_OFF = {"Bool": {"aws:SecureTransport": "false"}}
INPUT_BUCKET_NAME = "${BucketNamePrefix}-input-${AWS::AccountId}-${AWS::Region}"
BATCH_PREFIX = "batch-operations/"
NO_VALUE = {"Ref": "AWS::NoValue"}
# A wildcard may only stand for objects (keys) of one of the two buckets.
BUCKET_OBJECTS = re.compile(
    r"^(\$\{InputBucket\.Arn\}|\$\{OutputBucket\.Arn\}|arn:\$\{AWS::Partition\}:s3:::"
    + re.escape(INPUT_BUCKET_NAME)
    + r")/([^*]*/)?\*$"
)


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
def shared(template: dict[str, Any]) -> dict[str, Any]:
    """The properties every function takes from Globals."""
    return template["Globals"]["Function"]


@pytest.fixture(scope="module")
def function(resources: dict[str, Any]) -> dict[str, Any]:
    return resources[FUNCTION]["Properties"]


@pytest.fixture(scope="module")
def batch_function(resources: dict[str, Any]) -> dict[str, Any]:
    return resources[BATCH_FUNCTION]["Properties"]


def of_type(resources: dict[str, Any], resource_type: str) -> dict[str, dict[str, Any]]:
    return {name: body for name, body in resources.items() if body["Type"] == resource_type}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def statements(node: Any, condition: str | None = None) -> Iterator[tuple[str | None, dict[str, Any]]]:
    """Every IAM statement below ``node`` (roles, bucket and queue policies), with the condition
    it depends on when it sits in an ``!If`` (the statement when true; ``!Ref AWS::NoValue`` when false)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "Statement":
                for item in as_list(value):
                    yield from unconditional(item, condition)
            else:
                yield from statements(value, condition)
    elif isinstance(node, list):
        for item in node:
            yield from statements(item, condition)


def unconditional(item: dict[str, Any], condition: str | None) -> Iterator[tuple[str | None, dict[str, Any]]]:
    if "Fn::If" in item:
        name, when_true, when_false = item["Fn::If"]
        assert when_false == NO_VALUE, item
        yield name, when_true
    else:
        yield condition, item


def allowed(node: Any) -> list[tuple[str | None, dict[str, Any]]]:
    return [(condition, statement) for condition, statement in statements(node) if statement["Effect"] == "Allow"]


def role_statements(resources: dict[str, Any], role: str) -> list[dict[str, Any]]:
    return [statement for _, statement in allowed(resources[role]["Properties"]["Policies"])]


def actions(statement: dict[str, Any]) -> list[str]:
    return as_list(statement["Action"])


def sub(value: Any) -> str:
    """The text of a ``!Sub``; any other value must not be one."""
    assert isinstance(value, dict) and set(value) == {"Fn::Sub"}, value
    return value["Fn::Sub"]


# ------------------------------------------------------------------ trigger


def input_notification(resources: dict[str, Any]) -> dict[str, Any]:
    (notification,) = resources["InputBucket"]["Properties"]["NotificationConfiguration"]["LambdaConfigurations"]
    return notification


def test_trigger_is_object_created_on_the_input_bucket(resources: dict[str, Any], function: dict[str, Any]) -> None:
    # Written on the bucket, not as a SAM event (whose generated permission has no SourceArn).
    assert "Events" not in function
    notification = input_notification(resources)
    assert notification["Event"] == "s3:ObjectCreated:*"
    assert notification["Function"] == {"Fn::GetAtt": [FUNCTION, "Arn"]}
    assert resources["InputBucket"]["DependsOn"] == "CleanArticleInvokePermission"


def test_only_the_input_bucket_of_this_account_may_invoke_the_upload_function(resources: dict[str, Any]) -> None:
    permissions = [r["Properties"] for r in resources.values() if r["Type"] == "AWS::Lambda::Permission"]
    assert permissions == [resources["CleanArticleInvokePermission"]["Properties"]]
    (permission,) = permissions
    assert permission["FunctionName"] == {"Fn::GetAtt": [FUNCTION, "Arn"]}
    assert (permission["Action"], permission["Principal"]) == ("lambda:InvokeFunction", "s3.amazonaws.com")
    assert permission["SourceAccount"] == {"Ref": "AWS::AccountId"}
    assert sub(permission["SourceArn"]) == f"arn:${{AWS::Partition}}:s3:::{INPUT_BUCKET_NAME}"


def test_trigger_filter_takes_prefix_and_suffix_from_parameters(
    template: dict[str, Any], resources: dict[str, Any]
) -> None:
    for name, condition in (("InputKeyPrefix", "HasKeyPrefix"), ("InputKeySuffix", "HasKeySuffix")):
        # Empty by default (every key), and S3 refuses an empty rule: each rule needs its condition.
        assert template["Parameters"][name]["Default"] == ""
        assert template["Conditions"][condition] == {"Fn::Not": [{"Fn::Equals": [{"Ref": name}, ""]}]}
    assert template["Conditions"]["HasKeyFilter"] == {
        "Fn::Or": [{"Condition": "HasKeyPrefix"}, {"Condition": "HasKeySuffix"}]
    }
    filter_if = input_notification(resources)["Filter"]["Fn::If"]
    assert filter_if[0] == "HasKeyFilter" and filter_if[2] == NO_VALUE
    assert filter_if[1]["S3Key"]["Rules"] == [
        {"Fn::If": ["HasKeyPrefix", {"Name": "prefix", "Value": {"Ref": "InputKeyPrefix"}}, NO_VALUE]},
        {"Fn::If": ["HasKeySuffix", {"Name": "suffix", "Value": {"Ref": "InputKeySuffix"}}, NO_VALUE]},
    ]


def test_output_bucket_is_not_the_input_bucket(resources: dict[str, Any], shared: dict[str, Any]) -> None:
    assert shared["Environment"]["Variables"]["OUTPUT_BUCKET"] == {"Ref": "OutputBucket"}
    assert sub(shared["Environment"]["Variables"]["INPUT_BUCKET"]) == INPUT_BUCKET_NAME
    input_name = resources["InputBucket"]["Properties"]["BucketName"]
    output_name = resources["OutputBucket"]["Properties"]["BucketName"]
    assert sub(input_name) == INPUT_BUCKET_NAME
    assert input_name != output_name


# ----------------------------------------------------------- least privilege


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_function_has_its_own_role_and_no_generated_policy(resources: dict[str, Any], name: str) -> None:
    # With Role set and no Policies, SAM creates no role and attaches no managed
    # policy (AWSLambdaBasicExecutionRole would allow logs on "*").
    properties = resources[name]["Properties"]
    assert properties["Role"] == {"Fn::GetAtt": [ROLES[name], "Arn"]}
    assert "Policies" not in properties
    role = resources[ROLES[name]]["Properties"]
    assert "ManagedPolicyArns" not in role
    trust = role["AssumeRolePolicyDocument"]["Statement"]
    assert trust == [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]


def test_no_allow_statement_has_a_wildcard_action(resources: dict[str, Any]) -> None:
    found = allowed(resources)
    assert len(found) > 10
    for _, statement in found:
        for action in actions(statement):
            assert "*" not in action, statement


def test_wildcard_resources_are_only_bucket_objects_log_streams_or_traces(resources: dict[str, Any]) -> None:
    for condition, statement in allowed(resources):
        for resource in as_list(statement.get("Resource", [])):
            if resource == "*":
                # X-Ray has no resource-level permissions; only while tracing is on.
                assert condition == "TracingEnabled", statement
                assert sorted(actions(statement)) == ["xray:PutTelemetryRecords", "xray:PutTraceSegments"]
            elif isinstance(resource, dict) and "Fn::Sub" in resource and "*" in resource["Fn::Sub"]:
                assert BUCKET_OBJECTS.match(resource["Fn::Sub"]), statement
            elif isinstance(resource, dict) and "Fn::GetAtt" in resource:
                # A log group's Arn attribute ends in ":*", its streams; anything else names one resource.
                target = resources[resource["Fn::GetAtt"][0]]["Type"]
                assert target in {
                    "AWS::S3::Bucket",
                    "AWS::SQS::Queue",
                    "AWS::Logs::LogGroup",
                    "AWS::Serverless::Function",
                }
            else:
                assert isinstance(resource, dict) and "*" not in str(resource), statement


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_function_reads_the_input_bucket_and_writes_only_to_the_output_bucket(
    resources: dict[str, Any], name: str
) -> None:
    granted = role_statements(resources, ROLES[name])
    reads = [s for s in granted if "s3:GetObjectVersion" in actions(s)]
    assert len(reads) == 1 and sorted(actions(reads[0])) == ["s3:GetObject", "s3:GetObjectVersion"]
    assert sub(reads[0]["Resource"]) in {f"arn:${{AWS::Partition}}:s3:::{INPUT_BUCKET_NAME}/*", "${InputBucket.Arn}/*"}
    # Outcomes only: the function can neither delete nor touch Batch Operations' files.
    writes = [s for s in granted if any(action.startswith(("s3:Put", "s3:Delete")) for action in actions(s))]
    assert len(writes) == 1 and actions(writes[0]) == ["s3:GetObject", "s3:PutObject"]
    assert [sub(r) for r in writes[0]["Resource"]] == [
        "${OutputBucket.Arn}/outcomes/*",
        "${OutputBucket.Arn}/outcomes-by-hash/*",
    ]
    s3_actions = {action for s in granted for action in actions(s) if action.startswith("s3:")}
    assert s3_actions == {"s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:PutObject"}


def test_spelled_out_input_bucket_name_is_the_buckets_name(resources: dict[str, Any]) -> None:
    # The upload role names the input bucket by text (a reference would be a
    # circular dependency); this keeps the two spellings equal.
    granted = role_statements(resources, "CleanArticleRole")
    named = [sub(r) for s in granted for r in as_list(s["Resource"]) if "s3:::" in str(r)]
    assert named and all(INPUT_BUCKET_NAME in text for text in named)
    assert sub(resources["InputBucket"]["Properties"]["BucketName"]) == INPUT_BUCKET_NAME


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_function_writes_logs_only_to_its_own_log_group(resources: dict[str, Any], name: str) -> None:
    granted = role_statements(resources, ROLES[name])
    logs = [s for s in granted if any(action.startswith("logs:") for action in actions(s))]
    assert len(logs) == 1 and sorted(actions(logs[0])) == ["logs:CreateLogStream", "logs:PutLogEvents"]
    assert logs[0]["Resource"] == {"Fn::GetAtt": [LOG_GROUPS[name], "Arn"]}


def test_only_the_upload_function_may_send_to_the_failure_queue(resources: dict[str, Any]) -> None:
    sends = [s for _, s in allowed(resources) if "sqs:SendMessage" in actions(s)]
    assert sends == [
        {
            "Sid": "SendFailedEvents",
            "Effect": "Allow",
            "Action": "sqs:SendMessage",
            "Resource": {"Fn::GetAtt": ["FailedEventsQueue", "Arn"]},
        }
    ]
    assert sends[0] in role_statements(resources, "CleanArticleRole")


# ------------------------------------------------------------------ buckets


@pytest.mark.parametrize("bucket", ["InputBucket", "OutputBucket"])
def test_bucket_is_encrypted_private_and_owner_enforced(resources: dict[str, Any], bucket: str) -> None:
    properties = resources[bucket]["Properties"]
    rules = properties["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert rules[0]["ServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    block = properties["PublicAccessBlockConfiguration"]
    assert block == {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    }
    assert properties["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}]


def bucket_denials(resources: dict[str, Any], bucket: str) -> list[dict[str, Any]]:
    policies = [
        body["Properties"]["PolicyDocument"]
        for body in of_type(resources, "AWS::S3::BucketPolicy").values()
        if body["Properties"]["Bucket"] == {"Ref": bucket}
    ]
    assert len(policies) == 1, f"{bucket} needs exactly one bucket policy"
    return [statement for _, statement in statements(policies) if statement["Effect"] == "Deny"]


@pytest.mark.parametrize("bucket", ["InputBucket", "OutputBucket"])
def test_bucket_policy_denies_plain_http(resources: dict[str, Any], bucket: str) -> None:
    denials = [s for s in bucket_denials(resources, bucket) if s.get("Condition") == SECURE_TRANSPORT_OFF]
    assert len(denials) == 1, f"{bucket} needs a policy that denies requests without TLS"
    assert denials[0]["Principal"] == "*" and denials[0]["Action"] == "s3:*"
    assert sorted(map(str, as_list(denials[0]["Resource"]))) == sorted(
        map(str, [{"Fn::GetAtt": [bucket, "Arn"]}, {"Fn::Sub": f"${{{bucket}.Arn}}/*"}])
    )


@pytest.mark.parametrize("bucket", ["InputBucket", "OutputBucket"])
def test_bucket_policy_enforces_the_buckets_own_encryption(resources: dict[str, Any], bucket: str) -> None:
    objects = {"Fn::Sub": f"${{{bucket}.Arn}}/*"}
    conditions = [
        s["Condition"]
        for s in bucket_denials(resources, bucket)
        if s["Principal"] == "*" and s["Action"] == "s3:PutObject" and s["Resource"] == objects
    ]
    # Another algorithm asked for (a KMS key the functions cannot use) ...
    assert {
        "Null": {"s3:x-amz-server-side-encryption": "false"},
        "StringNotEquals": {"s3:x-amz-server-side-encryption": "AES256"},
    } in conditions
    # ... or a key the client brings (SSE-C): refused. No header: the default, SSE-S3.
    assert {"Null": {"s3:x-amz-server-side-encryption-customer-algorithm": "false"}} in conditions


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
    # Long enough to notice on a Friday, fix the cause and redrive: the SQS maximum.
    assert queue["Properties"]["MessageRetentionPeriod"] == 14 * 24 * 3600


def test_failure_queue_denies_plain_http(resources: dict[str, Any]) -> None:
    policy = resources["FailedEventsQueuePolicy"]["Properties"]
    assert policy["Queues"] == [{"Ref": "FailedEventsQueue"}]
    (denial,) = [s for _, s in statements(policy) if s["Effect"] == "Deny"]
    assert denial["Condition"] == SECURE_TRANSPORT_OFF
    assert denial["Resource"] == {"Fn::GetAtt": ["FailedEventsQueue", "Arn"]}


# ------------------------------------------------------------ concurrency


@pytest.mark.parametrize(
    ("name", "parameter", "condition"),
    [
        (FUNCTION, "ReservedConcurrency", "HasReservedConcurrency"),
        (BATCH_FUNCTION, "BatchReservedConcurrency", "HasBatchReservedConcurrency"),
    ],
)
def test_reserved_concurrency_is_a_parameter(
    template: dict[str, Any], resources: dict[str, Any], name: str, parameter: str, condition: str
) -> None:
    assert template["Parameters"][parameter]["Default"] == 0
    assert template["Parameters"][parameter]["MinValue"] == 0
    assert template["Conditions"][condition] == {"Fn::Not": [{"Fn::Equals": [{"Ref": parameter}, 0]}]}
    assert resources[name]["Properties"]["ReservedConcurrentExecutions"] == {
        "Fn::If": [condition, {"Ref": parameter}, NO_VALUE]
    }


# ------------------------------------------------------- Batch Operations


def test_batch_function_is_invoked_by_jobs_only(batch_function: dict[str, Any]) -> None:
    # No S3 trigger and no async config: Batch Operations calls it synchronously.
    assert batch_function["CodeUri"].rstrip("/") == "functions/batch_operations"
    assert "Events" not in batch_function
    assert "EventInvokeConfig" not in batch_function


def test_batch_operations_role_is_assumed_by_batch_operations_only(resources: dict[str, Any]) -> None:
    role = resources["BatchOperationsRole"]["Properties"]
    assert role["AssumeRolePolicyDocument"]["Statement"] == [
        {"Effect": "Allow", "Principal": {"Service": "batchoperations.s3.amazonaws.com"}, "Action": "sts:AssumeRole"}
    ]
    assert "ManagedPolicyArns" not in role


def test_batch_operations_role_invokes_reads_manifests_and_writes_reports(resources: dict[str, Any]) -> None:
    granted = {
        action: [str(sub(r)) if "Fn::Sub" in r else r for r in as_list(s["Resource"])]
        for s in role_statements(resources, "BatchOperationsRole")
        for action in actions(s)
    }
    assert granted == {
        "lambda:InvokeFunction": [{"Fn::GetAtt": [BATCH_FUNCTION, "Arn"]}],
        "s3:GetObject": [
            f"${{OutputBucket.Arn}}/{BATCH_PREFIX}manifests/*",
            f"${{OutputBucket.Arn}}/{BATCH_PREFIX}inventory/*",
        ],
        "s3:GetObjectVersion": [
            f"${{OutputBucket.Arn}}/{BATCH_PREFIX}manifests/*",
            f"${{OutputBucket.Arn}}/{BATCH_PREFIX}inventory/*",
        ],
        "s3:PutObject": [f"${{OutputBucket.Arn}}/{BATCH_PREFIX}reports/*"],
        "s3:GetBucketLocation": [{"Fn::GetAtt": ["OutputBucket", "Arn"]}],
    }


def test_inventory_of_the_input_bucket_is_optional_and_lands_where_jobs_read(
    template: dict[str, Any], resources: dict[str, Any]
) -> None:
    assert template["Parameters"]["InputInventory"]["Default"] == "Off"
    assert template["Conditions"]["HasInventory"] == {"Fn::Not": [{"Fn::Equals": [{"Ref": "InputInventory"}, "Off"]}]}
    condition, (inventory,), otherwise = resources["InputBucket"]["Properties"]["InventoryConfigurations"]["Fn::If"]
    assert condition == "HasInventory" and otherwise == NO_VALUE
    assert inventory["Destination"] == {
        "BucketArn": {"Fn::GetAtt": ["OutputBucket", "Arn"]},
        "Format": "CSV",
        "Prefix": "batch-operations/inventory",
    }
    assert inventory["ScheduleFrequency"] == {"Ref": "InputInventory"}
    delivery = [(condition, s) for condition, s in allowed(resources["OutputBucketPolicy"]) if s["Principal"] != "*"]
    assert len(delivery) == 1
    condition, statement = delivery[0]
    assert condition == "HasInventory"
    assert statement["Principal"] == {"Service": "s3.amazonaws.com"} and statement["Action"] == "s3:PutObject"
    assert sub(statement["Resource"]) == f"${{OutputBucket.Arn}}/{BATCH_PREFIX}inventory/*"
    assert sub(statement["Condition"]["ArnLike"]["aws:SourceArn"]).endswith(f"s3:::{INPUT_BUCKET_NAME}")
    assert statement["Condition"]["StringEquals"] == {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}


def test_batch_working_files_expire(resources: dict[str, Any]) -> None:
    (rule,) = resources["OutputBucket"]["Properties"]["LifecycleConfiguration"]["Rules"]
    assert rule["Prefix"] == BATCH_PREFIX and rule["Status"] == "Enabled" and rule["ExpirationInDays"] >= 30
    # The tools' prefix and the outcomes' never overlap, so no outcome expires and no input names a tool's file.
    for outcomes in (OUTCOME_PREFIX, HASHED_OUTCOME_PREFIX):
        assert not outcomes.startswith(BATCH_PREFIX) and not BATCH_PREFIX.startswith(outcomes)


# -------------------------------------------------------- runtime and layer


@pytest.mark.parametrize(("name", "code"), sorted(FUNCTIONS.items()))
def test_function_code_is_a_thin_handler_on_python313(
    shared: dict[str, Any], resources: dict[str, Any], name: str, code: str
) -> None:
    assert shared["Runtime"] == "python3.13"
    assert shared["Handler"] == "app.lambda_handler"
    properties = resources[name]["Properties"]
    assert properties["CodeUri"].rstrip("/") == code
    assert not {"Runtime", "Handler", "Layers", "MemorySize"} & set(properties), "set once, in Globals"
    assert (ROOT / code / "app.py").is_file()
    for layer in LAYER_ARCHITECTURES:
        assert resources[layer]["Properties"]["CompatibleRuntimes"] == ["python3.13"]


def test_architecture_parameter_defaults_to_arm64(template: dict[str, Any], shared: dict[str, Any]) -> None:
    parameter = template["Parameters"]["Architecture"]
    assert parameter["Default"] == "arm64"
    assert sorted(parameter["AllowedValues"]) == ["arm64", "x86_64"]
    assert shared["Architectures"] == [{"Ref": "Architecture"}]


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


def test_functions_take_the_layer_of_their_architecture(template: dict[str, Any], shared: dict[str, Any]) -> None:
    assert template["Conditions"]["IsArm64"] == {"Fn::Equals": [{"Ref": "Architecture"}, "arm64"]}
    assert shared["Layers"] == [{"Fn::If": ["IsArm64", {"Ref": "NewscleanLayerArm64"}, {"Ref": "NewscleanLayerX8664"}]}]
    assert template["Resources"]["NewscleanLayerArm64"]["Condition"] == "IsArm64"
    x86_condition = template["Resources"]["NewscleanLayerX8664"]["Condition"]
    assert template["Conditions"][x86_condition] == {"Fn::Equals": [{"Ref": "Architecture"}, "x86_64"]}


def test_memory_size_is_the_one_the_benchmark_prices(shared: dict[str, Any]) -> None:
    # benchmarks/performance.py reads this value to price a million objects.
    assert isinstance(shared["MemorySize"], int) and 128 <= shared["MemorySize"] <= 10240
    text = TEMPLATE_PATH.read_text()
    assert "benchmarks/performance.py" in text[: text.index("MemorySize:")]


# ------------------------------------------------------- settings and logs


def test_powertools_settings(shared: dict[str, Any]) -> None:
    variables = shared["Environment"]["Variables"]
    assert variables["POWERTOOLS_SERVICE_NAME"] == "newsclean"
    assert variables["POWERTOOLS_METRICS_NAMESPACE"] == "NewsClean"
    assert variables["LOG_LEVEL"] == {"Ref": "LogLevel"}
    assert variables["ENABLE_TRACING"] == {"Ref": "EnableTracing"}


def test_tracing_is_off_unless_a_parameter_turns_it_on(template: dict[str, Any], shared: dict[str, Any]) -> None:
    assert template["Parameters"]["EnableTracing"]["Default"] == "false"
    assert template["Conditions"]["TracingEnabled"] == {"Fn::Equals": [{"Ref": "EnableTracing"}, "true"]}
    assert shared["Tracing"] == {"Fn::If": ["TracingEnabled", "Active", "PassThrough"]}


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_logs_go_to_a_log_group_with_retention(template: dict[str, Any], resources: dict[str, Any], name: str) -> None:
    group = LOG_GROUPS[name]
    assert resources[name]["Properties"]["LoggingConfig"]["LogGroup"] == {"Ref": group}
    assert resources[group]["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionDays"}
    assert (
        template["Parameters"]["LogRetentionDays"]["Default"]
        in template["Parameters"]["LogRetentionDays"]["AllowedValues"]
    )
