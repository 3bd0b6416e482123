"""The Python API: load one map, validate or lint a set of files, render journeys.

A thin façade over the engine (`cjm.engine`), the lint runner and the renderers, so a notebook
or another tool gets what the command line gets:

    import cjm

    journey = cjm.load("examples/online-store-en/journey.yaml", cjm.Journey)
    report = cjm.lint("examples/")
    if not report.ok:
        for problem in report.diagnostics:
            print(problem.path, problem.line, problem.column, problem.code, problem.message)
    pages = cjm.render("examples/online-store-en/", format="html")
"""

import os
import re
import sys
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar, overload

from cjm.config import DiagramLimits, LoadedConfig, find_config, load_config
from cjm.diagnostics import BAD_HEADER, VALIDATION_CODES, Diagnostic, Severity, diagnostic
from cjm.discovery import STDIN, UsageError, display_path
from cjm.engine import check_paths
from cjm.loader import DEFAULT_LIMITS, Document, Limits, too_large
from cjm.model import CjmModel, Journey
from cjm.model.fields import LANGUAGE_PATTERN
from cjm.references import Index, Scope, check_journey
from cjm.report import InvalidMapError, Progress, Report
from cjm.sources import read_file
from cjm.validation import check_bytes

if TYPE_CHECKING:
    from cjm.cache import Cache
    from cjm.views import RenderFormat

PathLike = str | bytes | os.PathLike[str] | os.PathLike[bytes]
Paths = PathLike | Sequence[PathLike]
"""One path, or several: files, folders (their cjm files), or '-' for standard input."""
ModelT = TypeVar("ModelT", bound=CjmModel)
ConfigLike = LoadedConfig | PathLike | None
"""A loaded configuration, a configuration file's path, or None to find one as the CLI does."""


@overload
def load(path: PathLike, *, limits: Limits = DEFAULT_LIMITS) -> CjmModel: ...


@overload
def load(path: PathLike, kind: type[ModelT], *, limits: Limits = DEFAULT_LIMITS) -> ModelT: ...


def load(path: PathLike, kind: type[CjmModel] = CjmModel, *, limits: Limits = DEFAULT_LIMITS) -> CjmModel:
    """Load one cjm file and return its model, valid in every way a file can be checked on its own.

    Raises InvalidMapError with the diagnostics when the file is not valid: YAML and schema
    problems, and for a journey also ids used twice and transitions to unknown stages; or when
    `kind` is given (`cjm.Journey`) and the file is of another kind. References to other files
    (personas, shared touchpoints) are not resolved; use `validate` on a set of files for that.
    """
    name = os.fsdecode(path)
    shown = display_path(name)
    raw = sys.stdin.buffer.read(limits.max_bytes + 1) if name == STDIN else read_file(name, shown, limits.max_bytes)
    if isinstance(raw, bytes) and len(raw) > limits.max_bytes:
        raise InvalidMapError([too_large(shown, len(raw), limits.max_bytes)])
    if isinstance(raw, Diagnostic):
        raise InvalidMapError([raw])
    checked = check_bytes(shown, raw, limits)
    if checked.model is None or checked.data is None or checked.text is None:
        raise InvalidMapError(checked.diagnostics)
    document = Document(shown, checked.text, checked.data, None)
    if not isinstance(checked.model, kind):
        line, column = document.locate(("kind",))
        message = f"the file is a {checked.data.get('kind')}, not a {kind.__name__}"
        raise InvalidMapError([diagnostic(BAD_HEADER, message, shown, line, column, hint="load a file of that kind")])
    if isinstance(checked.model, Journey):
        problems = check_journey(Index(), document, checked.model, scope=Scope.OWN)
        if problems:
            raise InvalidMapError(sorted(problems, key=Diagnostic.sort_key), {shown: checked.text})
    return checked.model


def validate(
    paths: Paths,
    *,
    config: ConfigLike = None,
    stdin: bytes | str | None = None,
    stdin_name: str | None = None,
    skip_other_yaml: bool = False,
    cache: "Cache | None" = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    reuse_run: bool = False,
) -> Report:
    """Check files, folders (their cjm files) and '-' (standard input) as one set.

    References resolve across the whole project: the folders the configuration names in
    `paths` (default: its folder), or without a configuration file the git work tree of the
    files (else the current folder). Files under different configurations are checked each
    under its own and reported together. Files found in folders are checked if they are cjm files or try to be; files
    given by name are checked whatever they hold, unless `skip_other_yaml` is set (pre-commit
    mode). With a cache, unchanged files are not parsed again; with `reuse_run` too, an
    unchanged run is answered from the cache as a whole (its report then holds diagnostics
    but no models). Raises discovery.UsageError for a path that does not exist or a
    configuration that cannot be used.
    """
    return Report.merged(
        check_paths(
            group,
            config=loaded,
            parts=["validate"],
            stdin=_stdin(stdin),
            stdin_name=stdin_name,
            skip_other_yaml=skip_other_yaml,
            cache=cache,
            jobs=jobs,
            progress=progress,
            reuse_run=reuse_run,
        )
        for loaded, group in _groups(config, _names(paths), stdin_name)
    )


def lint(
    paths: Paths,
    *,
    config: ConfigLike = None,
    select: str | Sequence[str] | None = None,
    ignore: str | Sequence[str] | None = None,
    strict: bool | None = None,
    stdin: bytes | str | None = None,
    stdin_name: str | None = None,
    skip_other_yaml: bool = False,
    cache: "Cache | None" = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    reuse_run: bool = True,
) -> Report:
    """Validate the files as `validate` does, then run the enabled lint rules over the valid ones.

    `select` and `ignore` replace the configuration's lists; `strict` (warnings fail the run,
    as `Report.ok` tells) replaces the configuration's when given. With a cache, an unchanged run
    is answered from it as a whole, its report without models, unless `reuse_run` is False.
    """
    from cjm.linting.runner import lint as lint_paths

    reports = []
    for loaded, group in _groups(config, _names(paths), stdin_name):
        report = lint_paths(
            group,
            config=loaded,
            select=_keys(select),
            ignore=_keys(ignore),
            stdin=_stdin(stdin),
            stdin_name=stdin_name,
            skip_other_yaml=skip_other_yaml,
            cache=cache,
            jobs=jobs,
            progress=progress,
            reuse_run=reuse_run,
        )
        if strict is not None:
            report.strict = strict
        reports.append(report)
    return Report.merged(reports)


def render(
    paths: Paths,
    *,
    format: "RenderFormat | str | Sequence[RenderFormat | str]" = "html",
    output: PathLike | None = None,
    config: ConfigLike = None,
    stdin: bytes | str | None = None,
    stdin_name: str | None = None,
    cache: "Cache | None" = None,
    jobs: int | None = None,
    graphviz_timeout: float | None = None,
    language: str | None = None,
) -> dict[str, bytes]:
    """Render the journeys among the files: file name → contents, in name order.

    `format` is one format or several (each journey is rendered in each, beside the others).

    The words cjm adds (lane names, labels, numbers and dates) are in each journey's `language`, or
    in `language` (a BCP 47 tag: de, pt-BR) for all; a language cjm has no labels in gets English
    ones, with a views.RenderNoteWarning.

    With several journeys (or a folder) and HTML, an `index.html` links the pages. With
    `output`, the files are also written there (a folder, or a file for one journey), whole
    or not at all and never over an input file. Raises InvalidMapError when the files have
    errors, and discovery.UsageError for a request that cannot be carried out.

    Graphviz works within the configuration's `graphviz-timeout` (or `graphviz_timeout`) and
    `max-diagram-size`; with several configurations, the lowest. An HTML page whose diagram is
    not drawn is rendered without it, with a svg.DiagramLeftOutWarning; an SVG that is not
    drawn is not written, and once the others are, svg.DiagramNotDrawnError says which. What
    Mermaid and Markdown cannot carry as written (characters shown as look-alikes) is told with a
    views.RenderNoteWarning naming the file and the step, stage or persona.
    """
    from cjm.views import RenderFormat
    from cjm.views.outputs import INDEX_PAGE, names_a_file, render_report, write_rendered

    if language is not None and not re.fullmatch(LANGUAGE_PATTERN, language):
        raise UsageError(f"'{language}' is not a language code: give one like en, ru, pl, de or pt-BR")
    formats = _formats(format)
    names = _names(paths)
    target = None if output is None else os.fsdecode(output)
    if target is not None and len(formats) > 1 and any(names_a_file(target, f) for f in formats):
        raise UsageError(f"--output {target} names one file, but {len(formats)} formats are asked for: give a folder")
    one_file = target is not None and len(formats) == 1 and names_a_file(target, formats[0])
    as_folder = not one_file and any(os.path.isdir(name) for name in names)
    check = lint if RenderFormat.HTML in formats and not one_file else validate  # an index shows lint results
    report = check(
        names, config=config, stdin=_stdin(stdin), stdin_name=stdin_name, cache=cache, jobs=jobs, reuse_run=False
    )
    invalid = {code.code for code in VALIDATION_CODES}
    errors = [d for d in report.diagnostics if d.severity is Severity.ERROR and d.code in invalid]
    if errors:
        raise InvalidMapError(errors, report.sources)
    limits = _diagram_limits(config, names, stdin_name, graphviz_timeout)
    rendered = render_report(report, formats, as_folder=as_folder, limits=limits, language=language)
    if one_file and len(rendered.files) > 1:
        journeys = sum(1 for name, _ in rendered.files if name != INDEX_PAGE)
        raise UsageError(
            f"--output {target} names one file, but there are {journeys} journeys to render: "
            "give a folder instead (for example --output site/)"
        )
    if target is not None and rendered.files:
        # Every file the run read is protected: those given, those read for references, the configuration.
        read = [v.document.path for v in (*report.valid, *report.context)]
        configs = [loaded.path for loaded, _ in _groups(config, names, stdin_name) if loaded.path is not None]
        inputs = [name for name in names if name != STDIN] + read + configs
        write_rendered(rendered, target, as_folder=as_folder, inputs=inputs)
    from cjm.views import RenderNoteWarning
    from cjm.views.svg import DiagramLeftOutWarning, DiagramNotDrawnError

    for note in rendered.left_out:
        warnings.warn(note, DiagramLeftOutWarning, stacklevel=2)
    for note in dict.fromkeys(rendered.notes):  # a persona's note once, however many maps follow it
        warnings.warn(note, RenderNoteWarning, stacklevel=2)
    if rendered.not_drawn:
        raise DiagramNotDrawnError("\n".join(rendered.not_drawn))
    return dict(rendered.files)


def _formats(given: "RenderFormat | str | Sequence[RenderFormat | str]") -> "list[RenderFormat]":
    """The formats asked for, each once, in the order given."""
    from cjm.views import RenderFormat

    chosen = []
    for name in [given] if isinstance(given, str) else given:
        try:
            chosen.append(RenderFormat(str(name).lower()))
        except ValueError:
            choices = ", ".join(RenderFormat)
            raise UsageError(f"no render format '{name}'; the formats are {choices}") from None
    if not chosen:
        raise UsageError("no render format given")
    return list(dict.fromkeys(chosen))


def _diagram_limits(
    config: ConfigLike, names: Sequence[str], stdin_name: str | None, timeout: float | None
) -> DiagramLimits:
    """The bounds on laying out diagrams: the lowest any configuration of the run sets, and `timeout` if given."""
    limits = [loaded.config.diagram_limits() for loaded, _ in _groups(config, names, stdin_name)]
    return DiagramLimits(
        timeout=timeout if timeout is not None else min(limit.timeout for limit in limits),
        max_size=min(limit.max_size for limit in limits),
    )


def _names(paths: Paths) -> list[str]:
    """One path or several, as strings; a single str or bytes is one path, never a sequence of characters."""
    if isinstance(paths, str | bytes | os.PathLike):
        return [os.fsdecode(paths)]
    return [os.fsdecode(path) for path in paths]


def _keys(keys: str | Sequence[str] | None) -> list[str] | None:
    """Rule keys: one key or several, as a list; a single str is one key (or several, comma-separated)."""
    if isinstance(keys, str):
        return [key.strip() for key in keys.split(",") if key.strip()]
    return None if keys is None else list(keys)


def _stdin(stdin: bytes | str | None) -> bytes | None:
    return stdin.encode("utf-8") if isinstance(stdin, str) else stdin


def _config(config: ConfigLike, names: Sequence[str], stdin_name: str | None) -> LoadedConfig:
    """The configuration a run uses: the one given, or the one found walking up from the paths."""
    if isinstance(config, LoadedConfig):
        return config
    if config is not None:
        loaded = load_config(os.fsdecode(config))
        assert loaded is not None  # a named file is required, so load_config raises instead
        return loaded
    return find_config([name if name != STDIN else (stdin_name or STDIN) for name in names])


def _groups(config: ConfigLike, names: Sequence[str], stdin_name: str | None) -> list[tuple[LoadedConfig, list[str]]]:
    """The paths by the configuration that governs each: one group when a configuration is given.

    Files under different configurations (a repository with docs/cjm.toml, and a workflow file
    in the same commit) are checked each under its own, so no file loses its settings to
    another's place in the tree.
    """
    if config is not None:
        return [(_config(config, names, stdin_name), list(names))]
    groups: dict[str | None, tuple[LoadedConfig, list[str]]] = {}
    for name in names:
        loaded = _config(None, [name], stdin_name)
        groups.setdefault(loaded.path, (loaded, []))[1].append(name)
    return list(groups.values())


__all__ = ["InvalidMapError", "Report", "lint", "load", "render", "validate"]
