"""What a run returns: the Report of checking a set of files, and the error a single load raises.

This module is a leaf: the engine fills a Report, and the formatters, the renderers and the
lint runner read it; none of them imports the API façade.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from yaml.nodes import MappingNode

from cjm.diagnostics import Diagnostic, Severity
from cjm.references import Index
from cjm.validation import Validated

Progress = Callable[[int, int], None]
"""Told (files done, files in all) as a run goes."""


class InvalidMapError(Exception):
    """A file that cannot be loaded as a valid cjm map; `diagnostics` says why and where."""

    def __init__(self, diagnostics: Sequence[Diagnostic], sources: Mapping[str, str] | None = None) -> None:
        first = diagnostics[0]
        super().__init__(f"{first.path}:{first.line}:{first.column}: {first.code} {first.message}")
        self.diagnostics = list(diagnostics)
        self.sources = dict(sources or {})
        """The text of the files the diagnostics are in, where it could be read, for showing source lines."""


@dataclass(slots=True)
class Report:
    """What checking a set of files found: every diagnostic, in order, and the valid documents."""

    files: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    trees: dict[str, MappingNode] = field(default_factory=dict)
    """The node trees the run kept, by file (see `engine.validate_sources`), for placing findings
    without parsing a file again; a file without one is parsed again when a position is needed."""
    valid: list[Validated] = field(default_factory=list)
    index: Index = field(default_factory=Index)
    context: list[Validated] = field(default_factory=list)
    """The project's other valid files, read to resolve references and to find dependents."""
    cached: int = 0
    """How many files were answered from the cache."""
    started: float | None = None
    """When the caller started the run (`time.perf_counter()`); the text summary says how long the
    whole run took, from then to the end of its output."""
    searched: list[str] = field(default_factory=list)
    """The paths the run was given, as shown to people (for "no cjm files found in docs/")."""
    skipped: int = 0
    """YAML files passed over because they are clearly not cjm files."""
    require_files: bool = True
    """Whether a run that found no cjm file fails (it does not in pre-commit mode)."""
    strict: bool = False
    """Whether warnings fail the run too."""
    parts: list["Report"] = field(default_factory=list)
    """The runs this report merges (files under different configurations); empty for one run."""

    @classmethod
    def merged(cls, reports: Iterable["Report"]) -> "Report":
        """One report of several runs, each under its own configuration; a single run is returned as it is."""
        parts = list(reports)
        if len(parts) == 1:
            return parts[0]
        whole = cls(parts=parts, require_files=all(part.require_files for part in parts))
        for part in parts:
            whole.files += part.files
            whole.diagnostics += part.diagnostics
            whole.sources.update(part.sources)
            whole.trees.update(part.trees)
            whole.valid += part.valid
            whole.context += part.context
            whole.cached += part.cached
            whole.searched += part.searched
            whole.skipped += part.skipped
        whole.diagnostics.sort(key=Diagnostic.sort_key)
        return whole

    def count(self, severity: Severity | str) -> int:
        """How many diagnostics of this severity there are: `count("error")` or `count(Severity.ERROR)`."""
        wanted = Severity(str(severity).lower())
        return sum(1 for d in self.diagnostics if d.severity is wanted)

    @property
    def found_nothing(self) -> bool:
        """Whether the run checked no cjm file although it should have."""
        return not self.files and not self.diagnostics and self.require_files

    def nothing_checked(self) -> str | None:
        """A sentence for a run that checked no cjm file, or None when it checked some."""
        if self.files or self.diagnostics:
            return None
        if self.skipped == 1:
            passed = "1 YAML file was passed over as not a cjm map"
        elif self.skipped:
            passed = f"{self.skipped} YAML files were passed over as not cjm maps"
        else:
            passed = "there are no YAML files"
        if not self.require_files:
            return f"No cjm files among the files given: {passed}."
        where = ", ".join(self.searched) or "the paths given"
        return f"No cjm files found in {where}: {passed}; a cjm file starts with 'apiVersion: cjm/v1'."

    @property
    def ok(self) -> bool:
        """Whether the gate passes: no errors (nor warnings, when strict) and something was checked."""
        return self.findings_pass() and not self.found_nothing

    def findings_pass(self) -> bool:
        """Whether no finding fails the run: no errors, nor warnings when strict (each run by its own setting)."""
        if self.parts:
            return all(part.findings_pass() for part in self.parts)
        return not (self.count(Severity.ERROR) + (self.count(Severity.WARNING) if self.strict else 0))
