"""Validators for the published JSON Schemas of the two outcome documents."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

import jsonschema


@cache
def schema_validator(name: str) -> jsonschema.protocols.Validator:
    schema = json.loads(resources.files("newsclean").joinpath(f"schema/{name}.schema.json").read_text())
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def article_validator() -> jsonschema.protocols.Validator:
    return schema_validator("article")


def rejection_validator() -> jsonschema.protocols.Validator:
    return schema_validator("rejection")
