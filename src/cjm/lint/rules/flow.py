"""Flow rules (CJM301–CJM304): can the customer get through the journey, and do loops say why?

The flow itself (which stage leads where) is defined in `cjm.model.flow`.
"""

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.context import Finding, JourneyContext
from cjm.lint.registry import journey_rule
from cjm.model.flow import reached, ways_on


@journey_rule("CJM301", "unreachable-stage", Severity.ERROR, "No path reaches a stage from the first stage.")
def unreachable_stage(j: JourneyContext) -> Iterator[Finding]:
    """Stages follow their order, but a stage with transitions of its own goes only where
    its transitions say. If the stage before another has transitions and none leads on to
    it, the customer can never get there.

    Fix: add the transition that leads to the stage.

        transitions:
          - {from: experience, to: awareness, condition: The product disappointed}
          - {from: experience, to: loyalty, condition: The product met expectations}
    """
    stages = j.journey.stages
    reachable = reached(ways_on(j.journey), 0)
    for n, stage in enumerate(stages):
        if n not in reachable:
            before = stages[n - 1].id
            if n - 1 in reachable:
                hint = (
                    f"stage '{before}' has transitions of its own, so it does not go on to '{stage.id}' "
                    f"by itself; add a transition from '{before}' to '{stage.id}'"
                )
            else:
                hint = f"no stage the customer reaches leads to '{stage.id}'; add a transition to it"
            yield j.finding(
                ("stages", n, "id"),
                f"stage '{stage.id}' cannot be reached from the first stage '{stages[0].id}'",
                hint=hint,
            )


@journey_rule("CJM302", "dead-end-stage", Severity.WARNING, "From a stage, no path leads on to the last stage.")
def dead_end_stage(j: JourneyContext) -> Iterator[Finding]:
    """A customer who reaches this stage can never get to the end of the journey: every way
    on loops back. Usually a forward transition is missing at a branch.

    Fix: add the way on.

        transitions:
          - {from: usage, to: awareness, condition: Bad experience}
          - {from: usage, to: loyalty, condition: Good experience}
    """
    stages = j.journey.stages
    edges = ways_on(j.journey)
    backwards: list[list[int]] = [[] for _ in stages]
    for source, targets in enumerate(edges):
        for target in targets:
            backwards[target].append(source)
    last = len(stages) - 1
    finishing = reached(backwards, last)
    reachable = reached(edges, 0)
    for n, stage in enumerate(stages):
        if n in reachable and n not in finishing:
            yield j.finding(
                ("stages", n, "id"),
                f"from stage '{stage.id}' no path leads on to the last stage '{stages[last].id}'",
                hint="add a transition that takes the customer forward from here",
            )


@journey_rule("CJM303", "loop-without-condition", Severity.WARNING, "A transition back has no condition or trigger.")
def loop_without_condition(j: JourneyContext) -> Iterator[Finding]:
    """A transition back to an earlier stage is a loop: a bad experience sends the customer
    back to awareness, a reminder brings them back to purchase. A loop without a condition
    or trigger does not say when it happens, so nobody can act on it.

    Fix: say when the customer goes back, or what brings them back.

        transitions:
          - from: reminder
            to: purchase
            trigger: SMS with a personal offer
    """
    position = {stage.id: n for n, stage in enumerate(j.journey.stages)}
    for number, transition in enumerate(j.journey.transitions):
        source, target = position.get(transition.from_), position.get(transition.to)
        if source is None or target is None or target >= source:
            continue
        if transition.condition is None and transition.trigger is None:
            yield j.finding(
                ("transitions", number),
                f"the loop from '{transition.from_}' back to '{transition.to}' has no condition or trigger",
                hint="add 'condition:' (when it happens) or 'trigger:' (what sets it off)",
            )


@journey_rule("CJM304", "self-transition", Severity.ERROR, "A transition leads from a stage to itself.")
def self_transition(j: JourneyContext) -> Iterator[Finding]:
    """A transition from a stage to the same stage goes nowhere; repeated steps belong inside
    the stage. It is usually a typo in `from` or `to`.

    Fix: point the transition at the stage the customer goes to.

        transitions:
          - {from: loyalty, to: purchase, condition: Buys again}
    """
    for number, transition in enumerate(j.journey.transitions):
        if transition.from_ == transition.to:
            yield j.finding(
                ("transitions", number, "to"),
                f"the transition leads from stage '{transition.from_}' to itself",
                hint="check 'from:' and 'to:'",
            )
