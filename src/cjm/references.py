"""Resolve references across files: personas, shared touchpoints, stages; report clashing ids."""

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TypeVar

from cjm.diagnostics import DUPLICATE_ID, UNRESOLVED_REFERENCE, Diagnostic, diagnostic
from cjm.loader import Document
from cjm.model import Journey, Persona, Touchpoint, TouchpointCatalog
from cjm.suggestions import Budget, Vocabulary
from cjm.validation import Path, Validated, format_path

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Definition:
    """Where an id is defined: the document and the path to the definition in it."""

    document: Document
    path: Path
    context: bool = False
    """Whether the definition is in one of the project's other files, outside the run."""

    def where(self) -> str:
        """Say where the definition is, as path:line:col."""
        line, column = self.document.locate((*self.path, "id"))
        return f"{self.document.path}:{line}:{column}"


@dataclass(slots=True)
class Index:
    """Every journey, persona and shared touchpoint of a set of files, by id."""

    journeys: dict[str, tuple[Definition, Journey]] = field(default_factory=dict)
    personas: dict[str, tuple[Definition, Persona]] = field(default_factory=dict)
    touchpoints: dict[str, tuple[Definition, Touchpoint]] = field(default_factory=dict)
    catalogs: dict[str, tuple[Definition, TouchpointCatalog]] = field(default_factory=dict)

    def wanted(self, journeys: Iterable[tuple[Document, Journey]]) -> tuple[set[str], set[str]]:
        """The persona and shared touchpoint ids these journeys refer to that the index lacks."""
        personas: set[str] = set()
        touchpoints: set[str] = set()
        for _, journey in journeys:
            personas.update(p for p in journey.personas if p not in self.personas)
            local = {t.id for t in journey.touchpoints}
            touchpoints.update(t for t in touchpoint_refs(journey) if t not in local and t not in self.touchpoints)
        return personas, touchpoints


def touchpoint_refs(journey: Journey) -> Iterable[str]:
    """Every touchpoint id a journey's steps and transitions use, in order, with repeats."""
    for stage in journey.stages:
        for step in stage.steps:
            yield from step.touchpoints
    for transition in journey.transitions:
        yield from transition.touchpoints


def build_index(items: Sequence[Validated], context: Sequence[Validated] = ()) -> tuple[Index, list[Diagnostic]]:
    """Index the valid documents, reporting ids defined twice.

    `context` (the project's other files) fills gaps; an id that a context file defines too is
    reported at the item's definition, and clashes among context files are not the run's to report.
    """
    index = Index()
    problems: list[Diagnostic] = []
    for item in sorted(items, key=lambda v: v.document.path):
        _add(index, item, problems, context=False)
    for item in context:
        _add(index, item, problems, context=True)
    return index, problems


def _add(index: Index, item: Validated, problems: list[Diagnostic], *, context: bool) -> None:
    model, document = item.model, item.document
    if isinstance(model, Journey):
        _define(index.journeys, "journey", model.id, Definition(document, (), context), model, problems)
    elif isinstance(model, Persona):
        _define(index.personas, "persona", model.id, Definition(document, (), context), model, problems)
    elif isinstance(model, TouchpointCatalog):
        _define(index.catalogs, "touchpoint catalogue", model.id, Definition(document, (), context), model, problems)
        for number, touchpoint in enumerate(model.touchpoints):
            definition = Definition(document, ("touchpoints", number), context)
            _define(index.touchpoints, "shared touchpoint", touchpoint.id, definition, touchpoint, problems)


def _define(
    table: dict[str, tuple[Definition, _T]],
    what: str,
    key: str,
    definition: Definition,
    model: _T,
    problems: list[Diagnostic],
) -> None:
    """Enter a definition; a second one of the same id is reported at the run's own file, never at a context file."""
    first = table.get(key)
    if first is None:
        table[key] = (definition, model)
    elif not definition.context:
        problems.append(_duplicate(what, key, definition, first[0]))
    elif not first[0].context:
        problems.append(_duplicate(what, key, first[0], definition))


def _duplicate(what: str, key: str, second: Definition, first: Definition) -> Diagnostic:
    line, column = second.document.locate((*second.path, "id"))
    return diagnostic(
        DUPLICATE_ID,
        f"{what} id '{key}' is already used at {first.where()}",
        second.document.path,
        line,
        column,
        hint="give one of them another id",
    )


class Scope(Enum):
    """Which of a journey's ids and references to check."""

    ALL = "all"
    SHARED = "shared"
    """Only what it takes from other files (personas, shared touchpoints): a dependent of a changed file."""
    OWN = "own"
    """Only what the file can answer alone (its own ids, transitions to its stages): one file loaded alone."""


def check_journey(index: Index, document: Document, journey: Journey, *, scope: Scope = Scope.ALL) -> list[Diagnostic]:
    """Check one journey's ids are unique and its references resolve."""
    own = scope is not Scope.SHARED
    shared = scope is not Scope.OWN
    problems: list[Diagnostic] = []
    local: dict[str, Path] = {}
    for number, touchpoint in enumerate(journey.touchpoints):
        if touchpoint.id in local:
            if own:
                first = Definition(document, local[touchpoint.id])
                problems.append(
                    _duplicate("touchpoint", touchpoint.id, Definition(document, ("touchpoints", number)), first)
                )
        elif touchpoint.id in index.touchpoints:
            first = index.touchpoints[touchpoint.id][0]
            problems.append(
                _duplicate("touchpoint", touchpoint.id, Definition(document, ("touchpoints", number)), first)
            )
        else:
            local[touchpoint.id] = ("touchpoints", number)
    stages = _stage_ids(document, journey, problems if own else None)
    touchpoint_ids = set(local) | set(index.touchpoints)
    reference = _Referrer(document, problems)
    if shared:
        for number, persona in enumerate(journey.personas):
            reference.check(("personas", number), "persona", persona, index.personas)
        for s, stage in enumerate(journey.stages):
            for t, step in enumerate(stage.steps):
                for number, used in enumerate(step.touchpoints):
                    if used not in touchpoint_ids:
                        at: Path = ("stages", s, "steps", t, "touchpoints", number)
                        reference.check(at, "touchpoint", used, touchpoint_ids)
    for number, transition in enumerate(journey.transitions):
        if own:
            reference.check(("transitions", number, "from"), "stage", transition.from_, stages)
            reference.check(("transitions", number, "to"), "stage", transition.to, stages)
        if shared:
            for position, used in enumerate(transition.touchpoints):
                reference.check(("transitions", number, "touchpoints", position), "touchpoint", used, touchpoint_ids)
    return problems


def _stage_ids(document: Document, journey: Journey, problems: list[Diagnostic] | None) -> dict[str, Path]:
    """The journey's stages by id, with their paths; ids of stages and steps used twice are reported into `problems`.

    Paths, not Definitions, are kept: a large journey has tens of thousands of steps, and only a
    duplicate needs to say where the first one is.
    """
    stages: dict[str, Path] = {}
    steps: dict[str, Path] = {}
    for s, stage in enumerate(journey.stages):
        path: Path = ("stages", s)
        if stage.id in stages and problems is not None:
            problems.append(
                _duplicate("stage", stage.id, Definition(document, path), Definition(document, stages[stage.id]))
            )
        stages.setdefault(stage.id, path)
        for t, step in enumerate(stage.steps):
            if step.id in steps and problems is not None:
                second = Definition(document, ("stages", s, "steps", t))
                problems.append(_duplicate("step", step.id, second, Definition(document, steps[step.id])))
            steps.setdefault(step.id, ("stages", s, "steps", t))
    return stages


@dataclass(slots=True)
class _Referrer:
    """Reports the references of one file that resolve to nothing, with the closest id of each kind.

    The known ids of a kind are prepared for suggestions once, at the first unknown reference, and
    one budget bounds the suggestions of the whole file, so many unknown ids cost linear time.
    """

    document: Document
    problems: list[Diagnostic]
    budget: Budget = field(default_factory=Budget)
    vocabularies: dict[str, Vocabulary] = field(default_factory=dict)

    def check(self, path: Path, what: str, key: str, known: Collection[str]) -> None:
        if key in known:
            return
        line, column = self.document.locate(path)
        vocabulary = self.vocabularies.get(what)
        if vocabulary is None:
            vocabulary = self.vocabularies[what] = Vocabulary.of(known)
        close = vocabulary.closest(key, self.budget)
        suggestion = f" — did you mean '{close}'?" if close else ""
        hint = f"change it to '{close}'" if close else _HINTS[what]
        self.problems.append(
            diagnostic(
                UNRESOLVED_REFERENCE,
                f"{format_path(path)}: no {what} with the id '{key}'{suggestion}",
                self.document.path,
                line,
                column,
                hint=hint,
            )
        )


_HINTS = {
    "persona": "define it in a file with 'kind: Persona' in the project (the folders 'paths' names in the "
    "configuration, or beside the journey), and check that file has no errors",
    "touchpoint": "define it under the journey's 'touchpoints:' or in a file with 'kind: TouchpointCatalog' in the "
    "project, and check that file has no errors",
    "stage": "use the id of one of this journey's stages",
}
