"""Values with a form (ids, links, dates, language codes, rule keys): one verdict, told in words."""

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tests.samples import MINIMAL_JOURNEY

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]

EVIDENCE_LINK = (
    "        emotion: 1\n"
    "        evidence:\n"
    "          - type: survey\n"
    "            summary: interviews\n"
    '            link: "https://example.org/report\\n"\n'
)
"""The first step's evidence, with a link that ends in a line break."""


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("id: coffee-subscription\n", 'id: "coffee-subscription\\n"\n', "expected an id of lowercase Latin letters"),
        ("title: Coffee subscription\n", 'title: Coffee\nlanguage: "en\\n"\n', "expected a language code like 'en'"),
        ("title: Coffee subscription\n", 'title: Coffee\nlast_reviewed: "2026-10-31\\n"\n', "expected a date like"),
        ("        emotion: 1\n", EVIDENCE_LINK, "expected a link starting with https://"),
    ],
    ids=["id", "language", "date", "link"],
)
def test_a_value_with_a_trailing_line_break_is_refused_in_plain_words(
    cli: Cli, write: Write, old: str, new: str, expected: str
) -> None:
    assert MINIMAL_JOURNEY.count(old) == 1
    write("j.yaml", MINIMAL_JOURNEY.replace(old, new))
    result = cli("validate", "j.yaml")
    assert result.exit_code == 1
    [finding] = [line for line in result.stdout.splitlines() if " CJM022 " in line]
    assert expected in finding
    assert "pattern" not in result.stdout


def test_a_link_with_a_trailing_line_break_is_told_to_lose_it(cli: Cli, write: Write) -> None:
    write("j.yaml", MINIMAL_JOURNEY.replace("        emotion: 1\n", EVIDENCE_LINK))
    result = cli("validate", "j.yaml")
    assert "= hint: remove the line break or spaces around it: `link: https://example.org/report`" in result.stdout


def test_a_rule_key_in_a_suppression_is_refused_without_a_regular_expression(cli: Cli, write: Write) -> None:
    write("j.yaml", MINIMAL_JOURNEY + "suppress:\n  - rule: 'bad rule!'\n    reason: testing\n")
    result = cli("validate", "j.yaml")
    assert result.exit_code == 1
    assert "suppress[0].rule: got 'bad rule!', which is not written the way this key takes" in result.stdout
    assert "pattern" not in result.stdout
    assert "[A-Za-z]" not in result.stdout
