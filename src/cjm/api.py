"""The Python API: load one map, validate or lint a set of files, render journeys.

A thin façade over the engine (`cjm.engine`), the lint runner and the renderers, so a notebook
or another tool can do what the command line does.
"""

import os
from collections.abc import Sequence

from cjm.cache import Cache
from cjm.diagnostics import Diagnostic
from cjm.discovery import display_path
from cjm.engine import validate_sources, with_run_cache
from cjm.loader import DEFAULT_LIMITS, Document, Limits
from cjm.model import CjmModel
from cjm.report import InvalidMapError, Progress, Report
from cjm.sources import read_file, read_sources
from cjm.validation import check_bytes


def load(path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS) -> CjmModel:
    """Load and validate one cjm file; raise InvalidMapError with the diagnostics if it is not valid.

    References to other files are not resolved; use `validate` on a set of files for that.
    """
    name = os.fspath(path)
    raw = read_file(name, display_path(name), limits.max_bytes)
    if isinstance(raw, Diagnostic):
        raise InvalidMapError([raw])
    checked = check_bytes(display_path(name), raw, limits)
    if checked.model is None:
        raise InvalidMapError(checked.diagnostics)
    return checked.model


def validate(
    paths: Sequence[str | os.PathLike[str]],
    *,
    stdin: bytes | None = None,
    stdin_name: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    skip_other_yaml: bool = False,
    cache: Cache | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
    reuse_run: bool = False,
) -> Report:
    """Check files, folders (their cjm files) and '-' (standard input) as one set.

    References resolve across all of them; a reference still missing is looked up in the
    cjm files beside the journey that makes it (its folder and the folders below). Files
    found in folders are checked only if they are cjm files (by their apiVersion); files
    given by name are checked whatever they hold, unless `skip_other_yaml` is set. With a
    cache, unchanged files are not parsed again; with `reuse_run` too, an unchanged run is
    answered from the cache as a whole (its report then holds diagnostics but no models).
    Raises discovery.UsageError for a path that does not exist.
    """
    sources = read_sources(
        [os.fspath(p) for p in paths],
        stdin=stdin,
        stdin_name=stdin_name,
        skip_other_yaml=skip_other_yaml,
        max_bytes=limits.max_bytes,
    )

    def compute() -> Report:
        return validate_sources(
            sources, stdin_name=stdin_name, limits=limits, cache=cache, jobs=jobs, progress=progress
        )

    if not reuse_run:
        return compute()
    return with_run_cache(cache, ["validate", repr(limits)], sources, limits, compute)


__all__ = ["Document", "InvalidMapError", "Report", "load", "validate"]
