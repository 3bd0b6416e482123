"""Coverage rules (CJM105, CJM201-CJM203, CJM305): steps, touchpoints and channels."""

import pytest

from cjm.linting.registry import find_rule
from cjm.linting.runner import lint
from tests.rules.conftest import CATALOG, CLEAN_JOURNEY, Write, changed, lines, lint_set, on_one_channel, pin

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
    assert found.places() == found.at(pin("CJM105", "stages", 4, "id"))
    assert "stage 'return' has no steps" in found[0].message


def test_cjm201_a_step_without_a_touchpoint_is_reported_at_its_id(write: Write) -> None:
    found = lint_set(write, "CJM201", changed("        touchpoints: [hotline]\n", ""))
    assert found.places() == found.at(pin("CJM201", "stages", 3, "steps", 1, "id"))
    assert "step 'reports-fault' uses no touchpoint" in found[0].message


def test_cjm202_a_stage_where_no_step_uses_a_touchpoint_is_reported_at_its_id(write: Write) -> None:
    found = lint_set(write, "CJM202", changed("touchpoints: [app]\n        emotion: 0", "emotion: 0"))
    assert found.places() == found.at(pin("CJM202", "stages", 1, "id"))
    assert "no step of stage 'compare' uses a touchpoint" in found[0].message


COMPARE_TOUCHPOINT = "touchpoints: [app]\n        emotion: 0"
RIDE_TOUCHPOINTS = ("        touchpoints: [app]\n        emotion: 2", "        touchpoints: [hotline]\n")
BOTH = ["CJM201", "CJM202", "CJM100"]


def without_ride_touchpoints(text: str = CLEAN_JOURNEY) -> str:
    return changed(RIDE_TOUCHPOINTS[1], "", changed(RIDE_TOUCHPOINTS[0], "        emotion: 2", text))


def suppressed(step_action: str, rule: str = "step-without-touchpoint") -> str:
    return lines(
        f"        action: {step_action}",
        "        suppress:",
        f"          - rule: {rule}",
        "            reason: The customer acts alone here",
    )


def test_cjm202_a_stage_where_no_step_uses_a_touchpoint_is_reported_once_not_at_each_step(write: Write) -> None:
    found = lint_set(write, BOTH, without_ride_touchpoints())
    assert found.places() == found.at(pin("CJM202", "stages", 3, "id"))
    assert found[0].message == "no step of stage 'ride' uses a touchpoint"
    assert found[0].hint == (
        "add the touchpoints where the company meets the customer to its steps 'rides' and 'reports-fault'"
    )


def test_cjm201_suppressed_on_the_only_step_of_a_stage_leaves_nothing_open(write: Write) -> None:
    journey = changed(COMPARE_TOUCHPOINT, "emotion: 0")
    journey = changed(
        "        action: Compares the price with a tram ticket\n", suppressed("Compares", "CJM201"), journey
    )
    assert lint_set(write, BOTH, journey) == []


def test_cjm201_suppressed_on_the_stage_covers_each_step_and_the_stage(write: Write) -> None:
    journey = changed(
        "    owner: Operations\n",
        lines("    owner: Operations", "    suppress:", "      - {rule: CJM201, reason: Nobody meets them}"),
        without_ride_touchpoints(),
    )
    assert lint_set(write, BOTH, journey) == []


def test_cjm202_names_only_the_steps_no_suppression_accepts(write: Write) -> None:
    journey = changed("        action: Rides to work\n", suppressed("Rides to work"), without_ride_touchpoints())
    found = lint_set(write, BOTH, journey)
    assert found.places() == found.at(pin("CJM202", "stages", 3, "id"))
    assert found[0].hint == "add the touchpoints where the company meets the customer to its step 'reports-fault'"


def test_cjm202_suppressed_on_the_stage_leaves_nothing_open(write: Write) -> None:
    journey = changed(
        "    owner: Operations\n",
        lines("    owner: Operations", "    suppress:", "      - {rule: CJM202, reason: A self-service stage}"),
        without_ride_touchpoints(),
    )
    assert lint_set(write, BOTH, journey) == []


def test_cjm202_one_step_with_a_touchpoint_covers_the_stage(write: Write) -> None:
    journey = changed("        touchpoints: [hotline]\n", "")
    found = lint_set(write, "CJM201", journey)
    assert found.places() == found.at(pin("CJM201", "stages", 3, "steps", 1, "id"))
    assert lint_set(write, "CJM202", journey) == []


def test_cjm202_a_stage_without_steps_is_left_to_cjm105(write: Write) -> None:
    assert lint_set(write, "CJM202", changed(RETURN_STEPS, "")) == []


def test_cjm203_a_journey_on_one_channel_is_reported_at_the_stages_key(write: Write) -> None:
    found = lint_set(write, "CJM203", on_one_channel(CLEAN_JOURNEY), catalog=on_one_channel(CATALOG))
    assert found.places() == found.at(pin("CJM203", "stages", key=True))
    assert found[0].message == "every touchpoint the journey's steps and transitions use is on one channel (app)"


def test_cjm203_a_channel_used_only_by_a_transition_counts(write: Write) -> None:
    catalog = changed("summary\n    channel: app", "summary\n    channel: email", on_one_channel(CATALOG))
    assert lint_set(write, "CJM203", on_one_channel(CLEAN_JOURNEY), catalog=catalog) == []


def test_cjm203_a_channel_that_nothing_uses_does_not_count(write: Write) -> None:
    journey = changed("touchpoints: [rating-prompt]", "touchpoints: [app]", changed("channel: store", "channel: app"))
    found = lint_set(write, "CJM203", journey, catalog=on_one_channel(CATALOG))
    assert found.places() == found.at(pin("CJM203", "stages", key=True))


def test_cjm305_says_in_its_summary_that_a_transition_uses_a_touchpoint_too() -> None:
    rule = find_rule("CJM305")
    assert rule is not None
    assert rule.summary == "A touchpoint is defined but no step or transition uses it."


def test_cjm305_an_unused_touchpoint_of_the_journey_is_reported_at_its_id(write: Write) -> None:
    found = lint_set(write, "CJM305", changed("touchpoints: [rating-prompt]", "touchpoints: [app]"))
    assert found.places() == found.at(pin("CJM305", "touchpoints", 2, "id"))
    assert "touchpoint 'rating-prompt' is defined but no step or transition uses it" in found[0].message


def test_cjm305_an_unused_shared_touchpoint_is_reported_in_its_catalogue(write: Write) -> None:
    found = lint_set(write, "CJM305", changed("touchpoints: [hotline]", "touchpoints: [app]"))
    assert found.places() == found.at(pin("CJM305", "touchpoints", 0, "id", file="c.yaml"))
    assert "shared touchpoint 'hotline' is not used by any journey of the project" in found[0].message


def test_cjm305_a_touchpoint_used_only_by_a_transition_is_used(write: Write) -> None:
    found = lint_set(write, "CJM305", changed("    touchpoints: [ride-summary]\n", ""))
    assert found.places() == found.at(pin("CJM305", "touchpoints", 1, "id", file="c.yaml"))


def test_cjm305_a_shared_touchpoint_used_by_any_journey_checked_is_used(write: Write) -> None:
    without = changed("touchpoints: [hotline]", "touchpoints: [app]")
    other = changed("id: bike-rental", "id: bike-rental-evening")
    assert lint_set(write, "CJM305", without, extra={"j2.yaml": other}) == []


def test_cjm305_a_catalogue_is_not_checked_without_journeys(write: Write) -> None:
    write("c.yaml", CATALOG)
    assert lint(["c.yaml"], select=["CJM305"]).diagnostics == []
