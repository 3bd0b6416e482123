"""Coverage rules (CJM105, CJM201–CJM203, CJM305): steps, touchpoints and channels."""

from collections.abc import Iterable, Iterator

from cjm.diagnostics import Severity
from cjm.linting.context import Finding, JourneyContext, ProjectContext
from cjm.linting.registry import journey_rule, project_rule
from cjm.linting.wording import quoted_list
from cjm.model import Stage, Suppression
from cjm.references import touchpoint_refs


@journey_rule("CJM105", "stage-without-steps", Severity.WARNING, "A stage has no steps.")
def stage_without_steps(j: JourneyContext) -> Iterator[Finding]:
    """Checks that every stage has at least one step: something the customer does there.

    Why it matters: A stage without steps is only a heading. It says nothing about what the
    customer does, thinks or feels there, so nothing in it can be measured, owned or improved.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: gym-membership
        title: Joining a gym
        stages:
          - id: trial
            name: Trying a free class
            type: consideration

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: gym-membership
        title: Joining a gym
        stages:
          - id: trial
            name: Trying a free class
            type: consideration
            steps:
              - id: books-class
                action: Books a free yoga class on the website
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
    """Checks that every step names at least one touchpoint: the website, shop, app, phone line or
    other place where it happens. If the customer really acts alone at a step (thinking it over
    at home), suppress the finding on that step with a reason. Where no step of a stage uses a
    touchpoint, CJM202 reports the stage once instead of each step here.

    Why it matters: A step without a touchpoint cannot be given to a channel or a team, so nobody
    owns the experience there, and the map's view of the channels has a hole.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: first-order
        title: First order at the online shop
        touchpoints:
          - id: product-page
            name: Product page
            channel: website
        stages:
          - id: choose
            name: Choosing a product
            type: consideration
            steps:
              - id: reads-reviews
                action: Reads the reviews on the product page
                touchpoints:
                  - product-page
              - id: compares-prices
                action: Compares the price with other shops

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: first-order
        title: First order at the online shop
        touchpoints:
          - id: product-page
            name: Product page
            channel: website
          - id: price-comparison
            name: Price comparison site
            channel: search
        stages:
          - id: choose
            name: Choosing a product
            type: consideration
            steps:
              - id: reads-reviews
                action: Reads the reviews on the product page
                touchpoints:
                  - product-page
              - id: compares-prices
                action: Compares the price with other shops
                touchpoints:
                  - price-comparison
    """
    for s, stage in enumerate(j.journey.stages):
        # Whether this rule speaks for the stage's steps (a stage with no touchpoint at all is CJM202's),
        # decided once per stage: a stage may have thousands of steps.
        per_step = _uses_touchpoints(stage) or _accepts_no_touchpoint((*j.journey.suppress, *stage.suppress))
        for t, step in enumerate(stage.steps):
            if step.touchpoints or not (per_step or _accepts_no_touchpoint(step.suppress)):
                continue
            yield j.finding(
                ("stages", s, "steps", t, "id"),
                f"step '{step.id}' uses no touchpoint",
                hint="add 'touchpoints: [...]' with the ids of the touchpoints used in this step",
            )


@journey_rule("CJM202", "stage-without-touchpoints", Severity.WARNING, "No step of a stage uses any touchpoint.")
def stage_without_touchpoints(j: JourneyContext) -> Iterator[Finding]:
    """Checks that in every stage with steps, at least one step uses a touchpoint. A stage without
    steps is left to stage-without-steps (CJM105). The stage is reported once, in place of CJM201
    on each of its steps. A step that a suppression of CJM201 (on the step, the stage or the
    journey) lets go without a touchpoint is covered; a stage whose steps are all covered is not
    reported.

    Why it matters: A stage where no step uses a touchpoint has no channel at all: nobody in the
    company meets the customer there. That is either a gap in the map or a gap in the service,
    and both are worth knowing.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: mortgage
        title: Getting a mortgage
        stages:
          - id: research
            name: Researching mortgages
            type: awareness
            steps:
              - id: asks-friends
                action: Asks friends which bank gave them their mortgage
              - id: reads-rates
                action: Reads the rates the banks advertise

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: mortgage
        title: Getting a mortgage
        touchpoints:
          - id: word-of-mouth
            name: Recommendations from friends
            channel: reviews
          - id: rates-page
            name: Mortgage rates page
            channel: website
        stages:
          - id: research
            name: Researching mortgages
            type: awareness
            steps:
              - id: asks-friends
                action: Asks friends which bank gave them their mortgage
                touchpoints:
                  - word-of-mouth
              - id: reads-rates
                action: Reads the rates the banks advertise
                touchpoints:
                  - rates-page
    """
    for number, stage in enumerate(j.journey.stages):
        if _uses_touchpoints(stage):
            continue
        whole_stage = _accepts_no_touchpoint((*j.journey.suppress, *stage.suppress))
        open_steps = [step.id for step in stage.steps if not (whole_stage or _accepts_no_touchpoint(step.suppress))]
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


def _accepts_no_touchpoint(entries: Iterable[Suppression]) -> bool:
    """Whether a suppression of CJM201 among these (on a step, its stage or the journey) accepts that a step uses
    no touchpoint; the journey's and the stage's are looked at once per stage, not once per step."""
    return any(entry.rule in _STEP_WITHOUT_TOUCHPOINT for entry in entries)


@journey_rule("CJM203", "single-channel", Severity.WARNING, "The journey uses a single channel only.")
def single_channel(j: JourneyContext) -> Iterator[Finding]:
    """Checks that the touchpoints the journey's steps and transitions use are on more than one
    channel. Touchpoints that are defined but used nowhere do not count.

    Why it matters: Customers move between channels: they search, read reviews, visit a shop,
    call support. A map on one channel usually shows one department's view of the customer
    rather than the customer's journey, and misses the hand-overs where most friction lies.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: first-order
        title: First order at the online shop
        touchpoints:
          - id: product-page
            name: Product page
            channel: website
          - id: checkout
            name: Checkout
            channel: website
        stages:
          - id: buy
            name: Buying
            type: purchase
            steps:
              - id: picks-product
                action: Picks a refillable detergent
                touchpoints:
                  - product-page
              - id: pays
                action: Pays as a guest
                touchpoints:
                  - checkout

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: first-order
        title: First order at the online shop
        touchpoints:
          - id: product-page
            name: Product page
            channel: website
          - id: checkout
            name: Checkout
            channel: website
          - id: order-email
            name: Order confirmation e-mail
            channel: email
        stages:
          - id: buy
            name: Buying
            type: purchase
            steps:
              - id: picks-product
                action: Picks a refillable detergent
                touchpoints:
                  - product-page
              - id: pays
                action: Pays as a guest
                touchpoints:
                  - checkout
              - id: reads-confirmation
                action: Reads the order confirmation
                touchpoints:
                  - order-email
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
    """Checks that every touchpoint is used. A journey's own touchpoint must be used by one of its
    steps or transitions; a touchpoint in a shared catalogue by a step or transition of some
    journey of the project (checked in the run, or elsewhere in the configured `paths`). A
    catalogue is not checked when the run knows no journey.

    Why it matters: A touchpoint nobody uses is either a contact the map forgot (the customer does
    get that e-mail, but no step says when) or a leftover from an older version. Either way the
    map lists a contact with the customer that its journey never shows.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: first-order
        title: First order at the online shop
        touchpoints:
          - id: checkout
            name: Checkout
            channel: website
          - id: order-email
            name: Order confirmation e-mail
            channel: email
        stages:
          - id: buy
            name: Buying
            type: purchase
            steps:
              - id: pays
                action: Pays as a guest
                touchpoints:
                  - checkout

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: first-order
        title: First order at the online shop
        touchpoints:
          - id: checkout
            name: Checkout
            channel: website
          - id: order-email
            name: Order confirmation e-mail
            channel: email
        stages:
          - id: buy
            name: Buying
            type: purchase
            steps:
              - id: pays
                action: Pays as a guest
                touchpoints:
                  - checkout
              - id: reads-confirmation
                action: Reads the order confirmation
                touchpoints:
                  - order-email
    """
    used_anywhere: set[str] = set()
    for j in project.journeys:
        used = set(touchpoint_refs(j.journey))
        used_anywhere |= used
        for number, touchpoint in enumerate(j.journey.touchpoints):
            if touchpoint.id not in used:
                yield j.finding(
                    ("touchpoints", number, "id"),
                    f"touchpoint '{touchpoint.id}' is defined but no step or transition uses it",
                    hint="use it in a step's 'touchpoints:' or remove it",
                )
    for journey in project.elsewhere:
        used_anywhere.update(touchpoint_refs(journey))
    if not project.all_journeys():
        return
    for document, catalog in project.catalogs:
        for number, touchpoint in enumerate(catalog.touchpoints):
            if touchpoint.id not in used_anywhere:
                yield Finding(
                    document,
                    ("touchpoints", number, "id"),
                    f"shared touchpoint '{touchpoint.id}' is not used by any journey of the project",
                    hint="use it in a journey, or remove it from the catalogue",
                )
