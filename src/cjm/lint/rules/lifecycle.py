"""Lifecycle rules (CJM101–CJM104): does the journey cover the customer lifecycle, in order?"""

import bisect
from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.context import Finding, JourneyContext
from cjm.lint.registry import journey_rule
from cjm.model.lifecycle import LIFECYCLE_RANK, StageType

FEEDBACK_CHANNELS = ("reviews", "support")


@journey_rule("CJM101", "missing-stage-type", Severity.ERROR, "A stage type the journey must cover is missing.")
def missing_stage_type(j: JourneyContext) -> Iterator[Finding]:
    """A journey map should follow the customer through the whole lifecycle: noticing a need,
    comparing, buying, using the product and coming back. A map that stops at the purchase
    hides where customers are lost afterwards. The stage types a journey must cover are set by
    `required-stages` in the configuration (default: awareness, consideration, purchase,
    experience, loyalty); `stage-aliases` lets other types count (onboarding or support for
    experience, retention or reactivation for loyalty).

    Fix: add a stage of the missing type.

        stages:
          - id: loyalty-loop
            name: Coming back
            type: loyalty
    """
    for required, accepted in _missing_types(j):
        also = sorted(accepted - {required})
        alias = f" (or {', '.join(also)})" if also else ""
        yield j.finding(
            ("stages",),
            f"the journey has no stage of type '{required}'{alias}",
            hint=f"add a stage with 'type: {required}', or change required-stages in the configuration",
            at_key=True,
        )


def _missing_types(j: JourneyContext) -> Iterator[tuple[StageType, set[StageType]]]:
    """Each required stage type no stage has, with the types that would count for it."""
    present = {stage.type for stage in j.journey.stages}
    for required in j.settings.required_stages:
        accepted = {required, *j.settings.stage_aliases.get(required, ())}
        if not present & accepted:
            yield required, accepted


@journey_rule("CJM102", "stage-order", Severity.WARNING, "Stages are out of lifecycle order.")
def stage_order(j: JourneyContext) -> Iterator[Finding]:
    """Stages are listed in the order the customer meets them. A purchase stage before the
    consideration stage, or loyalty before purchase, usually means the list was shuffled;
    loops back (a bad experience sending the customer back to awareness) belong in
    `transitions`, not in the order of the stages. Stages of type `other` are not checked.
    Reported are the fewest stages whose removal leaves the rest in order (one mislabelled
    stage is one finding, not one for each stage after it); where several choices are that
    few, the earlier stage is reported.

    Fix: move the stage to its place in the lifecycle.

        stages:
          - {id: find, name: Finding us, type: awareness}
          - {id: compare, name: Comparing, type: consideration}
          - {id: buy, name: Buying, type: purchase}
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
    """Most of a customer's value comes after the first purchase: using the product,
    staying, buying again and recommending. A map that ends at the purchase cannot show
    why customers do not come back.

    Reported only where no other rule says it: a missing required stage type after the
    purchase is CJM101's, a stage of a later type put before the purchase is CJM102's.

    Fix: add what happens after the purchase.

        stages:
          - {id: buy, name: Buying, type: purchase}
          - {id: use, name: Using the product, type: experience}
          - {id: return, name: Buying again, type: loyalty}
    """
    stages = j.journey.stages
    purchases = [n for n, stage in enumerate(stages) if stage.type == "purchase"]
    if not purchases:
        return
    later = LIFECYCLE_RANK["purchase"]
    if any(LIFECYCLE_RANK.get(stage.type, 0) > later for stage in stages):
        return  # after the last purchase, or out of order before it (CJM102)
    if any(LIFECYCLE_RANK.get(required, 0) > later for required, _ in _missing_types(j)):
        return  # CJM101 names the missing stage
    last = purchases[-1]
    yield j.finding(
        ("stages", last, "type"),
        f"the journey ends with the purchase stage '{stages[last].id}': "
        "no stage after it is of a later lifecycle type (experience, retention, loyalty, ...)",
        hint="add the stages after the purchase: experience, retention, loyalty",
    )


@journey_rule("CJM104", "no-feedback-channel", Severity.WARNING, "The customer has no way to give feedback.")
def no_feedback_channel(j: JourneyContext) -> Iterator[Finding]:
    """Customer feedback is how a journey map stays true. If no step uses a touchpoint on the
    `reviews` or `support` channel, the map shows no place where the customer can tell the
    company what went wrong or right.

    Fix: add the touchpoint where customers give feedback, and use it in a step.

        touchpoints:
          - id: review-request
            name: Review request after delivery
            channel: reviews
    """
    if not j.channels() & set(FEEDBACK_CHANNELS):
        yield j.finding(
            ("stages",),
            "no step or transition uses a touchpoint on the reviews or support channel: "
            "the customer has no way to give feedback",
            hint="add a review request, a survey or the help desk as a touchpoint and use it in a step or a transition",
            at_key=True,
        )
