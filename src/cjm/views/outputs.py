"""Render validated journeys into files (or standard output), atomically, never over an input."""

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from cjm.atomic import write_atomic
from cjm.discovery import UsageError
from cjm.model import Journey, Persona, Touchpoint
from cjm.references import Index
from cjm.report import Report
from cjm.views import EXTENSIONS, VIEWS, RenderFormat

if TYPE_CHECKING:
    from cjm.config import DiagramLimits


@dataclass(slots=True)
class Rendered:
    """The rendered journeys: file names and contents, not yet written."""

    files: list[tuple[str, bytes]] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    """Pages rendered without their diagram, and why, each naming its journey's file."""
    not_drawn: list[str] = field(default_factory=list)
    """Diagrams not rendered at all (SVG), and why, each naming its journey's file."""
    notes: list[str] = field(default_factory=list)
    """Texts a format could not carry as written (Mermaid's look-alikes), each naming its journey's file."""


def _touchpoints(journey: Journey, index: Index) -> dict[str, Touchpoint]:
    found = {key: touchpoint for key, (_, touchpoint) in index.touchpoints.items()}
    found.update({t.id: t for t in journey.touchpoints})
    return found


def _personas(journey: Journey, index: Index) -> list[Persona]:
    return [index.personas[key][1] for key in journey.personas if key in index.personas]


def render_journey(
    journey: Journey,
    index: Index,
    output_format: RenderFormat,
    limits: "DiagramLimits | None" = None,
    *,
    left_out: str | None = None,
    notes: list[str] | None = None,
    language: str | None = None,
) -> bytes:
    """One journey in one view, as bytes (see cjm.views.VIEWS).

    Views that lay out a diagram do so within `limits`, or raise svg.DiagramNotDrawnError; the
    page view with `left_out` (the reason) renders without the diagram, saying why. `notes` gets
    what a view could not carry as written, and that the labels are in English when cjm has none
    in the journey's language (or in `language`, which overrides it).
    """
    from cjm.config import DEFAULT_DIAGRAM_LIMITS
    from cjm.views.context import RenderContext
    from cjm.views.words import words_for

    words, fallback = words_for(language or journey.language)
    said = notes if notes is not None else []
    if fallback is not None:
        said.append(fallback)
    context = RenderContext(
        journey,
        index,
        _touchpoints(journey, index),
        _personas(journey, index),
        words,
        limits or DEFAULT_DIAGRAM_LIMITS,
        said,
        left_out,
    )
    return VIEWS[output_format].render()(context)


PAGE: Final = next(view.format for view in VIEWS.values() if view.page)
"""The view the index page links each journey's title to."""

INDEX_PAGE: Final = "index.html"
"""The HTML page that links every rendered journey."""


def render_report(
    report: Report,
    formats: Sequence[RenderFormat],
    *,
    as_folder: bool,
    limits: "DiagramLimits | None" = None,
    language: str | None = None,
) -> Rendered:
    """Render every valid journey of a report in each format; with HTML among them and several
    journeys (or `as_folder`), an index page links them, and every other format rendered of each.

    A diagram too large or too slow to lay out leaves an HTML page without it (`left_out`) and
    an SVG unwritten (`not_drawn`); the other journeys are rendered all the same.
    """
    found = sorted(((v.model, v.document.path) for v in report.valid if isinstance(v.model, Journey)), key=_by_id)
    if not found:
        raise UsageError("no journey among the files given: render needs at least one file with 'kind: Journey'")
    with_index = PAGE in formats and (as_folder or len(found) > 1)
    from cjm.views.svg import DiagramNotDrawnError

    rendered = Rendered()
    for output_format in formats:
        for journey, path in found:
            name = page_name(journey.id, output_format, with_index=with_index)
            notes: list[str] = []
            try:
                page = render_journey(journey, report.index, output_format, limits, notes=notes, language=language)
                rendered.files.append((name, page))
            except DiagramNotDrawnError as error:
                if not VIEWS[output_format].page:
                    rendered.not_drawn.append(f"{path}: {error}; {name} is not written")
                    continue
                rendered.left_out.append(f"{path}: {name} is rendered without its flow diagram: {error}")
                page = render_journey(journey, report.index, output_format, left_out=str(error), language=language)
                rendered.files.append((name, page))
            finally:
                rendered.notes += [f"{path}: {note}" for note in dict.fromkeys(notes)]
    if with_index:
        rendered.files.append((INDEX_PAGE, _index(report, found, formats, rendered, language)))
    return rendered


def _index(
    report: Report,
    found: list[tuple[Journey, str]],
    formats: Sequence[RenderFormat],
    rendered: Rendered,
    language: str | None,
) -> bytes:
    """The index page of the journeys, in `language`, else in the journeys' language if they share one."""
    from cjm.diagnostics import Severity
    from cjm.views.index import IndexEntry, render_index
    from cjm.views.words import words_for

    written = {name for name, _ in rendered.files}
    shared = {journey.language for journey, _ in found}
    words, _ = words_for(language or (shared.pop() if len(shared) == 1 else None))
    entries = []
    for journey, path in found:
        files = [(f, page_name(journey.id, f, with_index=True)) for f in (PAGE, *formats)]
        found_here = [d.severity for d in report.diagnostics if d.path == path]
        entries.append(
            IndexEntry(
                journey,
                list(dict.fromkeys((f, name) for f, name in files if name in written)),
                [persona.name for persona in _personas(journey, report.index)],
                found_here.count(Severity.ERROR),
                found_here.count(Severity.WARNING),
            )
        )
    return render_index(entries, words).encode("utf-8")


def _by_id(found: tuple[Journey, str]) -> str:
    return found[0].id


def page_name(journey_id: str, output_format: RenderFormat, *, with_index: bool) -> str:
    """A journey's file name: its id and the format's extension. Beside an index page, the journey
    whose id is `index` is `index.journey.html`, a name no other id can take (ids have no dots)."""
    name = journey_id + EXTENSIONS[output_format]
    return name if not (with_index and name == INDEX_PAGE) else f"{journey_id}.journey{EXTENSIONS[output_format]}"


def names_a_file(output: str, output_format: RenderFormat) -> bool:
    """Whether `--output` names one file (`map.html`) rather than a folder: it ends in the view's file
    type (`.html` for `.blueprint.html` too)."""
    return (
        not os.path.isdir(output)
        and not output.endswith(("/", os.sep))
        and os.path.splitext(output)[1].lower() == "." + EXTENSIONS[output_format].rsplit(".", 1)[1]
    )


def write_rendered(rendered: Rendered, output: str, *, as_folder: bool, inputs: Sequence[str]) -> list[str]:
    """Write the files into `output` (a folder, or a file for a single journey); return the paths written.

    Never over a file the run read (`inputs`, compared as the files they are, links and all) nor
    over any YAML file, which cjm never writes. What the output names decides how it is written:

    - a regular file, or nothing yet, is replaced whole (a temporary file renamed into place);
    - a symbolic link is followed: the file it points to is replaced, the link stays;
    - a character device or a named pipe (`/dev/stdout`, `/dev/null`, a FIFO) is written to as
      it is, never replaced by a file;
    - anything else (a block device, a socket) is refused.
    """
    folder_mode = as_folder or len(rendered.files) > 1 or os.path.isdir(output) or output.endswith(("/", os.sep))
    if folder_mode:
        if os.path.exists(output) and not os.path.isdir(output):
            raise UsageError(f"--output {output} is a file, but several files are to be written: give a folder")
        targets = [(os.path.join(output, name), data) for name, data in rendered.files]
    else:
        targets = [(output, rendered.files[0][1])]
    read = _ReadFiles(inputs)
    for path, _ in targets:
        problem = read.why_not_write(path)
        if problem is not None:
            raise UsageError(f"refusing to write {path}: {problem}")
    folder = output if folder_mode else os.path.dirname(output)
    if folder:
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as error:
            raise UsageError(f"cannot create the folder {folder}: {error.strerror or error}") from error
    written = []
    for path, data in targets:
        try:
            _write(path, data)
        except OSError as error:
            raise UsageError(f"cannot write {path}: {error.strerror or error}") from error
        written.append(path)
    return written


class _ReadFiles:
    """The files a run read, by real path and by identity (a hard link, a name in another case)."""

    def __init__(self, inputs: Sequence[str]) -> None:
        self.paths = {os.path.realpath(path) for path in inputs}
        self.identities = {identity for path in inputs if (identity := _identity(path)) is not None}

    def why_not_write(self, path: str) -> str | None:
        """Why the output may not go to `path`, or None when it may."""
        if os.path.realpath(path) in self.paths or _identity(path) in self.identities:
            return "it is one of the input files, or a file read with them"
        if os.path.splitext(os.path.realpath(path))[1].lower() in (".yaml", ".yml") and os.path.isfile(path):
            return "it is a YAML file, and cjm writes no YAML: name a file with the format's extension"
        return None


def _identity(path: str) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return (status.st_dev, status.st_ino) if stat.S_ISREG(status.st_mode) else None


def _write(path: str, data: bytes) -> None:
    """Write one output by what `path` is (see `write_rendered`)."""
    try:
        mode: int | None = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    if mode is None or stat.S_ISREG(mode):
        write_atomic(os.path.realpath(path), data)
    elif stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        _write_through(path, data)
    else:
        kind = "a block device" if stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else "not a file"
        raise UsageError(f"refusing to write {path}: it is {kind}; give a file or a folder")


def _write_through(path: str, data: bytes) -> None:
    """Write to a device or a pipe as it is: opened without creating or truncating anything."""
    handle = os.open(path, os.O_WRONLY | os.O_NOCTTY)
    with os.fdopen(handle, "wb") as stream:
        if stat.S_ISREG(os.fstat(handle).st_mode):  # replaced by a file since it was looked at
            raise UsageError(f"refusing to write {path}: it changed while cjm was writing; run cjm again")
        stream.write(data)
