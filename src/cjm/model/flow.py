"""How the customer moves between stages, and where that way is lost.

A stage goes on to the next stage in the list, unless it has transitions of its own; then
those are its ways on. A branch (a good experience leads to loyalty, a bad one back to
awareness) is therefore written as two transitions, each with its condition.
"""

from collections import deque
from dataclasses import dataclass
from typing import Literal

from cjm.model.journey import Journey


def ways_on(journey: Journey) -> list[list[int]]:
    """For each stage (by position), the positions of the stages the customer can go to next."""
    position = {stage.id: n for n, stage in enumerate(journey.stages)}
    edges: list[list[int]] = [[] for _ in journey.stages]
    explicit = [False] * len(journey.stages)
    for transition in journey.transitions:
        source, target = position.get(transition.from_), position.get(transition.to)
        if source is not None and target is not None:
            edges[source].append(target)
            explicit[source] = True
    for n in range(len(journey.stages) - 1):
        if not explicit[n]:
            edges[n].append(n + 1)
    return edges


def reached(edges: list[list[int]], start: int) -> set[int]:
    """The positions reachable from `start` along the edges, `start` included."""
    seen: set[int] = set()
    _spread(edges, seen, start)
    return seen


def _spread(edges: list[list[int]], seen: set[int], start: int) -> list[int]:
    """Add `start` and what it reaches to `seen`, not going through what is in it already; return what was added."""
    added = [start]
    seen.add(start)
    queue = deque(added)
    while queue:
        for target in edges[queue.popleft()]:
            if target not in seen:
                seen.add(target)
                added.append(target)
                queue.append(target)
    return added


def follows_order(journey: Journey, source: int) -> bool:
    """Whether the stage at `source` goes on to the next stage by order (it has no transitions)."""
    stage_id = journey.stages[source].id
    return not any(t.from_ == stage_id for t in journey.transitions)


BreakKind = Literal["unreachable", "dead-end", "self-loop"]


@dataclass(frozen=True, slots=True)
class Break:
    """A place where the customer's way through the journey is lost, mended by one transition.

    The transition goes from `source` to the stage after it in the list: the way on that the
    source's own transitions replaced.
    """

    kind: BreakKind
    """`unreachable`: no path leads to `stage`, though the stage before it is reached and does
    not lead on to it. `dead-end`: `stage` has transitions of its own, none leads forward, and
    from it no path reaches the last stage. `self-loop`: as a dead end or as the stage before an
    unreachable one, but the source has a transition to itself, most likely a typo in `to:`."""
    stage: int
    """The position of the stage to report."""
    source: int
    """The position of the stage the mending transition leaves; it goes to `source + 1`."""
    cut_off: tuple[int, ...]
    """The other stages that no path reaches until this break is mended, in order."""


def breaks(journey: Journey) -> list[Break]:
    """Every break in the journey's flow, each reported once, where it is, not where it is felt.

    First every stage is made reachable: the first stage no path reaches is a break, mended
    by a transition from the stage before it (which is reached, and whose own transitions
    skip it); what that transition makes reachable is cut off by the same break, not by
    another. Then every stage is made to reach the last one: the latest stage that cannot is
    a dead end (its transitions all lead back), mended by a transition to the next stage;
    the stages before it that only passed through it are fine once it is. Each step repeats
    until nothing is left, so several breaks are each reported once, and a loop back that
    another branch leads on from is no break. Time is linear in stages and transitions.
    """
    count = len(journey.stages)
    if count == 0:
        return []
    edges = ways_on(journey)
    backwards = _reversed(edges)
    finishing_as_written = reached(backwards, count - 1)
    position = {stage.id: n for n, stage in enumerate(journey.stages)}
    forward = [False] * count
    to_itself = [False] * count
    for transition in journey.transitions:
        source, target = position.get(transition.from_), position.get(transition.to)
        if source is not None and target is not None:
            forward[source] |= target > source
            to_itself[source] |= target == source
    found: list[Break] = []
    seen: set[int] = set()
    _spread(edges, seen, 0)
    for n in range(1, count):
        if n in seen:
            continue
        source = n - 1
        edges[source].append(n)
        backwards[n].append(source)
        cut_off = tuple(sorted(_spread(edges, seen, n)))
        if not forward[source] and to_itself[source]:
            found.append(Break("self-loop", source, source, cut_off))
        elif not forward[source] and source not in finishing_as_written:
            found.append(Break("dead-end", source, source, cut_off))
        else:
            found.append(Break("unreachable", n, source, tuple(x for x in cut_off if x != n)))
    finishing = reached(backwards, count - 1)
    for n in range(count - 2, -1, -1):
        if n in finishing:
            continue
        edges[n].append(n + 1)
        backwards[n + 1].append(n)
        _spread(backwards, finishing, n)
        found.append(Break("self-loop" if to_itself[n] else "dead-end", n, n, ()))
    return found


def _reversed(edges: list[list[int]]) -> list[list[int]]:
    backwards: list[list[int]] = [[] for _ in edges]
    for source, targets in enumerate(edges):
        for target in targets:
            backwards[target].append(source)
    return backwards
