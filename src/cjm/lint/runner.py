"""Run the enabled lint rules over a validated set of files and turn findings into diagnostics.

Configuration decides which rules run, at which severity and on which files; in-file
`suppress:` entries on a journey, stage or step silence one rule there, with a reason. Rules
run phase by phase, so the rule that reports suppressions that silence nothing (CJM100) sees
what the others found.
"""

import fnmatch
import os
from collections.abc import Sequence

from cjm.cache import Cache
from cjm.config import Config, LoadedConfig
from cjm.diagnostics import Diagnostic, Severity
from cjm.engine import check_paths
from cjm.lint.context import Finding, JourneyContext, LintSettings, ProjectContext, SuppressEntry, Suppressions
from cjm.lint.registry import Rule, find_rule
from cjm.lint.selection import enabled_rules, matches_any
from cjm.model import Journey, Persona, Suppression, TouchpointCatalog
from cjm.report import Progress, Report
from cjm.validation import Path


def _suppressions(journey: Journey) -> Suppressions:
    entries: list[SuppressEntry] = []

    def add(scope: Path, suppress: list[Suppression]) -> None:
        for number, entry in enumerate(suppress):
            rule = find_rule(entry.rule)
            named = None if rule is None else frozenset({rule.code})
            entries.append(SuppressEntry(scope, (*scope, "suppress", number), entry.rule, named))

    add((), journey.suppress)
    for s, stage in enumerate(journey.stages):
        add(("stages", s), stage.suppress)
        for t, step in enumerate(stage.steps):
            add(("stages", s, "steps", t), step.suppress)
    return Suppressions(tuple(entries))


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
    ledgers = {id(j.document): j.suppressions for j in project.journeys}
    for rule in rules:
        severity = Severity(settings.severity.get(rule.code, settings.severity.get(rule.name, rule.severity)))
        # All of a rule's findings first, then silence: a rule sees the suppressions as the
        # earlier rules left them, whatever order it reports in.
        for finding in list(rule.check(project)):
            if _ignored_for_file(loaded, finding.document.path, rule):
                continue
            held = ledgers.get(id(finding.document))
            if held is not None and held.silence(finding.path, rule.code):
                continue
            report.diagnostics.append(_diagnostic(finding, rule, severity))
        for held in ledgers.values():
            held.checked.add(rule.code)
    for valid in report.valid:
        valid.document.release()
    report.diagnostics.sort(key=Diagnostic.sort_key)


def _project(report: Report, config: Config) -> ProjectContext:
    settings = LintSettings(
        required_stages=tuple(config.required_stages),
        stage_aliases={key: tuple(value) for key, value in config.stage_aliases.items()},
    )
    journeys = [
        JourneyContext(v.document, v.model, report.index, settings, _suppressions(v.model))
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
