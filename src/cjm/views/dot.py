"""The journey as a Graphviz DOT graph: stages as clusters left to right, steps inside them.

Every piece of user text goes into HTML-like labels, escaped as XML, so quotes, angle
brackets, backslashes and newlines can neither break the graph nor add attributes to it.
Node names are generated (s0_1), never taken from the file.
"""

import itertools
import textwrap
from html import escape
from typing import TYPE_CHECKING, Final

from cjm.model import Journey, Step, Touchpoint
from cjm.model.flow import follows_order
from cjm.views.palette import (
    CHANNEL_LABELS,
    DIAGRAM_FONT,
    EMOTIONS,
    STAGE_COLORS,
    STAGE_TYPE_LABELS,
    clean_text,
    emotion_style,
    signed,
)
from cjm.views.words import Words, words_for

if TYPE_CHECKING:
    from cjm.views.context import RenderContext

WRAP = 28

STAGE_WEIGHT: Final = 3
"""What a stage adds to the layout's work: Graphviz lays out each as a box of its own."""
TRANSITION_WEIGHT: Final = 15
"""What a transition adds: it crosses stages with its label, and crossings multiply. Measured with
dot 2.43: 300 labelled transitions between 10 to 100 stages take under a second, 500 up to 5 s,
900 from 19 s to 84 s."""


def layout_weight(journey: Journey) -> tuple[int, str]:
    """How much work laying out the journey's diagram is, in nodes and edges (a step is a node and the
    edge to the next; stages and transitions weigh more), and the words that say what weighs so much."""
    steps = sum(max(len(stage.steps), 1) for stage in journey.stages)
    stages, transitions = len(journey.stages), len(journey.transitions)
    weight = 2 * steps + STAGE_WEIGHT * stages + TRANSITION_WEIGHT * transitions
    return weight, f"{_count(stages, 'stage')}, {_count(steps, 'step')} and {_count(transitions, 'transition')}"


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def html_label(text: str, width: int = WRAP) -> str:
    """Escape text for an HTML-like label and wrap it into left-aligned lines."""
    lines: list[str] = []
    for paragraph in clean_text(text).splitlines() or [""]:
        lines.extend(textwrap.wrap(paragraph, width, break_long_words=True) or [""])
    return '<BR ALIGN="LEFT"/>'.join(escape(line, quote=True) for line in lines) + '<BR ALIGN="LEFT"/>'


def _step_label(step: Step, touchpoints: dict[str, Touchpoint], words: Words) -> str:
    rows = []
    title = html_label(step.action)
    if step.key_moment:
        title = "<B>\u2605 " + escape(words("Key moment")) + '</B><BR ALIGN="LEFT"/>' + title
    rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{title}</TD></TR>')
    channels = sorted(
        {words(CHANNEL_LABELS[touchpoints[key].channel]) for key in step.touchpoints if key in touchpoints}
    )
    if channels:
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9">{escape(" · ".join(channels))}</FONT></TD></TR>')
    style = emotion_style(step.emotion)
    feeling = (
        signed(step.emotion) + " " + words(style.word) if step.emotion is not None else words("emotion not recorded")
    )
    rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9">{escape(feeling)}</FONT></TD></TR>')
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">' + "".join(rows) + "</TABLE>>"


def journey_dot(journey: Journey, touchpoints: dict[str, Touchpoint], words: Words | None = None) -> str:
    """Build the DOT text of a journey; `touchpoints` holds every touchpoint its steps may use. Its own
    words are in `words`' language (default: the journey's)."""
    words = words or words_for(journey.language)[0]
    lines = [
        "digraph journey {",
        f'  graph [rankdir=LR, fontname="{DIAGRAM_FONT}", fontsize=14, newrank=true, compound=true, '
        "nodesep=0.25, ranksep=0.45, pad=0.3, labelloc=t, labeljust=l, "
        f"label={_title_and_legend(journey.title, words)}];",
        f'  node [shape=box, style="rounded,filled", fontname="{DIAGRAM_FONT}", fontsize=11, '
        'margin="0.12,0.06", penwidth=1.4];',
        f'  edge [fontname="{DIAGRAM_FONT}", fontsize=9, color="#546e7a", arrowsize=0.7];',
    ]
    first: list[str] = []
    last: list[str] = []
    for s, stage in enumerate(journey.stages):
        color = STAGE_COLORS[stage.type]
        owner = f" · {stage.owner}" if stage.owner else ""
        kind = words(STAGE_TYPE_LABELS[stage.type])
        lines.append(f"  subgraph cluster_{s} {{")
        lines.append(
            '    label=<<TABLE BORDER="0" CELLPADDING="3" CELLSPACING="0">'
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><B>{html_label(stage.name, 34)}</B></TD></TR>'
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="9">{html_label(kind + owner, 40)}</FONT></TD></TR>'
            "</TABLE>>;"
        )
        lines.append(
            f'    style="rounded,filled"; fillcolor="#f7f9fc"; color="{color}"; penwidth=2; fontcolor="{color}"; '
            "margin=14;"
        )
        names = [f"s{s}_{t}" for t in range(len(stage.steps))]
        if not names:
            names = [f"s{s}_empty"]
            empty = html_label(words("no steps yet"))
            lines.append(f'    {names[0]} [label=<{empty}>, style="dashed,rounded", fontcolor="#616161"];')
        for name, step in zip(names, stage.steps, strict=False):
            style = emotion_style(step.emotion)
            dashed = ",dashed" if step.emotion is None else ""
            border = 3 if step.key_moment else 1.4
            lines.append(
                f'    {name} [label={_step_label(step, touchpoints, words)}, fillcolor="{style.fill}", '
                f'color="{style.marker}", style="rounded,filled{dashed}", penwidth={border}];'
            )
        for a, b in itertools.pairwise(names):
            lines.append(f"    {a} -> {b} [weight=10];")
        lines.append("  }")
        first.append(names[0])
        last.append(names[-1])
    for s in range(len(journey.stages) - 1):
        if follows_order(journey, s):
            lines.append(f"  {last[s]} -> {first[s + 1]} [ltail=cluster_{s}, lhead=cluster_{s + 1}, weight=5];")
    position = {stage.id: n for n, stage in enumerate(journey.stages)}
    for transition in journey.transitions:
        source, target = position.get(transition.from_), position.get(transition.to)
        if source is None or target is None:
            continue
        back = target <= source
        parts = [p for p in (transition.condition, transition.trigger) if p]
        label = html_label(" — ".join(parts), 30) if parts else ""
        attributes = [
            f"ltail=cluster_{source}",
            f"lhead=cluster_{target}",
            f'color="{"#c62828" if back else "#37474f"}"',
            f'fontcolor="{"#b71c1c" if back else "#263238"}"',
            f'style="{"dashed" if back else "solid"}"',
            "constraint=false" if back else "weight=2",
            "penwidth=1.6",
        ]
        if label:  # a loop's label beside its edge: as an edge label, dot would route the loop around it
            attributes.append(f"{'xlabel' if back else 'label'}=<{label}>")
        lines.append(f"  {last[source]} -> {first[target]} [{', '.join(attributes)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _title_and_legend(title: str, words: Words) -> str:
    """The graph's label: the title, and under it the legend in one row. As the label, the legend takes
    no rank of the layout, so it neither makes the graph taller nor pushes the stages down."""

    def cell(attributes: str, content: str) -> str:
        return f'<TD {attributes}><FONT POINT-SIZE="10">{content}</FONT></TD>'

    cells = [cell('ALIGN="LEFT"', "<B>" + escape(words("Emotion")) + "</B>")]
    for value in sorted(EMOTIONS, reverse=True):
        style = EMOTIONS[value]
        text = escape(signed(value) + " " + words(style.word))
        cells.append(cell(f'BGCOLOR="{style.fill}" COLOR="{style.marker}" BORDER="1" STYLE="rounded"', text))
    cells.append(cell('BORDER="3" COLOR="#37474f" STYLE="rounded"', "\u2605 " + escape(words("key moment"))))
    cells.append(cell("", '<FONT COLOR="#b71c1c">- - \u2192 ' + escape(words("loop back")) + "</FONT>"))
    return (
        '<<TABLE BORDER="0" CELLSPACING="4" CELLPADDING="3">'
        f'<TR><TD ALIGN="LEFT" COLSPAN="{len(cells)}"><B>{html_label(title, 80)}</B></TD></TR>'
        f"<TR>{''.join(cells)}</TR></TABLE>>"
    )


def diagram_description(journey: Journey, words: Words) -> str:
    """What the flow diagram shows, in a sentence or two, for those who cannot see it."""
    steps = sum(len(stage.steps) for stage in journey.stages)
    position = {stage.id: n for n, stage in enumerate(journey.stages)}
    loops = sum(1 for t in journey.transitions if position.get(t.to, 0) <= position.get(t.from_, -1))
    text = words.plural("A flow diagram of %(count)s stage", "A flow diagram of %(count)s stages", len(journey.stages))
    text += ", " + words.plural("%(count)s step", "%(count)s steps", steps) + "."
    if loops:
        text += " " + words.plural("%(count)s way loops back.", "%(count)s ways loop back.", loops)
    return text


def render_view(context: "RenderContext") -> bytes:
    """The dot view: the Graphviz source of the flow diagram."""
    return journey_dot(context.journey, context.touchpoints, context.words).encode("utf-8")
