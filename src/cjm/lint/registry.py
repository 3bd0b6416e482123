"""The rule registry: every lint rule with its code, name, severity, summary and explanation.

A rule is one function decorated with `@journey_rule` (called once per journey) or
`@project_rule` (called once for all files, for cross-file checks). Its docstring is its
explanation: the first paragraph says what it finds and why, then a YAML example of the
fix. Adding a rule means adding one decorated function to a module in `cjm.lint.rules`.

A rule runs in a phase. Rules of the `MAPS` phase look at the files; a rule of the
`SUPPRESSIONS` phase runs after all of them and sees which `suppress:` entries silenced a
finding (CJM100, unused-suppression). Within a phase, rules run in code order.
"""

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import IntEnum

from cjm.diagnostics import Severity
from cjm.lint.context import Finding, JourneyContext, ProjectContext

JourneyCheck = Callable[[JourneyContext], Iterable[Finding]]
ProjectCheck = Callable[[ProjectContext], Iterable[Finding]]


class Phase(IntEnum):
    """When a rule runs; a rule of a later phase sees what the earlier phases found and silenced."""

    MAPS = 1
    """Rules that look at the files."""
    SUPPRESSIONS = 2
    """Rules that look at the `suppress:` entries, once every other rule has run."""


@dataclass(frozen=True, slots=True)
class Rule:
    """A lint rule: what it is called, how serious its findings are, and how it checks."""

    code: str
    name: str
    severity: Severity
    summary: str
    explanation: str
    check: Callable[[ProjectContext], Iterator[Finding]]
    phase: Phase = Phase.MAPS


_RULES: dict[str, Rule] = {}


def _register(rule: Rule) -> None:
    for key in (rule.code, rule.name):
        if key in _RULES:  # pragma: no cover - a programming error caught at import
            raise RuntimeError(f"lint rule {key} is registered twice")
        _RULES[key] = rule


def journey_rule(
    code: str, name: str, severity: Severity, summary: str, *, phase: Phase = Phase.MAPS
) -> Callable[[JourneyCheck], JourneyCheck]:
    """Register a rule that looks at one journey at a time."""

    def register(check: JourneyCheck) -> JourneyCheck:
        def run(project: ProjectContext) -> Iterator[Finding]:
            for journey in project.journeys:
                yield from check(journey)

        _register(Rule(code, name, severity, summary, inspect.cleandoc(check.__doc__ or summary), run, phase))
        return check

    return register


def project_rule(
    code: str, name: str, severity: Severity, summary: str, *, phase: Phase = Phase.MAPS
) -> Callable[[ProjectCheck], ProjectCheck]:
    """Register a rule that looks at all files together (an unused shared touchpoint, a persona no one follows)."""

    def register(check: ProjectCheck) -> ProjectCheck:
        def run(project: ProjectContext) -> Iterator[Finding]:
            yield from check(project)

        _register(Rule(code, name, severity, summary, inspect.cleandoc(check.__doc__ or summary), run, phase))
        return check

    return register


def all_rules() -> list[Rule]:
    """Every registered rule, in code order."""
    import cjm.lint.rules  # noqa: F401  (registers the rule families)

    return sorted({rule.code: rule for rule in _RULES.values()}.values(), key=lambda rule: rule.code)


def find_rule(key: str) -> Rule | None:
    """A rule by its code (CJM201, case-insensitive) or its name (step-without-touchpoint)."""
    all_rules()
    return _RULES.get(key.upper() if key.upper().startswith("CJM") else key)
