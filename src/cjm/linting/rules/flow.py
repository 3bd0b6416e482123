"""Flow rules (CJM301–CJM304): can the customer get through the journey, and do loops say why?

The flow itself (which stage leads where) is defined in `cjm.model.flow`.
"""

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.linting.context import Finding, JourneyContext
from cjm.linting.registry import journey_rule
from cjm.linting.wording import quoted_list
from cjm.model.flow import breaks


@journey_rule("CJM301", "unreachable-stage", Severity.ERROR, "No path reaches a stage from the first stage.")
def unreachable_stage(j: JourneyContext) -> Iterator[Finding]:
    """Checks that the customer can reach every stage from the first one. A stage leads on to the
    next stage in the list unless it has transitions of its own; then only its transitions say
    where the customer goes next. Reported once per missing way: at the first stage no path reaches, naming the stages
    after it that the same transition would make reachable. Where the stage before it only
    loops back, that stage is the break (CJM302, or CJM304 for a transition to itself).

    Why it matters: A stage nobody can reach is a part of the journey that, by the map, never
    happens. It almost always means a missing transition at a branch, and it makes the flow
    diagram and every analysis of the journey wrong.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: city-bike-rental
        title: Renting a city bike
        stages:
          - id: ride
            name: Riding to work
            type: experience
          - id: report-fault
            name: Reporting a fault
            type: support
          - id: ride-again
            name: Renting again
            type: loyalty
        transitions:
          - from: ride
            to: ride-again
            condition: The ride went well

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: city-bike-rental
        title: Renting a city bike
        stages:
          - id: ride
            name: Riding to work
            type: experience
          - id: report-fault
            name: Reporting a fault
            type: support
          - id: ride-again
            name: Renting again
            type: loyalty
        transitions:
          - from: ride
            to: ride-again
            condition: The ride went well
          - from: ride
            to: report-fault
            condition: The bike broke down on the way
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
    """Checks that from every stage the customer can reach, some path leads on to the last stage. A
    stage leads on to the next stage in the list unless it has transitions of its own; then only
    its transitions count. Only the stage that lost its way on is reported: it has transitions of
    its own, none leads forward, and from it no path reaches the last stage. The stages before it that are
    stuck only because they pass through it are not reported, nor is a loop back to a branch
    that leads on elsewhere. With several such stages, each is reported once (mending them
    from the last backwards); one whose transition leads to itself is left to CJM304, and stages
    that cannot be reached at all are left to unreachable-stage (CJM301).

    Why it matters: A customer who reaches a dead end can never finish the journey: every way on
    loops back. Usually a forward transition is missing at a branch, and the map then says that no
    customer ever comes back to buy again.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: coffee-subscription
        title: Subscribing to fresh coffee
        stages:
          - id: discover
            name: Discovering the roastery
            type: awareness
          - id: try
            name: Trying the first bag
            type: experience
          - id: subscribe
            name: Subscribing
            type: loyalty
        transitions:
          - from: try
            to: discover
            condition: The coffee was too bitter

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: coffee-subscription
        title: Subscribing to fresh coffee
        stages:
          - id: discover
            name: Discovering the roastery
            type: awareness
          - id: try
            name: Trying the first bag
            type: experience
          - id: subscribe
            name: Subscribing
            type: loyalty
        transitions:
          - from: try
            to: discover
            condition: The coffee was too bitter
          - from: try
            to: subscribe
            condition: The coffee tasted right
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
    """Checks that every transition back to an earlier stage (a loop) says when it happens, with
    `condition:`, or what sets it off, with `trigger:`. Forward transitions need neither.

    Why it matters: Loops are where a journey map earns its keep: a bad experience sends the
    customer back to comparing offers, a reminder brings them back to buy again. A loop without a
    condition or a trigger does not say when it happens, so nobody can act on it or measure it.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: coffee-subscription
        title: Buying coffee again
        stages:
          - id: buy
            name: Buying a bag of coffee
            type: purchase
          - id: enjoy
            name: Drinking the coffee
            type: experience
          - id: run-low
            name: Running low
            type: loyalty
        transitions:
          - from: run-low
            to: buy

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: coffee-subscription
        title: Buying coffee again
        stages:
          - id: buy
            name: Buying a bag of coffee
            type: purchase
          - id: enjoy
            name: Drinking the coffee
            type: experience
          - id: run-low
            name: Running low
            type: loyalty
        transitions:
          - from: run-low
            to: buy
            trigger: A text message when the bag should be nearly empty
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
    """Checks that no transition leads from a stage back to the same stage.

    Why it matters: A transition from a stage to itself goes nowhere; steps the customer repeats
    belong inside the stage. It is usually a typo in `from` or `to`, and the loop it was meant to
    show is then missing from the map.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: coffee-subscription
        title: Buying coffee again
        stages:
          - id: buy
            name: Buying a bag of coffee
            type: purchase
          - id: run-low
            name: Running low
            type: loyalty
        transitions:
          - from: run-low
            to: run-low
            trigger: A text message when the bag should be nearly empty

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: coffee-subscription
        title: Buying coffee again
        stages:
          - id: buy
            name: Buying a bag of coffee
            type: purchase
          - id: run-low
            name: Running low
            type: loyalty
        transitions:
          - from: run-low
            to: buy
            trigger: A text message when the bag should be nearly empty
    """
    for number, transition in enumerate(j.journey.transitions):
        if transition.from_ == transition.to:
            yield j.finding(
                ("transitions", number, "to"),
                f"the transition leads from stage '{transition.from_}' to itself",
                hint="check 'from:' and 'to:'",
            )
