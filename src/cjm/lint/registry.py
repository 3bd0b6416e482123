"""The rule registry: every lint rule with its code, name, severity, summary and explanation.

A rule is one function decorated with `@journey_rule` (called once per journey) or
`@project_rule` (called once for all files, for cross-file checks). Its docstring is its
explanation: the first paragraph says what it finds and why, then a YAML example of the
fix. Adding a rule means adding one decorated function to a module in `cjm.lint.rules`.
"""

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Final

from cjm.diagnostics import Severity
from cjm.lint.context import Finding, JourneyContext, ProjectContext

JourneyCheck = Callable[[JourneyContext], Iterable[Finding]]
ProjectCheck = Callable[[ProjectContext], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A lint rule: what it is called, how serious its findings are, and how it checks."""

    code: str
    name: str
    severity: Severity
    summary: str
    explanation: str
    check: Callable[[ProjectContext], Iterator[Finding]]


_RULES: dict[str, Rule] = {}


def _register(rule: Rule) -> None:
    for key in (rule.code, rule.name):
        if key in _RULES:  # pragma: no cover - a programming error caught at import
            raise RuntimeError(f"lint rule {key} is registered twice")
        _RULES[key] = rule


def journey_rule(code: str, name: str, severity: Severity, summary: str) -> Callable[[JourneyCheck], JourneyCheck]:
    """Register a rule that looks at one journey at a time."""

    def register(check: JourneyCheck) -> JourneyCheck:
        def run(project: ProjectContext) -> Iterator[Finding]:
            for journey in project.journeys:
                yield from check(journey)

        _register(Rule(code, name, severity, summary, inspect.cleandoc(check.__doc__ or summary), run))
        return check

    return register


def project_rule(code: str, name: str, severity: Severity, summary: str) -> Callable[[ProjectCheck], ProjectCheck]:
    """Register a rule that looks at all files together (an unused shared touchpoint, a persona no one follows)."""

    def register(check: ProjectCheck) -> ProjectCheck:
        def run(project: ProjectContext) -> Iterator[Finding]:
            yield from check(project)

        _register(Rule(code, name, severity, summary, inspect.cleandoc(check.__doc__ or summary), run))
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


UNUSED_SUPPRESSION: Final = ("CJM100", "unused-suppression")
"""The code and name of the finding for a suppression that suppresses nothing."""
