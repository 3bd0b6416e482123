"""How the customer moves between stages.

A stage goes on to the next stage in the list, unless it has transitions of its own; then
those are its ways on. A branch (a good experience leads to loyalty, a bad one back to
awareness) is therefore written as two transitions, each with its condition.
"""

from collections import deque

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
    seen = {start}
    queue = deque([start])
    while queue:
        for target in edges[queue.popleft()]:
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def follows_order(journey: Journey, source: int) -> bool:
    """Whether the stage at `source` goes on to the next stage by order (it has no transitions)."""
    stage_id = journey.stages[source].id
    return not any(t.from_ == stage_id for t in journey.transitions)
