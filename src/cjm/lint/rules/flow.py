"""Flow rules (CJM301–CJM304): can the customer get through the journey, and do loops say why?

The flow itself (which stage leads where) is defined in `cjm.model.flow`.
"""

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.context import Finding, JourneyContext
from cjm.lint.registry import journey_rule
from cjm.lint.wording import quoted_list
from cjm.model.flow import breaks


@journey_rule("CJM301", "unreachable-stage", Severity.ERROR, "No path reaches a stage from the first stage.")
def unreachable_stage(j: JourneyContext) -> Iterator[Finding]:
    """Stages follow their order, but a stage with transitions of its own goes only where
    its transitions say. If the stage before another has transitions and none leads on to
    it, the customer can never get there.

    Reported once per missing way: at the first stage no path reaches, naming the stages
    after it that the same transition would make reachable. Where the stage before it only
    loops back, that stage is the break (CJM302, or CJM304 for a transition to itself).

    Fix: add the transition that leads to the stage.

        transitions:
          - {from: experience, to: awareness, condition: The product disappointed}
          - {from: experience, to: loyalty, condition: The product met expectations}
    """
    stages = j.journey.stages
    for found in breaks(j.journey):
        if found.kind != "unreachable":
            continue
        stage, before = stages[found.stage].id, stages[found.source].id
        also = f", nor can {quoted_list([stages[n].id for n in found.cut_off])} after it" if found.cut_off else ""
        yield j.finding(
            ("stages", found.stage, "id"),
            f"stage '{stage}' cannot be reached from the first stage '{stages[0].id}'{also}",
            hint=(
                f"stage '{before}' has transitions of its own, so it does not go on to '{stage}' "
                f"by itself; add a transition from '{before}' to '{stage}'"
            ),
        )


@journey_rule("CJM302", "dead-end-stage", Severity.WARNING, "From a stage, no path leads on to the last stage.")
def dead_end_stage(j: JourneyContext) -> Iterator[Finding]:
    """A customer who reaches this stage can never get to the end of the journey: every way
    on loops back. Usually a forward transition is missing at a branch.

    Only the stage that lost its way on is reported: it has transitions of its own, none
    leads forward, and from it no path reaches the last stage. The stages before it that are
    stuck only because they pass through it are not reported, nor is a loop back to a branch
    that leads on elsewhere. With several such stages, each is reported once (mending them
    from the last backwards); one whose transition leads to itself is left to CJM304.

    Fix: add the way on.

        transitions:
          - {from: usage, to: awareness, condition: Bad experience}
          - {from: usage, to: loyalty, condition: Good experience}
    """
    stages = j.journey.stages
    last = stages[-1].id
    for found in breaks(j.journey):
        if found.kind != "dead-end":
            continue
        stage, after = stages[found.stage].id, stages[found.stage + 1].id
        cut_off = [n for n in found.cut_off if n != len(stages) - 1]
        also = f"; no path reaches {quoted_list([stages[n].id for n in cut_off])} after it either" if cut_off else ""
        yield j.finding(
            ("stages", found.stage, "id"),
            f"stage '{stage}' has transitions of its own and none leads on: "
            f"from it no path reaches the last stage '{last}'{also}",
            hint=(
                f"add a transition from '{stage}' to '{after}'; "
                "a stage with transitions of its own goes only where they lead"
            ),
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
