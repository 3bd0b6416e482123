"""The service blueprint's layers as the views show them: one place that says what an entry reads
as, and which layers a journey fills."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cjm.model import Act, BlueprintEntry, Journey, Step

if TYPE_CHECKING:
    from cjm.views.context import RenderContext
    from cjm.views.words import Words


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


def blueprint_dot(journey: Journey, words: "Words") -> str:
    """The blueprint as one Graphviz node holding a table: Graphviz measures the text, so the columns
    fit what they hold; the lines are the tops of full-width cells (solid, dashed, dotted)."""
    from html import escape

    from cjm.views.dot import html_label
    from cjm.views.palette import FONT_STACK, STAGE_COLORS, signed

    read = entry_reader(journey)
    columns: list[Step | None] = []
    for stage in journey.stages:
        columns += stage.steps or [None]
    span = len(columns) + 1

    def layer_name(text: str) -> str:
        name = html_label(text.upper(), 16)
        return f'<TD ALIGN="LEFT" BALIGN="LEFT" BGCOLOR="#f0f4f8"><FONT POINT-SIZE="9"><B>{name}</B></FONT></TD>'

    def cell(texts: list[str], bold: bool = False) -> str:
        shown = "".join(html_label(text, 24) for text in texts)
        return f'<TD ALIGN="LEFT" BALIGN="LEFT" VALIGN="TOP">{"<B>" + shown + "</B>" if bold and shown else shown}</TD>'

    def line(text: str, style: str) -> str:
        styled = f' STYLE="{style}"' if style else ""
        return (
            f'<TR><TD COLSPAN="{span}" BORDER="2" SIDES="T"{styled} ALIGN="LEFT" COLOR="#334e68">'
            f'<FONT POINT-SIZE="8" COLOR="#334e68">{escape(text.upper())}</FONT></TD></TR>'
        )

    key_moment, emotion = words("Key moment"), words("Emotion")

    def customer(step: Step | None) -> str:
        if step is None:
            return cell([])
        texts = (["\u2605 " + key_moment] if step.key_moment else []) + [step.action]
        if step.emotion is not None:
            texts.append(f"{emotion}: {signed(step.emotion)}")
        return cell(texts, bold=True)

    def layer(name: str, field: str) -> str:
        cells = "".join(cell([read(e) for e in getattr(step, field)] if step else []) for step in columns)
        return f"<TR>{layer_name(name)}{cells}</TR>"

    header = "".join(
        f'<TD COLSPAN="{len(stage.steps) or 1}" BGCOLOR="{STAGE_COLORS[stage.type]}" ALIGN="LEFT">'
        f'<FONT COLOR="white"><B>{n}. {html_label(stage.name, 24 * (len(stage.steps) or 1))}</B></FONT></TD>'
        for n, stage in enumerate(journey.stages, 1)
    )
    stage_label, actions_label = words("Stage"), words("Customer actions")
    rows = [
        f'<TR><TD COLSPAN="{span}" ALIGN="LEFT"><FONT POINT-SIZE="16"><B>{html_label(journey.title, 90)}</B>'
        "</FONT></TD></TR>",
        f"<TR>{layer_name(stage_label)}{header}</TR>",
        layer(words("Physical evidence"), "physical_evidence"),
        f"<TR>{layer_name(actions_label)}{''.join(customer(step) for step in columns)}</TR>",
        line(words("Line of interaction"), ""),
        layer(words("Frontstage"), "frontstage"),
        line(words("Line of visibility"), "dashed"),
        layer(words("Behind the scenes"), "backstage"),
        line(words("Line of internal interaction"), "dotted"),
        layer(words("Support processes"), "support"),
    ]
    table = '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="6">' + "".join(rows) + "</TABLE>>"
    font = FONT_STACK.split(",")[0].strip("'\" ")
    return (
        "digraph blueprint {\n"
        f'  graph [bgcolor="white", pad="0.2"];\n'
        f'  node [shape=plain, fontname="{font}", fontsize=10, fontcolor="#1f2933"];\n'
        f"  blueprint [label={table}];\n"
        "}\n"
    )


def render_blueprint_svg(context: "RenderContext") -> bytes:
    """The blueprint-svg view: the service blueprint as an SVG diagram, laid out by Graphviz."""
    from cjm.views.svg import Layout, labelled

    journey, words = context.journey, context.words
    layout = Layout(blueprint_dot(journey, words), context.limits)
    description = words("Service blueprint of %(title)s: one column per step, one row per layer") % {
        "title": journey.title
    }
    name = words("Service blueprint")
    return labelled(layout.result(), f"{name}: {journey.title}", description)
