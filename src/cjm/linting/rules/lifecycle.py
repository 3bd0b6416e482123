"""Lifecycle rules (CJM101–CJM104): does the journey cover the customer lifecycle, in order?"""

import bisect
from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.linting.context import Finding, JourneyContext
from cjm.linting.registry import journey_rule
from cjm.model.lifecycle import LIFECYCLE_RANK, StageType

FEEDBACK_CHANNELS = ("reviews", "support")


@journey_rule("CJM101", "missing-stage-type", Severity.ERROR, "A stage type the journey must cover is missing.")
def missing_stage_type(j: JourneyContext) -> Iterator[Finding]:
    """Checks that the journey has a stage of every type the configuration requires: by default
    awareness, consideration, purchase, experience and loyalty. `required-stages` changes the
    list, and `stage-aliases` lets other types count for one (by default onboarding or support
    for experience, retention or reactivation for loyalty).

    Why it matters: A journey map should follow the customer through the whole lifecycle, from
    noticing a need to coming back. A map that stops at the purchase hides where customers are
    lost afterwards; one that starts at the purchase hides why so few arrive there.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: city-bike-rental
        title: Renting a city bike
        stages:
          - id: notice
            name: Noticing the bikes
            type: awareness
          - id: compare
            name: Comparing with the tram
            type: consideration
          - id: rent
            name: Unlocking a bike
            type: purchase
          - id: ride
            name: Riding to work
            type: experience

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: city-bike-rental
        title: Renting a city bike
        stages:
          - id: notice
            name: Noticing the bikes
            type: awareness
          - id: compare
            name: Comparing with the tram
            type: consideration
          - id: rent
            name: Unlocking a bike
            type: purchase
          - id: ride
            name: Riding to work
            type: experience
          - id: ride-again
            name: Renting again the next day
            type: loyalty
    """
    after_purchase = _ends_at_purchase(j)
    for required, accepted in _missing_types(j):
        if after_purchase and _after_purchase(required):
            continue  # the journey stops at the till: one finding, CJM103's, names what is missing
        also = sorted(accepted - {required})
        alias = f" (or {', '.join(also)})" if also else ""
        yield j.finding(
            ("stages",),
            f"the journey has no stage of type '{required}'{alias}",
            hint=f"add a stage with 'type: {required}', or change required-stages in the configuration",
            at_key=True,
        )


def _ends_at_purchase(j: JourneyContext) -> bool:
    """Whether the journey has a purchase stage and no stage of a later lifecycle type anywhere."""
    stages = j.journey.stages
    return any(stage.type == "purchase" for stage in stages) and not any(
        _after_purchase(stage.type) for stage in stages
    )


def _after_purchase(stage_type: StageType) -> bool:
    return LIFECYCLE_RANK.get(stage_type, 0) > LIFECYCLE_RANK["purchase"]


def _missing_types(j: JourneyContext) -> Iterator[tuple[StageType, set[StageType]]]:
    """Each required stage type no stage has, with the types that would count for it."""
    present = {stage.type for stage in j.journey.stages}
    for required in j.settings.required_stages:
        accepted = {required, *j.settings.stage_aliases.get(required, ())}
        if not present & accepted:
            yield required, accepted


@journey_rule("CJM102", "stage-order", Severity.WARNING, "Stages are out of lifecycle order.")
def stage_order(j: JourneyContext) -> Iterator[Finding]:
    """Checks that the stages are listed in the order of the customer lifecycle: awareness,
    consideration, purchase, onboarding, experience or support, retention or loyalty,
    reactivation or advocacy. Stages of type `other` may stand anywhere, and stages of equal rank
    (experience and support, say) may come in either order. Reported are the fewest stages whose
    removal leaves the rest in order, so one mislabelled stage is one finding, not one for each
    stage after it; where several choices are that few, the earlier stage is reported.

    Why it matters: Readers follow a map from left to right as the customer lives it. A purchase
    stage before the comparison, or loyalty before the purchase, usually means the list was
    shuffled, and the map then tells the story in the wrong order. A customer who goes back (a
    bad experience sends them back to comparing offers) is a loop, written as a transition, not
    a stage out of place.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: first-order
        title: First order at the online shop
        stages:
          - id: find
            name: Finding the shop
            type: awareness
          - id: buy
            name: Placing the order
            type: purchase
          - id: compare
            name: Comparing delivery costs
            type: consideration

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: first-order
        title: First order at the online shop
        stages:
          - id: find
            name: Finding the shop
            type: awareness
          - id: compare
            name: Comparing delivery costs
            type: consideration
          - id: buy
            name: Placing the order
            type: purchase
    """
    stages = j.journey.stages
    ranked = [(n, LIFECYCLE_RANK[stage.type]) for n, stage in enumerate(stages) if stage.type in LIFECYCLE_RANK]
    kept = _in_order([rank for _, rank in ranked])
    in_place = [ranked[i] for i in kept]
    for i, (number, rank) in enumerate(ranked):
        if i in kept:
            continue
        stage = stages[number]
        later = [n for n, r in in_place if n < number and r > rank]
        if later:
            other = stages[later[-1]]
            where = f"comes after '{other.id}' ({other.type}), but in the customer lifecycle {stage.type} comes first"
        else:
            other = stages[next(n for n, r in in_place if n > number and r < rank)]
            where = (
                f"comes before '{other.id}' ({other.type}), "
                f"but in the customer lifecycle {stage.type} comes after {other.type}"
            )
        after = [n for n, r in in_place if r <= rank]
        place = f"after '{stages[after[-1]].id}'" if after else f"before '{stages[in_place[0][0]].id}'"
        yield j.finding(
            ("stages", number, "type"),
            f"stage '{stage.id}' ({stage.type}) {where}",
            hint=f"move the stage {place}, or correct its type; describe loops back with 'transitions:'",
        )


def _in_order(ranks: list[int]) -> set[int]:
    """The positions of a longest run of ranks that never goes down, preferring later positions.

    The other positions are the fewest stages whose removal leaves the rest in order. Of
    several such sets, the one with the earlier stages is chosen: a stage of a later type
    put too early is blamed, not every stage after it. Time is n log n.
    """
    tails: list[int] = []
    length: list[int] = []
    for rank in ranks:
        place = bisect.bisect_right(tails, rank)
        tails[place : place + 1] = [rank]
        length.append(place + 1)
    kept: set[int] = set()
    need, bound = len(tails), max(ranks, default=0)
    for i in range(len(ranks) - 1, -1, -1):
        if need and length[i] == need and ranks[i] <= bound:
            kept.add(i)
            need, bound = need - 1, ranks[i]
    return kept


@journey_rule(
    "CJM103", "no-stage-after-purchase", Severity.WARNING, "Nothing follows the purchase: no retention or loyalty."
)
def no_stage_after_purchase(j: JourneyContext) -> Iterator[Finding]:
    """Checks that something follows the purchase: a stage of a later lifecycle type (onboarding,
    experience, support, retention, loyalty, reactivation or advocacy). A journey without a
    purchase stage is not checked, nor one with a later stage put before the purchase (that is
    CJM102's). A journey that stops at the till is reported once, here, naming the required stage
    types it lacks after the purchase; missing-stage-type (CJM101) leaves those types to it.

    Why it matters: Most of a customer's value comes after the first purchase: using the
    product, staying, buying again and recommending it. A map that ends at the till cannot show
    why customers do not come back, which is where retention work starts.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: current-account
        title: Opening a current account
        stages:
          - id: compare
            name: Comparing banks
            type: consideration
          - id: open
            name: Opening the account online
            type: purchase

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: current-account
        title: Opening a current account
        stages:
          - id: compare
            name: Comparing banks
            type: consideration
          - id: open
            name: Opening the account online
            type: purchase
          - id: first-month
            name: Using the account in the first month
            type: onboarding
    """
    if not _ends_at_purchase(j):
        return
    stages = j.journey.stages
    last = max(n for n, stage in enumerate(stages) if stage.type == "purchase")
    missing = [required for required, _ in _missing_types(j) if _after_purchase(required)]
    wanted = ", ".join(missing) if missing else "experience, retention, loyalty"
    yield j.finding(
        ("stages", last, "type"),
        f"the journey ends with the purchase stage '{stages[last].id}': "
        "no stage after it is of a later lifecycle type (experience, retention, loyalty, ...)",
        hint=f"add the stages after the purchase: {wanted}",
    )


@journey_rule("CJM104", "no-feedback-channel", Severity.WARNING, "The customer has no way to give feedback.")
def no_feedback_channel(j: JourneyContext) -> Iterator[Finding]:
    """Checks that at least one step or transition uses a touchpoint on the `reviews` or `support`
    channel, the journey's own or a shared one, so the map shows where the customer can tell the
    company how it went. A feedback touchpoint that is defined but used by no step or transition
    does not count.

    Why it matters: Feedback is how a company learns where the journey hurts, and how the map
    itself stays true. A journey without a review request, a survey or a help desk shows a
    customer who has no way to complain or to praise, and a company that hears about problems
    only when customers leave.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: city-bike-rental
        title: Renting a city bike
        touchpoints:
          - id: rental-app
            name: Rental app
            channel: app
        stages:
          - id: ride
            name: Riding to work
            type: experience
            steps:
              - id: unlocks-bike
                action: Unlocks a bike with the app
                touchpoints:
                  - rental-app

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: city-bike-rental
        title: Renting a city bike
        touchpoints:
          - id: rental-app
            name: Rental app
            channel: app
          - id: ride-rating
            name: Rating prompt after the ride
            channel: reviews
        stages:
          - id: ride
            name: Riding to work
            type: experience
            steps:
              - id: unlocks-bike
                action: Unlocks a bike with the app
                touchpoints:
                  - rental-app
              - id: rates-ride
                action: Rates the ride and reports a loose saddle
                touchpoints:
                  - ride-rating
    """
    if not j.channels() & set(FEEDBACK_CHANNELS):
        yield j.finding(
            ("stages",),
            "no step or transition uses a touchpoint on the reviews or support channel: "
            "the customer has no way to give feedback",
            hint="add a review request, a survey or the help desk as a touchpoint and use it in a step or a transition",
            at_key=True,
        )
