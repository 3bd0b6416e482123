"""The service blueprint's layers as the views show them: one place that says what an entry reads
as, and which layers a journey fills."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cjm.model import Act, BlueprintEntry, Journey, Step

if TYPE_CHECKING:
    from cjm.views.context import RenderContext


@dataclass(frozen=True, slots=True)
class Layers:
    """Which blueprint layers a journey fills (a page shows only those)."""

    frontstage: bool
    support: bool
    physical_evidence: bool


def layers(journey: Journey) -> Layers:
    """The layers any step of the journey fills."""
    steps = [step for stage in journey.stages for step in stage.steps]
    return Layers(
        frontstage=any(step.frontstage for step in steps),
        support=any(step.support for step in steps),
        physical_evidence=any(step.physical_evidence for step in steps),
    )


def uses_blueprint(journey: Journey) -> bool:
    """Whether the journey has a service blueprint: a frontstage, a support layer or systems."""
    found = layers(journey)
    return found.frontstage or found.support or bool(journey.systems)


def entry_reader(journey: Journey) -> Callable[[BlueprintEntry], str]:
    """How an entry reads on a page: its text, or "who: what", who being the role and the system's
    name (its id when the journey does not name it)."""
    names = {system.id: system.name for system in journey.systems}

    def read(entry: BlueprintEntry) -> str:
        if not isinstance(entry, Act):
            return entry
        who = [part for part in (entry.role, names.get(entry.system or "", entry.system)) if part]
        return f"{', '.join(who)}: {entry.action}" if who else entry.action

    return read


def render_blueprint(context: "RenderContext") -> bytes:
    """The blueprint view: the classic service blueprint as a page, one column per step, with the
    lines of interaction, visibility and internal interaction, in the page's language."""
    from cjm.views.html import _stage_views, environment
    from cjm.views.palette import FONT_STACK, signed

    journey, words = context.journey, context.words
    stages = _stage_views(journey, context.touchpoints, words)
    # A column per step; a stage without steps keeps one empty column under its name.
    steps: list[Step | None] = []
    for view in stages:
        steps += view.stage.steps or [None]
    template = environment().get_template("blueprint.html.j2")
    page = template.render(
        journey=journey,
        stages=stages,
        steps=steps,
        entry=entry_reader(journey),
        signed=signed,
        font_stack=FONT_STACK,
        layers=layers(journey),
        has_blueprint=uses_blueprint(journey),
        last_reviewed=words.date(journey.last_reviewed) if journey.last_reviewed else None,
        _=words,
        ngettext=words.plural,
        words=words,
    )
    return str(page).encode("utf-8")
