"""A Markdown page for the docs: metadata, the Mermaid diagram, and per-stage tables."""

import re

from cjm.figures import format_figure
from cjm.model import Journey, Persona, Touchpoint
from cjm.views.mermaid import render_mermaid
from cjm.views.palette import CHANNEL_LABELS, clean_text, signed

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


def render_markdown(journey: Journey, personas: list[Persona], touchpoints: dict[str, Touchpoint]) -> str:
    """The journey as a Markdown documentation page."""
    out = [f"# {md(journey.title)}", ""]
    scenario, description = md(journey.scenario or ""), md(journey.description or "")
    if scenario:  # white space alone would leave '**' to show
        out += [f"*{scenario}*", ""]
    if description:
        out += [description, ""]
    facts = [("Status", "Current state" if journey.status == "current-state" else "Future state")]
    if journey.owner:
        facts.append(("Owner", journey.owner))
    if journey.revision is not None:
        facts.append(("Revision", str(journey.revision)))
    if journey.last_reviewed:
        facts.append(("Last review", journey.last_reviewed))
    if personas:
        facts.append(("Personas", ", ".join(p.name for p in personas)))
    out += ["| | |", "| --- | --- |"] + [f"| {md(k)} | {md(v)} |" for k, v in facts] + [""]
    out += ["```mermaid", render_mermaid(journey, personas).rstrip("\n"), "```", ""]
    for number, stage in enumerate(journey.stages, 1):
        out += [f"## {number}. {md(stage.name)}", ""]
        details = [f"Type: {md(stage.type)}"]
        if stage.owner:
            details.append(f"owner: {md(stage.owner)}")
        if stage.goal:
            details.append(f"goal: {md(stage.goal)}")
        out += ["; ".join(details), ""]
        if stage.steps:
            out += ["| Step | Touchpoints | Emotion | Key moment |", "| --- | --- | --- | --- |"]
            for step in stage.steps:
                channels = ", ".join(
                    f"{CHANNEL_LABELS[touchpoints[k].channel]}: {touchpoints[k].name}"
                    for k in step.touchpoints
                    if k in touchpoints
                )
                emotion = signed(step.emotion) if step.emotion is not None else "—"
                out.append(
                    f"| {md(step.action)} | {md(channels) or '—'} | {emotion} | {'★' if step.key_moment else ''} |"
                )
            out.append("")
        pains = [(step.action, p) for step in stage.steps for p in step.pain_points]
        ideas = [(step.action, o) for step in stage.steps for o in step.opportunities]
        for title, items in (("Pain points", pains), ("Opportunities", ideas)):
            if items:
                out += [f"**{title}**", "", "| Step | " + title[:-1] + " |", "| --- | --- |"]
                out += [f"| {md(action)} | {md(text)} |" for action, text in items] + [""]
        if stage.kpis:
            out += [
                "**KPIs**",
                "",
                "| KPI | Value | Target | Better | Status | Source |",
                "| --- | --- | --- | --- | --- | --- |",
            ]
            for kpi in stage.kpis:
                met = kpi.meets_target()
                status = "—" if met is None else ("✓ met" if met else "✗ missed")
                better = "higher" if kpi.direction == "higher-is-better" else "lower"
                value, target = format_figure(kpi.value, kpi.unit), format_figure(kpi.target, kpi.unit)
                out.append(
                    f"| {md(kpi.name)} | {md(value)} | {md(target)} | {better} | {status} | {md(kpi.source or '—')} |"
                )
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
