"""Suppression rules (CJM100): a suppress: entry that silences nothing (more in test_lint.py and test_rule_keys.py)."""

from tests.rules.conftest import Write, changed, lines, lint_set, pin


def test_cjm100_a_suppression_of_a_rule_that_finds_nothing_is_reported_at_its_rule(write: Write) -> None:
    stale = lines("personas: [kasia]", "suppress:", "  - {rule: self-transition, reason: Kept from the old map}")
    found = lint_set(write, None, changed("personas: [kasia]\n", stale))
    assert found.places() == found.at(pin("CJM100", "suppress", 0, "rule"))
    assert "silences nothing" in found[0].message
