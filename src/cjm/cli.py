"""The cjm command line: each command reads its arguments, calls the Python API and writes the result.

Only `typer` and the standard library are imported at start; each command imports what
it needs when it runs, so `cjm --version` and `cjm validate` stay quick.
"""

import errno
import functools
import io
import os
import signal
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Final, NoReturn, TypeVar

import typer

from cjm import __version__, exitcodes
from cjm.collector import collector_paused
from cjm.discovery import UsageError
from cjm.output import OutputFormat
from cjm.starters import LANGUAGES, TEMPLATES
from cjm.views import RenderFormat, views_help

if TYPE_CHECKING:
    from cjm.cache import Cache
    from cjm.config import LoadedConfig
    from cjm.model import Journey
    from cjm.preview import Preview
    from cjm.progress import DelayedProgress
    from cjm.report import Report
    from cjm.starters.build import Answers

_T = TypeVar("_T")

app = typer.Typer(
    name="cjm",
    help="Customer journey maps as code: check and render journey maps kept as YAML files.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)

PathsArgument = Annotated[
    list[str] | None,
    typer.Argument(
        help="Journey files, folders to search for them, or - to read standard input. Without any: the "
        "folders the configuration names in `paths`, or the current folder.",
        show_default=False,
        metavar="[PATH]...",
    ),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="How to write the findings: text for people; json, github or sarif for tools."),
]
StdinNameOption = Annotated[
    str | None,
    typer.Option(
        "--stdin-filename",
        help="The file name to show for standard input; references are also looked up beside it.",
    ),
]


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"cjm {__version__}")
        raise typer.Exit(exitcodes.OK)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", help="Show the version and exit.", callback=_show_version, is_eager=True)
    ] = False,
) -> None:
    """Customer journey maps as code: check and render journey maps kept as YAML files."""


ConfigOption = Annotated[
    str | None,
    typer.Option("--config", help="The configuration file to use instead of searching for one.", show_default=False),
]
SkipOtherOption = Annotated[
    bool,
    typer.Option(
        "--skip-other-yaml",
        help="Skip files given by name that are not cjm files, as when a hook passes every changed YAML file.",
    ),
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Worker processes (default: one per CPU for runs of 16 MB of YAML or more; 1 turns them off).",
        show_default=False,
    ),
]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache", help="Neither read nor write the result cache (in the user cache folder, or CJM_CACHE_DIR)."
    ),
]


def _complete_rules(incomplete: str) -> list[tuple[str, str]]:
    """Tab completion of rule keys: the codes and names that start with what was typed, with their summaries."""
    from cjm.linting.registry import all_rules

    typed = incomplete.rsplit(",", 1)
    before, word = (typed[0] + ",", typed[1]) if len(typed) == 2 else ("", typed[0])
    choices = [(key, rule.summary) for rule in all_rules() for key in (rule.code, rule.name)]
    return [(before + key, summary) for key, summary in choices if key.lower().startswith(word.lower())]


RuleList = Annotated[
    list[str] | None,
    typer.Option(
        help="Rule codes, names or code prefixes; repeat or separate with commas.",
        show_default=False,
        autocompletion=_complete_rules,
    ),
]


@app.command()
def validate(
    paths: PathsArgument = None,
    output_format: FormatOption = OutputFormat.TEXT,
    config: ConfigOption = None,
    stdin_filename: StdinNameOption = None,
    skip_other_yaml: SkipOtherOption = False,
    jobs: JobsOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Check that journey maps are valid YAML, follow the cjm/v1 schema and their references resolve."""
    from cjm.api import validate as validate_files

    started = time.perf_counter()
    settings = _settings(paths, config, stdin_filename)
    paths = _targets(paths, settings)
    progress = _progress(output_format)
    report = _guarded(
        lambda: validate_files(
            paths,
            config=config,
            stdin_name=stdin_filename,
            skip_other_yaml=skip_other_yaml,
            cache=None if no_cache else _cache(settings),
            jobs=jobs,
            progress=progress,
            reuse_run=True,
        )
    )
    _finish(report, output_format, started=started, progress=progress)


@app.command()
def lint(
    paths: PathsArgument = None,
    output_format: FormatOption = OutputFormat.TEXT,
    select: RuleList = None,
    ignore: RuleList = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings as well as errors.")] = False,
    config: ConfigOption = None,
    stdin_filename: StdinNameOption = None,
    skip_other_yaml: SkipOtherOption = False,
    jobs: JobsOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Validate journey maps, then check what they miss or get wrong: stages, touchpoints, emotions, KPIs."""
    from cjm.api import lint as lint_files

    started = time.perf_counter()
    settings = _settings(paths, config, stdin_filename)
    paths = _targets(paths, settings)
    progress = _progress(output_format)
    chosen, skipped = _split(select), _split(ignore)
    _check_selectors(chosen, "--select")
    _check_selectors(skipped, "--ignore")
    report = _guarded(
        lambda: lint_files(
            paths,
            config=config,
            select=chosen,
            ignore=skipped,
            strict=True if strict else None,
            stdin_name=stdin_filename,
            skip_other_yaml=skip_other_yaml,
            cache=None if no_cache else _cache(settings),
            jobs=jobs,
            progress=progress,
        )
    )
    _finish(report, output_format, started=started, progress=progress)


@app.command()
def rules(
    rule: Annotated[
        str | None,
        typer.Argument(
            help="A rule's code or name to explain it, or a code prefix (CJM2) to list some.", show_default=False
        ),
    ] = None,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Write the whole rule reference as Markdown (docs/rules.md).")
    ] = False,
) -> None:
    """List the lint rules, or explain one: what it checks, why it matters, an example and its fix."""
    from cjm.linting.catalogue import explain_rule, rules_markdown, rules_table

    if markdown:
        if rule is not None:
            _usage_error("--markdown writes every rule; leave out the rule")
        sys.stdout.write(rules_markdown())
        return
    if rule is None:
        sys.stdout.write(rules_table())
        return
    explanation = explain_rule(rule)
    if explanation is None:
        _usage_error(f"no rule '{rule}'; `cjm rules` lists them all")
    sys.stdout.write(explanation)


@app.command()
def render(
    paths: PathsArgument = None,
    output_formats: Annotated[
        list[RenderFormat] | None,
        typer.Option(
            "--format",
            "-f",
            help=f"{views_help()}. Repeat it for several (-f html -f svg): each journey in each, and the "
            "index page links them all. Default: html.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="A file for one journey, or a folder (one file per journey, and index.html for html). "
            "Without it, one journey goes to standard output.",
            show_default=False,
        ),
    ] = None,
    config: ConfigOption = None,
    stdin_filename: StdinNameOption = None,
    jobs: JobsOption = None,
    no_cache: NoCacheOption = False,
    graphviz_timeout: Annotated[
        float | None,
        typer.Option(
            "--graphviz-timeout",
            min=0.01,
            max=3600,
            metavar="SECONDS",
            help="How long Graphviz may take to lay out one diagram (default: graphviz-timeout in the "
            "configuration, or 20). Past it, HTML is rendered without the diagram and SVG fails.",
            show_default=False,
        ),
    ] = None,
    language: Annotated[
        str | None,
        typer.Option(
            "--language",
            "-l",
            metavar="CODE",
            help="The language of the words cjm adds (lane names, labels, numbers, dates): en, ru, pl, de. "
            "Default: each journey's own 'language'. Other languages get English labels, with a warning.",
            show_default=False,
        ),
    ] = None,
    watch: Annotated[
        bool,
        typer.Option(
            "--watch",
            "-w",
            help="Render again on every save of a map, a persona, a catalogue or the configuration, until "
            "Ctrl-C; a save that is not valid is reported and the last good output kept (pip install "
            "'cjm[watch]').",
            show_default=False,
        ),
    ] = False,
    serve: Annotated[
        bool,
        typer.Option(
            "--serve",
            help="With --watch: show the output on http://127.0.0.1:PORT/, its pages reloading after each "
            "render (the files on disk stay as written).",
            show_default=False,
        ),
    ] = False,
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="The port for --serve (0: any free one).")
    ] = 8000,
) -> None:
    """Render journey maps as an HTML page, an SVG diagram, Mermaid or Markdown."""
    settings = _settings(paths, config, stdin_filename)
    paths = _targets(paths, settings)
    once = functools.partial(
        _render_once,
        paths,
        output_formats=output_formats or [RenderFormat.HTML],
        output=output,
        config=config,
        stdin_filename=stdin_filename,
        cache=None if no_cache else _cache(settings),
        jobs=jobs,
        graphviz_timeout=graphviz_timeout,
        language=language,
    )
    if serve and not watch:
        _usage_error("--serve shows what --watch renders: give --watch too")
    if watch:
        if output is None:
            _usage_error("--watch writes files: give --output with a file or a folder")
        if "-" in paths:
            _usage_error("--watch watches files: standard input ('-') cannot be watched")
        _watch(paths, settings, once, _preview(output, port, output_formats or [RenderFormat.HTML]) if serve else None)
        return
    once()


def _preview(output: str, port: int, formats: list[RenderFormat]) -> "Preview":
    """The local server for --serve, listening (so a port in use fails at once, with exit 2); it is
    announced once the first render is there to see."""
    from cjm.preview import Preview
    from cjm.views.outputs import names_a_file

    one_file = any(names_a_file(output, output_format) for output_format in formats)
    folder = (os.path.dirname(output) if one_file else output) or "."
    os.makedirs(folder, exist_ok=True)
    try:
        preview = Preview(folder, port, os.path.basename(output) if one_file else "")
    except OSError as error:
        _usage_error(f"--serve: cannot listen on 127.0.0.1:{port}: {error.strerror} (choose another --port)")
    preview.start()
    return preview


def _render_once(
    paths: list[str],
    *,
    output_formats: list[RenderFormat],
    output: str | None,
    config: str | None,
    stdin_filename: str | None,
    cache: "Cache | None",
    jobs: int | None,
    graphviz_timeout: float | None,
    language: str | None,
) -> None:
    """One `cjm render`: the files written (or the one shown), or the problems and typer.Exit."""
    from cjm.api import render as render_files
    from cjm.output import write_report
    from cjm.output.escape import escaped
    from cjm.report import InvalidMapError, Report
    from cjm.views import RenderNoteWarning
    from cjm.views.svg import DiagramNotDrawnError, GraphvizFailedError, GraphvizMissingError

    try:
        with warnings.catch_warnings(record=True) as notes:
            warnings.simplefilter("always", RenderNoteWarning)
            files = render_files(
                paths,
                format=output_formats,
                output=output,
                config=config,
                stdin_name=stdin_filename,
                cache=cache,
                jobs=jobs,
                graphviz_timeout=graphviz_timeout,
                language=language,
            )
        for warning in notes:
            if issubclass(warning.category, RenderNoteWarning):
                sys.stderr.write(f"cjm: warning: {escaped(str(warning.message))}\n")
            else:  # not cjm's to word: shown as Python would have
                warnings.showwarning(warning.message, warning.category, warning.filename, warning.lineno)
    except DiagramNotDrawnError as error:
        sys.stderr.writelines(f"cjm: {escaped(line)}\n" for line in str(error).splitlines())
        raise typer.Exit(exitcodes.FINDINGS) from None
    except InvalidMapError as error:
        shown = sorted({d.path for d in error.diagnostics})
        report = Report(files=shown, diagnostics=error.diagnostics, sources=error.sources)
        write_report(report, OutputFormat.TEXT, sys.stderr, color=_use_color(sys.stderr))
        raise typer.Exit(exitcodes.FINDINGS) from None
    except (GraphvizMissingError, GraphvizFailedError, UsageError) as error:
        _usage_error(str(error))
    if output is None:
        if len(files) > 1:
            _usage_error(f"{len(files)} files to write: give --output with a folder")
        sys.stdout.buffer.write(next(iter(files.values())))
        sys.stdout.flush()
        return
    sys.stderr.write(f"Rendered {len(files)} file{'s' if len(files) != 1 else ''} into {escaped(output)}\n")


WATCHED_SUFFIXES: Final = (".yaml", ".yml", ".toml")
"""The files whose change renders again: maps, personas, catalogues and configuration."""


def _watch(
    paths: list[str], settings: "LoadedConfig", once: Callable[[], None], preview: "Preview | None" = None
) -> None:
    """Render, then render again each time a map, a persona, a catalogue or the configuration is
    saved, until Ctrl-C. A save that is not valid is reported and leaves the last good output."""
    from cjm.output.escape import escaped

    try:
        import watchfiles
    except ImportError:
        _usage_error("--watch needs the watchfiles package: pip install 'cjm[watch]'")

    def render() -> None:
        try:
            once()
        except typer.Exit as stop:
            if stop.exit_code == exitcodes.FINDINGS:
                sys.stderr.write("The last good output is kept; save a fix to render again.\n")
            return
        if preview is not None:
            preview.rendered()

    # The project's folders, so a change to a persona or a catalogue elsewhere is seen too.
    watched = sorted({os.path.abspath(p) for p in [*paths, *(settings.project_folders() or [])]})
    if settings.path is not None:
        watched.append(os.path.abspath(settings.path))
    changes = watchfiles.watch(
        *watched,
        watch_filter=lambda _, path: path.endswith(WATCHED_SUFFIXES),
        debounce=200,
        rust_timeout=500,
        yield_on_timeout=True,
        raise_interrupt=True,
    )
    next(changes)  # the first (empty) report comes once the watcher is set: no save is missed after it
    render()
    if preview is not None:
        sys.stderr.write(f"Serving {escaped(preview.folder)} at {preview.url}{escaped(preview.page)}\n")
    sys.stderr.write(f"Watching {len(watched)} path{'s' if len(watched) != 1 else ''} for changes; Ctrl-C stops.\n")
    sys.stderr.flush()
    try:
        _watch_loop(changes, render)
    except KeyboardInterrupt:
        if signal.SIGTERM in _RECEIVED:
            raise SystemExit(exitcodes.TERMINATED) from None
        raise


def _watch_loop(changes: "Iterator[set[tuple[Any, str]]]", render: Callable[[], None]) -> None:
    from cjm.output.escape import escaped

    for batch in changes:
        if not batch:
            continue
        names = sorted({os.path.relpath(path) for _, path in batch})
        sys.stderr.write(f"\n{time.strftime('%H:%M:%S')} changed: {escaped(', '.join(names))}\n")
        render()
        sys.stderr.flush()


class DiffFormat(StrEnum):
    """What `cjm diff` writes."""

    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


@app.command()
def diff(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="OLD NEW: two journey files or two folders. With --rev: the files and folders to compare "
            "(default: the current folder).",
            metavar="[OLD NEW | PATHS...]",
            show_default=False,
        ),
    ] = None,
    rev: Annotated[
        str | None,
        typer.Option(
            "--rev",
            help="Compare with git: REV (the working tree against REV), A..B (two revisions), "
            "A...B (B against where it left A, as a pull request). Read from git, nothing checked out.",
            metavar="REV",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        DiffFormat,
        typer.Option("--format", "-f", help="text; markdown (a pull-request comment); json (for tools)."),
    ] = DiffFormat.TEXT,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit with 1 when the maps differ, as git diff does.", show_default=False),
    ] = False,
    textconv: Annotated[
        bool,
        typer.Option(
            "--textconv",
            help="Print one file as text for git's textconv (see the README), so git log -p and git diff "
            "show a map's changes in words. A file that is not a valid journey is printed as it is.",
            show_default=False,
        ),
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Say what changed between two versions of journey maps, in the map's terms: stages, steps,
    emotions, pain points, touchpoints, KPIs, personas and transitions (journeys matched by id)."""
    from cjm.diff import diff_journeys, diff_json, diff_markdown, diff_text, has_changes

    given = paths or []
    if textconv:
        if len(given) != 1 or rev is not None:
            _usage_error("--textconv prints one file: give its path and nothing else")
        _textconv(given[0])
        return
    if rev is None:
        if len(given) != 2:
            _usage_error(f"diff compares two versions: give OLD and NEW (got {len(given)}), or --rev REV")
        sides = [_diff_side(path, config) for path in given]
    else:
        sides = _diff_revisions(rev, given or ["."], config)
    diffs = diff_journeys(*sides)
    write = {DiffFormat.TEXT: diff_text, DiffFormat.MARKDOWN: diff_markdown, DiffFormat.JSON: diff_json}
    sys.stdout.write(write[output_format](diffs))
    if exit_code and has_changes(diffs):
        raise typer.Exit(exitcodes.FINDINGS)


def _textconv(path: str) -> None:
    """A journey as its Markdown page, read on its own (git hands textconv a copy in a temporary
    folder, away from its personas); any other file as it is, so git still shows its lines."""
    from cjm.api import load
    from cjm.model import Journey
    from cjm.references import Index
    from cjm.report import InvalidMapError
    from cjm.views import RenderFormat
    from cjm.views.outputs import render_journey

    try:
        journey = _guarded(lambda: load(path, Journey))
        page = render_journey(journey, Index(), RenderFormat.MARKDOWN)
    except InvalidMapError:
        try:
            with open(path, "rb") as stream:
                page = stream.read()
        except OSError as error:
            _usage_error(f"cannot read {path}: {error.strerror}")
    sys.stdout.buffer.write(page)
    sys.stdout.flush()


def _diff_side(path: str, config: str | None) -> "list[Journey]":
    """The journeys of one side of `cjm diff OLD NEW`: a file read on its own, or a folder's project."""
    from cjm.api import load
    from cjm.api import validate as validate_files
    from cjm.config import LoadedConfig
    from cjm.model import Journey
    from cjm.report import InvalidMapError, Report

    if not os.path.isdir(path):
        # A file is read on its own (its references need not resolve to be compared): two
        # versions side by side in one folder would otherwise share one id.
        try:
            return [_guarded(lambda: load(path, Journey))]
        except InvalidMapError as error:
            shown = sorted({d.path for d in error.diagnostics})
            _invalid_side(Report(files=shown, diagnostics=error.diagnostics, sources=error.sources))
    # A folder is a project of its own: beside the other version in one checkout, both would
    # otherwise be read as one project with every id twice.
    settings = _settings([path], config, None)
    scoped = LoadedConfig(settings.config.model_copy(update={"paths": None}), os.path.join(path, "cjm.toml"))
    return _journeys_of(_guarded(functools.partial(validate_files, [path], config=scoped)))


def _diff_revisions(text: str, paths: list[str], config: str | None) -> "list[list[Journey]]":
    """Both sides of `cjm diff --rev`: the files under `paths` at each revision (or in the working
    tree), each side checked as a project of its own."""
    from cjm.engine import validate_sources
    from cjm.revisions import parse_range, read_revision
    from cjm.sources import read_sources

    limits = _settings(paths, config, None).config.limits()
    sides = _guarded(lambda: parse_range(text))
    old = _guarded(lambda: read_revision(sides.old, paths, limits.max_bytes))
    if (revision := sides.new) is not None:
        new = _guarded(lambda: read_revision(revision, paths, limits.max_bytes))
    else:
        # A path gone from the working tree is a journey removed since the revision, as in git diff.
        here = [path for path in paths if os.path.lexists(path)]
        if not here and not old:
            _usage_error(f"no such path here or at {sides.old}: {', '.join(paths)}")
        new = _guarded(lambda: read_sources(here, skip_other_yaml=True, max_bytes=limits.max_bytes).sources)
    return [_journeys_of(validate_sources(side, limits=limits, project=[])) for side in (old, new)]


def _journeys_of(report: "Report") -> "list[Journey]":
    """The journeys of a report, or the report's errors and exit 2: a side that is not valid cannot be compared."""
    from cjm.diagnostics import Severity
    from cjm.model import Journey

    if any(d.severity is Severity.ERROR for d in report.diagnostics):
        _invalid_side(report)
    return [v.model for v in report.valid if isinstance(v.model, Journey)]


def _invalid_side(report: "Report") -> NoReturn:
    from cjm.output import write_report

    write_report(report, OutputFormat.TEXT, sys.stderr, color=_use_color(sys.stderr))
    raise typer.Exit(exitcodes.USAGE)


Template = StrEnum("Template", {name: name for name in TEMPLATES})  # type: ignore[misc]
Language = StrEnum("Language", {name: name for name in LANGUAGES})  # type: ignore[misc]


@app.command()
def init(
    folder: Annotated[str, typer.Argument(help="The folder to write the map into (made if missing).")] = ".",
    template: Annotated[
        Template | None,
        typer.Option(
            "--template",
            "-t",
            help="online-shop (the default), saas, b2b-service, bank, or blank: the lifecycle alone.",
            show_default=False,
        ),
    ] = None,
    language: Annotated[
        Language | None,
        typer.Option("--language", "-l", help="The map's language: en (the default), ru, pl, de.", show_default=False),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Write over files that are already there.", show_default=False)
    ] = False,
) -> None:
    """Start a journey map that is already good: the journey, its persona, a configuration and the
    JSON Schema, with comments explaining each section; it validates and lints clean. On a terminal
    without --template or --language, asks for the title, the persona and the stages."""
    from cjm.atomic import write_atomic
    from cjm.dates import today
    from cjm.output.escape import escaped
    from cjm.starters.build import Answers, already_there, starter_files

    answers = Answers()
    if template is None and language is None and _on_terminal():
        template, language, answers = _ask()
    chosen, tongue = str(template or TEMPLATES[0]), str(language or LANGUAGES[0])
    files = starter_files(chosen, tongue, today(), answers)
    if os.path.exists(folder) and not os.path.isdir(folder):
        _usage_error(f"{folder} is a file, not a folder")
    there = already_there(folder, list(files))
    if there and not force:
        shown = ", ".join(os.path.join(folder, path) for path in there)
        _usage_error(f"not written, these files are already there: {shown} (--force writes over them)")
    for path, text in files.items():
        target = os.path.join(folder, path)
        try:
            os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
            write_atomic(target, text.encode("utf-8"))
        except OSError as error:
            _usage_error(f"cannot write {target}: {error.strerror}")
        sys.stderr.write(f"wrote {escaped(target)}\n")
    shown = escaped(folder)
    sys.stderr.write(
        f"\nNext: edit {shown}/journey.yaml, then\n  cjm lint {shown}\n  cjm render {shown} -f html -o {shown}/out\n"
    )


def _on_terminal() -> bool:
    """Whether a person is there to answer questions: standard input and output are terminals."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _choose(question: str, choices: tuple[str, ...]) -> str:
    """One of the choices, asked until one is given (Enter: the first)."""
    while True:
        answer = str(typer.prompt(f"{question} ({', '.join(choices)})", default=choices[0])).strip()
        if answer in choices:
            return answer
        typer.echo(f"Choose one of: {', '.join(choices)}.")


def _ask() -> "tuple[Template, Language, Answers]":
    """The interactive questions of `cjm init`: template, language, title, persona, stage names."""
    from cjm.starters.build import Answers, stage_names

    template = Template(_choose("Template", TEMPLATES))
    language = Language(_choose("Language", LANGUAGES))
    title = typer.prompt("Title of the journey (Enter: the template's)", default="", show_default=False)
    persona = typer.prompt("Persona's name and label (Enter: the template's)", default="", show_default=False)
    names = stage_names(str(template), str(language))
    while True:
        given = typer.prompt(
            f"Names of the {len(names)} stages, separated by ';' (Enter: {'; '.join(names)})",
            default="",
            show_default=False,
        )
        stages = [name.strip() for name in given.split(";")] if given.strip() else []
        if not stages or len(stages) == len(names):
            break
        typer.echo(f"Give {len(names)} names, or none to keep the template's.")
    return template, language, Answers(title.strip() or None, persona.strip() or None, stages)


@app.command()
def schema() -> None:
    """Print the JSON Schema of cjm files, for editors and other tools."""
    from cjm.schema import json_schema_text

    sys.stdout.write(json_schema_text())


def _targets(paths: list[str] | None, settings: "LoadedConfig") -> list[str]:
    """The paths a command works on: those given, else the configured project folders, else this folder."""
    if paths:
        return paths
    from cjm.discovery import display_path

    return [display_path(folder) for folder in settings.project_folders() or ["."]]


def _settings(paths: list[str] | None, config: str | None, stdin_filename: str | None) -> "LoadedConfig":
    from cjm.config import ConfigError, find_config, load_config

    try:
        if config is not None:
            loaded = load_config(config)
            assert loaded is not None  # required=True raises instead of returning None
            return loaded
        return find_config([p if p != "-" else (stdin_filename or "-") for p in paths or ["."]])
    except ConfigError as error:
        _usage_error(str(error))


def _split(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _check_selectors(keys: list[str] | None, option: str) -> None:
    from cjm.linting.registry import key_problem

    for key in keys or ():
        problem = key_problem(key)
        if problem is not None:
            _usage_error(f"{option}: {problem}")


def _guarded(run: "Callable[[], _T]") -> "_T":
    try:
        return run()
    except UsageError as error:
        _usage_error(str(error))


def _cache(settings: "LoadedConfig") -> "Cache | None":
    from cjm.cache import default_cache

    return default_cache(settings.folder)


def _progress(output_format: OutputFormat) -> "DelayedProgress | None":
    if output_format is not OutputFormat.TEXT or not sys.stderr.isatty() or os.environ.get("CI"):
        return None
    from cjm.progress import DelayedProgress

    return DelayedProgress(sys.stderr)


def _finish(
    report: "Report",
    output_format: OutputFormat,
    *,
    started: float,
    progress: "DelayedProgress | None" = None,
) -> NoReturn:
    from cjm.output import write_report

    if progress is not None:
        progress.close()
    report.started = started
    write_report(report, output_format, sys.stdout, color=_use_color(sys.stdout))
    raise typer.Exit(exitcodes.OK if report.ok else exitcodes.FINDINGS)


def _use_color(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _usage_error(message: str) -> NoReturn:
    from cjm.output.escape import escaped

    sys.stderr.write(f"cjm: {escaped(message)}\n")
    raise typer.Exit(exitcodes.USAGE)


def _interrupted(signal_number: int, frame: object) -> None:
    sys.stderr.write("cjm: interrupted\n")
    raise KeyboardInterrupt


_RECEIVED: set[int] = set()
"""The signals cjm has received: where a library turns every signal into KeyboardInterrupt
(watchfiles), this tells SIGTERM from Ctrl-C."""


def _terminated(signal_number: int, frame: object) -> None:
    """SIGTERM ends cjm as an exception does, so every `finally` runs: Graphviz is killed, no temporary
    file is left, no output is half-written."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once is enough while cleaning up
    _RECEIVED.add(signal.SIGTERM)
    sys.stderr.write("cjm: terminated\n")
    raise SystemExit(exitcodes.TERMINATED)


_OUTPUT_FULL: Final = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS})
"""Errors of a stream cjm writes to that the user can act on (a full disk), not bugs."""


def _never_fail_to_encode() -> None:
    """Let standard output and error write any text: what their encoding cannot carry (Cyrillic on
    an ASCII or cp1252 console, a file name that is not UTF-8) is written as a backslash escape
    instead of failing. Rendered files go to the binary stream and stay UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def main() -> None:
    """Run the command line. Typer turns usage errors into exit 2, Ctrl-C into 130, SIGTERM into 143
    and a closed pipe into a quiet exit; anything else that escapes is a bug in cjm, reported in one line."""
    signal.signal(signal.SIGINT, _interrupted)
    signal.signal(signal.SIGTERM, _terminated)
    _never_fail_to_encode()
    # cjm's models are its own: looking for pydantic plugins (observability hooks) means reading the
    # metadata of every installed package, 40 ms a run. Set the variable to "" to have them loaded.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        with collector_paused():  # a command runs for seconds; see cjm.collector
            app(prog_name="cjm")
    except Exception as error:  # the last resort: a bug in cjm, never a problem in the input
        if isinstance(error, OSError) and error.errno in _OUTPUT_FULL:
            sys.stderr.write(f"cjm: cannot write the output: {(error.strerror or str(error)).lower()}\n")
            sys.exit(exitcodes.USAGE)
        sys.stderr.write(
            f"cjm: internal error, please report it with the command you ran ({type(error).__name__}: {error})\n"
        )
        sys.exit(exitcodes.USAGE)
