"""Run the enabled lint rules over a validated set of files and turn findings into diagnostics.

Configuration and options decide which rules run, at which severity and on which files; every
rule key they hold is resolved by `cjm.linting.registry`, and one that names no rule stops the run
before any file is read. In-file `suppress:` entries on a journey, stage or step silence rules
there, with a reason. Rules run phase by phase, so the rule that reports suppressions that
silence nothing (CJM100) sees what the others found.
"""

import datetime
import fnmatch
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from cjm.cache import Cache
from cjm.config import Config, LoadedConfig
from cjm.dates import today
from cjm.diagnostics import Diagnostic, Severity
from cjm.discovery import UsageError
from cjm.engine import check_paths
from cjm.linting.context import Finding, JourneyContext, LintSettings, ProjectContext, SuppressEntry, Suppressions
from cjm.linting.registry import Rule, RuleKeyError, codes, enabled_rules, key_problem, resolve, severities
from cjm.model import Journey, Persona, Suppression, TouchpointCatalog
from cjm.report import Progress, Report
from cjm.validation import Path


@dataclass(frozen=True, slots=True)
class _Plan:
    """What the configuration and the options decide: the rules to run, in order, and how."""

    rules: list[Rule]
    severity: dict[str, Severity]
    """The configured severity of a rule, by code; other rules keep their own."""
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...]
    """File patterns, each with the codes of the rules that do not run on matching files."""


def _suppressions(journey: Journey) -> Suppressions:
    entries: list[SuppressEntry] = []

    def add(scope: Path, suppress: list[Suppression]) -> None:
        for number, entry in enumerate(suppress):
            rules = resolve(entry.rule)
            named = None if rules is None else frozenset(rule.code for rule in rules)
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
    reuse_run: bool = True,
) -> Report:
    """Validate the files, then run every enabled rule over the valid ones.

    `select` and `ignore` given here (even empty) replace the configuration's. Files that do
    not validate are reported with their validation problems and not linted. With a cache, an
    unchanged run is answered from it (unless `reuse_run` is False: its report has no models) and
    unchanged files are not parsed again. Raises
    config.ConfigError for a configured rule key that names no rule, and discovery.UsageError
    for such a key in `select` or `ignore`.
    """
    loaded = config or LoadedConfig(Config(), None)
    plan = _plan(loaded, select, ignore)
    day = today()
    return check_paths(
        [os.fspath(p) for p in paths],
        config=loaded,
        # The day is part of the run: the freshness rules measure ages from it.
        parts=["lint", loaded.config.model_dump_json(), repr(select), repr(ignore), loaded.folder, str(day)],
        stdin=stdin,
        stdin_name=stdin_name,
        skip_other_yaml=skip_other_yaml,
        cache=cache,
        jobs=jobs,
        progress=progress,
        reuse_run=reuse_run,
        then=lambda report: _run_rules(report, loaded, plan, day),
    )


def _plan(loaded: LoadedConfig, select: Sequence[str] | None, ignore: Sequence[str] | None) -> _Plan:
    """Resolve every rule key of the configuration and the options, or name the first that names no rule."""
    settings = loaded.config

    def checked(where: str, keys: Sequence[str], error: Callable[[str, str], UsageError]) -> Sequence[str]:
        for key in keys:
            problem = key_problem(key)
            if problem is not None:
                raise error(where, problem)
        return keys

    def option_error(where: str, problem: str) -> UsageError:
        return UsageError(f"{where}: {problem}")

    chosen = checked("select", settings.select, loaded.error)
    skipped = checked("ignore", settings.ignore, loaded.error)
    per_file = tuple(
        (pattern, codes(checked(f"per-file-ignores.{pattern}", keys, loaded.error)))
        for pattern, keys in settings.per_file_ignores.items()
    )
    try:
        severity = severities(settings.severity)
    except RuleKeyError as error:
        raise loaded.error("severity", str(error)) from error
    if select is not None:
        chosen = checked("select", select, option_error)
    if ignore is not None:
        skipped = checked("ignore", ignore, option_error)
    return _Plan(enabled_rules(chosen, skipped), severity, per_file)


def _run_rules(report: Report, loaded: LoadedConfig, plan: _Plan, day: datetime.date) -> None:
    project = _project(report, loaded.config, day)
    ledgers = {id(j.document): j.suppressions for j in project.journeys}
    for rule in plan.rules:
        severity = plan.severity.get(rule.code, rule.severity)
        # All of a rule's findings first, then silence: a rule sees the suppressions as the
        # earlier rules left them, whatever order it reports in.
        for finding in list(rule.check(project)):
            if _ignored_for_file(loaded, plan, finding.document.path, rule):
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


def _project(report: Report, config: Config, day: datetime.date) -> ProjectContext:
    settings = LintSettings(
        required_stages=tuple(config.required_stages),
        stage_aliases={key: tuple(value) for key, value in config.stage_aliases.items()},
        today=day,
        review_max_age=config.review_max_age,
        evidence_max_age=config.evidence_max_age,
        kpi_period_max_lag=config.kpi_period_max_lag,
    )
    journeys = [
        JourneyContext(v.document, v.model, report.index, settings, _suppressions(v.model))
        for v in report.valid
        if isinstance(v.model, Journey)
    ]
    personas = [(v.document, v.model) for v in report.valid if isinstance(v.model, Persona)]
    catalogs = [(v.document, v.model) for v in report.valid if isinstance(v.model, TouchpointCatalog)]
    elsewhere = [v.model for v in report.context if isinstance(v.model, Journey)]
    return ProjectContext(journeys, personas, catalogs, report.index, settings, elsewhere)


def _ignored_for_file(loaded: LoadedConfig, plan: _Plan, shown_path: str, rule: Rule) -> bool:
    """Whether a per-file-ignores pattern, relative to the configuration's folder, skips the rule here.

    Only that folder counts: a pattern that matched the path as shown from the current folder
    would make the verdict depend on where cjm runs.
    """
    if not plan.per_file_ignores:
        return False
    relative = os.path.relpath(os.path.abspath(shown_path), loaded.folder).replace(os.sep, "/")
    return any(
        rule.code in ignored and fnmatch.fnmatch(relative, pattern) for pattern, ignored in plan.per_file_ignores
    )


def _diagnostic(finding: Finding, rule: Rule, severity: Severity) -> Diagnostic:
    line, column = finding.document.locate(finding.path, key=finding.at_key)
    return Diagnostic(
        rule.code, rule.name, severity, finding.message, finding.document.path, line, column, finding.hint
    )
