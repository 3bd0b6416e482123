"""Content rules (CJM206–CJM209): pain points with answers, no placeholders, goals and evidence."""

import re
from collections.abc import Iterator
from typing import Any

from cjm.diagnostics import Severity
from cjm.lint.context import Finding, JourneyContext, ProjectContext
from cjm.lint.registry import journey_rule, project_rule
from cjm.loader import Document
from cjm.validation import Path

_PLACEHOLDER_WORDS = re.compile(r"\b(?:TODO|TBD|TBC|FIXME|XXX)\b|lorem ipsum", re.IGNORECASE)
_PLACEHOLDER_WHOLE = re.compile(r"\s*(?:\.{2,}|…|\?+|-+|_+|<[^<>]*>)\s*")
_HINTS = ("todo", "tbd", "tbc", "fixme", "xxx", "lorem")
_WHOLE_LINE = re.compile(r"^\s*(?:\.{2,}|…|\?+|-+|_+|<[^<>]*>)\s*$", re.MULTILINE)


def may_hold_placeholder(data: Any) -> bool:
    """Whether a document's strings could hold a placeholder; False means they certainly do not.

    One test over all strings joined line by line, instead of one per string: a line test
    may match where a string does not (a string with line breaks), never the other way round.
    """
    strings: list[str] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if type(item) is str:
            strings.append(item)
        elif type(item) is dict:
            stack.extend(item.values())
        elif type(item) is list:
            stack.extend(item)
    blob = "\n".join(strings)
    lowered = blob.lower()
    return any(hint in lowered for hint in _HINTS) or _WHOLE_LINE.search(blob) is not None


def is_placeholder(text: str) -> bool:
    """Whether a text is a placeholder; cheap substring tests first, as most texts are real."""
    if len(text) <= 40 and _PLACEHOLDER_WHOLE.fullmatch(text):
        return True
    lowered = text.lower()
    return any(hint in lowered for hint in _HINTS) and _PLACEHOLDER_WORDS.search(text) is not None


@journey_rule("CJM206", "pain-without-opportunity", Severity.WARNING, "A stage has pain points but no opportunity.")
def pain_without_opportunity(j: JourneyContext) -> Iterator[Finding]:
    """A map that lists what hurts but not what to do about it is a complaint, not a plan.
    Every stage with pain points should name at least one opportunity. A placeholder is no
    pain point yet (CJM207 reports it).

    Fix: add an opportunity to a step of the stage.

        - id: pays
          action: Pays at the till
          pain_points: [Cash only]
          opportunities: [Accept cards and mobile payments]
    """
    for number, stage in enumerate(j.journey.stages):
        pains = sum(not is_placeholder(pain) for step in stage.steps for pain in step.pain_points)
        if pains and not any(step.opportunities for step in stage.steps):
            yield j.finding(
                ("stages", number, "id"),
                f"stage '{stage.id}' has {pains} pain point{'s' if pains != 1 else ''} but no opportunity",
                hint="add 'opportunities:' to the steps that hurt: what could the company do better?",
            )


@project_rule("CJM207", "placeholder-text", Severity.WARNING, "Text is a placeholder: TODO, TBD, lorem ipsum, '...'.")
def placeholder_text(project: ProjectContext) -> Iterator[Finding]:
    """Placeholders (TODO, TBD, FIXME, "lorem ipsum", "...", "???") in a map that is shown to
    management or used for decisions look unfinished and hide missing research. Every file
    is checked: journeys, personas and touchpoint catalogues.

    Fix: write the real text, or remove the entry until it is known.

        pain_points:
          - Delivery cost appears only at checkout
    """
    documents: list[Document] = [j.document for j in project.journeys]
    documents += [document for document, _ in project.personas]
    documents += [document for document, _ in project.catalogs]
    for document in documents:
        if not may_hold_placeholder(document.data):
            continue
        for path, text in _strings(document.data, ()):
            if is_placeholder(text):
                shown = text if len(text) <= 40 else text[:37] + "..."
                yield Finding(
                    document,
                    path,
                    f"placeholder text {shown!r}",
                    hint="write what is known, or remove the entry until it is",
                )


# Ids, references and words from a fixed vocabulary are not prose: `id: todo-app` is a name.
_NOT_PROSE = frozenset(
    {
        "id",
        "from",
        "to",
        "rule",
        "type",
        "channel",
        "status",
        "language",
        "apiVersion",
        "kind",
        "direction",
        "link",
        "date",
        "personas",
        "preferred_channels",
    }
)


def _strings(value: Any, path: Path) -> Iterator[tuple[Path, str]]:
    """Every prose string in the data with its path, depth first, without recursion."""
    stack: list[tuple[Path, Any]] = [(path, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            named = [part for part in where if isinstance(part, str)]
            if named and named[-1] in _NOT_PROSE:
                continue
            if len(where) >= 2 and where[-2] == "touchpoints" and isinstance(where[-1], int):
                continue  # a step's or transition's touchpoint reference
            yield where, item
        elif isinstance(item, dict):
            stack.extend(((*where, key), child) for key, child in reversed(item.items()) if key != "suppress")
        elif isinstance(item, list):
            stack.extend(((*where, number), child) for number, child in reversed(list(enumerate(item))))


@journey_rule("CJM208", "stage-without-goal", Severity.INFO, "A stage does not say what the customer wants in it.")
def stage_without_goal(j: JourneyContext) -> Iterator[Finding]:
    """The customer's goal in a stage is what the company's work there should serve. Without
    it, a stage is a list of actions without a purpose.

    Fix: add the customer's goal.

        - id: compare
          name: Comparing offers
          type: consideration
          goal: Find a reliable supplier at a fair price
    """
    for number, stage in enumerate(j.journey.stages):
        if stage.goal is None:
            yield j.finding(
                ("stages", number, "id"),
                f"stage '{stage.id}' has no goal",
                hint="add 'goal:' saying what the customer wants to achieve in this stage",
            )


@journey_rule("CJM209", "journey-without-evidence", Severity.INFO, "No step says where its knowledge comes from.")
def journey_without_evidence(j: JourneyContext) -> Iterator[Finding]:
    """A map built on assumptions alone is a hypothesis. Evidence (surveys, interviews, CRM
    data, web analytics, support tickets) says which parts are known and which are guesses.

    Fix: add evidence to the steps the research covers.

        evidence:
          - type: analytics
            summary: 62% of visitors leave on the delivery page
            date: 2026-09
    """
    if not any(step.evidence for _, _, step in j.steps()):
        yield j.finding(
            ("stages",),
            "no step has evidence: the map does not say where its knowledge comes from",
            hint="add 'evidence:' (survey, interview, crm, analytics, ...) to the steps research supports",
            at_key=True,
        )
