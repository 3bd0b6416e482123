"""Formatters: each turns one Report into text for people or for machines."""

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from cjm.api import Report


class OutputFormat(StrEnum):
    """The output formats of `validate` and `lint`."""

    TEXT = "text"
    JSON = "json"


def write_report(report: "Report", output_format: OutputFormat, stream: TextIO, *, color: bool) -> None:
    """Write the report in the chosen format."""
    formatter: Callable[[Report, TextIO, bool], None]
    if output_format is OutputFormat.JSON:
        from cjm.output.json import write_json

        formatter = write_json
    else:
        from cjm.output.text import write_text

        formatter = write_text
    formatter(report, stream, color)
