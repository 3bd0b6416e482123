"""Emotion and key-moment rules (CJM204, CJM205, CJM106): how the customer feels, where it matters."""

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.context import Finding, JourneyContext
from cjm.lint.registry import journey_rule


@journey_rule("CJM204", "step-without-emotion", Severity.WARNING, "A step has no emotion.")
def step_without_emotion(j: JourneyContext) -> Iterator[Finding]:
    """The emotion curve is the heart of a journey map: it shows where customers are
    delighted and where they suffer. A step without an emotion leaves a gap in the curve.
    Emotions go from -2 (very negative) through 0 (neutral) to 2 (very positive).

    Fix: add how the customer feels at this step.

        - id: waits-for-delivery
          action: Waits for the parcel
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
    """The lowest point of the emotion curve is where customers are most likely to give up.
    The map should say what hurts there (a pain point) or what the company will do about it
    (an opportunity). Only negative low points are checked.

    Fix: name the pain and the opportunity at the low point.

        - id: waits-on-hold
          action: Waits on hold for twenty minutes
          emotion: -2
          pain_points: [No call-back option]
          opportunities: [Offer a call-back instead of waiting]
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
    """Key moments (moments of truth) are where the customer decides, changes their mind or
    meets a barrier. Marking them shows the team where to focus first.

    Fix: mark the steps where the customer decides.

        - id: chooses-plan
          action: Chooses a subscription plan
          key_moment: true
    """
    if not any(step.key_moment for _, _, step in j.steps()):
        yield j.finding(
            ("stages",),
            "no step is marked as a key moment",
            hint="add 'key_moment: true' to the steps where the customer decides or meets a barrier",
            at_key=True,
        )
