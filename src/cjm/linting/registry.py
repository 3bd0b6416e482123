"""The rule registry: every lint rule with its code, name, severity and documentation, and the
one resolver that says which rules a key names.

A rule is one function decorated with `@journey_rule` (called once per journey) or
`@project_rule` (called once for all files, for cross-file checks). Adding a rule means adding
one decorated function to a module in `cjm.linting.rules`.

A rule runs in a phase. Rules of the `MAPS` phase look at the files; a rule of the
`SUPPRESSIONS` phase runs after all of them and sees which `suppress:` entries silenced a
finding (CJM100, unused-suppression). Within a phase, rules run in code order.

The rule's docstring is its documentation, in four parts, in this order:

    <What it checks: one short paragraph.>

    Why it matters: <one paragraph, for a CX or product team.>

    Example:

        <a complete, minimal cjm file that this rule flags>

    Use instead:

        <the same file fixed, which this rule accepts>

The two examples are indented code blocks. When an example needs several files (a journey
and the persona it follows), each file starts with a comment line naming it, and the files
follow one another in the same block, a blank line between them (`example_files` splits them):

        # file: journey.yaml
        apiVersion: cjm/v1
        kind: Journey
        ...

        # file: personas/kasia.yaml
        apiVersion: cjm/v1
        kind: Persona
        ...

A rule whose docstring lacks a part, or has them out of order, is not registered: the import
fails and names the rule.

Rule keys, wherever they are written (`--select`, `--ignore`, the configuration's select,
ignore, severity and per-file-ignores, and in-file `suppress:`), are case-insensitive and are
one of: a code (CJM201), a name (step-without-touchpoint), a code prefix (CJM2, CJM20: every
rule whose code starts so) or ALL. When several severity keys name one rule, the most specific
wins: a code or a name before a longer prefix, a longer prefix before a shorter one, any prefix
before ALL; two keys equally specific that disagree are a configuration error.
"""

import inspect
import re
import textwrap
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from functools import lru_cache
from typing import Final, NamedTuple

from cjm.diagnostics import VALIDATION_CODES, Code, Severity
from cjm.linting.context import Finding, JourneyContext, ProjectContext
from cjm.suggestions import Budget, Vocabulary

JourneyCheck = Callable[[JourneyContext], Iterable[Finding]]
ProjectCheck = Callable[[ProjectContext], Iterable[Finding]]

ALL: Final = "ALL"
"""The key that names every rule."""

EXAMPLE_FILE: Final = "example.yaml"
"""The name of an example's file when the example does not name it."""

_WIDTH: Final = 80
_FILE_LINE: Final = re.compile(r"# file: (?P<name>[\w./-]+)")
_PREFIX: Final = re.compile(r"CJM(?P<digits>[0-9]{1,3})")


class Phase(IntEnum):
    """When a rule runs; a rule of a later phase sees what the earlier phases found and silenced."""

    MAPS = 1
    """Rules that look at the files."""
    SUPPRESSIONS = 2
    """Rules that look at the `suppress:` entries, once every other rule has run."""


class RuleDocError(Exception):
    """A rule's docstring does not have the four parts of a rule's documentation."""


class RuleKeyError(ValueError):
    """Rule keys that cannot be used: one names no rule, or two contradict each other."""


class RuleDoc(NamedTuple):
    """A rule's documentation as read from its docstring: the four parts `Rule` keeps."""

    what: str
    why: str
    example: str
    fix: str


@dataclass(frozen=True, slots=True)
class Rule:
    """A lint rule: what it is called, how serious its findings are, how it checks and its documentation."""

    code: str
    name: str
    severity: Severity
    summary: str
    what: str
    """What the rule checks, in one paragraph."""
    why: str
    """Why it matters, in one paragraph."""
    example: str
    """A complete, minimal cjm file (or several, see `example_files`) that the rule flags."""
    fix: str
    """The same file fixed, which the rule accepts."""
    check: Callable[[ProjectContext], Iterator[Finding]] = field(compare=False)
    phase: Phase = Phase.MAPS

    @property
    def explanation(self) -> str:
        """The four parts of the documentation as plain text, wrapped for a terminal or a help text."""
        return (
            f"{textwrap.fill(self.what, _WIDTH)}\n\n{textwrap.fill('Why it matters: ' + self.why, _WIDTH)}\n\n"
            f"Example:\n\n{textwrap.indent(self.example, '    ')}\nUse instead:\n\n{textwrap.indent(self.fix, '    ')}"
        )


_BY_CODE: dict[str, Rule] = {}
_BY_NAME: dict[str, Rule] = {}


def parse_doc(code: str, docstring: str | None) -> RuleDoc:
    """Read the four parts of a rule's documentation; RuleDocError names what is missing."""
    text = inspect.cleandoc(docstring or "")
    what, found, rest = text.partition("\n\nWhy it matters: ")
    if not found:
        raise RuleDocError(f"{code}: the docstring needs a paragraph starting 'Why it matters: ' after the first")
    why, found, rest = rest.partition("\n\nExample:\n\n")
    if not found:
        raise RuleDocError(f"{code}: the docstring needs an 'Example:' block after 'Why it matters:'")
    example, found, fix = rest.partition("\n\nUse instead:\n\n")
    if not found:
        raise RuleDocError(f"{code}: the docstring needs a 'Use instead:' block after 'Example:'")
    return RuleDoc(
        _paragraph(code, "what it checks", what),
        _paragraph(code, "why it matters", why),
        _block(code, "Example", example),
        _block(code, "Use instead", fix),
    )


def _paragraph(code: str, part: str, text: str) -> str:
    if not text.strip() or "\n\n" in text.strip():
        raise RuleDocError(f"{code}: '{part}' must be one paragraph")
    return " ".join(line.strip() for line in text.strip().splitlines())


def _block(code: str, part: str, text: str) -> str:
    lines = text.rstrip().splitlines()
    if not lines or any(line and not line.startswith("    ") for line in lines):
        raise RuleDocError(f"{code}: the '{part}:' block must be YAML indented by four spaces")
    block = textwrap.dedent(text.rstrip()) + "\n"
    names = [name for name, _ in example_files(block)]
    if len(names) != len(set(names)) or (len(names) > 1 and not _FILE_LINE.fullmatch(block.split("\n", 1)[0])):
        raise RuleDocError(f"{code}: the '{part}:' block must start each of its files with '# file: NAME'")
    return block


def example_files(example: str) -> list[tuple[str, str]]:
    """The files of an example, as (name, text): split at `# file: NAME` lines, or one unnamed file."""
    files: list[tuple[str, list[str]]] = []
    for line in example.splitlines(keepends=True):
        named = _FILE_LINE.fullmatch(line.rstrip("\n"))
        if named is not None:
            files.append((named["name"], []))
        elif files:
            files[-1][1].append(line)
        else:
            files.append((EXAMPLE_FILE, [line]))
    return [(name, "".join(lines)) for name, lines in files]


def _register(rule: Rule) -> None:
    # The same rule again is a module run again after an interrupted import: it replaces itself.
    # A code or a name that two rules share is a programming error, caught at import.
    if _BY_CODE.get(rule.code, rule).name != rule.name or _BY_NAME.get(rule.name, rule).code != rule.code:
        raise RuntimeError(f"lint rule {rule.code} {rule.name} shares its code or name with another rule")
    if not _PREFIX.fullmatch(rule.code) or len(rule.code) != 6 or rule.name != rule.name.lower():
        raise RuntimeError(f"lint rule {rule.code} {rule.name}: codes are CJM and three digits, names lower case")
    _BY_CODE[rule.code] = rule
    _BY_NAME[rule.name] = rule


def _rule(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    docstring: str | None,
    check: Callable[[ProjectContext], Iterator[Finding]],
    phase: Phase,
) -> Rule:
    doc = parse_doc(code, docstring)
    return Rule(code, name, severity, summary, doc.what, doc.why, doc.example, doc.fix, check, phase)


def journey_rule(
    code: str, name: str, severity: Severity, summary: str, *, phase: Phase = Phase.MAPS
) -> Callable[[JourneyCheck], JourneyCheck]:
    """Register a rule that looks at one journey at a time."""

    def register(check: JourneyCheck) -> JourneyCheck:
        def run(project: ProjectContext) -> Iterator[Finding]:
            for journey in project.journeys:
                yield from check(journey)

        _register(_rule(code, name, severity, summary, check.__doc__, run, phase))
        return check

    return register


def project_rule(
    code: str, name: str, severity: Severity, summary: str, *, phase: Phase = Phase.MAPS
) -> Callable[[ProjectCheck], ProjectCheck]:
    """Register a rule that looks at all files together (an unused shared touchpoint, a persona no one follows)."""

    def register(check: ProjectCheck) -> ProjectCheck:
        def run(project: ProjectContext) -> Iterator[Finding]:
            yield from check(project)

        _register(_rule(code, name, severity, summary, check.__doc__, run, phase))
        return check

    return register


def all_rules() -> list[Rule]:
    """Every registered rule, in code order."""
    import cjm.linting.rules  # noqa: F401  (registers the rule families)

    return sorted(_BY_CODE.values(), key=lambda rule: rule.code)


# The resolver ----------------------------------------------------------------------------------


def resolve(key: str) -> frozenset[Rule] | None:
    """The rules a key names, or None when it names none.

    Keys are case-insensitive: a code (CJM201), a name (step-without-touchpoint), a code prefix
    (CJM2, CJM20: every rule whose code starts so) or ALL.
    """
    return _resolve(key.strip().upper())


@lru_cache(maxsize=4096)  # keys come from files too: remember many, not all
def _resolve(key: str) -> frozenset[Rule] | None:
    if key == ALL:
        return frozenset(all_rules())
    if _PREFIX.fullmatch(key):
        return frozenset(rule for rule in all_rules() if rule.code.startswith(key)) or None
    import cjm.linting.rules  # noqa: F401  (registers the rule families; sorting them is not needed for a name)

    named = _BY_NAME.get(key.lower())
    return frozenset({named}) if named is not None else None


def find_rule(key: str) -> Rule | None:
    """The one rule a key names by its code or name (any case), or None."""
    found = resolve(key)
    if found is None or len(found) != 1 or specificity(key) < 3:
        return None
    return next(iter(found))


def specificity(key: str) -> int:
    """How narrowly a key names rules: 3 for a code or a name, the number of digits for a code
    prefix (CJM20: 2, CJM2: 1), 0 for ALL. The most specific key decides a rule's severity."""
    normal = key.strip().upper()
    if normal == ALL:
        return 0
    prefix = _PREFIX.fullmatch(normal)
    return len(prefix["digits"]) if prefix is not None else 3


def key_problem(key: str) -> str | None:
    """Why a key names no rule, as a sentence with what to write instead; None when it names some."""
    if resolve(key) is not None:
        return None
    if validation_check(key) is not None:
        return f"'{key}' is a validation check, which always runs; only lint rules (CJM100 and up) can be chosen"
    if names_validation(key):
        return f"'{key}' names validation checks, which always run; only lint rules (CJM100 and up) can be chosen"
    close = suggestion(key)
    advice = f"did you mean '{close}'? " if close else ""
    return f"'{key}' is not a rule code, name or code prefix; {advice}`cjm rules` lists them"


def validation_check(key: str) -> Code | None:
    """The validation check a key names by its code or name (CJM004, yaml-syntax), in any case."""
    normal = key.strip().lower()
    return next((check for check in VALIDATION_CODES if normal in (check.code.lower(), check.name)), None)


def names_validation(key: str) -> bool:
    """Whether a key names validation checks: a code or name (CJM004, yaml-syntax) or a code prefix (CJM0)."""
    if validation_check(key) is not None:
        return True
    normal = key.strip().upper()
    return _PREFIX.fullmatch(normal) is not None and any(check.code.startswith(normal) for check in VALIDATION_CODES)


def suggestion(key: str, vocabulary: Vocabulary | None = None, budget: Budget | None = None) -> str | None:
    """The code or name closest to a mistyped key, if one is close.

    A caller with many keys to look up (a journey's suppressions) passes one `rule_vocabulary()`
    and one budget for all of them.
    """
    return (vocabulary or rule_vocabulary()).closest(key, budget)


def rule_vocabulary() -> Vocabulary:
    """The codes and names of every rule, prepared for did-you-mean questions (case and spaces around do not count)."""
    rules = all_rules()
    return Vocabulary.of([rule.name for rule in rules] + [rule.code for rule in rules], cutoff=0.75, fold=_key_folded)


def _key_folded(key: str) -> str:
    return key.strip().lower()


def codes(keys: Iterable[str]) -> frozenset[str]:
    """The codes of every rule the keys name; RuleKeyError for a key that names none."""
    return frozenset(rule.code for key in keys for rule in _named(key))


def _named(key: str) -> frozenset[Rule]:
    rules = resolve(key)
    if rules is None:
        raise RuleKeyError(key_problem(key))
    return rules


def enabled_rules(select: Iterable[str], ignore: Iterable[str]) -> list[Rule]:
    """The rules named by select and not by ignore, in the order they run: by phase, then code.

    RuleKeyError for a key that names no rule.
    """
    chosen, skipped = codes(select), codes(ignore)
    picked = [rule for rule in all_rules() if rule.code in chosen and rule.code not in skipped]
    return sorted(picked, key=lambda rule: (rule.phase, rule.code))


def severities(table: Mapping[str, str]) -> dict[str, Severity]:
    """The severity a table of `key = severity` sets for each rule it names, by code.

    The most specific key naming a rule wins (see `specificity`); two keys equally specific
    that set one rule differently raise RuleKeyError, as does a key that names no rule.
    """
    chosen: dict[str, tuple[int, str, Severity]] = {}
    for key, value in table.items():
        severity = Severity(value)
        rank = specificity(key)
        for rule in sorted(_named(key), key=lambda rule: rule.code):
            held = chosen.get(rule.code)
            if held is not None and held[0] == rank and held[2] != severity:
                raise RuleKeyError(
                    f"'{held[1]}' and '{key}' both set the severity of {rule.code} ({rule.name}), "
                    "to different values; keep one"
                )
            if held is None or rank > held[0]:
                chosen[rule.code] = (rank, key, severity)
    return {code: severity for code, (_, _, severity) in chosen.items()}


def describe(key: str) -> str:
    """A key as people read it: a rule's code and name, or the key and how many rules it names."""
    rule = find_rule(key)
    if rule is not None:
        return f"{rule.code} ({rule.name})"
    rules = resolve(key) or frozenset()
    return f"'{key}' ({len(rules)} rule{'s' if len(rules) != 1 else ''})"
