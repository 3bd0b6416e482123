"""SARIF 2.1.0 for GitHub code scanning and other static-analysis dashboards."""

import json
from typing import Any, TextIO

from cjm import __version__
from cjm.diagnostics import VALIDATION_CODES, Severity
from cjm.lint.registry import UNUSED_SUPPRESSION, all_rules
from cjm.report import Report

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _descriptors() -> list[dict[str, Any]]:
    rules: list[dict[str, Any]] = [
        {
            "id": code.code,
            "name": code.name,
            "shortDescription": {"text": code.summary},
            "help": {"text": code.summary},
            "defaultConfiguration": {"level": "error"},
        }
        for code in VALIDATION_CODES
    ]
    rules.append(
        {
            "id": UNUSED_SUPPRESSION[0],
            "name": UNUSED_SUPPRESSION[1],
            "shortDescription": {"text": "A suppress: entry silences nothing."},
            "help": {"text": "Remove suppressions whose finding is gone, or that name no rule."},
            "defaultConfiguration": {"level": "warning"},
        }
    )
    for rule in all_rules():
        rules.append(
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.explanation.split("\n\n", 1)[0].replace("\n", " ")},
                "help": {"text": rule.explanation},
                "defaultConfiguration": {"level": _LEVELS[rule.severity]},
            }
        )
    return rules


def write_sarif(report: Report, stream: TextIO, color: bool = False) -> None:
    """Write the report as a SARIF 2.1.0 log with one run."""
    rules = _descriptors()
    index = {rule["id"]: number for number, rule in enumerate(rules)}
    results = [
        {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": _LEVELS[d.severity],
            "message": {"text": d.message + (f" Hint: {d.hint}." if d.hint else "")},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": d.path, "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": d.line, "startColumn": d.column},
                    }
                }
            ],
        }
        for d in report.diagnostics
    ]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {"name": "cjm", "version": __version__, "semanticVersion": __version__, "rules": rules}
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    stream.write(json.dumps(log, ensure_ascii=False, indent=2) + "\n")
