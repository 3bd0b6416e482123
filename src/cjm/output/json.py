"""JSON output: a stable document for scripts and editors.

Fields (version 1): `version`, `summary` (`ok`: whether the gate passes, `files`, `errors`,
`warnings`, `info`, `cached`, `skipped`: YAML files passed over as not cjm files, and
`nothing_checked`: a sentence when no cjm file was checked, else null),
`files` (the paths checked, in order) and `diagnostics`, each with `path`, `line`,
`column` (1-based), `severity`, `code`, `name`, `message` and `hint` (null when none).

The bytes are valid UTF-8 (or ASCII, on a stream that cannot carry more): a file name that is
not UTF-8 keeps its odd bytes as \\udcXX escapes, as Python's `os.fsdecode` reads them.
"""

import functools
from json import dumps
from json.encoder import encode_basestring, encode_basestring_ascii
from typing import Final, TextIO

from cjm.diagnostics import Diagnostic, Severity
from cjm.output.escape import json_for
from cjm.report import Report

_BATCH: Final = 2000
"""Diagnostics encoded between two writes."""


def write_json(report: Report, stream: TextIO, color: bool = False) -> None:
    """Write the report as one JSON document, indented by two spaces.

    The diagnostics are encoded one by one and written a few thousand at a time, as the bytes
    `json.dumps(..., indent=2)` would give them, so 100,000 of them need neither the whole
    document in memory nor the slow indenting encoder.
    """
    head = {
        "version": 1,
        "summary": {
            "ok": report.ok,
            "files": len(report.files),
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "info": report.count(Severity.INFO),
            "cached": report.cached,
            "skipped": report.skipped,
            "nothing_checked": report.nothing_checked(),
        },
        "files": report.files,
    }
    opening = json_for(stream, lambda ascii: dumps(head, ensure_ascii=ascii, indent=2))
    stream.write(opening.removesuffix("\n}") + ',\n  "diagnostics": ')
    diagnostics = report.diagnostics
    if not diagnostics:
        stream.write("[]\n}\n")
        return
    stream.write("[\n")
    for start in range(0, len(diagnostics), _BATCH):
        stream.write(json_for(stream, functools.partial(_diagnostics, diagnostics[start : start + _BATCH])))
        stream.write(",\n" if start + _BATCH < len(diagnostics) else "\n")
    stream.write("  ]\n}\n")


def _diagnostics(batch: list[Diagnostic], ascii: bool) -> str:
    return ",\n".join(_diagnostic(d, ascii) for d in batch)


def _diagnostic(d: Diagnostic, ascii: bool) -> str:
    """One diagnostic as `json.dumps` indents it inside the list."""
    quoted = encode_basestring_ascii if ascii else encode_basestring
    hint = "null" if d.hint is None else quoted(d.hint)
    return (
        "    {\n"
        f'      "path": {quoted(d.path)},\n'
        f'      "line": {int(d.line)},\n'
        f'      "column": {int(d.column)},\n'
        f'      "severity": {quoted(d.severity.value)},\n'
        f'      "code": {quoted(d.code)},\n'
        f'      "name": {quoted(d.name)},\n'
        f'      "message": {quoted(d.message)},\n'
        f'      "hint": {hint}\n'
        "    }"
    )
