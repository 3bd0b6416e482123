"""Service blueprint rules (CJM601-CJM603), on the clean set given a blueprint at its unlock step."""

import pytest

from tests.rules.conftest import Write, changed, lines, lint_set, pin

UNLOCK = "        action: Scans the QR code to unlock\n"
BLUEPRINT = lines(
    "        frontstage:",
    "          - {system: bike-app, action: Shows the unlock button}",
    "        backstage:",
    "          - {role: Fleet operator, action: Keeps the docks charged}",
    "        support:",
    "          - {system: bike-app, action: Sends the unlock command}",
)
SYSTEMS = lines("systems:", "  - {id: bike-app, name: Rental app backend}", "stages:")


FAULT = "        action: Reports a loose saddle\n"
FAULT_SUPPORT = lines("        support:", "          - The service desk routes the report to the nearest mechanic")


def with_blueprint(*replacements: tuple[str, str]) -> str:
    """The clean set with a blueprint: at the unlock step (a key moment) all three layers, at the
    fault report (a pain point) its support."""
    journey = changed(UNLOCK, UNLOCK + BLUEPRINT)
    journey = changed(FAULT, FAULT + FAULT_SUPPORT, journey)
    journey = changed("stages:\n", SYSTEMS, journey)
    for old, new in replacements:
        journey = changed(old, new, journey)
    return journey


def test_the_clean_set_with_a_whole_blueprint_passes_the_blueprint_rules(write: Write) -> None:
    assert lint_set(write, ["CJM601", "CJM602", "CJM603"], with_blueprint()) == []


def test_cjm601_a_frontstage_with_no_backstage_is_reported_at_the_frontstage_key(write: Write) -> None:
    journey = with_blueprint(("          - {role: Fleet operator, action: Keeps the docks charged}\n", ""))
    journey = changed("        backstage:\n", "", journey)
    found = lint_set(write, "CJM601", journey)
    assert found.places() == found.at(pin("CJM601", "stages", 2, "steps", 0, "frontstage", key=True))
    assert "has a frontstage but no one behind it" in found[0].message


@pytest.mark.parametrize(
    ("entry", "flagged"),
    [
        ("{system: bike-app, action: Logs the ride}", True),
        ("{role: Fleet operator, action: Keeps the docks charged}", False),
        ("The fleet team keeps the docks charged", False),
    ],
    ids=["a-system-only", "a-role", "a-sentence"],
)
def test_cjm601_a_backstage_says_who_with_a_role_or_a_sentence(write: Write, entry: str, flagged: bool) -> None:
    journey = with_blueprint(("{role: Fleet operator, action: Keeps the docks charged}", entry))
    assert bool(lint_set(write, "CJM601", journey)) is flagged


def test_cjm602_a_key_moment_without_support_is_reported_at_its_action(write: Write) -> None:
    journey = with_blueprint(
        ("        support:\n          - {system: bike-app, action: Sends the unlock command}\n", "")
    )
    found = lint_set(write, "CJM602", journey)
    assert found.places() == found.at(pin("CJM602", "stages", 2, "steps", 0, "action"))
    assert "is a key moment with no support process behind it" in found[0].message


def test_cjm602_a_journey_without_a_blueprint_is_not_asked_for_one(write: Write) -> None:
    assert lint_set(write, "CJM602") == []


def test_cjm603_a_system_not_in_the_list_is_reported_with_the_closest_id(write: Write) -> None:
    journey = with_blueprint(("{system: bike-app, action: Sends", "{system: bike-ap, action: Sends"))
    found = lint_set(write, "CJM603", journey)
    assert found.places() == found.at(pin("CJM603", "stages", 2, "steps", 0, "support", 0, "system"))
    assert found[0].message == "system 'bike-ap' is not among the journey's systems"
    assert found[0].hint == "did you mean 'bike-app'?"
