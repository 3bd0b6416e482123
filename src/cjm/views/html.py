"""The journey map page: one self-contained HTML file from Jinja templates shipped with cjm.

The page has no script and loads nothing: CSS and SVG are inline, and a Content-Security-
Policy forbids scripts and remote loads. Every piece of user text goes through Jinja's
autoescaping; the only markup inserted as is comes from Graphviz, whose text cjm escaped.
"""

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from markupsafe import Markup

from cjm.model import Journey, Kpi, Persona, Stage, Touchpoint
from cjm.views.blueprint import entry_reader, layers
from cjm.views.emotion import emotion_slices
from cjm.views.palette import (
    CHANNEL_LABELS,
    EVIDENCE_LABELS,
    FONT_STACK,
    STAGE_COLORS,
    STAGE_TYPE_LABELS,
    STATUS_LABELS,
    clean_text,
)
from cjm.views.words import N_, Words, words_for

if TYPE_CHECKING:
    from cjm.views.context import RenderContext

OPEN_ON_ITS_OWN = N_("Open the map on its own page")
"""The link under a map shown inside another site's page (cjm.integrations.embed)."""

_SVG_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class KpiView:
    """A KPI as the page shows it."""

    kpi: Kpi
    status: str
    """met, missed or unknown."""
    figure: str
    target: str
    arrow: str


@dataclass(frozen=True, slots=True)
class WayView:
    """A transition out of a stage, as the grid shows it under the stage."""

    number: int
    """The number of the stage it leads to."""
    name: str
    back: bool
    """Whether it leads back to this stage or an earlier one: a loop."""
    condition: str | None
    trigger: str | None


@dataclass(slots=True)
class StageView:
    """One column of the grid."""

    stage: Stage
    color: str
    type_label: str
    first: int
    """The number of its first step, counted across the journey (as the emotion curve numbers it)."""
    touchpoints: list[tuple[str, str]] = field(default_factory=list)
    kpis: list[KpiView] = field(default_factory=list)
    ways: list[WayView] = field(default_factory=list)


def _kpi_view(kpi: Kpi, words: Words) -> KpiView:
    met = kpi.meets_target()
    status = "unknown" if met is None else ("met" if met else "missed")
    higher = kpi.direction == "higher-is-better"
    arrow = "\u2191 " + words("higher is better") if higher else "\u2193 " + words("lower is better")
    return KpiView(
        kpi,
        status,
        words.figure(kpi.value, kpi.unit, minus="\u2212"),
        words.figure(kpi.target, kpi.unit, minus="\u2212"),
        arrow,
    )


def _stage_views(journey: Journey, touchpoints: dict[str, Touchpoint], words: Words) -> list[StageView]:
    views = []
    first = 1
    for stage in journey.stages:
        views.append(_stage_view(stage, touchpoints, words, first))
        first += len(stage.steps)
    position = {stage.id: n for n, stage in enumerate(journey.stages)}
    for move in journey.transitions:
        source, target = position.get(move.from_), position.get(move.to)
        if source is not None and target is not None:
            way = WayView(target + 1, journey.stages[target].name, target <= source, move.condition, move.trigger)
            views[source].ways.append(way)
    return views


def _stage_view(stage: Stage, touchpoints: dict[str, Touchpoint], words: Words, first: int) -> StageView:
    view = StageView(stage, STAGE_COLORS[stage.type], words(STAGE_TYPE_LABELS[stage.type]), first)
    seen: set[str] = set()
    for step in stage.steps:
        for key in step.touchpoints:
            touchpoint = touchpoints.get(key)
            if touchpoint is not None and key not in seen:
                seen.add(key)
                view.touchpoints.append((words(CHANNEL_LABELS[touchpoint.channel]), touchpoint.name))
    view.kpis = [_kpi_view(kpi, words) for kpi in stage.kpis]
    return view


def inline_svg(svg: bytes) -> Markup:
    """Graphviz's SVG without its XML prologue, ready to sit inside HTML."""
    text = svg.decode("utf-8")
    return Markup(_SVG_PROLOGUE.sub("", text, count=1))  # Graphviz output of labels cjm escaped


def environment() -> Any:
    """The Jinja environment of cjm's page templates: autoescaped, strict about undefined names."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    made = Environment(
        loader=PackageLoader("cjm.views", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    made.globals["status_labels"] = STATUS_LABELS
    return made


def _finalize(value: object) -> object:
    """Every printed string loses the control characters HTML does not allow; markup stays as is."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return clean_text(value)
    return value


def render_html(
    journey: Journey,
    personas: list[Persona],
    touchpoints: dict[str, Touchpoint],
    diagram: Markup | None,
    *,
    left_out: str | None = None,
    words: Words | None = None,
) -> str:
    """Render the journey map page, the words cjm adds in `words`' language (default: the journey's);
    without a diagram, `left_out` says on the page why it is missing."""
    words = words or words_for(journey.language)[0]
    stages = _stage_views(journey, touchpoints, words)
    template = environment().get_template("journey.html.j2")
    return str(
        template.render(
            journey=journey,
            personas=personas,
            stages=stages,
            slices=emotion_slices(journey, words),
            diagram=diagram,
            left_out=left_out,
            font_stack=FONT_STACK,
            evidence_labels={key: words(label) for key, label in EVIDENCE_LABELS.items()},
            _=words,
            ngettext=words.plural,
            words=words,
            last_reviewed=words.date(journey.last_reviewed) if journey.last_reviewed else None,
            layers=layers(journey),
            entry=entry_reader(journey),
        )
    )


_DIAGRAM_SLOT: Final = "\x00diagram\x00"
"""Where the diagram goes in a page rendered before its SVG is ready: a NUL is in no map (YAML
refuses it), so the slot is found once and only where it was put."""


def render_page(context: "RenderContext") -> bytes:
    """The html view: the journey map page with its flow diagram, laid out by Graphviz on another
    core while the page renders; with `left_out`, the page without it, saying why."""
    journey, words = context.journey, context.words
    personas, touchpoints = context.personas, context.touchpoints
    if context.left_out is not None:
        return render_html(journey, personas, touchpoints, None, left_out=context.left_out, words=words).encode("utf-8")
    from cjm.views.dot import diagram_description, journey_dot, layout_weight
    from cjm.views.svg import Layout, check_size, labelled

    check_size(*layout_weight(journey), context.limits)
    layout = Layout(journey_dot(journey, touchpoints, words), context.limits)
    try:
        page = render_html(journey, personas, touchpoints, Markup(_DIAGRAM_SLOT), words=words)
    except BaseException:
        layout.cancel()
        raise
    svg = inline_svg(labelled(layout.result(), journey.title, diagram_description(journey, words)))
    before, after = page.split(_DIAGRAM_SLOT)
    return "".join((before, str(svg), after)).encode("utf-8")  # Markup would escape what it is added to
