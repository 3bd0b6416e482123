"""People rules (CJM107–CJM110): personas, owners and who the journey is for."""

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.context import Finding, JourneyContext, ProjectContext
from cjm.lint.registry import journey_rule, project_rule
from cjm.lint.wording import quoted_list


@journey_rule("CJM107", "journey-without-persona", Severity.WARNING, "The journey follows no persona.")
def journey_without_persona(j: JourneyContext) -> Iterator[Finding]:
    """A journey is always somebody's journey. Without a persona, readers fill in their own
    idea of the customer and the map's emotions and pain points lose their meaning.

    Fix: define a persona in its own file and refer to it.

        personas: [anna-busy-parent]
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
    """Someone in the company must be responsible for each stage, or its problems stay
    nobody's job: marketing for awareness, sales for the deal, support for help.

    Fix: name the team that owns the stage.

        - id: support
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
    """A persona is defined by what they want. Without goals or needs, a persona is a
    demographic sketch and cannot explain the choices on the journey.

    Fix: add the persona's goals and needs.

        goals: [Get groceries delivered before the kids are home]
        needs: [A delivery slot that is kept]
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
    """A persona no journey follows is research that is not used, or a journey that was
    never mapped. Only checked when journeys are among the files, and all of them follow a
    persona: while one follows none, CJM107 reports it and names the personas left over.

    Fix: add the persona to the journeys that follow them.

        personas: [olga-office-manager]
    """
    if not project.journeys or any(not j.journey.personas for j in project.journeys):
        return  # CJM107 reports the journey that follows no persona, naming the personas no journey follows
    followed = {persona for j in project.journeys for persona in j.journey.personas}
    for document, persona in project.personas:
        if persona.id not in followed:
            yield Finding(
                document,
                ("id",),
                f"no journey checked follows persona '{persona.id}'",
                hint="add the persona's id to a journey's 'personas:'",
                at_key=True,
            )
