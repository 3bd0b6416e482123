"""The JSON Schema of cjm/v1, generated from the models so it can never disagree with them."""

import json
from typing import Annotated, Any, Final

from pydantic import Field, TypeAdapter

from cjm.model import Journey, Persona, TouchpointCatalog

SCHEMA_ID: Final = "urn:cjm:schema:cjm-v1"
SCHEMA_FILE: Final = "cjm-v1.schema.json"
"""The file name under schemas/ that examples point their editors to."""


def json_schema() -> dict[str, Any]:
    """Build the draft 2020-12 schema for every kind of cjm/v1 file."""
    any_file = Annotated[Journey | Persona | TouchpointCatalog, Field(discriminator="kind")]
    generated = TypeAdapter(any_file).json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "cjm/v1 customer journey map",
        "description": "A cjm file: a Journey, a Persona or a TouchpointCatalog, told apart by its 'kind' key.",
        **generated,
    }


def json_schema_text() -> str:
    """The schema as the exact text committed under schemas/."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
