"""Emotion and key-moment rules (CJM204, CJM205, CJM106): how the customer feels, where it matters."""

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.linting.context import Finding, JourneyContext
from cjm.linting.registry import journey_rule


@journey_rule("CJM204", "step-without-emotion", Severity.WARNING, "A step has no emotion.")
def step_without_emotion(j: JourneyContext) -> Iterator[Finding]:
    """Checks that every step says how the customer feels there, with `emotion:` from -2 (very
    negative) through 0 (neutral) to 2 (very positive).

    Why it matters: The emotion curve is the heart of a journey map: it shows at a glance where
    customers are delighted and where they suffer. A step without an emotion leaves a gap in the
    curve, and the missing step may be the lowest point of all.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: parcel-delivery
        title: Waiting for an online order
        stages:
          - id: delivery
            name: Delivery
            type: experience
            steps:
              - id: tracks-parcel
                action: Tracks the parcel in the courier's app
                emotion: 0
              - id: waits-at-home
                action: Waits at home all day for the courier

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: parcel-delivery
        title: Waiting for an online order
        stages:
          - id: delivery
            name: Delivery
            type: experience
            steps:
              - id: tracks-parcel
                action: Tracks the parcel in the courier's app
                emotion: 0
              - id: waits-at-home
                action: Waits at home all day for the courier
                emotion: -1
    """
    for path, _, step in j.steps():
        if step.emotion is None:
            yield j.finding(
                (*path, "id"),
                f"step '{step.id}' has no emotion",
                hint="add 'emotion:' from -2 (very negative) to 2 (very positive)",
            )


@journey_rule(
    "CJM205",
    "low-point-unaddressed",
    Severity.WARNING,
    "The journey's lowest emotional point has no pain point or opportunity.",
)
def low_point_unaddressed(j: JourneyContext) -> Iterator[Finding]:
    """Checks the steps at the journey's lowest emotional point: each must name a pain point (what
    hurts there) or an opportunity (what the company could do about it). Only a negative low
    point is checked; when several steps share it, each is checked.

    Why it matters: The lowest point of the emotion curve is where customers are most likely to
    give up, complain or leave for a competitor. A map that shows the dip but says nothing about
    its cause gives the team nothing to act on.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: blocked-card
        title: Getting a blocked card working again
        stages:
          - id: help
            name: Getting help
            type: support
            steps:
              - id: calls-bank
                action: Calls the bank's hotline
                emotion: -1
                pain_points:
                  - The menu has no option for a blocked card
              - id: waits-on-hold
                action: Waits on hold for twenty minutes
                emotion: -2

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: blocked-card
        title: Getting a blocked card working again
        stages:
          - id: help
            name: Getting help
            type: support
            steps:
              - id: calls-bank
                action: Calls the bank's hotline
                emotion: -1
                pain_points:
                  - The menu has no option for a blocked card
              - id: waits-on-hold
                action: Waits on hold for twenty minutes
                emotion: -2
                pain_points:
                  - No call-back option
                opportunities:
                  - Let the customer unblock the card in the app
    """
    scored = [(step.emotion, path, step) for path, _, step in j.steps() if step.emotion is not None]
    if not scored:
        return
    lowest = min(emotion for emotion, _, _ in scored)
    if lowest >= 0:
        return
    for emotion, path, step in scored:
        if emotion == lowest and not step.pain_points and not step.opportunities:
            yield j.finding(
                (*path, "emotion"),
                f"step '{step.id}' is the journey's lowest point (emotion {emotion}) "
                "but has no pain point or opportunity",
                hint="add 'pain_points:' saying what hurts here, and 'opportunities:' saying what could help",
            )


@journey_rule("CJM106", "no-key-moment", Severity.WARNING, "No step is marked as a key moment.")
def no_key_moment(j: JourneyContext) -> Iterator[Finding]:
    """Checks that at least one step is marked `key_moment: true`: a moment of truth, where the
    customer decides, changes their mind or meets a barrier.

    Why it matters: Not every step matters equally. Marking the moments where customers decide or
    drop out shows the team where to look first, and keeps the most important steps in view as
    the map grows.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: city-bike-rental
        title: Renting a city bike
        stages:
          - id: rent
            name: Renting a bike
            type: purchase
            steps:
              - id: compares-plans
                action: Compares the pay-per-ride and monthly plans
              - id: unlocks-bike
                action: Scans the QR code to unlock a bike

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: city-bike-rental
        title: Renting a city bike
        stages:
          - id: rent
            name: Renting a bike
            type: purchase
            steps:
              - id: compares-plans
                action: Compares the pay-per-ride and monthly plans
                key_moment: true
              - id: unlocks-bike
                action: Scans the QR code to unlock a bike
    """
    if not any(step.key_moment for _, _, step in j.steps()):
        yield j.finding(
            ("stages",),
            "no step is marked as a key moment",
            hint="add 'key_moment: true' to the steps where the customer decides or meets a barrier",
            at_key=True,
        )
