"""The result cache: JSON files in the user's cache folder, one folder per project, safe to delete.

The cache lives outside the working tree (`default_cache`), so that nothing a repository
commits can be read as a result; CJM_CACHE_DIR moves it.

Two levels:
- per file: the validation result of one file, keyed by its bytes, the cjm version and the
  loader limits, so an unchanged file is not parsed again;
- per run: the final diagnostics of a whole `validate` or `lint` run, keyed by every file's
  key, the configuration and the rule selection, so an unchanged repository is answered
  without building a single model.
A changed file changes its own key and every run key that includes it; a changed
configuration changes the run keys (and, for the limits, the file keys); a new cjm version
changes them all. The cache is best effort: an unreadable or corrupt entry is a miss, and a
cache that cannot be written is skipped.
"""

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Sequence
from typing import Any, Final

from cjm import __version__
from cjm.atomic import write_atomic
from cjm.diagnostics import Diagnostic, Severity
from cjm.loader import Limits

CACHE_ENV: Final = "CJM_CACHE_DIR"
"""The environment variable that names the cache folder, replacing the one in the user's cache folder."""
_LAYOUT: Final = "v1"
_RUNS_KEPT: Final = 32


def user_cache_folder() -> str | None:
    """The user's cache folder: XDG_CACHE_HOME when set, else ~/.cache, ~/Library/Caches or %LOCALAPPDATA%."""
    chosen = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(chosen):
        return chosen
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA", "")
        return local if os.path.isabs(local) else None
    home = os.path.expanduser("~")
    if not os.path.isabs(home):
        return None
    return os.path.join(home, "Library", "Caches") if sys.platform == "darwin" else os.path.join(home, ".cache")


def default_cache(project: str) -> "Cache | None":
    """The cache of the project in folder `project`: CJM_CACHE_DIR when set, else a folder of its own in
    `<user cache folder>/cjm/` named by a hash of the project's real path; None without a user cache folder."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return Cache(os.path.abspath(chosen))
    base = user_cache_folder()
    if base is None:
        return None
    name = hashlib.sha256(os.fsencode(os.path.realpath(project))).hexdigest()[:32]
    return Cache(os.path.join(base, "cjm", name))


class Cache:
    """A cache folder, by default one per project in the user's cache folder (see `default_cache`)."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.root = os.path.join(folder, _LAYOUT)
        self.writable = True

    def file_key(self, raw: bytes, limits: Limits) -> str:
        """The key of one file's validation result."""
        digest = hashlib.sha256()
        digest.update(f"{__version__}\0{limits.max_bytes}\0{limits.max_items}\0{limits.max_depth}\0".encode())
        digest.update(raw)
        return digest.hexdigest()

    def run_key(self, parts: Sequence[str]) -> str:
        """The key of a whole run, from its command, settings and file keys."""
        digest = hashlib.sha256(f"{__version__}\0".encode())
        for part in parts:
            digest.update(part.encode("utf-8", "surrogateescape"))
            digest.update(b"\0")
        return digest.hexdigest()

    def load_file(self, key: str) -> dict[str, Any] | None:
        """A stored file result, or None."""
        return self._load(self._file_path(key))

    def store_file(self, key: str, entry: dict[str, Any]) -> None:
        """Store a file result (best effort)."""
        self._store(self._file_path(key), entry)

    def load_run(self, key: str) -> dict[str, Any] | None:
        """A stored run result, or None."""
        return self._load(os.path.join(self.root, "runs", key + ".json"))

    def store_run(self, key: str, entry: dict[str, Any]) -> None:
        """Store a run result and keep only the most recent runs."""
        folder = os.path.join(self.root, "runs")
        self._store(os.path.join(folder, key + ".json"), entry)
        with contextlib.suppress(OSError):
            entries = sorted(os.scandir(folder), key=lambda e: e.stat().st_mtime, reverse=True)
            for old in entries[_RUNS_KEPT:]:
                os.unlink(old.path)

    def _file_path(self, key: str) -> str:
        return os.path.join(self.root, "files", key[:2], key[2:] + ".json")

    def _load(self, path: str) -> dict[str, Any] | None:
        try:
            with open(path, encoding="utf-8") as stream:
                entry = json.load(stream)
        except (OSError, ValueError):
            return None
        return entry if isinstance(entry, dict) else None

    def _store(self, path: str, entry: dict[str, Any]) -> None:
        if not self.writable:
            return
        try:
            payload = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except UnicodeEncodeError:  # a file name that is not UTF-8: that result is simply not cached
            return
        try:
            if not os.path.isdir(self.folder):
                os.makedirs(self.folder, exist_ok=True)
                write_atomic(os.path.join(self.folder, ".gitignore"), b"# Created by cjm; safe to delete.\n*\n")
            os.makedirs(os.path.dirname(path), exist_ok=True)
            write_atomic(path, payload, durable=False)
        except OSError:
            self.writable = False


def diagnostics_to_json(diagnostics: Sequence[Diagnostic]) -> list[list[Any]]:
    """Diagnostics as compact JSON rows."""
    return [[d.code, d.name, d.severity.value, d.message, d.path, d.line, d.column, d.hint] for d in diagnostics]


def diagnostics_from_json(rows: Any, path: str | None = None) -> list[Diagnostic] | None:
    """Diagnostics back from JSON rows (with `path` replacing the stored one); None if malformed."""
    try:
        return [
            Diagnostic(
                str(code), str(name), Severity(severity), str(message), path or str(where), int(line), int(column), hint
            )
            for code, name, severity, message, where, line, column, hint in rows
        ]
    except (TypeError, ValueError):
        return None
