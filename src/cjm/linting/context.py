"""What a lint rule sees: one journey with its resolved touchpoints and personas, or all files;
and, for a rule that runs after the others, which `suppress:` entries silenced a finding."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from cjm.dates import today
from cjm.loader import Document
from cjm.model import Journey, Persona, Stage, Step, Touchpoint, TouchpointCatalog
from cjm.model.lifecycle import DEFAULT_REQUIRED_STAGES, DEFAULT_STAGE_ALIASES, StageType
from cjm.references import Index
from cjm.validation import Path


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule's finding: where it is (document and path in it) and what is wrong."""

    document: Document
    path: Path
    message: str
    hint: str | None = None
    at_key: bool = False
    """Point at the key rather than the value (for a finding about a whole mapping's entry)."""


@dataclass(frozen=True, slots=True)
class SuppressEntry:
    """One `suppress:` entry of a journey: what it covers, where it is written and the rules it names."""

    scope: Path
    """The journey (an empty path), stage or step it covers, with everything in it."""
    path: Path
    """Where the entry itself is written."""
    key: str
    """The rule key as written: a code, a name, a code prefix or ALL."""
    codes: frozenset[str] | None
    """The codes of the rules the key names; None when it names none."""


@dataclass(slots=True)
class Suppressions:
    """The `suppress:` entries of one journey, and what the run so far has done with them."""

    entries: tuple[SuppressEntry, ...] = ()
    used: set[int] = field(default_factory=set)
    """The numbers of the entries that silenced a finding."""
    checked: set[str] = field(default_factory=set)
    """The codes of the rules that have run; an entry for a rule that did not run is neither used nor unused."""
    _by_scope: dict[tuple[Path, str], list[int]] | None = None
    """The numbers of the entries for each scope and rule code, in order, built at the first finding."""

    def silence(self, path: Path, code: str) -> bool:
        """Whether an entry covers a finding of this rule at this path; the first that does counts as used.

        An entry never covers a finding about itself, so a suppression cannot vouch for itself.
        Only the scopes that hold the path are looked at, so many findings and many entries cost
        linear time.
        """
        if self._by_scope is None:
            self._by_scope = {}
            for number, entry in enumerate(self.entries):
                for named in entry.codes or ():
                    self._by_scope.setdefault((entry.scope, named), []).append(number)
        first: int | None = None
        for depth in range(len(path) + 1):
            for number in self._by_scope.get((path[:depth], code), ()):
                entry_path = self.entries[number].path
                if path[: len(entry_path)] != entry_path:  # at most one entry holds the path: the next one covers
                    first = number if first is None else min(first, number)
                    break
        if first is None:
            return False
        self.used.add(first)
        return True


@dataclass(frozen=True, slots=True)
class LintSettings:
    """The parts of the configuration that rules read."""

    required_stages: tuple[StageType, ...] = DEFAULT_REQUIRED_STAGES
    stage_aliases: dict[StageType, tuple[StageType, ...]] = field(default_factory=lambda: dict(DEFAULT_STAGE_ALIASES))
    today: datetime.date = field(default_factory=today)
    """The day ages are measured from (see cjm.dates.today)."""
    review_max_age: int = 180
    evidence_max_age: int = 365
    kpi_period_max_lag: int = 92


@dataclass(frozen=True)
class JourneyContext:
    """One journey as a rule sees it."""

    document: Document
    journey: Journey
    index: Index
    settings: LintSettings
    suppressions: Suppressions = field(default_factory=Suppressions)
    """The journey's `suppress:` entries; rules of the suppressions phase read what they silenced."""

    def finding(self, path: Path, message: str, *, hint: str | None = None, at_key: bool = False) -> Finding:
        """A finding in this journey's file."""
        return Finding(self.document, path, message, hint, at_key)

    def touchpoint(self, key: str) -> Touchpoint | None:
        """The touchpoint with this id: the journey's own, or a shared one."""
        own = self.own_touchpoints.get(key)
        if own is not None:
            return own
        shared = self.index.touchpoints.get(key)
        return shared[1] if shared is not None else None

    @cached_property
    def own_touchpoints(self) -> dict[str, Touchpoint]:
        """The touchpoints defined in the journey itself, by id."""
        return {t.id: t for t in self.journey.touchpoints}

    def steps(self) -> Iterator[tuple[Path, Stage, Step]]:
        """Every step with its path and stage, in order."""
        for s, stage in enumerate(self.journey.stages):
            for t, step in enumerate(stage.steps):
                yield ("stages", s, "steps", t), stage, step

    def channels(self) -> set[str]:
        """The channels of every touchpoint the journey's steps and transitions use."""
        used = {key for _, _, step in self.steps() for key in step.touchpoints}
        used.update(key for transition in self.journey.transitions for key in transition.touchpoints)
        return {t.channel for t in map(self.touchpoint, used) if t is not None}


@dataclass(frozen=True)
class ProjectContext:
    """All valid files of a run, for rules that look across files."""

    journeys: list[JourneyContext]
    personas: list[tuple[Document, Persona]]
    catalogs: list[tuple[Document, TouchpointCatalog]]
    index: Index
    settings: LintSettings
    elsewhere: list[Journey] = field(default_factory=list)
    """The project's other journeys, outside the run: rules count what they use, never report in them."""

    def all_journeys(self) -> list[Journey]:
        """Every journey of the project that the run knows: its own and the others."""
        return [j.journey for j in self.journeys] + self.elsewhere
