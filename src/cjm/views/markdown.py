"""A Markdown page for the docs: metadata, the Mermaid diagram, and per-stage tables."""

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from cjm.model import BlueprintEntry, Journey, Persona, Stage, Touchpoint
from cjm.views.blueprint import entry_reader
from cjm.views.mermaid import render_mermaid
from cjm.views.palette import CHANNEL_LABELS, EVIDENCE_LABELS, STAGE_TYPE_LABELS, STATUS_LABELS, clean_text, signed
from cjm.views.words import N_, Words, words_for

if TYPE_CHECKING:
    from cjm.views.context import RenderContext

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>$])")
"""Characters that start markup anywhere in a line: emphasis, code, links, images, headings,
quotes, tables, strikethrough, GitHub's math ('$'); a backslash makes each plain text."""
_BLOCK_START = re.compile(r"(\d+)\.(?= |$)|-(?= |$)|[-=]+$")
"""What makes a line a block at its start: an ordered list item (`1. `), a bullet (`- `), a rule
(`---`, `- - -`) or a heading's underline (`===`); a number (`2.4`) or a minus sign (`-5`) does
not. '*', '+', '_', '#', '>' and ')' are escaped everywhere already."""


def md(text: str) -> str:
    """Text that shows as itself in Markdown wherever it is put, one paragraph or one cell: a single
    line (line breaks, indentation and blank lines become one space), markup characters and what
    would start a block escaped, HTML and entities as text."""
    flat = " ".join(clean_text(text).split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;")
    flat = _SPECIAL.sub(r"\\\1", flat)
    start = _BLOCK_START.match(flat)
    if start is None:
        return flat
    escaped = f"{start.group(1)}\\." if start.group(1) is not None else "\\" + start.group()
    return escaped + flat[start.end() :]


_LINK_DESTINATION: Final = str.maketrans({"&": "&amp;", "<": "%3C", ">": "%3E", "\\": "%5C", "|": "%7C"})
"""What a link destination in angle brackets cannot hold as it is: an entity would be decoded, '<' and '>'
end it, a backslash escapes, and '|' ends a table cell."""


def md_link(text: str, url: str) -> str:
    """A Markdown link to `url` (a map's link: no white space in it) that shows `text`."""
    return f"[{md(text)}](<{url.translate(_LINK_DESTINATION)}>)"


def render_markdown(
    journey: Journey,
    personas: list[Persona],
    touchpoints: dict[str, Touchpoint],
    notes: list[str] | None = None,
    words: Words | None = None,
) -> str:
    """The journey as a Markdown documentation page: what the HTML page shows, as text that reads well
    raw, its own words in `words`' language. `notes` gets what the Mermaid block could not carry as written."""
    words = words or words_for(journey.language)[0]
    out = [f"# {md(journey.title)}", ""]
    scenario, description = md(journey.scenario or ""), md(journey.description or "")
    if scenario:  # white space alone would leave '**' to show
        out += [f"*{scenario}*", ""]
    if description:
        out += [description, ""]
    facts = [(words("Status"), words(STATUS_LABELS[journey.status]))]
    if journey.owner:
        facts.append((words("Owner"), journey.owner))
    if journey.revision is not None:
        facts.append((words("Revision"), str(journey.revision)))
    if journey.last_reviewed:
        facts.append((words("Last review"), words.date(journey.last_reviewed)))
    if personas:
        facts.append((words("Personas"), "; ".join(p.name for p in personas)))  # a name may hold a comma
    out += ["| | |", "| --- | --- |"] + [f"| {md(k)} | {md(v)} |" for k, v in facts] + [""]
    out += _bullets(words("The customer expects"), journey.expectations)
    out += ["```mermaid", render_mermaid(journey, personas, notes, words).rstrip("\n"), "```", ""]
    for number, stage in enumerate(journey.stages, 1):
        out += _stage(number, stage, touchpoints, words, entry_reader(journey))
    out += _transitions(journey, touchpoints, words)
    if personas:
        out += ["## " + md(words("Personas")), ""]
    for persona in personas:
        out += _persona(persona, words)
    return "\n".join(out).rstrip("\n") + "\n"


def _stage(
    number: int, stage: Stage, touchpoints: dict[str, Touchpoint], words: Words, entry: Callable[[BlueprintEntry], str]
) -> list[str]:
    out = [f"## {number}. {md(stage.name)}", ""]
    details = [(words("Type"), words(STAGE_TYPE_LABELS[stage.type]))]
    if stage.owner:
        details.append((words("Owner"), stage.owner))
    if stage.goal:
        details.append((words("Goal"), stage.goal))
    out += ["; ".join(f"{md(name)}: {md(value)}" for name, value in details), ""]
    if stage.description:
        out += [md(stage.description), ""]
    if stage.steps:
        out += _table_head(words("Step"), words("Touchpoints"), words("Emotion"), words("Key moment"))
        for step in stage.steps:
            emotion = signed(step.emotion) if step.emotion is not None else "—"
            channels = md(_channels(step.touchpoints, touchpoints, words)) or "—"
            out.append(f"| {md(step.action)} | {channels} | {emotion} | {'★' if step.key_moment else ''} |")
        out.append("")
    for title, column, field in _STEP_LISTS:
        rows = [(step.action, entry(text)) for step in stage.steps for text in getattr(step, field)]
        if rows:
            out += [f"**{md(words(title))}**", "", *_table_head(words("Step"), words(column))]
            out += [f"| {md(action)} | {md(text)} |" for action, text in rows] + [""]
    evidence = [(step.action, item) for step in stage.steps for item in step.evidence]
    if evidence:
        out += ["**" + md(words("Evidence")) + "**", ""]
        out += _table_head(words("Step"), words("Type"), words("Summary"), words("Details"))
        for action, item in evidence:
            about = [f"n={words.number(item.sample_size)}"] if item.sample_size is not None else []
            about += [words.date(item.date)] if item.date else []
            shown = [md(part) for part in about] + ([md_link(words("source"), item.link)] if item.link else [])
            label = words(EVIDENCE_LABELS[item.type])
            out.append(f"| {md(action)} | {md(label)} | {md(item.summary)} | {', '.join(shown) or '—'} |")
        out.append("")
    if stage.kpis:
        out += ["**" + md(words("KPIs")) + "**", ""]
        out += _table_head(
            words("KPI"), words("Value"), words("Target"), words("Better"), words("Status"), words("Source")
        )
        for kpi in stage.kpis:
            met = kpi.meets_target()
            status = "—" if met is None else ("✓ " + words("met") if met else "✗ " + words("missed"))
            better = words("higher") if kpi.direction == "higher-is-better" else words("lower")
            value, target = words.figure(kpi.value, kpi.unit), words.figure(kpi.target, kpi.unit)
            cells = [kpi.name, value, target, better, status, kpi.source or "—"]
            out.append("| " + " | ".join(md(cell) for cell in cells) + " |")
        out.append("")
    return out


def _table_head(*titles: str) -> list[str]:
    return ["| " + " | ".join(md(title) for title in titles) + " |", "|" + " --- |" * len(titles)]


_STEP_LISTS: Final = (
    (N_("Thoughts"), N_("Thought"), "thoughts"),
    (N_("Pain points"), N_("Pain point"), "pain_points"),
    (N_("Opportunities"), N_("Opportunity"), "opportunities"),
    (N_("Physical evidence"), N_("What the customer sees"), "physical_evidence"),
    (N_("Frontstage"), N_("Who or what acts"), "frontstage"),
    (N_("Behind the scenes"), N_("What happens"), "backstage"),
    (N_("Support processes"), N_("Process or system"), "support"),
)
"""The lists of a step shown in a table per stage: (title, column, the step's field)."""


def _channels(keys: list[str], touchpoints: dict[str, Touchpoint], words: Words) -> str:
    return ", ".join(
        f"{words(CHANNEL_LABELS[touchpoints[key].channel])}: {touchpoints[key].name}"
        for key in keys
        if key in touchpoints
    )


def _transitions(journey: Journey, touchpoints: dict[str, Touchpoint], words: Words) -> list[str]:
    if not journey.transitions:
        return []
    names = {stage.id: stage.name for stage in journey.stages}
    out = ["## " + md(words("Transitions")), ""]
    out += _table_head(words("From"), words("To"), words("Condition"), words("Trigger"), words("Touchpoints"))
    for move in journey.transitions:
        cells = [names.get(move.from_, move.from_), names.get(move.to, move.to)]
        cells += [move.condition or "", move.trigger or "", _channels(move.touchpoints, touchpoints, words)]
        out.append("| " + " | ".join(md(cell) or "—" for cell in cells) + " |")
    return [*out, ""]


def _persona(persona: Persona, words: Words) -> list[str]:
    out = [f"### {md(persona.name)}", ""]
    if persona.quote:
        out += [f"*“{md(persona.quote)}”*", ""]
    if persona.description:
        out += [md(persona.description), ""]
    facts = persona.demographics
    if facts is not None:
        values = (facts.age, facts.occupation, facts.location, facts.family)
        shown = [str(value) for value in values if value is not None]
        if shown:
            out += [md(" · ".join(shown)), ""]
    out += _bullets(words("Goals and needs"), [*persona.goals, *persona.needs])
    out += _bullets(words("Frustrations"), persona.frustrations)
    out += _bullets(words("Behaviours"), persona.behaviours)
    return out


def _bullets(title: str, items: list[str]) -> list[str]:
    if not items:
        return []
    return [f"**{md(title)}**", "", *(f"- {md(item) or '—'}" for item in items), ""]


def render_view(context: "RenderContext") -> bytes:
    """The markdown view."""
    journey, words = context.journey, context.words
    return render_markdown(journey, context.personas, context.touchpoints, context.notes, words).encode("utf-8")
