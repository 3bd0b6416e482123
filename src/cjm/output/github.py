"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request."""

from typing import TextIO

from cjm.diagnostics import Severity
from cjm.output.escape import escaped
from cjm.report import Report

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    """Text for a workflow command: its own line breaks encoded, any other control character escaped."""
    encoded = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return escaped(encoded)


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def write_github(report: Report, stream: TextIO, color: bool = False) -> None:
    """Write one `::error file=...,line=...,col=...,title=...::message` line per diagnostic."""
    nothing = report.nothing_checked()
    if nothing is not None and report.found_nothing:
        stream.write(f"::error title=cjm::{_data(nothing)}\n")
    for d in report.diagnostics:
        message = d.message + (f" (hint: {d.hint})" if d.hint else "")
        stream.write(
            f"::{_COMMANDS[d.severity]} file={_property(d.path)},line={d.line},col={d.column},"
            f"title={_property(f'{d.code} {d.name}')}::{_data(message)}\n"
        )
