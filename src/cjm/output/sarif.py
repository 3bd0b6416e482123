"""SARIF 2.1.0 for GitHub code scanning and other static-analysis dashboards.

One run with every rule cjm has (validation codes and lint rules, each documented), one result
per diagnostic with a fingerprint that follows the finding across commits (`fingerprints.py`),
and file locations relative to the repository root. The same report gives the same bytes.
"""

import functools
import json
import os
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring, encode_basestring_ascii
from pathlib import Path
from typing import Any, Final, TextIO
from urllib.parse import quote

from cjm import __version__
from cjm.diagnostics import VALIDATION_CODES, Code, Diagnostic, Severity
from cjm.discovery import STDIN, display_path
from cjm.linting.registry import Rule, all_rules
from cjm.output.escape import json_for
from cjm.output.fingerprints import fingerprints
from cjm.report import Report

HOME_PAGE: Final = "https://github.com/cjm-dev/cjm"
"""The project's home page when the installed package does not name one (`[project.urls]` Homepage)."""

SCHEMA_URI: Final = "https://json.schemastore.org/sarif-2.1.0.json"
SOURCE_ROOT: Final = "%SRCROOT%"
"""The base of every relative file URI: the repository root (see `repository_root`)."""

MAX_RESULTS: Final = 5_000
"""The most results GitHub code scanning keeps of a run: it rejects a run of more than 25,000, and of
a larger one stores 5,000 of its own choosing ("SARIF results exceed soft limits" in its docs). cjm
keeps the 5,000 most severe itself, in the same order every time, and says how many it left out."""

FINGERPRINT_KEYS: Final = ("cjmFinding/v1", "primaryLocationLineHash")
"""Where each result's fingerprint goes: under cjm's own versioned name, and under the one name
GitHub code scanning reads (it only uses `primaryLocationLineHash`)."""

_LEVELS: Final = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_PROBLEM_SEVERITIES: Final = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "recommendation"}
_VALIDATION_PRECISION: Final = "very-high"
"""How often a validation finding is true: a file follows the schema or it does not."""
_LINT_PRECISION: Final = "high"
"""How often a lint finding is true: the check is exact, but a team may mean it (and suppress it)."""


@dataclass(frozen=True, slots=True)
class RuleDocs:
    """What a log says about a rule: its one-line summary, what it finds and why, and the fix."""

    summary: str
    description: str
    """What the rule finds and why it matters; paragraphs apart by a blank line."""
    family: str
    """The rule family (`flow`, `metrics`, ...), a tag to filter findings by."""
    fix: str = ""
    """The sentence that says what to write instead, where the rule has one."""
    example: str = ""
    """YAML that shows the fix, where the rule has one."""


def lint_rule_docs(rule: Rule) -> RuleDocs:
    """The documentation of a lint rule, in parts: the one place that knows how a Rule is documented.

    A rule documents what it checks, why it matters, an example it flags and the same file fixed
    (`cjm.linting.registry`); the log shows the first two and the fixed file.
    """
    return RuleDocs(
        summary=rule.summary,
        description=f"{rule.what}\n\nWhy it matters: {rule.why}",
        family=_family(rule),
        fix="Write it as in this example, which the rule accepts.",
        example=rule.fix.rstrip("\n"),
    )


def _family(rule: Rule) -> str:
    """The module of `cjm.linting.rules` that defines the rule's check (named after the rule)."""
    from cjm.linting import rules

    check = rule.name.replace("-", "_")
    return next((family for family in rules.__all__ if hasattr(getattr(rules, family), check)), "lint")


_RESULTS_KEY: Final = '"results": []'
_BATCH: Final = 2000
"""Results encoded between two writes."""


def write_sarif(report: Report, stream: TextIO, color: bool = False) -> None:
    """Write the report as a SARIF 2.1.0 log with one run: indented, each result on a line of its own.

    The results are encoded one line each by the JSON encoder written in C, a few thousand at a
    time; indenting them as the rest would take Python's own encoder, many times slower, and a
    line per finding reads as well in a diff.
    """
    log = sarif_log(report)
    run = log["runs"][0]
    results, run["results"] = run["results"], []
    head = json_for(stream, lambda ascii: json.dumps(log, ensure_ascii=ascii, indent=2, sort_keys=True))
    before, after = head.split(_RESULTS_KEY, 1)  # once: in a string the quotes would be escaped
    if not results:
        stream.write(head + "\n")
        return
    indent = " " * (len(before) - len(before.rstrip(" ")) + 2)
    stream.write(before + '"results": [\n')
    for start in range(0, len(results), _BATCH):
        batch = results[start : start + _BATCH]
        stream.write(json_for(stream, functools.partial(_result_lines, batch, indent)))
        stream.write(",\n" if start + _BATCH < len(results) else "\n")
    stream.write(indent[:-2] + "]" + after + "\n")


_RESULT_ENCODERS: Final = {ascii: json.JSONEncoder(ensure_ascii=ascii).encode for ascii in (False, True)}
"""One encoder for each way of writing letters beyond ASCII, not one made per result. They do not sort
keys: `_result` writes them sorted (a fifth quicker)."""

_STRING: Final = {False: encode_basestring, True: encode_basestring_ascii}
"""A string as JSON, by the C functions the encoder itself uses."""

_RESULT_KEYS: Final = frozenset(("level", "locations", "message", "partialFingerprints", "ruleId", "ruleIndex"))
_LOCATION_KEYS: Final = frozenset(("artifactLocation", "region"))
_REGION_KEYS: Final = frozenset(("startColumn", "startLine"))


def _result_lines(results: list[dict[str, Any]], indent: str, ascii: bool) -> str:
    encode, string = _RESULT_ENCODERS[ascii], _STRING[ascii]
    return ",\n".join(indent + (_result_json(result, string) or encode(result)) for result in results)


def _result_json(result: dict[str, Any], string: Callable[[str], str]) -> str | None:
    """A result as the JSON encoder writes it (`json.dumps(result)`, keys as `_result` orders them),
    its few strings quoted by the encoder's own C function: five times quicker than encoding the
    nested dicts, which counts at thousands of results. None for a result of another shape."""
    if result.keys() != _RESULT_KEYS or len(result["locations"]) != 1:
        return None
    location = result["locations"][0].get("physicalLocation", {})
    if location.keys() != _LOCATION_KEYS or location["region"].keys() != _REGION_KEYS:
        return None
    artifact, region = location["artifactLocation"], location["region"]
    if not set(artifact) <= {"uri", "uriBaseId"} or result["message"].keys() != {"text"}:
        return None
    base = f', "uriBaseId": {string(artifact["uriBaseId"])}' if "uriBaseId" in artifact else ""
    prints = ", ".join(f"{string(key)}: {string(value)}" for key, value in result["partialFingerprints"].items())
    return (
        f'{{"level": {string(result["level"])}, "locations": [{{"physicalLocation": {{"artifactLocation": '
        f'{{"uri": {string(artifact["uri"])}{base}}}, "region": {{"startColumn": {int(region["startColumn"])}, '
        f'"startLine": {int(region["startLine"])}}}}}}}], "message": {{"text": {string(result["message"]["text"])}}}, '
        f'"partialFingerprints": {{{prints}}}, "ruleId": {string(result["ruleId"])}, '
        f'"ruleIndex": {int(result["ruleIndex"])}}}'
    )


def sarif_log(report: Report) -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log: one run of cjm, with every rule and one result per diagnostic."""
    home = home_page()
    rules = _descriptors(home)
    index = {rule["id"]: number for number, rule in enumerate(rules)}
    root = repository_root(os.getcwd())
    by_path = {path: artifact_uri(path, root) for path in {d.path for d in report.diagnostics}}
    uris = [by_path[d.path] for d in report.diagnostics]
    # Every finding is fingerprinted, so identical ones count the same whichever are kept.
    prints = fingerprints(report.diagnostics, [uri for uri, _ in uris], report.sources, report.trees)
    kept = _most_severe(report.diagnostics, MAX_RESULTS)
    results = [_result(report.diagnostics[n], index[report.diagnostics[n].code], *uris[n], prints[n]) for n in kept]
    invocation: dict[str, Any] = {"executionSuccessful": True}
    notifications = []
    nothing = report.nothing_checked()
    if nothing is not None:
        notifications.append({"level": "error" if report.found_nothing else "note", "message": {"text": nothing}})
    if len(kept) < len(report.diagnostics):
        notifications.append(_left_out(len(report.diagnostics) - len(kept)))
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cjm",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": home,
                        "rules": rules,
                    }
                },
                "invocations": [invocation],
                "originalUriBaseIds": {
                    SOURCE_ROOT: {
                        "description": {
                            "text": "The repository root: the nearest folder at or above the folder cjm ran in "
                            "that holds .git, else the folder cjm ran in."
                        }
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def home_page() -> str:
    """The project's home page as the installed package names it, else HOME_PAGE."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        urls = metadata("cjm").get_all("Project-URL") or []
    except PackageNotFoundError:
        return HOME_PAGE
    for entry in urls:
        label, _, url = str(entry).partition(",")
        if label.strip().lower() == "homepage" and url.strip():
            return url.strip().rstrip("/")
    return HOME_PAGE


def rule_help_uri(home: str, code: str) -> str:
    """Where a rule is documented: its section of docs/rules.md."""
    return f"{home}/blob/main/docs/rules.md#{code.lower()}"


def repository_root(folder: str) -> str:
    """The nearest folder at or above `folder` that holds .git (a checkout), else `folder` itself.

    GitHub code scanning reads relative paths as relative to the root of the repository.
    """
    start = os.path.realpath(folder)
    current = start
    while not os.path.exists(os.path.join(current, ".git")):
        parent = os.path.dirname(current)
        if parent == current:
            return start
        current = parent
    return current


def artifact_uri(path: str, root: str) -> tuple[str, str | None]:
    """A file's URI and its base: relative to the root (`%SRCROOT%`) when inside it, else absolute.

    The path is percent-encoded (RFC 3986) with forward slashes, so '#', '%', spaces and
    letters beyond ASCII stay part of the path. Symbolic links are resolved, as GitHub needs.
    Standard input without --stdin-filename is named as cjm shows it, `<stdin>`, with no base.
    """
    if path == display_path(STDIN):
        return quote(path), None
    real = os.path.realpath(path)
    try:
        relative = os.path.relpath(real, root)
    except ValueError:  # pragma: no cover - another drive on Windows
        return Path(real).as_uri(), None
    if relative == ".." or relative.startswith(".." + os.sep):
        return "file://" + quote(os.fsencode(Path(real).as_posix())), None
    # A file name that is not UTF-8 keeps its bytes, percent-encoded, as the file system holds them.
    return quote(os.fsencode(Path(relative).as_posix()), safe="/"), SOURCE_ROOT


def _descriptors(home: str) -> list[dict[str, Any]]:
    """Every rule cjm reports under, by code: the validation codes and the lint rules."""
    rules = all_rules()
    described = [
        _descriptor(code.code, code.name, Severity.ERROR, _validation_docs(code), _VALIDATION_PRECISION, home)
        for code in VALIDATION_CODES
    ]
    described += [
        _descriptor(rule.code, rule.name, rule.severity, lint_rule_docs(rule), _LINT_PRECISION, home) for rule in rules
    ]
    return sorted(described, key=lambda descriptor: str(descriptor["id"]))


def _validation_docs(code: Code) -> RuleDocs:
    return RuleDocs(summary=code.summary, description=code.description, family="validation")


def _descriptor(code: str, name: str, severity: Severity, docs: RuleDocs, precision: str, home: str) -> dict[str, Any]:
    kind = "validation" if docs.family == "validation" else "lint"
    help_uri = rule_help_uri(home, code)
    return {
        "id": code,
        "name": name,
        "shortDescription": {"text": docs.summary},
        "fullDescription": {"text": _one_paragraph(docs.description)},
        "help": {"text": _help_text(docs), "markdown": _help_markdown(code, docs, help_uri)},
        "helpUri": help_uri,
        "defaultConfiguration": {"level": _LEVELS[severity]},
        "properties": {
            "tags": sorted({kind, docs.family}),
            "precision": precision,
            "problem.severity": _PROBLEM_SEVERITIES[severity],
        },
    }


def _one_paragraph(text: str) -> str:
    return " ".join(text.split())


def _help_text(docs: RuleDocs) -> str:
    parts = [docs.summary, *(_one_paragraph(p) for p in docs.description.split("\n\n"))]
    if docs.fix:
        parts.append(f"Fix: {docs.fix}")
    if docs.example:
        parts.append(textwrap.indent(docs.example, "    "))
    return "\n\n".join(parts)


def _help_markdown(code: str, docs: RuleDocs, help_uri: str) -> str:
    parts = [f"**{docs.summary}**", *(_one_paragraph(p) for p in docs.description.split("\n\n"))]
    if docs.fix:
        parts.append(f"**Fix:** {docs.fix}")
    if docs.example:
        parts.append(f"```yaml\n{docs.example}\n```")
    parts.append(f"[{code} in the rule reference]({help_uri})")
    return "\n\n".join(parts)


def _result(d: Diagnostic, rule_index: int, uri: str, base: str | None, fingerprint: str) -> dict[str, Any]:
    """One result, its keys (at every level) written in sorted order, as the rest of the log's are:
    the encoder need not sort them."""
    artifact = {"uri": uri} if base is None else {"uri": uri, "uriBaseId": base}
    return {
        "level": _LEVELS[d.severity],
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact,
                    "region": {"startColumn": d.column, "startLine": d.line},
                }
            }
        ],
        "message": {"text": _message(d)},
        "partialFingerprints": dict.fromkeys(FINGERPRINT_KEYS, fingerprint),
        "ruleId": d.code,
        "ruleIndex": rule_index,
    }


def _message(d: Diagnostic) -> str:
    """The message and its hint as sentences: GitHub shows the first sentence as the alert's title."""
    text = _sentence(d.message)
    return f"{text} Hint: {_sentence(d.hint)}" if d.hint else text


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def _most_severe(diagnostics: Sequence[Diagnostic], limit: int) -> list[int]:
    """The positions of the `limit` most severe diagnostics, in report order."""
    if len(diagnostics) <= limit:
        return list(range(len(diagnostics)))
    rank = list(_LEVELS)
    chosen = sorted(range(len(diagnostics)), key=lambda n: rank.index(diagnostics[n].severity))[:limit]
    return sorted(chosen)


def _left_out(count: int) -> dict[str, Any]:
    return {
        "level": "warning",
        "message": {
            "text": f"{count:,} findings are left out of this log: GitHub code scanning keeps at most "
            f"{MAX_RESULTS:,} results of a run, so the most severe are kept. Run cjm with --format text "
            "or json to see them all."
        },
    }
