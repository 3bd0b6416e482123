"""People rules (CJM107-CJM110): personas, owners and who the journey is for."""

import pytest

from cjm.linting.runner import lint
from tests.rules.conftest import OTHER_PERSONA, PERSONA, Write, changed, lint_set, pin

KASIA_GOALS = "goals:\n  - Get to work in 15 minutes\n"


@pytest.mark.parametrize("new", ["personas: []\n", ""], ids=["empty-list", "no-key"])
def test_cjm107_a_journey_without_a_persona_is_reported_at_its_id_key(write: Write, new: str) -> None:
    found = lint_set(write, "CJM107", changed("personas: [kasia]\n", new))
    assert found.places() == found.at(pin("CJM107", "id", key=True))
    assert "journey 'bike-rental' follows no persona" in found[0].message


def test_cjm108_a_stage_without_an_owner_is_reported_at_its_id_even_if_the_journey_has_one(write: Write) -> None:
    found = lint_set(write, "CJM108", changed("    owner: Operations\n", ""))
    assert found.places() == found.at(pin("CJM108", "stages", 3, "id"))
    assert "stage 'ride' has no owner" in found[0].message


def test_cjm109_a_persona_without_goals_or_needs_is_reported_in_its_file(write: Write) -> None:
    persona = changed(KASIA_GOALS, "quote: I hate waiting for the tram\n", PERSONA)
    found = lint_set(write, "CJM109", persona=persona)
    assert found.places() == found.at(pin("CJM109", "id", file="p.yaml", key=True))
    assert "persona 'kasia' has neither goals nor needs" in found[0].message


def test_cjm109_needs_alone_are_enough(write: Write) -> None:
    persona = changed(KASIA_GOALS, "needs:\n  - A bike at the tram stop\n", PERSONA)
    assert lint_set(write, "CJM109", persona=persona) == []


def test_cjm110_a_persona_no_journey_follows_is_reported_in_its_file(write: Write) -> None:
    found = lint_set(write, "CJM110", extra={"p2.yaml": OTHER_PERSONA})
    assert found.places() == found.at(pin("CJM110", "id", file="p2.yaml", key=True))
    assert "no journey of the project follows persona 'olek'" in found[0].message


def test_cjm110_a_persona_followed_by_any_journey_checked_is_used(write: Write) -> None:
    other = changed("personas: [kasia]", "personas: [olek]", changed("id: bike-rental", "id: night-rides"))
    assert lint_set(write, "CJM110", extra={"p2.yaml": OTHER_PERSONA, "j2.yaml": other}) == []


def test_cjm110_an_unfollowed_persona_is_left_to_cjm107_while_a_journey_follows_none(write: Write) -> None:
    found = lint_set(write, ["CJM107", "CJM110"], changed("personas: [kasia]\n", ""))
    assert found.places() == found.at(pin("CJM107", "id", key=True))
    assert found[0].hint == "add 'personas: [...]' with the persona it follows; no journey follows 'kasia' yet"


def test_cjm110_personas_are_not_checked_without_journeys(write: Write) -> None:
    write("p.yaml", PERSONA)
    assert lint(["p.yaml"], select=["CJM110"]).diagnostics == []
