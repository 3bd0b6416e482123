"""Text output for people: each problem at its place, the source line, a caret, a hint.

The output is written as it is made, a few thousand problems at a time, so 100,000 findings
cost time and memory in proportion; the summary line comes last and counts the time the
output took too. Colour (a terminal without NO_COLOR) is the ANSI codes rich would write for
these few styles, put around the pieces directly: rendering every line through rich cost a
millisecond a line.
"""

import time
from collections.abc import Callable
from functools import cache
from typing import Final, TextIO

from cjm.diagnostics import Diagnostic, Severity
from cjm.lines import split_lines
from cjm.output.escape import columns, escaped, escaped_lines, unforgeable
from cjm.report import Report

Segment = tuple[str, str | None]
"""A piece of a line and its style (None for plain)."""

Paint = Callable[[str, str | None], str]
"""Puts a piece of text in a style: a no-op without colour."""


_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold blue"}

_SGR: Final = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "blue": "34", "cyan": "36"}
"""The ANSI select-graphic-rendition code of each word of a style."""

_BATCH: Final = 2000
"""Problems rendered between two writes: enough to write seldom, few enough to hold little."""


def write_text(report: Report, stream: TextIO, color: bool = False) -> None:
    """Write every diagnostic with its source line, then a summary line."""
    paint = _painted if color else _plain
    pieces: list[str] = []
    previous: str | None = None
    split: dict[str, list[str] | None] = {}  # each file's lines, split once however many findings it has
    names: dict[str, str] = {}  # and its name, escaped once
    for number, item in enumerate(report.diagnostics):
        if previous is not None and item.path != previous:
            pieces.append("\n")
        previous = item.path
        if item.path not in split:
            source = report.sources.get(item.path)
            split[item.path] = split_lines(source) if source is not None else None
            names[item.path] = escaped(item.path)
        pieces.append(_diagnostic_text(item, names[item.path], split[item.path], paint))
        if number % _BATCH == _BATCH - 1:
            stream.write("".join(pieces))
            pieces.clear()
    if report.diagnostics:
        pieces.append("\n")
    stream.write("".join(pieces))
    stream.write("".join(paint(text, style) for text, style in _summary(report)) + "\n")


def _plain(text: str, style: str | None) -> str:
    return text


def _painted(text: str, style: str | None) -> str:
    return f"{_opening(style)}{text}\x1b[0m" if style and text else text


@cache
def _opening(style: str) -> str:
    return "\x1b[" + ";".join(_SGR[word] for word in style.split()) + "m"


def _diagnostic_text(item: Diagnostic, name: str, source: list[str] | None, paint: Paint) -> str:
    """One problem's lines: where and what, the source line with a caret under the column, the hint."""
    style = _STYLES[item.severity]
    text = (
        paint(f"{name}:{item.line}:{item.column}: ", "bold")
        + paint(item.severity.value, style)
        + paint(f" {item.code} ", "bold")
        + escaped(item.message)
        + paint(f" [{item.name}]", "dim")
        + "\n"
    )
    source_line = _source_line(source, item.line)
    if source_line is not None:
        gutter = " " * len(str(item.line))
        shown, caret = _excerpt(source_line, item.column)
        text += paint(f"{item.line} | ", "blue") + shown + "\n"
        text += paint(f"{gutter} | ", "blue") + paint(" " * caret + "^", style) + "\n"
    if item.hint:
        text += paint("  = hint: ", "cyan") + escaped_lines(item.hint, "    ") + "\n"
    return text


def _source_line(lines: list[str] | None, line: int) -> str | None:
    if lines is None or not 1 <= line <= len(lines):
        return None
    return lines[line - 1]


_SHOWN: Final = 200
"""The most characters of a source line shown; a longer line is cut around the column."""


def _excerpt(line: str, column: int) -> tuple[str, int]:
    """The source line as shown (tabs as four spaces, controls escaped, a long line cut around the
    column) and how many terminal columns come before the caret, wide characters counting two."""
    at = min(max(column - 1, 0), len(line))
    start = 0 if len(line) <= _SHOWN else max(0, min(at - _SHOWN // 2, len(line) - _SHOWN))
    end = start + _SHOWN
    before = ("..." if start else "") + _shown(line[start:at])
    after = _shown(line[at:end]) + ("..." if end < len(line) else "")
    return unforgeable(before + after), columns(before)  # a log command the cut joined again


def _shown(text: str) -> str:
    return escaped(text.replace("\t", "    "))


def _summary(report: Report) -> list[Segment]:
    files = len(report.files)
    cached = f" ({report.cached} from cache)" if report.cached else ""
    took = f" in {time.perf_counter() - report.started:.2f} s" if report.started is not None else ""
    checked = f"Checked {files} file{'s' if files != 1 else ''}{cached}{took}: "
    counts = [
        (report.count(severity), severity)
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if report.count(severity)
    ]
    nothing = report.nothing_checked()
    if nothing is not None and not counts:
        return [(escaped(nothing), "bold red" if report.found_nothing else "bold")]
    if not counts:
        return [(checked, "bold"), ("no problems found.", "bold green")]
    words = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    parts = [f"{n} {words[s]}{'s' if n != 1 else ''}" for n, s in counts]
    return [(checked, "bold"), (", ".join(parts) + ".", _STYLES[counts[0][1]])]
