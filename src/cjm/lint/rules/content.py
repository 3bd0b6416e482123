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
    """Checks that every stage with pain points names at least one opportunity, in any of its steps.

    Why it matters: A map that lists what hurts but not what could be done about it is a
    complaint, not a plan. Opportunities turn pain points into work the team can weigh and
    schedule.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: first-order
        title: First order at the online shop
        stages:
          - id: checkout
            name: Checking out
            type: purchase
            steps:
              - id: sees-delivery-cost
                action: Sees the delivery cost for the first time at checkout
                pain_points:
                  - The delivery cost appears only at the last step

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: first-order
        title: First order at the online shop
        stages:
          - id: checkout
            name: Checking out
            type: purchase
            steps:
              - id: sees-delivery-cost
                action: Sees the delivery cost for the first time at checkout
                pain_points:
                  - The delivery cost appears only at the last step
                opportunities:
                  - Show the delivery cost on every product page
    """
    for number, stage in enumerate(j.journey.stages):
        pains = sum(len(step.pain_points) for step in stage.steps)
        if pains and not any(step.opportunities for step in stage.steps):
            yield j.finding(
                ("stages", number, "id"),
                f"stage '{stage.id}' has {pains} pain point{'s' if pains != 1 else ''} but no opportunity",
                hint="add 'opportunities:' to the steps that hurt: what could the company do better?",
            )


@project_rule("CJM207", "placeholder-text", Severity.WARNING, "Text is a placeholder: TODO, TBD, lorem ipsum, '...'.")
def placeholder_text(project: ProjectContext) -> Iterator[Finding]:
    """Checks the text of every file (journeys, personas and touchpoint catalogues) for placeholders:
    TODO, TBD, TBC, FIXME, XXX, "lorem ipsum", or a text that is nothing but dots, question marks,
    dashes, underscores or `<something>`. Ids, references, fixed words such as channels and the
    reasons of suppressions are not checked.

    Why it matters: A map is shown to management and used for decisions. Placeholders make it
    look unfinished and, worse, hide where the research is missing: a pain point that says "TBD"
    reads like a known problem.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: first-order
        title: First order at the online shop
        stages:
          - id: checkout
            name: Checking out
            type: purchase
            steps:
              - id: pays
                action: Pays as a guest
                pain_points:
                  - TBD

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: first-order
        title: First order at the online shop
        stages:
          - id: checkout
            name: Checking out
            type: purchase
            steps:
              - id: pays
                action: Pays as a guest
                pain_points:
                  - Has to type a sixteen-digit card number on a phone
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
    """Checks that every stage says what the customer wants to achieve in it, with `goal:`.

    Why it matters: The customer's goal in a stage is what the company's work there should serve.
    Without it a stage is a list of actions without a purpose, and the team cannot tell whether a
    change helps the customer or only the company.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: current-account
        title: Opening a current account
        stages:
          - id: compare
            name: Comparing banks
            type: consideration

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: current-account
        title: Opening a current account
        stages:
          - id: compare
            name: Comparing banks
            type: consideration
            goal: Find an account without monthly fees that works well in an app
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
    """Checks that at least one step says where its knowledge comes from, with `evidence:`: a
    survey, interviews, CRM data, web analytics, support tickets, a usability test and so on.

    Why it matters: A map built on assumptions alone is a hypothesis. Evidence shows which parts
    are known and which are guesses, so readers know how far to trust each step, and the team
    knows where research is still needed.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: first-order
        title: First order at the online shop
        stages:
          - id: checkout
            name: Checking out
            type: purchase
            steps:
              - id: leaves-checkout
                action: Leaves the checkout on the delivery page

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: first-order
        title: First order at the online shop
        stages:
          - id: checkout
            name: Checking out
            type: purchase
            steps:
              - id: leaves-checkout
                action: Leaves the checkout on the delivery page
                evidence:
                  - type: analytics
                    summary: 62% of visitors who reach the delivery page leave there
                    date: 2026-09
    """
    if not any(step.evidence for _, _, step in j.steps()):
        yield j.finding(
            ("stages",),
            "no step has evidence: the map does not say where its knowledge comes from",
            hint="add 'evidence:' (survey, interview, crm, analytics, ...) to the steps research supports",
            at_key=True,
        )
