"""A Markdown page for the docs: metadata, the Mermaid diagram, and per-stage tables."""

import re

from cjm.figures import format_figure
from cjm.model import Journey, Persona, Touchpoint
from cjm.views.mermaid import render_mermaid
from cjm.views.palette import CHANNEL_LABELS, clean_text, signed

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>])")


def md(text: str) -> str:
    """Text that shows as itself in Markdown: markup characters escaped, HTML as text, one line."""
    flat = " ".join(clean_text(text).split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;")
    return _SPECIAL.sub(r"\\\1", flat)


def render_markdown(journey: Journey, personas: list[Persona], touchpoints: dict[str, Touchpoint]) -> str:
    """The journey as a Markdown documentation page."""
    out = [f"# {md(journey.title)}", ""]
    if journey.scenario:
        out += [f"*{md(journey.scenario)}*", ""]
    if journey.description:
        out += [md(journey.description), ""]
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
