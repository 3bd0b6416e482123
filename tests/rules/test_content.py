"""Content rules (CJM206-CJM209): pain points with answers, no placeholders, goals and evidence."""

import textwrap
from typing import Any

import pytest

from cjm import loader
from cjm.linting.registry import find_rule
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
    "            date: 2026-09",
)


def test_cjm209_a_journey_without_evidence_is_reported_at_the_stages_key(write: Write) -> None:
    found = lint_set(write, "CJM209", changed(EVIDENCE, ""))
    assert found.places() == found.at(pin("CJM209", "stages", key=True))
    assert "no step has evidence" in found[0].message


UNLOCK_PAIN = lines("        pain_points:", "          - The scanner fails in bright sunlight")
UNLOCK_PAIN_PATH = ("stages", 2, "steps", 0, "pain_points")


def test_cjm210_a_sentence_split_at_its_comma_is_reported_with_the_sentence_joined_again(write: Write) -> None:
    journey = changed(UNLOCK_PAIN, "        pain_points: [Keine Begründung und kein Hinweis, was man ändern könnte]\n")
    found = lint_set(write, "CJM210", journey)
    assert found.places() == found.at(pin("CJM210", *UNLOCK_PAIN_PATH))
    assert found[0].message == (
        "'pain_points' is written as a flow list [...], which YAML splits at every comma: "
        "it holds 2 items, 'Keine Begründung und kein Hinweis' and 'was man ändern könnte'"
    )
    assert found[0].hint == (
        "write each item on its own line after '- ', with the pieces of a sentence joined again:\n"
        "    pain_points:\n"
        "      - Keine Begründung und kein Hinweis, was man ändern könnte"
    )


def test_cjm210_a_single_phrase_in_a_flow_list_is_reported_before_a_comma_splits_it(write: Write) -> None:
    journey = changed(UNLOCK_OPPORTUNITY, "        opportunities: [Offer a code to type in]\n")
    found = lint_set(write, "CJM210", journey)
    assert found.places() == found.at(pin("CJM210", "stages", 2, "steps", 0, "opportunities"))
    assert found[0].message == (
        "'opportunities' is written as a flow list [...]: a comma in its text would split it into separate items"
    )
    assert found[0].hint == (
        "write each item on its own line after '- ':\n    opportunities:\n      - Offer a code to type in"
    )


def test_cjm210_the_fix_keeps_separate_items_apart_and_quotes_where_yaml_needs_it(write: Write) -> None:
    journey = changed(UNLOCK_PAIN, '        pain_points: [Slow unlock, "Cost: hidden", Nobody answers]\n')
    found = lint_set(write, "CJM210", journey)
    assert found.places() == found.at(pin("CJM210", *UNLOCK_PAIN_PATH))
    assert found[0].message.endswith("it holds 3 items, 'Slow unlock', 'Cost: hidden' and 'Nobody answers'")
    assert found[0].hint == (
        "write each item on its own line after '- ':\n"
        "    pain_points:\n"
        "      - Slow unlock\n"
        "      - 'Cost: hidden'\n"
        "      - Nobody answers"
    )


@pytest.mark.parametrize(
    "flow",
    [
        "        pain_points:\n          [Slow unlock, Nobody answers]\n",
        "        pain_points:  # from the survey\n          [Slow unlock, Nobody answers]\n",
        "        pain_points: &pains [Slow unlock, Nobody answers]\n",
        "        pain_points: !!seq [Slow unlock, Nobody answers]\n",
        '        "pain_points": [Slow unlock, Nobody answers]\n',
    ],
    ids=["next-line", "after-a-comment", "anchored", "tagged", "quoted-key"],
)
def test_cjm210_a_flow_list_is_found_however_it_is_laid_out(write: Write, flow: str) -> None:
    found = lint_set(write, "CJM210", changed(UNLOCK_PAIN, flow))
    assert found.places() == found.at(pin("CJM210", *UNLOCK_PAIN_PATH))


def test_cjm210_an_alias_of_a_flow_list_of_prose_is_reported_too(write: Write) -> None:
    journey = changed(UNLOCK_PAIN, "        pain_points: &pains [Slow unlock, Nobody answers]\n")
    journey = changed(UNLOCK_OPPORTUNITY, "        opportunities: *pains\n", journey)
    found = lint_set(write, "CJM210", journey)
    opportunities = ("stages", 2, "steps", 0, "opportunities")
    assert found.places() == found.at(pin("CJM210", *UNLOCK_PAIN_PATH), pin("CJM210", *opportunities))


@pytest.mark.parametrize(
    "flow",
    [
        "        pain_points: [Slow, Expensive]\n",
        "        feelings: [tempted, mildly annoyed, ready to give up]\n",
        "        feelings: [B2B, first purchase]\n",
    ],
    ids=["single-words", "labels", "labels-after-an-acronym"],
)
def test_cjm210_single_words_and_labels_may_stay_in_a_flow_list(write: Write, flow: str) -> None:
    assert lint_set(write, "CJM210", changed(UNLOCK_PAIN, flow)) == []


def test_cjm210_a_label_as_long_as_a_clause_is_reported_even_in_lower_case(write: Write) -> None:
    journey = changed(UNLOCK_PAIN, "        feelings: [skeptisch, weil die Preise unklar sind, ungeduldig]\n")
    found = lint_set(write, "CJM210", journey)
    assert [finding.code for finding in found] == ["CJM210"]


def test_cjm210_the_hint_joins_every_lower_case_piece_back_into_its_sentence(write: Write) -> None:
    flow = (
        "        pain_points: [Der Ausweis-Upload wirkt, gerade für Touristen, unverhältnismäßig, "
        "und die Freigabe dauert im Schnitt 18 Minuten]\n"
    )
    [finding] = lint_set(write, "CJM210", changed(UNLOCK_PAIN, flow))
    assert finding.hint is not None
    assert finding.hint.endswith(
        "    pain_points:\n      - Der Ausweis-Upload wirkt, gerade für Touristen, unverhältnismäßig, und die "
        "Freigabe dauert im Schnitt 18 Minuten"
    )


def test_cjm210_a_label_that_is_the_rest_of_a_sentence_is_reported(write: Write) -> None:
    journey = changed(UNLOCK_PAIN, "        feelings: [Nervous, because the screen froze]\n")
    found = lint_set(write, "CJM210", journey)
    assert found.places() == found.at(pin("CJM210", "stages", 2, "steps", 0, "feelings"))
    assert found[0].hint is not None
    assert found[0].hint.endswith("    feelings:\n      - Nervous, because the screen froze")


def test_cjm210_prose_lists_of_a_persona_and_of_the_journey_itself_are_checked(write: Write) -> None:
    persona = changed("goals:\n  - Get to work in 15 minutes\n", "goals: [Get to work in 15 minutes]\n", PERSONA)
    journey = changed("personas: [kasia]\n", "personas: [kasia]\nexpectations: [A bike at every tram stop]\n")
    found = lint_set(write, "CJM210", journey, persona=persona)
    assert found.places() == found.at(pin("CJM210", "expectations"), pin("CJM210", "goals", file="p.yaml"))


def test_cjm210_a_file_without_flow_lists_of_prose_is_not_parsed_again(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    composed: list[str] = []
    compose = loader._compose

    def counting(text: str) -> Any:
        composed.append(text)
        return compose(text)

    monkeypatch.setattr(loader, "_compose", counting)
    lint_set(write, "CJM108")
    validating = len(composed)
    lint_set(write, "CJM210")
    assert len(composed) == 2 * validating


def test_cjm210_flags_its_example_and_passes_what_to_use_instead(write: Write) -> None:
    rule = find_rule("flow-list-in-prose")
    assert rule is not None
    example, use_instead = (
        textwrap.dedent(part.split("\n\n", 1)[1].split("\n\n")[0]) + "\n"
        for part in rule.explanation.split("Example:", 1)[1].split("Use instead:")
    )
    flagged = lint_one(write, example, "CJM210", name="p.yaml")
    assert flagged.places() == flagged.at(pin("CJM210", "frustrations", file="p.yaml"))
    assert lint_one(write, use_instead, "CJM210", name="p.yaml") == []
