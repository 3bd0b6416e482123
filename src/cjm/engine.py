"""Check a set of sources: read, parse, validate, resolve references, with the cache and workers.

The API façade (`cjm.api`) and the lint runner call this; it returns a `cjm.report.Report`.
"""

import contextlib
import gc
import os
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from cjm.cache import Cache, diagnostics_from_json, diagnostics_to_json
from cjm.diagnostics import Diagnostic
from cjm.discovery import STDIN, display_path, is_cjm_file, walk_yaml
from cjm.loader import DEFAULT_LIMITS, Document, Limits, load_bytes
from cjm.model import KINDS, Journey, Persona, TouchpointCatalog
from cjm.references import build_index, check_journey
from cjm.report import Progress, Report
from cjm.sources import Source, read_file
from cjm.validation import Checked, Validated, check_bytes, validate_document

PARALLEL_FROM = 24
"""Fewer files than this are checked in one process: starting workers would cost more."""


def validate_sources(
    sources: Sequence[Source],
    *,
    stdin_name: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    cache: Cache | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
) -> Report:
    """Validate files already read, then resolve the references between them."""
    report = Report(files=[source.shown for source in sources])
    with collector_paused():
        for source, checked, from_cache in _check_all(sources, limits, cache, jobs, progress):
            report.cached += from_cache
            _add(report, source, checked)
    index, problems = build_index(report.valid)
    report.diagnostics.extend(problems)
    journeys = [(v.document, v.model) for v in report.valid if isinstance(v.model, Journey)]
    personas, touchpoints = index.wanted(journeys)
    if personas or touchpoints:
        loaded = {os.path.realpath(s.path) for s in sources if s.path is not None}
        context = list(_context(_home_folders(report.valid, stdin_name), loaded, limits))
        report.used_context = bool(context)
        index, _ = build_index(report.valid, context)
    for document, journey in journeys:
        report.diagnostics.extend(check_journey(index, document, journey))
    report.index = index
    report.diagnostics.sort(key=Diagnostic.sort_key)
    return report


def with_run_cache(
    cache: Cache | None,
    parts: Sequence[str],
    sources: Sequence[Source],
    limits: Limits,
    compute: Callable[[], Report],
) -> Report:
    """Answer a whole run from the cache when nothing it depends on changed, else compute and store it.

    `parts` names what else the result depends on (the command, the configuration, the rules).
    A run that had to look beside the journeys for references is not stored: files outside
    the run could change its result.
    """
    if cache is None:
        return compute()
    keys = [f"{s.shown}\0{cache.file_key(s.raw, limits) if s.raw is not None else 'unreadable'}" for s in sources]
    key = cache.run_key([*parts, *keys])
    entry = cache.load_run(key)
    if entry is not None:
        diagnostics = diagnostics_from_json(entry.get("diagnostics"))
        if diagnostics is not None:
            shown = {d.path for d in diagnostics}
            texts = {
                s.shown: s.raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
                for s in sources
                if s.shown in shown and s.raw is not None
            }
            return Report(files=[s.shown for s in sources], diagnostics=diagnostics, sources=texts, cached=len(sources))
    report = compute()
    if not report.used_context:
        cache.store_run(key, {"diagnostics": diagnostics_to_json(report.diagnostics)})
    return report


def _add(report: Report, source: Source, checked: Checked) -> None:
    if checked.text is not None:
        report.sources[source.shown] = checked.text
    report.diagnostics.extend(checked.diagnostics)
    if checked.model is not None and checked.data is not None and checked.text is not None:
        report.valid.append(Validated(Document(source.shown, checked.text, checked.data, None), checked.model, []))


def _check_all(
    sources: Sequence[Source], limits: Limits, cache: Cache | None, jobs: int, progress: Progress | None
) -> Iterator[tuple[Source, Checked, bool]]:
    """Check every source, in order: unreadable ones as they are, cached ones from the cache, the rest afresh."""
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
    fresh = _check_fresh([sources[n] for n in misses], limits, jobs)
    for number, checked in zip(misses, fresh, strict=True):
        results[number] = (checked, False)
        key = keys[number]
        if cache is not None and key is not None:
            cache.store_file(key, {"diagnostics": diagnostics_to_json(checked.diagnostics), "data": checked.data})
        done += 1
        if progress is not None:
            progress(done, len(sources))
    for source, result in zip(sources, results, strict=True):
        if result is not None:
            yield source, result[0], result[1]


def _check_fresh(sources: Sequence[Source], limits: Limits, jobs: int) -> Iterator[Checked]:
    """Check sources in this process, or in `jobs` worker processes; results come in order."""
    names = [source.shown for source in sources]
    contents = [source.raw or b"" for source in sources]
    if jobs <= 1 or len(sources) < PARALLEL_FROM:
        yield from map(check_bytes, names, contents, [limits] * len(sources))
        return
    from concurrent.futures import ProcessPoolExecutor  # only large runs start workers

    with ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_interrupts) as pool:
        chunk = max(1, len(sources) // (jobs * 8))
        yield from pool.map(check_bytes, names, contents, [limits] * len(sources), chunksize=chunk)


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the main process, which says so once and stops them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _from_cache(cache: Cache, key: str, source: Source) -> Checked | None:
    entry = cache.load_file(key)
    if entry is None or source.raw is None:
        return None
    diagnostics = diagnostics_from_json(entry.get("diagnostics"), source.shown)
    if diagnostics is None:
        return None
    text = source.raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
    data = entry.get("data")
    if not isinstance(data, dict):
        return Checked(text, diagnostics, None, None)
    model_class = KINDS.get(str(data.get("kind")))
    if model_class is None:
        return None
    try:
        model = model_class.model_validate(data)
    except ValueError:  # a cache from a build with another schema under the same version
        return None
    return Checked(text, diagnostics, data, model)


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
            raw = read_file(path, display_path(path), limits.max_bytes)
            if isinstance(raw, Diagnostic) or not is_cjm_file(raw):
                continue
            document = load_bytes(display_path(path), raw, limits).document
            if document is None or document.data.get("kind") not in ("Persona", "TouchpointCatalog"):
                continue
            validated = validate_document(document)
            document.release()
            if isinstance(validated.model, Persona | TouchpointCatalog):
                yield validated
