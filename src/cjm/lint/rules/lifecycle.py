"""Lifecycle rules (CJM101–CJM104): does the journey cover the customer lifecycle, in order?"""

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.context import Finding, JourneyContext
from cjm.lint.registry import journey_rule
from cjm.model.lifecycle import LIFECYCLE_RANK

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
    present = {stage.type for stage in j.journey.stages}
    for required in j.settings.required_stages:
        accepted = {required, *j.settings.stage_aliases.get(required, ())}
        if not present & accepted:
            also = sorted(accepted - {required})
            alias = f" (or {', '.join(also)})" if also else ""
            yield j.finding(
                ("stages",),
                f"the journey has no stage of type '{required}'{alias}",
                hint=f"add a stage with 'type: {required}', or change required-stages in the configuration",
                at_key=True,
            )


@journey_rule("CJM102", "stage-order", Severity.WARNING, "Stages are out of lifecycle order.")
def stage_order(j: JourneyContext) -> Iterator[Finding]:
    """Checks that the stages are listed in the order of the customer lifecycle: awareness,
    consideration, purchase, onboarding, experience or support, retention or loyalty,
    reactivation or advocacy. A stage is reported at its type when it comes after a stage that
    belongs later in the lifecycle. Stages of type `other` may stand anywhere, and stages of
    equal rank (experience and support, say) may come in either order.

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
    latest: tuple[int, str, str] | None = None
    for number, stage in enumerate(j.journey.stages):
        rank = LIFECYCLE_RANK.get(stage.type)
        if rank is None:
            continue
        if latest is not None and rank < latest[0]:
            yield j.finding(
                ("stages", number, "type"),
                f"stage '{stage.id}' ({stage.type}) comes after '{latest[1]}' ({latest[2]}), "
                f"but in the customer lifecycle {stage.type} comes first",
                hint="reorder the stages; describe loops back with 'transitions:'",
            )
        elif latest is None or rank > latest[0]:
            latest = (rank, stage.id, stage.type)


@journey_rule(
    "CJM103", "no-stage-after-purchase", Severity.WARNING, "Nothing follows the purchase: no retention or loyalty."
)
def no_stage_after_purchase(j: JourneyContext) -> Iterator[Finding]:
    """Checks that something follows the last purchase stage: a stage of a later lifecycle type
    (onboarding, experience, support, retention, loyalty, reactivation or advocacy). A journey
    without a purchase stage is not checked.

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
    stages = j.journey.stages
    purchases = [n for n, stage in enumerate(stages) if stage.type == "purchase"]
    if not purchases:
        return
    last = purchases[-1]
    after = [s for s in stages[last + 1 :] if LIFECYCLE_RANK.get(s.type, 0) > LIFECYCLE_RANK["purchase"]]
    if not after:
        yield j.finding(
            ("stages", last, "type"),
            f"the journey ends with the purchase stage '{stages[last].id}': "
            "no experience, retention or loyalty after it",
            hint="add the stages after the purchase: experience, retention, loyalty",
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
            "no step uses a touchpoint on the reviews or support channel: the customer has no way to give feedback",
            hint="add a review request, a survey or the help desk as a touchpoint and use it in a step",
            at_key=True,
        )
