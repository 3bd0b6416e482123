"""Text output for people: each problem at its place, the source line, a caret, a hint.

Colour comes from rich, and only when asked for (a terminal without NO_COLOR); plain
output does not import rich at all, which keeps pre-commit runs quick.
"""

import re
from typing import Final, TextIO

from cjm.diagnostics import Diagnostic, Severity
from cjm.output.escape import columns, escaped, escaped_lines
from cjm.report import Report

Segment = tuple[str, str | None]
"""A piece of a line and its rich style (None for plain)."""

_LINE_BREAKS: Final = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
"""Where YAML breaks lines, so line numbers match the file's: not at a form feed or \\x1c, as
`str.splitlines` would."""

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold blue"}


def write_text(report: Report, stream: TextIO, color: bool = False) -> None:
    """Write every diagnostic with its source line, then a summary line."""
    lines: list[list[Segment]] = []
    previous: str | None = None
    split: dict[str, list[str] | None] = {}  # each file's lines, split once however many findings it has
    for item in report.diagnostics:
        if previous is not None and item.path != previous:
            lines.append([])
        previous = item.path
        if item.path not in split:
            source = report.sources.get(item.path)
            split[item.path] = _LINE_BREAKS.split(source) if source is not None else None
        lines.extend(_diagnostic_lines(item, split[item.path]))
    if report.diagnostics:
        lines.append([])
    lines.append(_summary(report))
    if color:
        from rich.console import Console
        from rich.text import Text

        console = Console(file=stream, highlight=False, soft_wrap=True, emoji=False, markup=False)
        for line in lines:
            console.print(Text.assemble(*((text, style or "") for text, style in line)))
    else:
        stream.write("".join("".join(text for text, _ in line) + "\n" for line in lines))


def _diagnostic_lines(item: Diagnostic, source: list[str] | None) -> list[list[Segment]]:
    head: list[Segment] = [
        (f"{escaped(item.path)}:{item.line}:{item.column}: ", "bold"),
        (item.severity.value, _STYLES[item.severity]),
        (f" {item.code} ", "bold"),
        (escaped(item.message), None),
        (f" [{item.name}]", "dim"),
    ]
    lines = [head]
    source_line = _source_line(source, item.line)
    if source_line is not None:
        gutter = " " * len(str(item.line))
        shown, caret = _excerpt(source_line, item.column)
        lines.append([(f"{item.line} | ", "blue"), (shown, None)])
        lines.append([(f"{gutter} | ", "blue"), (" " * caret + "^", _STYLES[item.severity])])
    if item.hint:
        lines.append([("  = hint: ", "cyan"), (escaped_lines(item.hint, "    "), None)])
    return lines


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
    shown = before + after
    if "##[" in shown:  # a log command the cut joined again; its joiner takes no column
        shown = escaped(shown)
    return shown, columns(before)


def _shown(text: str) -> str:
    return escaped(text.replace("\t", "    "))


def _summary(report: Report) -> list[Segment]:
    files = len(report.files)
    cached = f" ({report.cached} from cache)" if report.cached else ""
    took = f" in {report.elapsed:.2f} s" if report.elapsed is not None else ""
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
