"""Rule keys: codes, names, code prefixes and ALL mean the same rules everywhere, in any case.

The command line (`--select`, `--ignore`), the configuration (select, ignore, severity,
per-file-ignores) and in-file `suppress:` entries all ask the one resolver in
`cjm.lint.registry`; these tests lint the same files through each of them.
"""

from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

from cjm.config import find_config
from cjm.diagnostics import Diagnostic
from cjm.lint.runner import lint
from tests.samples import MINIMAL_JOURNEY, MINIMAL_PERSONA

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]


def linted(write: Write, journey: str = MINIMAL_JOURNEY, **options: object) -> list[Diagnostic]:
    """Lint the journey and its persona in the current folder, with the configuration found there."""
    paths = [str(write("j.yaml", journey)), str(write("p.yaml", MINIMAL_PERSONA))]
    options.setdefault("config", find_config(paths))
    return lint(paths, **options).diagnostics  # type: ignore[arg-type]


def places(found: list[Diagnostic]) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in found]


def suppressed_on_journey(key: str, journey: str = MINIMAL_JOURNEY) -> str:
    return journey.replace("stages:\n", f"suppress:\n  - {{rule: {key}, reason: Owners are agreed in Q1}}\nstages:\n")


# The defects the review found ------------------------------------------------------------------


def test_an_unused_suppression_can_be_suppressed_by_the_journey(write: Write) -> None:
    stale = MINIMAL_JOURNEY.replace(
        "        emotion: 1\n",
        "        emotion: 1\n        suppress:\n          - {rule: step-without-touchpoint, reason: On a poster}\n",
    )
    assert places(linted(write, stale, select=["CJM201", "CJM100"])) == [("CJM100", 23, 20)]
    quiet = suppressed_on_journey("unused-suppression", stale)
    assert linted(write, quiet, select=["CJM201", "CJM100"]) == []


def test_the_severity_of_an_unused_suppression_can_be_set(write: Write) -> None:
    write("cjm.toml", '[severity]\nunused-suppression = "error"\n')
    found = linted(write, suppressed_on_journey("CJM304"), select=["CJM304", "CJM100"])
    assert [(d.code, d.severity.value) for d in found] == [("CJM100", "error")]
