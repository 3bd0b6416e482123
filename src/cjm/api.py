"""The Python API behind the CLI: load one map, or validate a set of files with their references."""

import contextlib
import gc
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cjm.diagnostics import FILE_UNREADABLE, Diagnostic, Severity, diagnostic
from cjm.discovery import STDIN, Candidate, display_path, find_files, is_cjm_file, walk_yaml
from cjm.loader import DEFAULT_LIMITS, Document, Limits, load_bytes
from cjm.model import CjmModel, Journey, Persona, TouchpointCatalog
from cjm.references import Index, build_index, check_journey
from cjm.validation import Validated, validate_document


class InvalidMapError(Exception):
    """A file that cannot be loaded as a cjm map; `diagnostics` says why and where."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        first = diagnostics[0]
        super().__init__(f"{first.path}:{first.line}:{first.column}: {first.code} {first.message}")
        self.diagnostics = list(diagnostics)


@dataclass(slots=True)
class Report:
    """What checking a set of files found: every diagnostic, in order, and the valid documents."""

    files: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    valid: list[Validated] = field(default_factory=list)
    index: Index = field(default_factory=Index)

    def count(self, severity: Severity) -> int:
        """How many diagnostics of this severity there are."""
        return sum(1 for d in self.diagnostics if d.severity is severity)


def load(path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS) -> CjmModel:
    """Load and validate one cjm file; raise InvalidMapError with the diagnostics if it is not valid.

    References to other files are not resolved; use `validate` on a set of files for that.
    """
    name = os.fspath(path)
    read = _read(name, display_path(name))
    if isinstance(read, Diagnostic):
        raise InvalidMapError([read])
    loaded = load_bytes(display_path(name), read, limits)
    if loaded.document is None:
        raise InvalidMapError(loaded.diagnostics)
    validated = validate_document(loaded.document)
    if validated.model is None:
        raise InvalidMapError(validated.diagnostics)
    return validated.model


def validate(
    paths: Sequence[str | os.PathLike[str]],
    *,
    stdin: bytes | None = None,
    stdin_name: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    skip_other_yaml: bool = False,
) -> Report:
    """Check files, directories (their cjm files) and '-' (standard input) as one set.

    References resolve across all of them; a reference still missing is looked up in the
    cjm files beside the journey that makes it (its folder and the folders below).
    Files found in directories are checked only if they are cjm files (by their apiVersion);
    files given by name are checked whatever they hold, unless `skip_other_yaml` is set.
    Raises discovery.UsageError for a path that does not exist.
    """
    report = Report()
    loaded_paths: set[str] = set()
    with collector_paused():
        for candidate in find_files([os.fspath(p) for p in paths]):
            if skip_other_yaml and candidate.path != STDIN:
                candidate = Candidate(candidate.path, explicit=False)
            _check_candidate(report, candidate, stdin, stdin_name, limits)
            if candidate.path != STDIN:
                loaded_paths.add(os.path.realpath(candidate.path))

    index, problems = build_index(report.valid)
    report.diagnostics.extend(problems)
    journeys = [(v.document, v.model) for v in report.valid if isinstance(v.model, Journey)]
    personas, touchpoints = index.wanted(journeys)
    if personas or touchpoints:
        folders = _home_folders(report.valid, stdin_name)
        context = list(_context(folders, loaded_paths, limits))
        index, _ = build_index(report.valid, context)
    for document, journey in journeys:
        report.diagnostics.extend(check_journey(index, document, journey))
    report.index = index
    report.diagnostics.sort(key=Diagnostic.sort_key)
    return report


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while files load.

    Loading builds millions of small acyclic objects (freed by reference counting), and the
    collector would rescan all that is kept, again and again: four times the parse time
    on a thousand files.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check_candidate(
    report: Report, candidate: Candidate, stdin: bytes | None, stdin_name: str | None, limits: Limits
) -> None:
    if candidate.path == STDIN:
        shown = display_path(stdin_name) if stdin_name else display_path(STDIN)
        raw: bytes | Diagnostic = stdin if stdin is not None else sys.stdin.buffer.read()
    else:
        shown = display_path(candidate.path)
        raw = _read(candidate.path, shown)
    if isinstance(raw, Diagnostic):
        report.files.append(shown)
        report.diagnostics.append(raw)
        return
    if not candidate.explicit and not is_cjm_file(raw):
        return
    report.files.append(shown)
    loaded = load_bytes(shown, raw, limits)
    if loaded.text is not None:
        report.sources[shown] = loaded.text
    report.diagnostics.extend(loaded.diagnostics)
    if loaded.document is None:
        return
    validated = validate_document(loaded.document)
    loaded.document.release()
    report.diagnostics.extend(validated.diagnostics)
    if validated.model is not None:
        report.valid.append(validated)


def _read(path: str, shown: str) -> bytes | Diagnostic:
    try:
        if os.path.isdir(path):
            return diagnostic(FILE_UNREADABLE, "this is a directory, not a file", shown, 1, 1)
        with open(path, "rb") as stream:
            return stream.read()
    except OSError as error:
        reason = error.strerror or str(error)
        return diagnostic(FILE_UNREADABLE, f"cannot read the file: {reason.lower()}", shown, 1, 1)


def _home_folders(valid: Iterable[Validated], stdin_name: str | None) -> list[str]:
    folders: set[str] = set()
    for item in valid:
        if isinstance(item.model, Journey):
            source = stdin_name if item.document.path == display_path(STDIN) else item.document.path
            if source and source != display_path(STDIN):
                folders.add(str(Path(source).parent))
    return sorted(folders)


def _context(folders: Iterable[str], loaded: set[str], limits: Limits) -> Iterable[Validated]:
    """Personas and touchpoint catalogues beside the given journeys, to resolve what is missing."""
    for folder in folders:
        for path in walk_yaml(folder):
            real = os.path.realpath(path)
            if real in loaded:
                continue
            loaded.add(real)
            raw = _read(path, display_path(path))
            if isinstance(raw, Diagnostic) or not is_cjm_file(raw):
                continue
            document = load_bytes(display_path(path), raw, limits).document
            if document is None or document.data.get("kind") not in ("Persona", "TouchpointCatalog"):
                continue
            validated = validate_document(document)
            if isinstance(validated.model, Persona | TouchpointCatalog):
                yield validated


__all__ = ["Document", "InvalidMapError", "Report", "load", "validate"]
