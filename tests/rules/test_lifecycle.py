"""Lifecycle rules (CJM101-CJM104): does the journey cover the customer lifecycle, in order?"""

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cjm.config import Config
from cjm.linting.rules.lifecycle import _in_order
from tests.rules.conftest import CATALOG, Write, changed, lint_one, lint_set, pin


def ordered(types: str) -> str:
    """A journey whose stages s0, s1, ... have these types, in this order."""
    stages = "".join(f"  - {{id: s{n}, name: S{n}, type: {kind}}}\n" for n, kind in enumerate(types.split()))
    return f"apiVersion: cjm/v1\nkind: Journey\nid: order\ntitle: Order\nstages:\n{stages}"


def test_cjm101_a_journey_without_a_loyalty_stage_is_reported_at_the_stages_key(write: Write) -> None:
    found = lint_set(write, "CJM101", changed("type: loyalty", "type: other"))
    assert found.places() == found.at(pin("CJM101", "stages", key=True))
    assert "no stage of type 'loyalty' (or reactivation, retention)" in found[0].message


def test_cjm101_each_missing_stage_type_is_reported_once(write: Write) -> None:
    journey = changed("type: experience", "type: other", changed("type: loyalty", "type: other"))
    journey = changed("type: purchase", "type: other", journey)
    found = lint_set(write, "CJM101", journey)
    assert found.places() == found.at(*[pin("CJM101", "stages", key=True)] * 3)
    assert "'experience' (or onboarding, support)" in found[0].message
    assert "'loyalty' (or reactivation, retention)" in found[1].message
    assert "'purchase'" in found[2].message


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
    assert found.places() == found.at(pin("CJM101", "stages", key=True))
    assert found[0].message == "the journey has no stage of type 'loyalty'"


def test_cjm102_a_stage_of_a_later_type_before_its_place_is_reported_not_the_stages_after_it(write: Write) -> None:
    found = lint_set(write, "CJM102", changed("type: awareness", "type: purchase"))
    assert found.places() == found.at(pin("CJM102", "stages", 0, "type"))
    assert found[0].message == (
        "stage 'notice' (purchase) comes before 'compare' (consideration), "
        "but in the customer lifecycle purchase comes after consideration"
    )
    assert found[0].hint == (
        "move the stage after 'rent', or correct its type; describe loops back with 'transitions:'"
    )


def test_cjm102_the_one_stage_whose_removal_puts_the_rest_in_order_is_reported(write: Write) -> None:
    found = lint_one(write, ordered("awareness purchase consideration experience"), "CJM102")
    assert found.places() == found.at(pin("CJM102", "stages", 1, "type"))
    assert found[0].message.startswith("stage 's1' (purchase) comes before 's2' (consideration)")


def test_cjm102_a_late_type_early_in_the_list_is_reported_once(write: Write) -> None:
    found = lint_one(write, ordered("awareness loyalty consideration purchase experience"), "CJM102")
    assert found.places() == found.at(pin("CJM102", "stages", 1, "type"))
    assert found[0].hint == "move the stage after 's4', or correct its type; describe loops back with 'transitions:'"


def test_cjm102_an_early_type_late_in_the_list_is_reported_after_what_it_should_precede(write: Write) -> None:
    found = lint_one(write, ordered("awareness consideration purchase experience consideration"), "CJM102")
    assert found.places() == found.at(pin("CJM102", "stages", 4, "type"))
    assert found[0].message == (
        "stage 's4' (consideration) comes after 's3' (experience), "
        "but in the customer lifecycle consideration comes first"
    )
    assert found[0].hint == "move the stage after 's1', or correct its type; describe loops back with 'transitions:'"


def test_cjm102_each_stage_out_of_place_is_reported_once(write: Write) -> None:
    found = lint_one(write, ordered("consideration awareness purchase loyalty experience advocacy"), "CJM102")
    assert found.places() == found.at(pin("CJM102", "stages", 0, "type"), pin("CJM102", "stages", 3, "type"))
    assert found[0].hint == "move the stage after 's1', or correct its type; describe loops back with 'transitions:'"


@given(st.lists(st.integers(min_value=1, max_value=7), max_size=9))
def test_cjm102_reports_the_fewest_stages_whose_removal_leaves_the_rest_in_order(ranks: list[int]) -> None:
    kept = sorted(_in_order(ranks))
    assert all(ranks[a] <= ranks[b] for a, b in itertools.pairwise(kept))
    longest = max(
        (
            len(subset)
            for size in range(len(ranks) + 1)
            for subset in itertools.combinations(ranks, size)
            if list(subset) == sorted(subset)
        ),
        default=0,
    )
    assert len(kept) == longest


@pytest.mark.parametrize("old", ["type: consideration", "type: loyalty"], ids=["in-the-middle", "at-the-end"])
def test_cjm102_a_stage_of_type_other_may_stand_anywhere(write: Write, old: str) -> None:
    assert lint_set(write, "CJM102", changed(old, "type: other")) == []


def test_cjm102_a_stage_of_type_other_does_not_hide_a_stage_out_of_order(write: Write) -> None:
    journey = changed("type: consideration", "type: other")
    journey = changed("type: purchase", "type: consideration", journey)
    journey = changed("type: awareness", "type: purchase", journey)
    found = lint_set(write, "CJM102", journey)
    assert found.places() == found.at(pin("CJM102", "stages", 0, "type"))
    assert "stage 'notice' (purchase) comes before 'rent' (consideration)" in found[0].message


def test_cjm102_stages_of_equal_rank_may_come_in_either_order(write: Write) -> None:
    journey = changed("type: loyalty", "type: experience", changed("type: experience", "type: support"))
    assert lint_set(write, "CJM102", journey) == []


NO_LATER_STAGES_REQUIRED = Config.model_validate({"required-stages": ["awareness", "consideration", "purchase"]})


def test_cjm103_a_journey_that_ends_with_the_purchase_is_reported_at_its_type(write: Write) -> None:
    journey = changed("type: loyalty", "type: other", changed("type: experience", "type: other"))
    found = lint_set(write, "CJM103", journey, config=NO_LATER_STAGES_REQUIRED)
    assert found.places() == found.at(pin("CJM103", "stages", 2, "type"))
    assert found[0].message == (
        "the journey ends with the purchase stage 'rent': no stage after it is of a later lifecycle type "
        "(experience, retention, loyalty, ...)"
    )


def test_cjm103_a_journey_that_stops_at_the_till_is_one_finding_naming_the_missing_types(write: Write) -> None:
    journey = changed("type: loyalty", "type: other", changed("type: experience", "type: other"))
    found = lint_set(write, ["CJM101", "CJM103"], journey)
    assert found.places() == found.at(pin("CJM103", "stages", 2, "type"))
    assert found[0].hint == "add the stages after the purchase: experience, loyalty"


def test_cjm101_still_reports_a_missing_stage_before_the_purchase_when_it_stops_there(write: Write) -> None:
    journey = changed("type: loyalty", "type: other", changed("type: experience", "type: other"))
    journey = changed("type: awareness", "type: other", journey)
    found = lint_set(write, ["CJM101", "CJM103"], journey)
    assert found.places() == found.at(pin("CJM101", "stages", key=True), pin("CJM103", "stages", 2, "type"))


def test_cjm103_a_purchase_after_stages_of_later_types_is_left_to_cjm102(write: Write) -> None:
    journey = changed("type: loyalty", "type: purchase")
    assert lint_set(write, "CJM103", journey, config=NO_LATER_STAGES_REQUIRED) == []
    found = lint_set(write, ["CJM101", "CJM102", "CJM103"], journey)
    assert found.places() == found.at(pin("CJM101", "stages", key=True), pin("CJM102", "stages", 3, "type"))


def test_cjm103_any_lifecycle_stage_after_the_purchase_counts(write: Write) -> None:
    journey = changed("type: loyalty", "type: other", changed("type: experience", "type: onboarding"))
    assert lint_set(write, "CJM103", journey, config=NO_LATER_STAGES_REQUIRED) == []


def test_cjm103_a_journey_without_a_purchase_is_not_checked(write: Write) -> None:
    journey = changed("type: loyalty", "type: other", changed("type: purchase", "type: other"))
    assert lint_set(write, "CJM103", journey, config=NO_LATER_STAGES_REQUIRED) == []


def test_cjm104_a_journey_without_reviews_or_support_is_reported_at_the_stages_key(write: Write) -> None:
    journey = changed("channel: reviews", "channel: app")
    found = lint_set(write, "CJM104", journey, catalog=changed("channel: support", "channel: phone", CATALOG))
    assert found.places() == found.at(pin("CJM104", "stages", key=True))
    assert found[0].message == (
        "no step or transition uses a touchpoint on the reviews or support channel: "
        "the customer has no way to give feedback"
    )
    assert found[0].hint == (
        "add a review request, a survey or the help desk as a touchpoint and use it in a step or a transition"
    )


def test_cjm104_reviews_alone_or_support_alone_is_enough(write: Write) -> None:
    assert lint_set(write, "CJM104", catalog=changed("channel: support", "channel: phone", CATALOG)) == []
    assert lint_set(write, "CJM104", changed("channel: reviews", "channel: app")) == []


def test_cjm104_a_feedback_touchpoint_that_is_only_defined_does_not_count(write: Write) -> None:
    journey = changed("touchpoints: [rating-prompt]", "touchpoints: [app]")
    found = lint_set(write, "CJM104", journey, catalog=changed("channel: support", "channel: phone", CATALOG))
    assert found.places() == found.at(pin("CJM104", "stages", key=True))


def test_cjm104_a_feedback_touchpoint_used_by_a_transition_counts(write: Write) -> None:
    catalog = changed("channel: email", "channel: reviews", changed("channel: support", "channel: phone", CATALOG))
    assert lint_set(write, "CJM104", changed("channel: reviews", "channel: app"), catalog=catalog) == []
