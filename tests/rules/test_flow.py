"""Flow rules (CJM301-CJM304): can the customer get through the journey, and do loops say why?"""

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from cjm.model import Journey
from cjm.model.flow import breaks, reached, ways_on
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


def test_cjm301_a_stage_cut_off_by_a_stage_that_only_loops_back_is_left_to_cjm302(write: Write) -> None:
    journey = changed(FORWARD, "")
    assert lint_set(write, "CJM301", journey) == []
    found = lint_set(write, "CJM302", journey)
    assert found.places() == found.at(pin("CJM302", "stages", 3, "id"))
    assert found[0].message == (
        "stage 'ride' has transitions of its own and none leads on: from it no path reaches the last stage 'return'"
    )


def test_cjm301_unreachable_stages_in_a_row_are_reported_once_at_the_first(write: Write) -> None:
    found = lint_one(write, SKIPPING, "CJM301")
    assert found.places() == found.at(pin("CJM301", "stages", 1, "id"))
    assert found[0].message == "stage 'compare' cannot be reached from the first stage 'find', nor can 'buy' after it"
    assert found[0].hint == (
        "stage 'find' has transitions of its own, so it does not go on to 'compare' by itself; "
        "add a transition from 'find' to 'compare'"
    )


def test_cjm302_a_stage_that_only_loops_back_is_reported_once_not_every_stage_before_it(write: Write) -> None:
    found = lint_set(write, "CJM302", changed(FORWARD, ""))
    assert found.places() == found.at(pin("CJM302", "stages", 3, "id"))
    assert found[0].message == (
        "stage 'ride' has transitions of its own and none leads on: from it no path reaches the last stage 'return'"
    )
    assert found[0].hint is not None
    assert found[0].hint.startswith("add a transition from 'ride' to 'return'")


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


def flow(ids: str, moves: str) -> str:
    """A journey with these stages ('a b c') and transitions ('c>a b>d'); stage types do not matter here."""
    stages = "".join(f"  - {{id: {stage}, name: {stage.upper()}, type: other}}\n" for stage in ids.split())
    transitions = "".join(f"  - {{from: {move[0]}, to: {move[2]}}}\n" for move in moves.split())
    return f"apiVersion: cjm/v1\nkind: Journey\nid: flow\ntitle: Flow\nstages:\n{stages}transitions:\n{transitions}"


def test_cjm301_names_three_of_the_stages_cut_off_with_it_and_counts_the_rest(write: Write) -> None:
    found = lint_one(write, flow("a b c d e f g", "a>g"), "CJM301")
    assert found.places() == found.at(pin("CJM301", "stages", 1, "id"))
    assert (
        found[0].message
        == "stage 'b' cannot be reached from the first stage 'a', nor can 'c', 'd', 'e' and 1 more after it"
    )


def test_cjm302_each_of_several_stages_that_only_loop_back_is_reported_once(write: Write) -> None:
    found = lint_one(write, flow("a b c d e f", "c>a e>a"), "CJM302")
    assert found.places() == found.at(pin("CJM302", "stages", 2, "id"), pin("CJM302", "stages", 4, "id"))
    assert [d.hint.split(";")[0] for d in found if d.hint] == [
        "add a transition from 'c' to 'd'",
        "add a transition from 'e' to 'f'",
    ]
    assert found[0].message.endswith("the last stage 'f'; no path reaches 'd' and 'e' after it either")
    assert lint_one(write, flow("a b c d e f", "c>a e>a"), "CJM301") == []


def test_cjm302_a_loop_inside_one_branch_is_reported_where_it_loses_the_way_on(write: Write) -> None:
    found = lint_one(write, flow("a b c d e f", "b>c b>e d>c"), "CJM302")
    assert found.places() == found.at(pin("CJM302", "stages", 3, "id"))
    assert (
        found[0].message
        == "stage 'd' has transitions of its own and none leads on: from it no path reaches the last stage 'f'"
    )
    assert found[0].hint is not None
    assert found[0].hint.startswith("add a transition from 'd' to 'e'")


def test_cjm302_a_loop_back_to_a_branch_that_leads_on_is_no_dead_end(write: Write) -> None:
    assert lint_one(write, flow("a b c d e f", "b>c b>e d>a"), "CJM302") == []


def test_cjm302_a_stage_no_path_reaches_that_only_loops_back_is_a_second_break(write: Write) -> None:
    journey = flow("a b c d e f", "a>d c>b")
    unreachable, dead_end = lint_one(write, journey, "CJM301"), lint_one(write, journey, "CJM302")
    assert unreachable.places() == unreachable.at(pin("CJM301", "stages", 1, "id"))
    assert unreachable[0].message == "stage 'b' cannot be reached from the first stage 'a', nor can 'c' after it"
    assert dead_end.places() == dead_end.at(pin("CJM302", "stages", 2, "id"))


def test_cjm302_a_stage_whose_only_transition_leads_to_itself_is_left_to_cjm304(write: Write) -> None:
    journey = flow("a b c d", "b>b")
    assert lint_one(write, journey, "CJM302") == []
    assert lint_one(write, journey, "CJM301") == []
    found = lint_one(write, journey, "CJM304")
    assert found.places() == found.at(pin("CJM304", "transitions", 0, "to"))


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


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=1, max_value=8).flatmap(
        lambda count: st.tuples(
            st.just(count),
            st.lists(st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)), max_size=12),
        )
    )
)
def test_mending_every_break_lets_the_customer_reach_every_stage_and_the_last(
    shape: tuple[int, list[tuple[int, int]]],
) -> None:
    count, moves = shape
    journey = _journey(count, moves)
    found = breaks(journey)
    assert len({b.source for b in found}) == len(found)
    assert _is_whole(_journey(count, moves + [(b.source, b.source + 1) for b in found]))
    assert (found == []) == _is_whole(journey)


def _is_whole(journey: Journey) -> bool:
    """Whether every stage is reached from the first and reaches the last."""
    edges = ways_on(journey)
    backwards: list[list[int]] = [[] for _ in edges]
    for source, targets in enumerate(edges):
        for target in targets:
            backwards[target].append(source)
    everything = set(range(len(edges)))
    return reached(edges, 0) == everything and reached(backwards, len(edges) - 1) == everything


def _journey(count: int, moves: list[tuple[int, int]]) -> Journey:
    return Journey.model_validate(
        {
            "apiVersion": "cjm/v1",
            "kind": "Journey",
            "id": "flow",
            "title": "Flow",
            "stages": [{"id": f"s{n}", "name": f"S{n}", "type": "other"} for n in range(count)],
            "transitions": [{"from": f"s{a}", "to": f"s{b}"} for a, b in moves],
        }
    )


def test_breaks_take_linear_time_on_a_journey_of_many_loops_back() -> None:
    count = 20_000
    journey = _journey(count, [(n, 0) for n in range(1, count - 1, 2)])
    started = time.perf_counter()
    found = breaks(journey)
    assert time.perf_counter() - started < 5.0  # mending one break at a time from scratch takes minutes
    assert [b.kind for b in found] == ["dead-end"] * ((count - 2) // 2)
