"""Formatters: each turns one Report into text for people or for machines."""

from collections.abc import Callable
from enum import StrEnum
from importlib import import_module
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from cjm.report import Report


class OutputFormat(StrEnum):
    """The output formats of `validate` and `lint`."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"


_FORMATTERS = {
    OutputFormat.TEXT: ("cjm.output.text", "write_text"),
    OutputFormat.JSON: ("cjm.output.json", "write_json"),
    OutputFormat.GITHUB: ("cjm.output.github", "write_github"),
    OutputFormat.SARIF: ("cjm.output.sarif", "write_sarif"),
}
"""Each format's module and function, imported only when that format is asked for."""


def write_report(report: "Report", output_format: OutputFormat, stream: TextIO, *, color: bool) -> None:
    """Write the report in the chosen format."""
    module, function = _FORMATTERS[output_format]
    formatter: Callable[[Report, TextIO, bool], None] = getattr(import_module(module), function)
    formatter(report, stream, color)
