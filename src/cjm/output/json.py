"""JSON output: a stable document for scripts and editors.

Fields (version 1): `version`, `summary` (`ok`: whether the gate passes, `files`, `errors`,
`warnings`, `info`, `cached`, `skipped`: YAML files passed over as not cjm files, and
`nothing_checked`: a sentence when no cjm file was checked, else null),
`files` (the paths checked, in order) and `diagnostics`, each with `path`, `line`,
`column` (1-based), `severity`, `code`, `name`, `message` and `hint` (null when none).

The bytes are valid UTF-8 (or ASCII, on a stream that cannot carry more): a file name that is
not UTF-8 keeps its odd bytes as \\udcXX escapes, as Python's `os.fsdecode` reads them.
"""

from typing import TextIO

from cjm.diagnostics import Severity
from cjm.output.escape import write_json_document
from cjm.report import Report


def write_json(report: Report, stream: TextIO, color: bool = False) -> None:
    """Write the report as one JSON document."""
    document = {
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
        "diagnostics": [
            {
                "path": d.path,
                "line": d.line,
                "column": d.column,
                "severity": d.severity.value,
                "code": d.code,
                "name": d.name,
                "message": d.message,
                "hint": d.hint,
            }
            for d in report.diagnostics
        ],
    }
    write_json_document(document, stream)
