"""Run the enabled lint rules over a validated set of files and turn findings into diagnostics.

Configuration decides which rules run, at which severity and on which files; in-file
`suppress:` entries on a journey, stage or step silence one rule there, with a reason, and
a suppression that silences nothing is itself reported (CJM100).
"""

import fnmatch
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from cjm.cache import Cache
from cjm.config import Config, LoadedConfig
from cjm.diagnostics import Diagnostic, Severity
from cjm.engine import check_paths
from cjm.lint.context import Finding, JourneyContext, LintSettings, ProjectContext
from cjm.lint.registry import UNUSED_SUPPRESSION, Rule, find_rule
from cjm.lint.selection import enabled_rules, matches_any
from cjm.loader import Document
from cjm.model import Journey, Persona, Suppression, TouchpointCatalog
from cjm.report import Progress, Report
from cjm.validation import Path


@dataclass(slots=True)
class _Suppressions:
    """The suppress: entries of one journey, with whether each was used."""

    entries: list[tuple[Path, Path, Suppression]]
    used: set[int] = field(default_factory=set)

    def silence(self, finding_path: Path, rule: Rule) -> bool:
        for number, (scope, _, entry) in enumerate(self.entries):
            if finding_path[: len(scope)] == scope and entry.rule in (rule.code, rule.name):
                self.used.add(number)
                return True
        return False


def _suppressions(journey: Journey) -> _Suppressions:
    entries: list[tuple[Path, Path, Suppression]] = []
    for n, entry in enumerate(journey.suppress):
        entries.append(((), ("suppress", n), entry))
    for s, stage in enumerate(journey.stages):
        for n, entry in enumerate(stage.suppress):
            entries.append((("stages", s), ("stages", s, "suppress", n), entry))
        for t, step in enumerate(stage.steps):
            for n, entry in enumerate(step.suppress):
                entries.append((("stages", s, "steps", t), ("stages", s, "steps", t, "suppress", n), entry))
    return _Suppressions(entries)


def lint(
    paths: Sequence[str | os.PathLike[str]],
    *,
    config: LoadedConfig | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    stdin: bytes | None = None,
    stdin_name: str | None = None,
    skip_other_yaml: bool = False,
    cache: Cache | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> Report:
    """Validate the files, then run every enabled rule over the valid ones.

    `select` and `ignore` given here replace the configuration's. Files that do not validate
    are reported with their validation problems and not linted. With a cache, an unchanged
    run is answered from it and unchanged files are not parsed again.
    """
    loaded = config or LoadedConfig(Config(), None)
    return check_paths(
        [os.fspath(p) for p in paths],
        config=loaded,
        parts=["lint", loaded.config.model_dump_json(), repr(select), repr(ignore), loaded.folder],
        stdin=stdin,
        stdin_name=stdin_name,
        skip_other_yaml=skip_other_yaml,
        cache=cache,
        jobs=jobs,
        progress=progress,
        reuse_run=True,
        then=lambda report: _run_rules(report, loaded, select, ignore),
    )


def _run_rules(
    report: Report, loaded: LoadedConfig, select: Sequence[str] | None, ignore: Sequence[str] | None
) -> None:
    settings = loaded.config
    rules = enabled_rules(select if select is not None else settings.select, ignore or settings.ignore)
    project = _project(report, settings)
    suppressions = {id(j.document): _suppressions(j.journey) for j in project.journeys}
    kept: dict[int, list[tuple[Finding, Rule, Severity]]] = {}
    documents: dict[int, Document] = {}
    for rule in rules:
        severity = Severity(settings.severity.get(rule.code, settings.severity.get(rule.name, rule.severity)))
        for finding in rule.check(project):
            if _ignored_for_file(loaded, finding.document.path, rule):
                continue
            held = suppressions.get(id(finding.document))
            if held is not None and held.silence(finding.path, rule):
                continue
            kept.setdefault(id(finding.document), []).append((finding, rule, severity))
            documents[id(finding.document)] = finding.document
    if matches_any(select if select is not None else settings.select, *UNUSED_SUPPRESSION) and not matches_any(
        ignore or settings.ignore, *UNUSED_SUPPRESSION
    ):
        ran = {rule.code for rule in rules}
        for j in project.journeys:
            report.diagnostics.extend(_unused(j.document, suppressions[id(j.document)], ran))
            j.document.release()
    for key, findings in kept.items():
        report.diagnostics.extend(_diagnostic(finding, rule, severity) for finding, rule, severity in findings)
        documents[key].release()
    report.diagnostics.sort(key=Diagnostic.sort_key)


def _project(report: Report, config: Config) -> ProjectContext:
    settings = LintSettings(
        required_stages=tuple(config.required_stages),
        stage_aliases={key: tuple(value) for key, value in config.stage_aliases.items()},
    )
    journeys = [
        JourneyContext(v.document, v.model, report.index, settings)
        for v in report.valid
        if isinstance(v.model, Journey)
    ]
    personas = [(v.document, v.model) for v in report.valid if isinstance(v.model, Persona)]
    catalogs = [(v.document, v.model) for v in report.valid if isinstance(v.model, TouchpointCatalog)]
    return ProjectContext(journeys, personas, catalogs, report.index, settings)


def _ignored_for_file(loaded: LoadedConfig, shown_path: str, rule: Rule) -> bool:
    patterns = loaded.config.per_file_ignores
    if not patterns:
        return False
    relative = os.path.relpath(os.path.abspath(shown_path), loaded.folder).replace(os.sep, "/")
    return any(
        (fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(shown_path, pattern))
        and matches_any(keys, rule.code, rule.name)
        for pattern, keys in patterns.items()
    )


def _diagnostic(finding: Finding, rule: Rule, severity: Severity) -> Diagnostic:
    line, column = finding.document.locate(finding.path, key=finding.at_key)
    return Diagnostic(
        rule.code, rule.name, severity, finding.message, finding.document.path, line, column, finding.hint
    )


def _unused(document: Document, held: _Suppressions, ran: set[str]) -> Iterator[Diagnostic]:
    code, name = UNUSED_SUPPRESSION
    for number, (_, path, entry) in enumerate(held.entries):
        rule = find_rule(entry.rule)
        if rule is None:
            message = f"the suppression names '{entry.rule}', which is not a lint rule"
            hint = "use a code or name from `cjm rules`"
        elif number in held.used or rule.code not in ran:
            continue
        else:
            message = f"the suppression of {rule.code} ({rule.name}) silences nothing here"
            hint = "remove it: the finding it was written for is gone"
        line, column = document.locate((*path, "rule"))
        yield Diagnostic(code, name, Severity.WARNING, message, document.path, line, column, hint)
