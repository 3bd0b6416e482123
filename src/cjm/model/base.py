"""The base of every cjm model: strict, closed, immutable."""

from pydantic import BaseModel, ConfigDict


class CjmModel(BaseModel):
    """A part of a cjm file. Unknown keys are refused and values are taken as written.

    Strict mode keeps `cjm validate` in agreement with the published JSON Schema: a
    number is not silently turned into text, nor text into a number.
    """

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        allow_inf_nan=False,
        validate_by_alias=True,
        validate_by_name=False,
        serialize_by_alias=True,
    )
