"""Content rules (CJM206–CJM210): pain points with answers, no placeholders, goals, evidence, lists."""

import functools
import re
from collections.abc import Iterator
from typing import Any, Final, get_args

import yaml
from yaml.nodes import ScalarNode, SequenceNode

from cjm.diagnostics import Severity
from cjm.linting.context import Finding, JourneyContext, ProjectContext
from cjm.linting.registry import journey_rule, project_rule
from cjm.linting.wording import spoken_list
from cjm.loader import Document
from cjm.model import KINDS, CjmModel
from cjm.model.fields import Text, describe_value
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
    A placeholder is no pain point yet (CJM207 reports it).

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
        pains = sum(not is_placeholder(pain) for step in stage.steps for pain in step.pain_points)
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


@project_rule(
    "CJM210",
    "flow-list-in-prose",
    Severity.WARNING,
    "Prose is written as a flow list [...], which YAML splits at every comma.",
)
def flow_list_in_prose(project: ProjectContext) -> Iterator[Finding]:
    """Checks lists of free text (pain points, opportunities, thoughts, backstage, expectations, a
    persona's goals, needs, behaviours, frustrations and emotions) for a flow list `[...]` with
    an item of two words or more. Lists of short labels (tags, feelings,
    interests) are flagged only when an item reads as the rest of a sentence split off at a
    comma: a capitalised item followed by one of two words or more that starts in lower
    case. Lists of ids, such as `touchpoints: [web, app]`, are not checked.

    Why it matters: In a flow list every comma ends an item, so a sentence with a comma
    silently becomes two items, the second a fragment; the map then shows and counts
    half-sentences, and nothing warns about it. With each item on its own line, commas stay
    in the text.

    Example:

        apiVersion: cjm/v1
        kind: Persona
        id: anna
        name: Anna, the busy parent
        frustrations: [Surprise delivery fees at checkout, even for large orders]

    Use instead:

        apiVersion: cjm/v1
        kind: Persona
        id: anna
        name: Anna, the busy parent
        frustrations:
          - Surprise delivery fees at checkout, even for large orders
    """
    documents: list[tuple[Document, CjmModel]] = [(j.document, j.journey) for j in project.journeys]
    documents += project.personas
    for document, model in documents:
        had_tree = document.has_tree
        wanted = _keys_before_flow_lists(document.text)
        if not wanted:
            continue
        lists = _text_lists(model, (), wanted)
        suspects = [(path, items) for path, items in lists if _may_be_flagged(str(path[-1]), items)]
        found = False
        for path, items in suspects:
            node = document.node(path)
            if not isinstance(node, SequenceNode) or not node.flow_style:
                continue
            plain = [isinstance(item, ScalarNode) and not item.style for item in node.value]
            sentences = _sentences(items, plain, key=str(path[-1]))
            if len(sentences) == len(items) and not _is_prose(str(path[-1]), items):
                continue
            found = True
            hint = _block_list_hint(path, items, sentences)
            yield Finding(document, path, _flow_list_message(str(path[-1]), items), hint)
        if suspects and not found and not had_tree:
            document.release()  # the node tree was composed for this check only


_LABEL_LISTS: Final = frozenset({"tags", "feelings", "interests"})
"""Lists of short labels, where a flow list is the natural way to write them."""


def _keys_before_flow_lists(text: str) -> frozenset[str]:
    """The keys of lists of free text that may hold a flow list in the text: never fewer than do.

    Each `[` is looked at on its own line: after `key:` it starts that key's value; after
    other text it is inside a value or a nested list. Where the line does not tell (the `[`
    opens the line, or follows an anchor or a tag, which an alias elsewhere may repeat),
    every key may.
    """
    found: set[str] = set()
    start = text.find("[")
    while start != -1:
        before = text[text.rfind("\n", 0, start) + 1 : start].rstrip()
        key = before[:-1].rstrip().rstrip("'\"") if before.endswith(":") else None
        if not before or key == "" or before.split()[-1][:1] in "&!":
            return _TEXT_LIST_KEYS
        if key is not None and key.endswith(_TEXT_LIST_KEYS_TUPLE):
            found.update(name for name in _TEXT_LIST_KEYS if key.endswith(name))
        start = text.find("[", start + 1)
    return frozenset(found)


def _text_lists(model: CjmModel, path: Path, wanted: frozenset[str]) -> Iterator[tuple[Path, list[str]]]:
    """Every non-empty list of free text in the model under one of the wanted keys, with its path."""
    for name, key, holds_text, within in _fields_with_text(type(model)):
        if not wanted & within:
            continue
        value = getattr(model, name)
        if holds_text:
            if value:
                yield (*path, key), value
        elif isinstance(value, CjmModel):
            yield from _text_lists(value, (*path, key), wanted)
        elif isinstance(value, list):
            for number, item in enumerate(value):
                yield from _text_lists(item, (*path, key, number), wanted)


@functools.cache
def _fields_with_text(model: type[CjmModel]) -> tuple[tuple[str, str, bool, frozenset[str]], ...]:
    """The fields that are, or hold, lists of free text: attribute name, key in the file, whether
    it is one, and the keys of the lists in it."""
    fields = []
    for name, field in model.model_fields.items():
        key = field.alias or name
        if field.annotation == list[Text]:
            fields.append((name, key, True, frozenset({key})))
            continue
        kinds = [kind for kind in (field.annotation, *get_args(field.annotation)) if isinstance(kind, type)]
        within = frozenset(
            inner
            for kind in kinds
            if issubclass(kind, CjmModel)
            for *_, keys in _fields_with_text(kind)
            for inner in keys
        )
        if within:
            fields.append((name, key, False, within))
    return tuple(fields)


_TEXT_LIST_KEYS: Final = frozenset(
    key for kind in KINDS.values() for *_, keys in _fields_with_text(kind) for key in keys
)
"""The key of every list of free text, in every kind of file."""
_TEXT_LIST_KEYS_TUPLE: Final = tuple(sorted(_TEXT_LIST_KEYS))


def _is_prose(key: str, items: list[str]) -> bool:
    """Whether a list of free text has an item of several words; in a list of labels, of a clause's worth."""
    words = _LABEL_WORDS if key in _LABEL_LISTS else 2
    return any(len(item.split()) >= words for item in items)


_LABEL_WORDS: Final = 5
"""A label (a tag, a feeling) this many words long is a clause: `[skeptisch, weil die Preise unklar sind]`."""


def _may_be_flagged(key: str, items: list[str]) -> bool:
    """Whether the list would be flagged if it were a flow list of plain items (checked on the values alone)."""
    return _is_prose(key, items) or len(_sentences(items, [True] * len(items), key=key)) < len(items)


def _sentences(items: list[str], plain: list[bool], *, key: str) -> list[str]:
    """The items with each piece of a sentence split off at a comma joined back to the item before it.

    A piece is a plain item that starts in lower case, after a plain item whose first word is
    capitalised (Keine, not B2B) or after another piece; in a list of labels, where lower-case
    words are the rule, only a piece of two words or more.
    """
    least = 2 if key in _LABEL_LISTS else 1
    sentences: list[str] = []
    opened = False
    for item, is_plain in zip(items, plain, strict=True):
        if sentences and opened and is_plain and item[:1].islower() and len(item.split()) >= least:
            sentences[-1] += ", " + item
            continue
        sentences.append(item)
        first = item.split()[0] if item.split() else ""
        opened = is_plain and first[:1].isupper() and not first.isupper()
    return sentences


def _flow_list_message(key: str, items: list[str]) -> str:
    if len(items) == 1:
        return f"'{key}' is written as a flow list [...]: a comma in its text would split it into separate items"
    shown = spoken_list([describe_value(item) for item in items])
    return (
        f"'{key}' is written as a flow list [...], which YAML splits at every comma: it holds {len(items)} items, "
        + shown
    )


def _block_list_hint(path: Path, items: list[str], sentences: list[str]) -> str:
    joined = ", with the pieces of a sentence joined again" if len(sentences) < len(items) else ""
    block = yaml.safe_dump(sentences, allow_unicode=True, default_flow_style=False, width=1_000_000)
    lines = [f"    {path[-1]}:", *(f"      {line}" for line in block.splitlines())]
    return f"write each item on its own line after '- '{joined}:\n" + "\n".join(lines)
