"""Coverage rules (CJM105, CJM201–CJM203, CJM305): steps, touchpoints and channels."""

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.context import Finding, JourneyContext, ProjectContext
from cjm.lint.registry import journey_rule, project_rule
from cjm.lint.wording import quoted_list
from cjm.model import Stage, Step


@journey_rule("CJM105", "stage-without-steps", Severity.WARNING, "A stage has no steps.")
def stage_without_steps(j: JourneyContext) -> Iterator[Finding]:
    """A stage without steps says nothing about what the customer does there, so nothing in
    it can be measured or improved.

    Fix: add the customer's steps.

        - id: compare
          name: Comparing offers
          type: consideration
          steps:
            - id: reads-reviews
              action: Reads reviews of the three shortlisted shops
    """
    for number, stage in enumerate(j.journey.stages):
        if not stage.steps:
            yield j.finding(
                ("stages", number, "id"),
                f"stage '{stage.id}' has no steps",
                hint="add 'steps:' with what the customer does in this stage",
            )


@journey_rule("CJM201", "step-without-touchpoint", Severity.WARNING, "A step uses no touchpoint.")
def step_without_touchpoint(j: JourneyContext) -> Iterator[Finding]:
    """Every step happens somewhere: on the website, in a shop, on the phone. A step without
    a touchpoint cannot be assigned to a channel or a team, and the map's channel view has a
    hole. If the customer really acts alone (thinking it over), suppress the finding on that
    step with a reason. Where no step of a stage uses a touchpoint, CJM202 reports the stage
    once instead of each step here.

    Fix: name the touchpoint.

        - id: compares-prices
          action: Compares prices
          touchpoints: [price-comparison-site]
    """
    for path, stage, step in j.steps():
        if not step.touchpoints and (_uses_touchpoints(stage) or _accepted_without_touchpoint(j, stage, step)):
            yield j.finding(
                (*path, "id"),
                f"step '{step.id}' uses no touchpoint",
                hint="add 'touchpoints: [...]' with the ids of the touchpoints used in this step",
            )


@journey_rule("CJM202", "stage-without-touchpoints", Severity.WARNING, "No step of a stage uses any touchpoint.")
def stage_without_touchpoints(j: JourneyContext) -> Iterator[Finding]:
    """A stage where no step uses a touchpoint has no channel at all: nobody in the company
    meets the customer there. That is either a gap in the map or a gap in the service.
    The stage is reported once, in place of CJM201 on each of its steps. A step that a
    suppression of CJM201 (on the step, the stage or the journey) lets go without a
    touchpoint is covered; a stage whose steps are all covered is not reported.

    Fix: add the touchpoints the stage's steps use.

        steps:
          - id: asks-friends
            action: Asks friends for a recommendation
            touchpoints: [word-of-mouth]
    """
    for number, stage in enumerate(j.journey.stages):
        if _uses_touchpoints(stage):
            continue
        open_steps = [step.id for step in stage.steps if not _accepted_without_touchpoint(j, stage, step)]
        if open_steps:
            steps = "step" if len(open_steps) == 1 else "steps"
            yield j.finding(
                ("stages", number, "id"),
                f"no step of stage '{stage.id}' uses a touchpoint",
                hint=f"add the touchpoints where the company meets the customer to its {steps} "
                + quoted_list(open_steps, shown=5),
            )


_STEP_WITHOUT_TOUCHPOINT = ("CJM201", "step-without-touchpoint")


def _uses_touchpoints(stage: Stage) -> bool:
    """Whether a step of the stage uses a touchpoint; a stage without steps is left to CJM105."""
    return not stage.steps or any(step.touchpoints for step in stage.steps)


def _accepted_without_touchpoint(j: JourneyContext, stage: Stage, step: Step) -> bool:
    """Whether a suppression of CJM201 on the step, its stage or the journey accepts that it uses no touchpoint."""
    entries = (*j.journey.suppress, *stage.suppress, *step.suppress)
    return any(entry.rule in _STEP_WITHOUT_TOUCHPOINT for entry in entries)


@journey_rule("CJM203", "single-channel", Severity.WARNING, "The journey uses a single channel only.")
def single_channel(j: JourneyContext) -> Iterator[Finding]:
    """Customers move between channels: they search, read reviews, visit a shop, call
    support. A map with one channel only usually maps one department's view, not the
    customer's journey.

    Fix: add the other channels the customer really uses.

        touchpoints:
          - {id: shop-site, name: Online shop, channel: website}
          - {id: hotline, name: Hotline, channel: phone}
    """
    channels = j.channels()
    if len(channels) == 1:
        yield j.finding(
            ("stages",),
            f"every touchpoint the journey's steps and transitions use is on one channel ({next(iter(channels))})",
            hint="map the other channels the customer uses: search, social, e-mail, phone, store, reviews",
            at_key=True,
        )


@project_rule(
    "CJM305", "unused-touchpoint", Severity.WARNING, "A touchpoint is defined but no step or transition uses it."
)
def unused_touchpoint(project: ProjectContext) -> Iterator[Finding]:
    """A touchpoint nobody uses is either a forgotten channel in the journey or a leftover.
    A journey's own touchpoints are checked against that journey; a catalogue's shared
    touchpoints against all journeys checked together.

    Fix: use the touchpoint in the step where it happens, or remove it.

        steps:
          - id: gets-confirmation
            action: Reads the order confirmation
            touchpoints: [order-email]
    """
    used_anywhere: set[str] = set()
    for j in project.journeys:
        used = {key for _, _, step in j.steps() for key in step.touchpoints}
        used.update(key for transition in j.journey.transitions for key in transition.touchpoints)
        used_anywhere |= used
        for number, touchpoint in enumerate(j.journey.touchpoints):
            if touchpoint.id not in used:
                yield j.finding(
                    ("touchpoints", number, "id"),
                    f"touchpoint '{touchpoint.id}' is defined but no step or transition uses it",
                    hint="use it in a step's 'touchpoints:' or remove it",
                )
    if not project.journeys:
        return
    for document, catalog in project.catalogs:
        for number, touchpoint in enumerate(catalog.touchpoints):
            if touchpoint.id not in used_anywhere:
                yield Finding(
                    document,
                    ("touchpoints", number, "id"),
                    f"shared touchpoint '{touchpoint.id}' is not used by any journey checked",
                    hint="use it in a journey, or remove it from the catalogue",
                )
