"""The published JSON Schema: generated from the models, committed, and in agreement with cjm validate."""

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cjm.loader import load_text
from cjm.schema import SCHEMA_FILE, json_schema_text
from cjm.validation import validate_document
from tests.conftest import EXAMPLES, ROOT
from tests.samples import MINIMAL_JOURNEY, MINIMAL_PERSONA

COMMITTED = ROOT / "schemas" / SCHEMA_FILE
EXAMPLE_FILES = sorted(EXAMPLES.rglob("*.yaml"))


def schema_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def data_of(text: str) -> Any:
    loaded = load_text("x.yaml", text)
    assert loaded.document is not None
    return loaded.document.data


def test_committed_schema_matches_the_models() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == json_schema_text(), "run `make schema` and commit the result"


def test_schema_is_draft_2020_12_with_an_id() -> None:
    schema = json.loads(json_schema_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"]


def test_every_property_has_a_description_for_editor_hovers() -> None:
    schema = json.loads(json_schema_text())
    missing = [
        f"{name}.{prop}"
        for name, definition in schema["$defs"].items()
        for prop, spec in definition.get("properties", {}).items()
        if not spec.get("description")
    ]
    assert missing == []


def test_there_are_examples_to_check() -> None:
    assert len(EXAMPLE_FILES) >= 6


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_every_example_is_valid_for_the_independent_validator(path: Path) -> None:
    errors = list(schema_validator().iter_errors(data_of(path.read_text(encoding="utf-8"))))
    assert [e.message for e in errors] == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("emotion: 1", "emotion: 3"),
        ("emotion: 1", "emotion: '1'"),
        ("emotion: 1", "emotion: 1\n        colour: red"),
        ("type: awareness", "type: awarness"),
        ("id: sees-ad", "id: Sees Ad"),
        ("title: Coffee subscription", "title: ''"),
        ("title: Coffee subscription", "title: 2026"),
        ("channel: sms", "channel: pigeon"),
        ("kind: Journey", "kind: Jorney"),
        ("apiVersion: cjm/v1", "apiVersion: cjm/v2"),
        ("    name: Zakup\n", ""),
        ("emotion: -1", "emotion: -1\n        evidence: [{type: survey, summary: s, link: 'javascript:alert(1)'}]"),
        ("emotion: -1", "emotion: -1\n        key_moment: yes"),
    ],
)
def test_schema_and_cjm_reject_the_same_invalid_journeys(old: str, new: str) -> None:
    text = MINIMAL_JOURNEY.replace(old, new, 1)
    assert text != MINIMAL_JOURNEY
    loaded = load_text("x.yaml", text)
    assert loaded.document is not None
    assert validate_document(loaded.document).diagnostics != []
    assert list(schema_validator().iter_errors(loaded.document.data)) != []


@pytest.mark.parametrize("text", [MINIMAL_JOURNEY, MINIMAL_PERSONA])
def test_schema_and_cjm_accept_the_same_valid_files(text: str) -> None:
    assert list(schema_validator().iter_errors(data_of(text))) == []
