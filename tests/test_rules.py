"""Every lint rule, by code: a clean journey set passes it, one small change fails it at an exact place.

The clean set (a journey, its persona and a touchpoint catalogue) passes all rules. Each rule's
failing case is a small textual change of it, linted with that rule alone, and pinned to the
exact list of (code, line, column); the rule's passing case is the clean set itself. Edge cases
follow each rule in the section of its family, one section per module in `cjm.lint.rules`.
"""

import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from cjm.config import Config, LoadedConfig
from cjm.diagnostics import Diagnostic
from cjm.lint.registry import all_rules
from cjm.lint.runner import lint

Write = Callable[[str, str | bytes], Path]

CLEAN_JOURNEY = textwrap.dedent(
    """\
    apiVersion: cjm/v1
    kind: Journey
    id: bike-rental
    title: Renting a city bike
    owner: Customer Experience
    personas: [kasia]
    touchpoints:
      - id: app
        name: Rental app
        channel: app
      - id: station
        name: Docking station
        channel: store
      - id: rating-prompt
        name: Rating prompt after the ride
        channel: reviews
    stages:
      - id: notice
        name: Noticing the bikes
        type: awareness
        goal: Find a quick way across town
        owner: Marketing
        steps:
          - id: sees-station
            action: Sees a station next to the tram stop
            touchpoints: [station]
            emotion: 1
            evidence:
              - type: survey
                summary: 40% first noticed a station on their way
      - id: compare
        name: Comparing with the tram
        type: consideration
        goal: Choose the fastest way to work
        owner: Marketing
        steps:
          - id: checks-price
            action: Compares the price with a tram ticket
            touchpoints: [app]
            emotion: 0
      - id: rent
        name: Renting
        type: purchase
        goal: Unlock a bike in a minute
        owner: Product
        steps:
          - id: unlocks
            action: Scans the QR code to unlock
            touchpoints: [app, station]
            emotion: -2
            key_moment: true
            pain_points: [The scanner fails in bright sunlight]
            opportunities: [Offer a code to type in]
          - id: pays
            action: Pays with a saved card
            touchpoints: [app]
            emotion: 1
        kpis:
          - name: Unlock success rate
            value: 97
            target: 95
            unit: "%"
            source: App analytics
      - id: ride
        name: Riding
        type: experience
        goal: Arrive without trouble
        owner: Operations
        steps:
          - id: rides
            action: Rides to work
            touchpoints: [app]
            emotion: 2
            opportunities: [Suggest a route along bike lanes]
          - id: reports-fault
            action: Reports a loose saddle
            touchpoints: [hotline]
            emotion: -1
            pain_points: [Nobody calls back]
        kpis:
          - name: Days to fix a reported fault
            value: 2
            target: 3
            unit: days
            direction: lower-is-better
            source: Service desk
      - id: return
        name: Coming back
        type: loyalty
        goal: Rent again tomorrow
        owner: Product
        steps:
          - id: rates
            action: Rates the ride
            touchpoints: [rating-prompt]
            emotion: 1
    transitions:
      - from: ride
        to: compare
        condition: The bike broke down on the way
      - from: ride
        to: return
        condition: The ride went well
      - from: return
        to: rent
        trigger: Weekly ride summary e-mail
        touchpoints: [ride-summary]
    """
)
"""A journey that passes every rule. Lines worth knowing: 3 `id`, 14 touchpoint `rating-prompt`,
17 `stages:`, stages `notice` 18, `compare` 31, `rent` 41, `ride` 64, `return` 87; 97 `transitions:`."""

PERSONA = textwrap.dedent(
    """\
    apiVersion: cjm/v1
    kind: Persona
    id: kasia
    name: Kasia, commuter
    goals: [Get to work in 15 minutes]
    """
)

CATALOG = textwrap.dedent(
    """\
    apiVersion: cjm/v1
    kind: TouchpointCatalog
    id: shared
    title: Shared touchpoints
    touchpoints:
      - id: hotline
        name: Fault hotline
        channel: support
      - id: ride-summary
        name: Weekly ride summary
        channel: email
    """
)
"""Shared touchpoints: `hotline` (support) is used by a step, `ride-summary` (email) by a transition only."""

OTHER_PERSONA = textwrap.dedent(
    """\
    apiVersion: cjm/v1
    kind: Persona
    id: olek
    name: Olek, student
    goals: [Ride cheaply at night]
    """
)


def changed(old: str, new: str, text: str = CLEAN_JOURNEY) -> str:
    """The text with `old`, which must occur exactly once, replaced by `new`."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def lines(*rows: str) -> str:
    """Lines of YAML as they stand in a file, each with its indentation and a line break."""
    return "".join(row + "\n" for row in rows)


def on_one_channel(text: str, channel: str = "app") -> str:
    """The text with every touchpoint moved to one channel."""
    return re.sub(r"channel: [a-z-]+", f"channel: {channel}", text)


def lint_set(
    write: Write,
    select: str | None,
    journey: str = CLEAN_JOURNEY,
    *,
    persona: str = PERSONA,
    catalog: str = CATALOG,
    extra: dict[str, str] | None = None,
    config: Config | None = None,
) -> list[Diagnostic]:
    """Write the journey, persona, catalogue and extra files, and lint them all with one rule (None: all)."""
    texts = {"j.yaml": journey, "p.yaml": persona, "c.yaml": catalog, **(extra or {})}
    paths = [write(name, text) for name, text in texts.items()]
    loaded = LoadedConfig(config, None) if config is not None else None
    return lint(paths, select=None if select is None else [select], config=loaded).diagnostics


def places(found: list[Diagnostic]) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in found]


def files(found: list[Diagnostic]) -> list[str]:
    return [d.path for d in found]


# The clean set -------------------------------------------------------------------------------

RULE_CODES = [rule.code for rule in all_rules()]


def test_the_clean_set_passes_all_rules_together(write: Write) -> None:
    assert lint_set(write, None) == []


@pytest.mark.parametrize("code", RULE_CODES)
def test_the_clean_set_passes_each_rule_alone(write: Write, code: str) -> None:
    assert lint_set(write, code) == []


def test_there_are_30_rules_and_each_has_a_failing_case_named_after_its_code() -> None:
    named = {match.upper() for name in globals() if name.startswith("test_") for match in re.findall(r"cjm\d{3}", name)}
    assert len(RULE_CODES) == 30
    assert sorted(named) == RULE_CODES


# Suppressions: CJM100 (more in test_lint.py and test_rule_keys.py) ---------------------------


def test_cjm100_a_suppression_of_a_rule_that_finds_nothing_is_reported_at_its_rule(write: Write) -> None:
    stale = lines("personas: [kasia]", "suppress:", "  - {rule: self-transition, reason: Kept from the old map}")
    found = lint_set(write, None, changed("personas: [kasia]\n", stale))
    assert places(found) == [("CJM100", 8, 12)]


# Lifecycle: CJM101-CJM104 ---------------------------------------------------------------------


def test_cjm101_a_journey_without_a_loyalty_stage_is_reported_at_the_stages_key(write: Write) -> None:
    found = lint_set(write, "CJM101", changed("type: loyalty", "type: other"))
    assert places(found) == [("CJM101", 17, 1)]
    assert "no stage of type 'loyalty' (or reactivation, retention)" in found[0].message


def test_cjm101_each_missing_stage_type_is_reported_once(write: Write) -> None:
    journey = changed("type: experience", "type: other", changed("type: loyalty", "type: other"))
    found = lint_set(write, "CJM101", journey)
    assert places(found) == [("CJM101", 17, 1), ("CJM101", 17, 1)]
    assert "'experience' (or onboarding, support)" in found[0].message
    assert "'loyalty' (or reactivation, retention)" in found[1].message


@pytest.mark.parametrize(
    ("old", "alias"),
    [
        ("type: loyalty", "type: retention"),
        ("type: loyalty", "type: reactivation"),
        ("type: experience", "type: onboarding"),
        ("type: experience", "type: support"),
    ],
)
def test_cjm101_a_stage_alias_counts_for_the_required_type(write: Write, old: str, alias: str) -> None:
    assert lint_set(write, "CJM101", changed(old, alias)) == []


def test_cjm101_required_stages_come_from_the_configuration(write: Write) -> None:
    config = Config.model_validate({"required-stages": ["awareness", "purchase"]})
    assert lint_set(write, "CJM101", changed("type: loyalty", "type: other"), config=config) == []


def test_cjm101_without_aliases_in_the_configuration_retention_is_not_loyalty(write: Write) -> None:
    config = Config.model_validate({"stage-aliases": {}})
    found = lint_set(write, "CJM101", changed("type: loyalty", "type: retention"), config=config)
    assert places(found) == [("CJM101", 17, 1)]
    assert found[0].message == "the journey has no stage of type 'loyalty'"


def test_cjm102_a_consideration_stage_after_a_purchase_is_reported_at_its_type(write: Write) -> None:
    found = lint_set(write, "CJM102", changed("type: awareness", "type: purchase"))
    assert places(found) == [("CJM102", 33, 11)]
    assert "stage 'compare' (consideration) comes after 'notice' (purchase)" in found[0].message
    assert "consideration comes first" in found[0].message


@pytest.mark.parametrize("old", ["type: consideration", "type: loyalty"], ids=["in-the-middle", "at-the-end"])
def test_cjm102_a_stage_of_type_other_may_stand_anywhere(write: Write, old: str) -> None:
    assert lint_set(write, "CJM102", changed(old, "type: other")) == []


def test_cjm102_a_stage_of_type_other_does_not_hide_a_stage_out_of_order(write: Write) -> None:
    journey = changed("type: consideration", "type: other")
    journey = changed("type: purchase", "type: consideration", journey)
    journey = changed("type: awareness", "type: purchase", journey)
    found = lint_set(write, "CJM102", journey)
    assert places(found) == [("CJM102", 43, 11)]
    assert "stage 'rent' (consideration) comes after 'notice' (purchase)" in found[0].message


def test_cjm102_stages_of_equal_rank_may_come_in_either_order(write: Write) -> None:
    journey = changed("type: loyalty", "type: experience", changed("type: experience", "type: support"))
    assert lint_set(write, "CJM102", journey) == []


def test_cjm103_a_journey_that_ends_with_the_purchase_is_reported_at_its_type(write: Write) -> None:
    journey = changed("type: loyalty", "type: other", changed("type: experience", "type: other"))
    found = lint_set(write, "CJM103", journey)
    assert places(found) == [("CJM103", 43, 11)]
    assert "ends with the purchase stage 'rent'" in found[0].message


def test_cjm103_the_last_purchase_stage_needs_a_stage_after_it(write: Write) -> None:
    found = lint_set(write, "CJM103", changed("type: loyalty", "type: purchase"))
    assert places(found) == [("CJM103", 89, 11)]
    assert "ends with the purchase stage 'return'" in found[0].message


def test_cjm103_any_lifecycle_stage_after_the_purchase_counts(write: Write) -> None:
    journey = changed("type: loyalty", "type: other", changed("type: experience", "type: onboarding"))
    assert lint_set(write, "CJM103", journey) == []


def test_cjm103_a_journey_without_a_purchase_is_not_checked(write: Write) -> None:
    journey = changed("type: loyalty", "type: other", changed("type: purchase", "type: other"))
    assert lint_set(write, "CJM103", journey) == []


def test_cjm104_a_journey_without_reviews_or_support_is_reported_at_the_stages_key(write: Write) -> None:
    journey = changed("channel: reviews", "channel: app")
    found = lint_set(write, "CJM104", journey, catalog=changed("channel: support", "channel: phone", CATALOG))
    assert places(found) == [("CJM104", 17, 1)]
    assert "no step uses a touchpoint on the reviews or support channel" in found[0].message


def test_cjm104_reviews_alone_or_support_alone_is_enough(write: Write) -> None:
    assert lint_set(write, "CJM104", catalog=changed("channel: support", "channel: phone", CATALOG)) == []
    assert lint_set(write, "CJM104", changed("channel: reviews", "channel: app")) == []


def test_cjm104_a_feedback_touchpoint_that_is_only_defined_does_not_count(write: Write) -> None:
    journey = changed("touchpoints: [rating-prompt]", "touchpoints: [app]")
    found = lint_set(write, "CJM104", journey, catalog=changed("channel: support", "channel: phone", CATALOG))
    assert places(found) == [("CJM104", 17, 1)]


def test_cjm104_a_feedback_touchpoint_used_by_a_transition_counts(write: Write) -> None:
    catalog = changed("channel: email", "channel: reviews", changed("channel: support", "channel: phone", CATALOG))
    assert lint_set(write, "CJM104", changed("channel: reviews", "channel: app"), catalog=catalog) == []


# Coverage: CJM105, CJM201-CJM203, CJM305 -------------------------------------------------------

RETURN_STEPS = lines(
    "    steps:",
    "      - id: rates",
    "        action: Rates the ride",
    "        touchpoints: [rating-prompt]",
    "        emotion: 1",
)


@pytest.mark.parametrize("steps", ["    steps: []\n", ""], ids=["empty-list", "no-key"])
def test_cjm105_a_stage_without_steps_is_reported_at_its_id(write: Write, steps: str) -> None:
    found = lint_set(write, "CJM105", changed(RETURN_STEPS, steps))
    assert places(found) == [("CJM105", 87, 9)]
    assert "stage 'return' has no steps" in found[0].message


def test_cjm201_a_step_without_a_touchpoint_is_reported_at_its_id(write: Write) -> None:
    found = lint_set(write, "CJM201", changed("        touchpoints: [hotline]\n", ""))
    assert places(found) == [("CJM201", 75, 13)]
    assert "step 'reports-fault' uses no touchpoint" in found[0].message


def test_cjm202_a_stage_where_no_step_uses_a_touchpoint_is_reported_at_its_id(write: Write) -> None:
    found = lint_set(write, "CJM202", changed("touchpoints: [app]\n        emotion: 0", "emotion: 0"))
    assert places(found) == [("CJM202", 31, 9)]
    assert "no step of stage 'compare' uses a touchpoint" in found[0].message


def test_cjm202_one_step_with_a_touchpoint_covers_the_stage(write: Write) -> None:
    journey = changed("        touchpoints: [hotline]\n", "")
    assert places(lint_set(write, "CJM201", journey)) == [("CJM201", 75, 13)]
    assert lint_set(write, "CJM202", journey) == []


def test_cjm202_a_stage_without_steps_is_left_to_cjm105(write: Write) -> None:
    assert lint_set(write, "CJM202", changed(RETURN_STEPS, "")) == []


def test_cjm203_a_journey_on_one_channel_is_reported_at_the_stages_key(write: Write) -> None:
    found = lint_set(write, "CJM203", on_one_channel(CLEAN_JOURNEY), catalog=on_one_channel(CATALOG))
    assert places(found) == [("CJM203", 17, 1)]
    assert "every touchpoint of the journey is on one channel (app)" in found[0].message


def test_cjm203_a_channel_used_only_by_a_transition_counts(write: Write) -> None:
    catalog = changed("summary\n    channel: app", "summary\n    channel: email", on_one_channel(CATALOG))
    assert lint_set(write, "CJM203", on_one_channel(CLEAN_JOURNEY), catalog=catalog) == []


def test_cjm203_a_channel_that_nothing_uses_does_not_count(write: Write) -> None:
    journey = changed("touchpoints: [rating-prompt]", "touchpoints: [app]", changed("channel: store", "channel: app"))
    found = lint_set(write, "CJM203", journey, catalog=on_one_channel(CATALOG))
    assert places(found) == [("CJM203", 17, 1)]


def test_cjm305_an_unused_touchpoint_of_the_journey_is_reported_at_its_id(write: Write) -> None:
    found = lint_set(write, "CJM305", changed("touchpoints: [rating-prompt]", "touchpoints: [app]"))
    assert places(found) == [("CJM305", 14, 9)]
    assert files(found) == ["j.yaml"]
    assert "touchpoint 'rating-prompt' is defined but no step or transition uses it" in found[0].message


def test_cjm305_an_unused_shared_touchpoint_is_reported_in_its_catalogue(write: Write) -> None:
    found = lint_set(write, "CJM305", changed("touchpoints: [hotline]", "touchpoints: [app]"))
    assert places(found) == [("CJM305", 6, 9)]
    assert files(found) == ["c.yaml"]
    assert "shared touchpoint 'hotline' is not used by any journey checked" in found[0].message


def test_cjm305_a_touchpoint_used_only_by_a_transition_is_used(write: Write) -> None:
    found = lint_set(write, "CJM305", changed("    touchpoints: [ride-summary]\n", ""))
    assert places(found) == [("CJM305", 9, 9)]
    assert files(found) == ["c.yaml"]


def test_cjm305_a_shared_touchpoint_used_by_any_journey_checked_is_used(write: Write) -> None:
    without = changed("touchpoints: [hotline]", "touchpoints: [app]")
    other = changed("id: bike-rental", "id: bike-rental-evening")
    assert lint_set(write, "CJM305", without, extra={"j2.yaml": other}) == []


def test_cjm305_a_catalogue_is_not_checked_without_journeys(write: Write) -> None:
    write("c.yaml", CATALOG)
    assert lint(["c.yaml"], select=["CJM305"]).diagnostics == []


# Emotions and key moments: CJM106, CJM204, CJM205 ------------------------------------------

UNLOCK_PAIN = "        pain_points: [The scanner fails in bright sunlight]\n"
UNLOCK_OPPORTUNITY = "        opportunities: [Offer a code to type in]\n"


@pytest.mark.parametrize("new", ["", "        key_moment: false\n"], ids=["removed", "false"])
def test_cjm106_a_journey_without_a_key_moment_is_reported_at_the_stages_key(write: Write, new: str) -> None:
    found = lint_set(write, "CJM106", changed("        key_moment: true\n", new))
    assert places(found) == [("CJM106", 17, 1)]
    assert "no step is marked as a key moment" in found[0].message


@pytest.mark.parametrize("new", ["", "        emotion:\n"], ids=["removed", "empty"])
def test_cjm204_a_step_without_an_emotion_is_reported_at_its_id(write: Write, new: str) -> None:
    found = lint_set(write, "CJM204", changed("        emotion: 2\n", new))
    assert places(found) == [("CJM204", 70, 13)]
    assert "step 'rides' has no emotion" in found[0].message


def test_cjm204_a_neutral_emotion_is_an_emotion(write: Write) -> None:
    assert lint_set(write, "CJM204", changed("emotion: 2", "emotion: 0")) == []


def test_cjm205_a_low_point_without_pain_or_opportunity_is_reported_at_its_emotion(write: Write) -> None:
    found = lint_set(write, "CJM205", changed(UNLOCK_PAIN + UNLOCK_OPPORTUNITY, ""))
    assert places(found) == [("CJM205", 50, 18)]
    assert "step 'unlocks' is the journey's lowest point (emotion -2)" in found[0].message


@pytest.mark.parametrize("kept", [UNLOCK_PAIN, UNLOCK_OPPORTUNITY], ids=["pain-point", "opportunity"])
def test_cjm205_a_pain_point_or_an_opportunity_alone_addresses_the_low_point(write: Write, kept: str) -> None:
    assert lint_set(write, "CJM205", changed(UNLOCK_PAIN + UNLOCK_OPPORTUNITY, kept)) == []


def test_cjm205_every_step_at_the_lowest_point_is_checked(write: Write) -> None:
    journey = changed("emotion: -2", "emotion: -1", changed("        pain_points: [Nobody calls back]\n", ""))
    found = lint_set(write, "CJM205", journey)
    assert places(found) == [("CJM205", 78, 18)]
    assert "step 'reports-fault' is the journey's lowest point (emotion -1)" in found[0].message


def test_cjm205_a_negative_step_above_the_lowest_point_is_not_checked(write: Write) -> None:
    assert lint_set(write, "CJM205", changed("        pain_points: [Nobody calls back]\n", "")) == []


def test_cjm205_only_a_negative_low_point_is_checked(write: Write) -> None:
    journey = changed(UNLOCK_PAIN + UNLOCK_OPPORTUNITY, "", changed("emotion: -2", "emotion: 0"))
    journey = changed("emotion: -1\n        pain_points: [Nobody calls back]\n", "emotion: 0\n", journey)
    assert lint_set(write, "CJM205", journey) == []


# People: CJM107-CJM110 -----------------------------------------------------------------------


@pytest.mark.parametrize("new", ["personas: []\n", ""], ids=["empty-list", "no-key"])
def test_cjm107_a_journey_without_a_persona_is_reported_at_its_id_key(write: Write, new: str) -> None:
    found = lint_set(write, "CJM107", changed("personas: [kasia]\n", new))
    assert places(found) == [("CJM107", 3, 1)]
    assert "journey 'bike-rental' follows no persona" in found[0].message


def test_cjm108_a_stage_without_an_owner_is_reported_at_its_id_even_if_the_journey_has_one(write: Write) -> None:
    found = lint_set(write, "CJM108", changed("    owner: Operations\n", ""))
    assert places(found) == [("CJM108", 64, 9)]
    assert "stage 'ride' has no owner" in found[0].message


def test_cjm109_a_persona_without_goals_or_needs_is_reported_in_its_file(write: Write) -> None:
    persona = changed("goals: [Get to work in 15 minutes]", "quote: I hate waiting for the tram", PERSONA)
    found = lint_set(write, "CJM109", persona=persona)
    assert places(found) == [("CJM109", 3, 1)]
    assert files(found) == ["p.yaml"]
    assert "persona 'kasia' has neither goals nor needs" in found[0].message


def test_cjm109_needs_alone_are_enough(write: Write) -> None:
    persona = changed("goals: [Get to work in 15 minutes]", "needs: [A bike at the tram stop]", PERSONA)
    assert lint_set(write, "CJM109", persona=persona) == []


def test_cjm110_a_persona_no_journey_follows_is_reported_in_its_file(write: Write) -> None:
    found = lint_set(write, "CJM110", extra={"p2.yaml": OTHER_PERSONA})
    assert places(found) == [("CJM110", 3, 1)]
    assert files(found) == ["p2.yaml"]
    assert "no journey checked follows persona 'olek'" in found[0].message


def test_cjm110_a_persona_followed_by_any_journey_checked_is_used(write: Write) -> None:
    other = changed("personas: [kasia]", "personas: [olek]", changed("id: bike-rental", "id: night-rides"))
    assert lint_set(write, "CJM110", extra={"p2.yaml": OTHER_PERSONA, "j2.yaml": other}) == []


def test_cjm110_personas_are_not_checked_without_journeys(write: Write) -> None:
    write("p.yaml", PERSONA)
    assert lint(["p.yaml"], select=["CJM110"]).diagnostics == []


# Content: CJM206-CJM209 ----------------------------------------------------------------------

RIDE_OPPORTUNITY = "        opportunities: [Suggest a route along bike lanes]\n"


def test_cjm206_a_stage_with_pain_and_no_opportunity_is_reported_at_its_id(write: Write) -> None:
    found = lint_set(write, "CJM206", changed(RIDE_OPPORTUNITY, ""))
    assert places(found) == [("CJM206", 64, 9)]
    assert "stage 'ride' has 1 pain point but no opportunity" in found[0].message


def test_cjm206_counts_the_pain_points_of_the_whole_stage(write: Write) -> None:
    journey = changed("[Nobody calls back]", "[Nobody calls back, The hotline is busy]", changed(RIDE_OPPORTUNITY, ""))
    found = lint_set(write, "CJM206", journey)
    assert places(found) == [("CJM206", 64, 9)]
    assert "stage 'ride' has 2 pain points but no opportunity" in found[0].message


def test_cjm206_an_opportunity_on_another_step_of_the_stage_answers_its_pain(write: Write) -> None:
    journey = changed(UNLOCK_OPPORTUNITY, "")
    journey = changed("with a saved card\n", "with a saved card\n" + UNLOCK_OPPORTUNITY, journey)
    assert lint_set(write, "CJM206", journey) == []


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
    assert places(found) == [("CJM207", 90, 11)]
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
    assert places(found) == [("CJM207", 4, 7)]
    assert files(found) == ["p.yaml"]


def test_cjm207_a_placeholder_in_a_catalogue_is_reported_in_its_file(write: Write) -> None:
    found = lint_set(write, "CJM207", catalog=changed("name: Fault hotline", 'name: "..."', CATALOG))
    assert places(found) == [("CJM207", 7, 11)]
    assert files(found) == ["c.yaml"]


def test_cjm207_the_reason_of_a_suppression_is_not_checked(write: Write) -> None:
    suppress = lines(
        "    owner: Operations",
        "    suppress:",
        "      - rule: CJM208",
        "        reason: TODO check with the research team",
    )
    assert lint_set(write, "CJM207", changed("    owner: Operations\n", suppress)) == []


def test_cjm208_a_stage_without_a_goal_is_reported_at_its_id(write: Write) -> None:
    found = lint_set(write, "CJM208", changed("    goal: Arrive without trouble\n", ""))
    assert places(found) == [("CJM208", 64, 9)]
    assert "stage 'ride' has no goal" in found[0].message


EVIDENCE = lines(
    "        evidence:",
    "          - type: survey",
    "            summary: 40% first noticed a station on their way",
)


def test_cjm209_a_journey_without_evidence_is_reported_at_the_stages_key(write: Write) -> None:
    found = lint_set(write, "CJM209", changed(EVIDENCE, ""))
    assert places(found) == [("CJM209", 17, 1)]
    assert "no step has evidence" in found[0].message


# Flow: CJM301-CJM304 -------------------------------------------------------------------------

FORWARD = lines(
    "  - from: ride",
    "    to: return",
    "    condition: The ride went well",
)
SKIP_RIDE = lines(
    "transitions:",
    "  - from: rent",
    "    to: return",
    "    condition: Returns the bike at once",
)
BRANCH_AT_RENT = SKIP_RIDE + lines("  - from: rent", "    to: ride", "    condition: Rides off")


def test_cjm301_a_stage_skipped_by_the_transitions_before_it_is_unreachable(write: Write) -> None:
    found = lint_set(write, "CJM301", changed("transitions:\n", SKIP_RIDE))
    assert places(found) == [("CJM301", 64, 9)]
    assert found[0].message == "stage 'ride' cannot be reached from the first stage 'notice'"
    assert found[0].hint is not None
    assert "add a transition from 'rent' to 'ride'" in found[0].hint


def test_cjm301_a_branch_that_names_the_next_stage_keeps_it_reachable(write: Write) -> None:
    assert lint_set(write, "CJM301", changed("transitions:\n", BRANCH_AT_RENT)) == []


def test_cjm301_a_stage_that_only_loops_back_leaves_the_next_stage_unreachable(write: Write) -> None:
    found = lint_set(write, "CJM301", changed(FORWARD, ""))
    assert places(found) == [("CJM301", 87, 9)]
    assert "stage 'return' cannot be reached" in found[0].message


def test_cjm302_a_stage_that_only_loops_back_is_a_dead_end_for_every_stage_before_it(write: Write) -> None:
    found = lint_set(write, "CJM302", changed(FORWARD, ""))
    assert places(found) == [("CJM302", 18, 9), ("CJM302", 31, 9), ("CJM302", 41, 9), ("CJM302", 64, 9)]
    assert [d.message.split("'")[1] for d in found] == ["notice", "compare", "rent", "ride"]
    assert found[3].message == "from stage 'ride' no path leads on to the last stage 'return'"


def test_cjm302_a_stage_that_only_loops_back_is_no_dead_end_when_the_stage_it_returns_to_goes_on(
    write: Write,
) -> None:
    journey = changed("transitions:\n", BRANCH_AT_RENT, changed(FORWARD, ""))
    assert lint_set(write, "CJM302", journey) == []


def test_cjm302_a_stage_no_path_reaches_is_left_to_cjm301(write: Write) -> None:
    journey = changed("transitions:\n", SKIP_RIDE, changed("    to: compare\n", "    to: ride\n", changed(FORWARD, "")))
    assert lint_set(write, "CJM302", journey) == []
    assert places(lint_set(write, "CJM301", journey)) == [("CJM301", 64, 9)]


def test_cjm303_a_loop_back_without_condition_or_trigger_is_reported_at_the_transition(write: Write) -> None:
    found = lint_set(write, "CJM303", changed("    condition: The bike broke down on the way\n", ""))
    assert places(found) == [("CJM303", 98, 5)]
    assert "the loop from 'ride' back to 'compare' has no condition or trigger" in found[0].message


def test_cjm303_a_trigger_is_enough_for_a_loop(write: Write) -> None:
    journey = changed("condition: The bike broke down on the way", "trigger: Breakdown alert in the app")
    assert lint_set(write, "CJM303", journey) == []


def test_cjm303_a_forward_transition_needs_no_condition(write: Write) -> None:
    assert lint_set(write, "CJM303", changed("    condition: The ride went well\n", "")) == []


def test_cjm304_a_transition_to_its_own_stage_is_reported_at_its_target(write: Write) -> None:
    found = lint_set(write, "CJM304", changed("    to: compare\n", "    to: ride\n"))
    assert places(found) == [("CJM304", 99, 9)]
    assert "the transition leads from stage 'ride' to itself" in found[0].message


# Metrics: CJM401-CJM405 ----------------------------------------------------------------------

UNLOCK_KPI = lines(
    "    kpis:",
    "      - name: Unlock success rate",
    "        value: 97",
    "        target: 95",
    '        unit: "%"',
    "        source: App analytics",
)
FAULT_KPI = lines(
    "    kpis:",
    "      - name: Days to fix a reported fault",
    "        value: 2",
    "        target: 3",
    "        unit: days",
    "        direction: lower-is-better",
    "        source: Service desk",
)


def test_cjm401_a_kpi_without_a_target_is_reported_at_its_name(write: Write) -> None:
    found = lint_set(write, "CJM401", changed("        target: 95\n", ""))
    assert places(found) == [("CJM401", 59, 15)]
    assert "KPI 'Unlock success rate' has no target" in found[0].message


def test_cjm402_a_kpi_without_a_source_is_reported_at_its_name(write: Write) -> None:
    found = lint_set(write, "CJM402", changed("        source: App analytics\n", ""))
    assert places(found) == [("CJM402", 59, 15)]
    assert "KPI 'Unlock success rate' has no data source" in found[0].message


def test_cjm403_a_kpi_below_its_target_is_reported_at_its_value(write: Write) -> None:
    found = lint_set(write, "CJM403", changed("value: 97", "value: 90"))
    assert places(found) == [("CJM403", 60, 16)]
    assert "KPI 'Unlock success rate' is 90%, missing its target of 95% (higher is better)" in found[0].message


def test_cjm403_a_lower_is_better_kpi_above_its_target_is_reported(write: Write) -> None:
    found = lint_set(write, "CJM403", changed("value: 2", "value: 4"))
    assert places(found) == [("CJM403", 82, 16)]
    assert (
        "'Days to fix a reported fault' is 4 days, missing its target of 3 days (lower is better)" in found[0].message
    )


@pytest.mark.parametrize(("old", "new"), [("value: 97", "value: 95"), ("value: 2", "value: 3")], ids=["up", "down"])
def test_cjm403_a_kpi_exactly_at_its_target_meets_it(write: Write, old: str, new: str) -> None:
    assert lint_set(write, "CJM403", changed(old, new)) == []


def test_cjm403_a_figure_without_a_unit_is_shown_bare(write: Write) -> None:
    found = lint_set(write, "CJM403", changed('        unit: "%"\n', "", changed("value: 97", "value: 90.5")))
    assert places(found) == [("CJM403", 60, 16)]
    assert "is 90.5, missing its target of 95 (higher is better)" in found[0].message


@pytest.mark.parametrize(
    "journey",
    [
        changed("        value: 97\n", "", changed("target: 95", "target: 99")),
        changed("        target: 95\n", "", changed("value: 97", "value: 1")),
    ],
    ids=["no-value", "no-target"],
)
def test_cjm403_a_kpi_without_value_or_target_is_left_to_the_other_rules(write: Write, journey: str) -> None:
    assert lint_set(write, "CJM403", journey) == []


def test_cjm404_a_journey_without_kpis_is_reported_at_the_stages_key(write: Write) -> None:
    found = lint_set(write, "CJM404", changed(FAULT_KPI, "", changed(UNLOCK_KPI, "")))
    assert places(found) == [("CJM404", 17, 1)]
    assert "no stage has a KPI" in found[0].message


def test_cjm404_one_kpi_in_one_stage_is_enough(write: Write) -> None:
    assert lint_set(write, "CJM404", changed(UNLOCK_KPI, "")) == []


def test_cjm405_a_kpi_without_a_value_is_reported_at_its_name(write: Write) -> None:
    found = lint_set(write, "CJM405", changed("        value: 97\n", ""))
    assert places(found) == [("CJM405", 59, 15)]
    assert "KPI 'Unlock success rate' has no current value" in found[0].message


# Regressions found while writing the rule tests.

SKIPPING = """\
apiVersion: cjm/v1
kind: Journey
id: shop
title: Shop
stages:
  - {id: find, name: Find, type: awareness}
  - {id: compare, name: Compare, type: consideration}
  - {id: buy, name: Buy, type: purchase}
  - {id: use, name: Use, type: experience}
transitions:
  - {from: find, to: use, condition: Knows what to buy}
"""


def _lint_text(tmp_path: Path, text: str, code: str) -> list[tuple[int, int, str, str | None]]:
    path = tmp_path / "j.yaml"
    path.write_text(text, encoding="utf-8")
    report = lint([str(path)], select=[code])
    return [(d.line, d.column, d.message, d.hint) for d in report.diagnostics]


def test_unreachable_stages_in_a_row_are_blamed_on_the_skipping_transition(tmp_path: Path) -> None:
    found = _lint_text(tmp_path, SKIPPING, "CJM301")
    assert [(line, column) for line, column, _, _ in found] == [(7, 10), (8, 10)]
    first_hint, second_hint = found[0][3], found[1][3]
    assert first_hint is not None
    assert "stage 'find' has transitions of its own" in first_hint
    assert second_hint == "no stage the customer reaches leads to 'buy'; add a transition to it"


def test_large_kpi_figures_are_written_out_with_separators(tmp_path: Path) -> None:
    text = SKIPPING.replace(
        "  - {id: use, name: Use, type: experience}\n",
        "  - id: use\n    name: Use\n    type: experience\n    kpis:\n"
        "      - {name: Revenue, value: 1250000, target: 1500000, unit: PLN, source: ERP}\n",
    )
    [(_, _, message, _)] = _lint_text(tmp_path, text, "CJM403")
    assert message == "KPI 'Revenue' is 1,250,000 PLN, missing its target of 1,500,000 PLN (higher is better)"


def test_ids_and_references_are_never_placeholders(tmp_path: Path) -> None:
    text = SKIPPING.replace("id: shop", "id: todo-app").replace("{id: buy,", "{id: xxx-pays,")
    text = text.replace("title: Shop", "title: Our to-do app")
    assert _lint_text(tmp_path, text, "CJM207") == []
    assert [
        m for _, _, m, _ in _lint_text(tmp_path, text.replace("title: Our to-do app", "title: TODO"), "CJM207")
    ] == ["placeholder text 'TODO'"]
