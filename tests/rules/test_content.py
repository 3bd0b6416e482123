"""Content rules (CJM206-CJM209): pain points with answers, no placeholders, goals and evidence."""

import pytest

from tests.rules.conftest import CATALOG, PERSONA, SKIPPING, Write, changed, lines, lint_one, lint_set, pin

RIDE_OPPORTUNITY = lines("        opportunities:", "          - Suggest a route along bike lanes")
UNLOCK_OPPORTUNITY = lines("        opportunities:", "          - Offer a code to type in")


def test_cjm206_a_stage_with_pain_and_no_opportunity_is_reported_at_its_id(write: Write) -> None:
    found = lint_set(write, "CJM206", changed(RIDE_OPPORTUNITY, ""))
    assert found.places() == found.at(pin("CJM206", "stages", 3, "id"))
    assert "stage 'ride' has 1 pain point but no opportunity" in found[0].message


def test_cjm206_counts_the_pain_points_of_the_whole_stage(write: Write) -> None:
    two_pains = "          - Nobody calls back\n          - The hotline is busy\n"
    journey = changed("          - Nobody calls back\n", two_pains, changed(RIDE_OPPORTUNITY, ""))
    found = lint_set(write, "CJM206", journey)
    assert found.places() == found.at(pin("CJM206", "stages", 3, "id"))
    assert "stage 'ride' has 2 pain points but no opportunity" in found[0].message


def test_cjm206_an_opportunity_on_another_step_of_the_stage_answers_its_pain(write: Write) -> None:
    journey = changed(UNLOCK_OPPORTUNITY, "")
    journey = changed("with a saved card\n", "with a saved card\n" + UNLOCK_OPPORTUNITY, journey)
    assert lint_set(write, "CJM206", journey) == []


def test_cjm206_a_placeholder_pain_point_is_left_to_cjm207(write: Write) -> None:
    journey = changed("          - Nobody calls back\n", "          - TODO\n", changed(RIDE_OPPORTUNITY, ""))
    found = lint_set(write, ["CJM206", "CJM207"], journey)
    assert found.places() == found.at(pin("CJM207", "stages", 3, "steps", 1, "pain_points", 0))


GOAL = "goal: Rent again tomorrow"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("TODO", "'TODO'"),
        ("TBD", "'TBD'"),
        ("tbd later", "'tbd later'"),
        ("TBC", "'TBC'"),
        ('"FIXME: ask sales"', "'FIXME: ask sales'"),
        ("XXX", "'XXX'"),
        ("Lorem ipsum dolor sit amet", "'Lorem ipsum dolor sit amet'"),
        ('"..."', "'...'"),
        ('"…"', "'…'"),
        ('"???"', "'???'"),
        ('"---"', "'---'"),
        ('"<the customer\'s goal>"', '"<the customer\'s goal>"'),
        ('"TODO: ask the operations team which goal applies"', "'TODO: ask the operations team which g...'"),
    ],
)
def test_cjm207_a_placeholder_is_reported_at_its_value(write: Write, text: str, shown: str) -> None:
    found = lint_set(write, "CJM207", changed(GOAL, f"goal: {text}"))
    assert found.places() == found.at(pin("CJM207", "stages", 4, "goal"))
    assert found[0].message == f"placeholder text {shown}"


@pytest.mark.parametrize(
    "text",
    [
        "Rent again tomorrow.",
        "Rent again... tomorrow",
        "Ждёт звонка...",
        "Sprawdza todos los precios",
        "Ticks off the to-do list on the way",
        "Buys an XXL helmet",
        "Reads the terms & conditions (T&C)",
        "Lorem is the name of the bike shop",
        "Who pays for a flat tyre?",
    ],
)
def test_cjm207_ordinary_text_is_not_a_placeholder(write: Write, text: str) -> None:
    assert lint_set(write, "CJM207", changed(GOAL, f"goal: {text}")) == []


def test_cjm207_a_placeholder_in_a_persona_is_reported_in_its_file(write: Write) -> None:
    found = lint_set(write, "CJM207", persona=changed("name: Kasia, commuter", "name: TODO", PERSONA))
    assert found.places() == found.at(pin("CJM207", "name", file="p.yaml"))


def test_cjm207_a_placeholder_in_a_catalogue_is_reported_in_its_file(write: Write) -> None:
    found = lint_set(write, "CJM207", catalog=changed("name: Fault hotline", 'name: "..."', CATALOG))
    assert found.places() == found.at(pin("CJM207", "touchpoints", 0, "name", file="c.yaml"))


def test_cjm207_the_reason_of_a_suppression_is_not_checked(write: Write) -> None:
    suppress = lines(
        "    owner: Operations",
        "    suppress:",
        "      - rule: CJM208",
        "        reason: TODO check with the research team",
    )
    assert lint_set(write, "CJM207", changed("    owner: Operations\n", suppress)) == []


def test_cjm207_ids_and_references_are_never_placeholders(write: Write) -> None:
    text = SKIPPING.replace("id: shop", "id: todo-app").replace("{id: buy,", "{id: xxx-pays,")
    text = text.replace("title: Shop", "title: Our to-do app")
    assert lint_one(write, text, "CJM207") == []
    found = lint_one(write, text.replace("title: Our to-do app", "title: TODO"), "CJM207")
    assert found.places() == found.at(pin("CJM207", "title"))
    assert found[0].message == "placeholder text 'TODO'"


def test_cjm208_a_stage_without_a_goal_is_reported_at_its_id(write: Write) -> None:
    found = lint_set(write, "CJM208", changed("    goal: Arrive without trouble\n", ""))
    assert found.places() == found.at(pin("CJM208", "stages", 3, "id"))
    assert "stage 'ride' has no goal" in found[0].message


EVIDENCE = lines(
    "        evidence:",
    "          - type: survey",
    "            summary: 40% first noticed a station on their way",
)


def test_cjm209_a_journey_without_evidence_is_reported_at_the_stages_key(write: Write) -> None:
    found = lint_set(write, "CJM209", changed(EVIDENCE, ""))
    assert found.places() == found.at(pin("CJM209", "stages", key=True))
    assert "no step has evidence" in found[0].message
