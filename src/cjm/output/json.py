"""JSON output: a stable document for scripts and editors.

Fields (version 1): `version`, `summary` (`files`, `errors`, `warnings`, `info`, `cached`),
`files` (the paths checked, in order) and `diagnostics`, each with `path`, `line`,
`column` (1-based), `severity`, `code`, `name`, `message` and `hint` (null when none).
"""

import json
from typing import TextIO

from cjm.diagnostics import Severity
from cjm.report import Report


def write_json(report: Report, stream: TextIO, color: bool = False) -> None:
    """Write the report as one JSON document."""
    document = {
        "version": 1,
        "summary": {
            "files": len(report.files),
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "info": report.count(Severity.INFO),
            "cached": report.cached,
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
    stream.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
