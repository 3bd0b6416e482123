"""Check a set of sources: read, parse, validate, resolve references, with the cache and workers.

The API façade (`cjm.api`) and the lint runner call this; it returns a `cjm.report.Report`.
"""

import os
import re
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Final

from cjm.cache import Cache, RunEntry, file_entry, run_entry
from cjm.collector import collector_paused
from cjm.config import LoadedConfig
from cjm.diagnostics import Diagnostic
from cjm.discovery import display_path
from cjm.loader import DEFAULT_LIMITS, Document, Limits, decode
from cjm.model import KINDS, Journey, Persona, TouchpointCatalog
from cjm.project import ProjectFiles
from cjm.references import Index, Scope, build_index, check_journey
from cjm.report import Progress, Report
from cjm.sources import Source, read_sources
from cjm.validation import Checked, Validated, check_bytes

AUTO_PARALLEL_BYTES: Final = 16 * 1024 * 1024
"""With the default --jobs, workers start only for this much YAML to parse, one more per this much.

Each file's result travels back from a worker pickled, so workers win only on large runs: on
2 cores, 100 files (2 MB) took 1.2–1.6× as long with two workers as with one, 1,000 files
(20 MB) 0.73× (benchmarks/RESULTS.md). Below this, the default never makes a run slower.
"""


def check_paths(
    paths: Sequence[str],
    *,
    config: LoadedConfig,
    parts: Sequence[str],
    stdin: bytes | None = None,
    stdin_name: str | None = None,
    skip_other_yaml: bool = False,
    cache: Cache | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    reuse_run: bool = False,
    then: Callable[[Report], None] | None = None,
) -> Report:
    """Read and check the files the paths name, then run `then` (the lint rules) over the report.

    `parts` names what else the result depends on (the command, the rule selection), for the
    run cache. Raises discovery.UsageError for a path that does not exist.
    """
    limits = config.config.limits()
    found = read_sources(
        paths, stdin=stdin, stdin_name=stdin_name, skip_other_yaml=skip_other_yaml, max_bytes=limits.max_bytes
    )
    project = config.project_folders()
    files = ProjectFiles(max_bytes=limits.max_bytes, stdin_name=stdin_name)

    def compute() -> Report:
        report = validate_sources(
            found.sources,
            stdin_name=stdin_name,
            limits=limits,
            project=project,
            cache=cache,
            jobs=jobs,
            progress=progress,
            files=files,
        )
        if then is not None:
            with collector_paused():
                then(report)
        return report

    run_parts = [*parts, repr(limits), repr(project)]
    if reuse_run:
        report = with_run_cache(cache, run_parts, found.sources, limits, compute, files=files, project=project)
    else:
        report = compute()
    report.searched = [display_path(path) for path in paths]
    report.skipped = len(found.skipped)
    report.require_files = not skip_other_yaml
    report.strict = config.config.strict
    return report


def validate_sources(
    sources: Sequence[Source],
    *,
    stdin_name: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    project: Sequence[str] | None = None,
    cache: Cache | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    files: ProjectFiles | None = None,
) -> Report:
    """Validate files already read, then resolve their references against the whole project.

    `project` names the folders that hold the project's cjm files (None: see
    `ProjectFiles.default_project`). Its other files are read (through `files`) to resolve
    what the given files lack, to find ids the given files define again, and, when a persona
    or touchpoint catalogue is among the given files, to re-check the references of every
    journey that may depend on it.
    """
    files = files if files is not None else ProjectFiles(max_bytes=limits.max_bytes, stdin_name=stdin_name)
    report = Report(files=[source.shown for source in sources])
    with collector_paused():
        # A run of one file keeps its node tree, so its findings are placed without a second parse;
        # more files would keep too much (a tree takes about 40 times the file's size).
        keep = len(sources) == 1
        for source, checked, from_cache in _check_all(sources, limits, cache, jobs, progress, keep_trees=keep):
            report.cached += from_cache
            _add(report, source, checked)
    index, problems = build_index(report.valid)
    journeys = [(v.document, v.model) for v in report.valid if isinstance(v.model, Journey)]
    personas, touchpoints = index.wanted(journeys)
    shared = any(isinstance(v.model, Persona | TouchpointCatalog) for v in report.valid)
    if report.valid:  # ids must be unique across the project, whatever the files refer to
        folders = project if project is not None else files.default_project(v.document.path for v in report.valid)
        # The whole project is read to fill gaps and find dependents; for ids alone, only the files
        # whose top-level id is one the run defines (found in the text, without parsing).
        ids = None if personas or touchpoints or shared else {journey.id for _, journey in journeys}
        with collector_paused():
            report.context = _context(files, folders, _given_files(files, sources), limits, cache, jobs, ids)
        index, problems = build_index(report.valid, report.context)
    report.diagnostics.extend(problems)
    for document, journey in journeys:
        report.diagnostics.extend(check_journey(index, document, journey))
    if shared:
        _check_dependents(report, index)
    report.index = index
    report.diagnostics.sort(key=Diagnostic.sort_key)
    return report


def _check_dependents(report: Report, index: Index) -> None:
    """Re-check what the project's other journeys take from personas and catalogues, which the run may have changed."""
    for item in report.context:
        if isinstance(item.model, Journey):
            problems = check_journey(index, item.document, item.model, scope=Scope.SHARED)
            if problems:
                report.files.append(item.document.path)
                report.sources[item.document.path] = item.document.text
                report.diagnostics.extend(problems)


def with_run_cache(
    cache: Cache | None,
    parts: Sequence[str],
    sources: Sequence[Source],
    limits: Limits,
    compute: Callable[[], Report],
    *,
    files: ProjectFiles,
    project: Sequence[str] | None,
) -> Report:
    """Answer a whole run from the cache when nothing it depends on changed, else compute and store it.

    `parts` names what else the result depends on (the command, the configuration, the rules).
    The key names every file the result may depend on: the files given, and every YAML file
    of the project folders (`project`, or the project root of each file given) with its real
    path and bytes, read once here and used as read by `compute`. A run that looked at
    anything more (see `ProjectFiles.complete`) is not stored.
    """
    if cache is None:
        return compute()
    given = _given_files(files, sources)
    folders = project if project is not None else [root for s in sources if (root := files.root(s.shown)) is not None]
    files.read_all(sorted(set(folders)), given)
    files.seal()
    keys = [f"{s.shown}\0{cache.file_key(s.raw, limits) if s.raw is not None else 'unreadable'}" for s in sources]
    project_keys = files.fingerprint(given)
    key = cache.run_key([*parts, *keys, *(f"given\0{real}" for real in sorted(given)), *project_keys])
    entry = cache.load_run(key)
    if entry is not None:
        return _answered(entry, sources, files)
    report = compute()
    if files.complete:
        given_shown = {s.shown for s in sources}
        cache.store_run(key, run_entry(report.diagnostics, [f for f in report.files if f not in given_shown]))
    return report


def _given_files(files: ProjectFiles, sources: Sequence[Source]) -> set[str]:
    """The real paths of the files a run was given, which the project's other files exclude.

    Standard input stands for the file it is named after: not that file's copy on disk.
    """
    given = {files.real(s.path) for s in sources if s.path is not None}
    if files.stdin_name:
        given.add(files.real(files.stdin_name))
    return given


def _answered(entry: RunEntry, sources: Sequence[Source], files: ProjectFiles) -> Report:
    """The report of a run answered from the cache, with the text of every file a diagnostic is in."""
    shown = {d.path for d in entry.diagnostics}
    texts = {s.shown: text for s in sources if s.shown in shown and (text := _text(s.shown, s.raw)) is not None}
    others = set(entry.files) & shown
    for path, raw in files.cjm_files() if others else ():
        name = display_path(path)
        if name in others and (text := _text(name, raw)) is not None:
            texts.setdefault(name, text)
    return Report(
        files=[s.shown for s in sources] + entry.files,
        diagnostics=entry.diagnostics,
        sources=texts,
        cached=len(sources),
    )


def _add(report: Report, source: Source, checked: Checked) -> None:
    if checked.text is not None:
        report.sources[source.shown] = checked.text
    if checked.tree is not None:
        report.trees[source.shown] = checked.tree
    report.diagnostics.extend(checked.diagnostics)
    valid = _as_valid(source, checked)
    if valid is not None:
        report.valid.append(valid)


def _as_valid(source: Source, checked: Checked) -> Validated | None:
    """A file that checked clean, as a document (its node tree kept, or composed again only if needed) and model."""
    if checked.model is None or checked.data is None or checked.text is None:
        return None
    return Validated(Document(source.shown, checked.text, checked.data, checked.tree), checked.model, [])


def _check_all(
    sources: Sequence[Source],
    limits: Limits,
    cache: Cache | None,
    jobs: int | None,
    progress: Progress | None,
    *,
    keep_trees: bool = False,
) -> Iterator[tuple[Source, Checked, bool]]:
    """Check every source, in order: unreadable ones as they are, cached ones from the cache, the rest
    afresh (keeping their node trees, where they are checked in this process, with `keep_trees`)."""
    results: list[tuple[Checked, bool] | None] = [None] * len(sources)
    keys: list[str | None] = [None] * len(sources)
    misses: list[int] = []
    for number, source in enumerate(sources):
        if source.raw is None:
            problems = [source.problem] if source.problem is not None else []
            results[number] = (Checked(None, problems, None, None), False)
            continue
        if cache is not None:
            keys[number] = cache.file_key(source.raw, limits)
            hit = _from_cache(cache, keys[number] or "", source)
            if hit is not None:
                results[number] = (hit, True)
                continue
        misses.append(number)
    done = len(sources) - len(misses)
    fresh = _check_fresh([sources[n] for n in misses], limits, jobs, keep_trees=keep_trees)
    for number, checked in zip(misses, fresh, strict=True):
        results[number] = (checked, False)
        key = keys[number]
        if cache is not None and key is not None:
            cache.store_file(key, file_entry(checked.diagnostics, checked.data))
        done += 1
        if progress is not None:
            progress(done, len(sources))
    for source, result in zip(sources, results, strict=True):
        if result is not None:
            yield source, result[0], result[1]


def _check_fresh(
    sources: Sequence[Source], limits: Limits, jobs: int | None, *, keep_trees: bool = False
) -> Iterator[Checked]:
    """Check sources in this process, or in worker processes (see `workers`); results come in order.
    Node trees are kept (`keep_trees`) only in this process: they are too large to send back."""
    names = [source.shown for source in sources]
    contents = [source.raw or b"" for source in sources]
    jobs = workers(jobs, sum(len(content) for content in contents), len(sources))
    if jobs <= 1:
        for name, content in zip(names, contents, strict=True):
            yield check_bytes(name, content, limits, keep_tree=keep_trees)
        return
    from concurrent.futures import ProcessPoolExecutor  # only large runs start workers

    with ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_interrupts) as pool:
        chunk = max(1, len(sources) // (jobs * 8))
        yield from pool.map(check_bytes, names, contents, [limits] * len(sources), chunksize=chunk)


def workers(jobs: int | None, size: int, count: int) -> int:
    """How many worker processes check `count` files of `size` bytes: `jobs` when asked for, else by size."""
    if count < 2:
        return 1
    if jobs is not None:
        return min(jobs, count)
    if size < AUTO_PARALLEL_BYTES:
        return 1
    return min(usable_cpus(), size // AUTO_PARALLEL_BYTES + 1, count)


def usable_cpus() -> int:
    """The processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the main process, which says so once and stops them; SIGTERM ends a
    worker at once, without the main process's handler, which they would inherit."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _from_cache(cache: Cache, key: str, source: Source) -> Checked | None:
    entry = cache.load_file(key)
    if entry is None or source.raw is None:
        return None
    text = _text(source.shown, source.raw)
    diagnostics = [replace(d, path=source.shown) for d in entry.diagnostics]
    if entry.data is None:
        return Checked(text, diagnostics, None, None)
    model_class = KINDS.get(str(entry.data.get("kind")))
    if model_class is None:
        return None
    try:
        model = model_class.model_validate(entry.data)
    except ValueError:  # a cache from a build with another schema under the same version
        return None
    return Checked(text, diagnostics, entry.data, model)


def _text(shown: str, raw: bytes | None) -> str | None:
    """A file's text as a fresh check reads it (none for a file that is not UTF-8), so the cache shows the same."""
    if raw is None:
        return None
    text = decode(shown, raw)
    return text if isinstance(text, str) else None


_TOP_ID: Final = re.compile(rb"^[\"']?id[\"']?[ \t]*:[ \t]*[\"']?([^\"'#\s]+)", re.MULTILINE)
"""A top-level `id:` in a file's text: enough to tell which project files may clash with the run's."""


def _context(
    files: ProjectFiles,
    folders: Iterable[str],
    given: set[str],
    limits: Limits,
    cache: Cache | None,
    jobs: int | None,
    ids: set[str] | None = None,
) -> list[Validated]:
    """The valid cjm files of the project outside the run (`given`: their real paths), to resolve
    references and find dependents.

    With `ids`, only the files whose top-level id is one of them. Files that are not valid are
    left out silently: they are not the run's files.
    """
    sources: list[Source] = []
    seen = set(given)
    for folder in folders:
        for path in files.listing(folder):
            real = files.real(path)
            if real in seen:
                continue
            seen.add(real)
            raw = files.read_cjm(path)
            if raw is None:
                continue
            if ids is None or any(match.group(1).decode("utf-8", "replace") in ids for match in _TOP_ID.finditer(raw)):
                sources.append(Source(display_path(path), path, raw))
    checked = (_as_valid(source, result) for source, result, _ in _check_all(sources, limits, cache, jobs, None))
    return [valid for valid in checked if valid is not None]
