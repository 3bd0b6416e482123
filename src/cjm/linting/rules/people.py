"""People rules (CJM107–CJM110): personas, owners and who the journey is for."""

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.linting.context import Finding, JourneyContext, ProjectContext
from cjm.linting.registry import journey_rule, project_rule
from cjm.linting.wording import quoted_list


@journey_rule("CJM107", "journey-without-persona", Severity.WARNING, "The journey follows no persona.")
def journey_without_persona(j: JourneyContext) -> Iterator[Finding]:
    """Checks that the journey follows at least one persona, with `personas:` naming the id of a
    persona defined in a file of its own (`kind: Persona`).

    Why it matters: A journey is always somebody's journey. Without a persona, every reader fills
    in their own idea of the customer, and the map's emotions and pain points lose their meaning.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: city-bike-rental
        title: Renting a city bike
        stages:
          - id: rent
            name: Unlocking a bike
            type: purchase

    Use instead:

        # file: city-bike-rental.yaml
        apiVersion: cjm/v1
        kind: Journey
        id: city-bike-rental
        title: Renting a city bike
        personas:
          - kasia-commuter
        stages:
          - id: rent
            name: Unlocking a bike
            type: purchase

        # file: personas/kasia-commuter.yaml
        apiVersion: cjm/v1
        kind: Persona
        id: kasia-commuter
        name: Kasia, the commuter
        goals:
          - Get to work in fifteen minutes without sitting in traffic
    """
    if not j.journey.personas:
        followed = {persona for _, journey in j.index.journeys.values() for persona in journey.personas}
        unfollowed = sorted(set(j.index.personas) - followed)
        if unfollowed:
            hint = (
                f"add 'personas: [...]' with the persona it follows; no journey follows {quoted_list(unfollowed)} yet"
            )
        else:
            hint = "add 'personas: [...]' with the id of a persona defined in a file with 'kind: Persona'"
        yield j.finding(("id",), f"journey '{j.journey.id}' follows no persona", hint=hint, at_key=True)


@journey_rule("CJM108", "stage-without-owner", Severity.WARNING, "A stage has no owner.")
def stage_without_owner(j: JourneyContext) -> Iterator[Finding]:
    """Checks that every stage names the team responsible for it, with `owner:`. An owner of the
    whole journey does not count for its stages.

    Why it matters: Someone in the company must be responsible for each stage, or its problems
    stay nobody's job: marketing for awareness, sales for the deal, customer care for help.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: blocked-card
        title: Getting a blocked card working again
        owner: Customer Experience
        stages:
          - id: help
            name: Getting help
            type: support

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: blocked-card
        title: Getting a blocked card working again
        owner: Customer Experience
        stages:
          - id: help
            name: Getting help
            type: support
            owner: Customer Care
    """
    for number, stage in enumerate(j.journey.stages):
        if stage.owner is None:
            yield j.finding(
                ("stages", number, "id"),
                f"stage '{stage.id}' has no owner",
                hint="add 'owner:' with the team responsible for this stage",
            )


@project_rule("CJM109", "persona-without-goals", Severity.WARNING, "A persona has neither goals nor needs.")
def persona_without_goals(project: ProjectContext) -> Iterator[Finding]:
    """Checks that every persona has goals (`goals:`) or needs (`needs:`), or both.

    Why it matters: A persona is defined by what they want. Without goals or needs a persona is a
    demographic sketch, and it cannot explain the choices the customer makes along the journey.

    Example:

        apiVersion: cjm/v1
        kind: Persona
        id: marek-bakery-owner
        name: Marek, who runs a bakery
        description: Owns a bakery with six staff and does the accounts himself at night.

    Use instead:

        apiVersion: cjm/v1
        kind: Persona
        id: marek-bakery-owner
        name: Marek, who runs a bakery
        description: Owns a bakery with six staff and does the accounts himself at night.
        goals:
          - Pay suppliers and staff on time without visiting a branch
        needs:
          - A business account he can manage from his phone
    """
    for document, persona in project.personas:
        if not persona.goals and not persona.needs:
            yield Finding(
                document,
                ("id",),
                f"persona '{persona.id}' has neither goals nor needs",
                hint="add 'goals:' and 'needs:' from your research",
                at_key=True,
            )


@project_rule("CJM110", "unused-persona", Severity.INFO, "No journey follows this persona.")
def unused_persona(project: ProjectContext) -> Iterator[Finding]:
    """Checks that every persona is followed by at least one journey of the project: the journeys
    checked with it, and the others in the configured `paths`. Personas are only checked when the
    run knows some journeys, and all journeys checked follow a persona: while one follows none,
    CJM107 reports it and names the personas left over.

    Why it matters: A persona that no journey follows is research nobody uses, or a journey that
    was never mapped. Either map the persona's journey or retire the persona, so the team's
    picture of its customers stays small and true.

    Example:

        # file: first-order.yaml
        apiVersion: cjm/v1
        kind: Journey
        id: first-order
        title: First order at the online shop
        personas:
          - anna-busy-parent
        stages:
          - id: buy
            name: Placing the order
            type: purchase

        # file: personas/anna-busy-parent.yaml
        apiVersion: cjm/v1
        kind: Persona
        id: anna-busy-parent
        name: Anna, the busy parent
        goals:
          - Get the weekly shop delivered without losing an evening to it

        # file: personas/tom-deal-seeker.yaml
        apiVersion: cjm/v1
        kind: Persona
        id: tom-deal-seeker
        name: Tom, the deal seeker
        goals:
          - Pay as little as possible, delivery included

    Use instead:

        # file: first-order.yaml
        apiVersion: cjm/v1
        kind: Journey
        id: first-order
        title: First order at the online shop
        personas:
          - anna-busy-parent
          - tom-deal-seeker
        stages:
          - id: buy
            name: Placing the order
            type: purchase

        # file: personas/anna-busy-parent.yaml
        apiVersion: cjm/v1
        kind: Persona
        id: anna-busy-parent
        name: Anna, the busy parent
        goals:
          - Get the weekly shop delivered without losing an evening to it

        # file: personas/tom-deal-seeker.yaml
        apiVersion: cjm/v1
        kind: Persona
        id: tom-deal-seeker
        name: Tom, the deal seeker
        goals:
          - Pay as little as possible, delivery included
    """
    journeys = project.all_journeys()
    if not journeys or any(not j.journey.personas for j in project.journeys):
        return  # CJM107 reports the journey that follows no persona, naming the personas no journey follows
    followed = {persona for journey in journeys for persona in journey.personas}
    for document, persona in project.personas:
        if persona.id not in followed:
            yield Finding(
                document,
                ("id",),
                f"no journey of the project follows persona '{persona.id}'",
                hint="add the persona's id to a journey's 'personas:'",
                at_key=True,
            )
