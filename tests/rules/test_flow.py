"""Flow rules (CJM301-CJM304): can the customer get through the journey, and do loops say why?"""

from tests.rules.conftest import SKIPPING, Write, changed, lines, lint_one, lint_set, pin

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
    assert found.places() == found.at(pin("CJM301", "stages", 3, "id"))
    assert found[0].message == "stage 'ride' cannot be reached from the first stage 'notice'"
    assert found[0].hint is not None
    assert "add a transition from 'rent' to 'ride'" in found[0].hint


def test_cjm301_a_branch_that_names_the_next_stage_keeps_it_reachable(write: Write) -> None:
    assert lint_set(write, "CJM301", changed("transitions:\n", BRANCH_AT_RENT)) == []


def test_cjm301_a_stage_that_only_loops_back_leaves_the_next_stage_unreachable(write: Write) -> None:
    found = lint_set(write, "CJM301", changed(FORWARD, ""))
    assert found.places() == found.at(pin("CJM301", "stages", 4, "id"))
    assert "stage 'return' cannot be reached" in found[0].message


def test_cjm301_unreachable_stages_in_a_row_are_blamed_on_the_skipping_transition(write: Write) -> None:
    found = lint_one(write, SKIPPING, "CJM301")
    assert found.places() == found.at(pin("CJM301", "stages", 1, "id"), pin("CJM301", "stages", 2, "id"))
    first_hint, second_hint = found[0].hint, found[1].hint
    assert first_hint is not None
    assert "stage 'find' has transitions of its own" in first_hint
    assert second_hint == "no stage the customer reaches leads to 'buy'; add a transition to it"


def test_cjm302_a_stage_that_only_loops_back_is_a_dead_end_for_every_stage_before_it(write: Write) -> None:
    found = lint_set(write, "CJM302", changed(FORWARD, ""))
    assert found.places() == found.at(*(pin("CJM302", "stages", n, "id") for n in range(4)))
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
    found = lint_set(write, "CJM301", journey)
    assert found.places() == found.at(pin("CJM301", "stages", 3, "id"))


def test_cjm303_a_loop_back_without_condition_or_trigger_is_reported_at_the_transition(write: Write) -> None:
    found = lint_set(write, "CJM303", changed("    condition: The bike broke down on the way\n", ""))
    assert found.places() == found.at(pin("CJM303", "transitions", 0))
    assert "the loop from 'ride' back to 'compare' has no condition or trigger" in found[0].message


def test_cjm303_a_trigger_is_enough_for_a_loop(write: Write) -> None:
    journey = changed("condition: The bike broke down on the way", "trigger: Breakdown alert in the app")
    assert lint_set(write, "CJM303", journey) == []


def test_cjm303_a_forward_transition_needs_no_condition(write: Write) -> None:
    assert lint_set(write, "CJM303", changed("    condition: The ride went well\n", "")) == []


def test_cjm304_a_transition_to_its_own_stage_is_reported_at_its_target(write: Write) -> None:
    found = lint_set(write, "CJM304", changed("    to: compare\n", "    to: ride\n"))
    assert found.places() == found.at(pin("CJM304", "transitions", 0, "to"))
    assert "the transition leads from stage 'ride' to itself" in found[0].message
