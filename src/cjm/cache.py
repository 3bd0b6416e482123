"""The result cache: authenticated JSON entries in the user's cache folder, safe to delete.

Two levels:
- per file: the validation result of one file, keyed by its bytes, the cjm version and the
  loader limits, so an unchanged file is not parsed again;
- per run: the final diagnostics of a whole `validate` or `lint` run, keyed by the
  configuration, the rule selection and every file the result depended on (the files given,
  and the project's other YAML files read for references and ids: their names, real paths
  and bytes, so adding, changing or removing one changes the key), so an unchanged project
  is answered without building a single model.

A cache can only make a run faster, never change its verdict or its output; whoever could
write into it could otherwise decide both. So:
- it lives outside the working tree, in a folder of its own per project under the user's
  cache folder (`user_cache_folder`), or where CJM_CACHE_DIR says;
- every entry is sealed with an HMAC-SHA256 under a per-user secret key (32 random bytes in
  `<user cache folder>/cjm/key`, readable by its owner alone); an entry whose seal does not
  verify is a miss, and so is one whose shape is not exactly what cjm writes;
- no symlink is followed inside it: each folder is opened without following one (relative to
  its parent's descriptor where the platform allows), a cache folder that is a symlink or not
  a folder turns the cache off for the run, and only regular files are read, never more than
  MAX_ENTRY_BYTES of them;
- pruning deletes only run entries whose names are cjm's and whose seal verifies;
- an entry that JSON cannot carry exactly (a number too large to print, a name that is not
  UTF-8) is simply not stored, and a cache that cannot be written is skipped.
"""

import contextlib
import hashlib
import hmac
import json
import os
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from cjm import __version__
from cjm.diagnostics import Diagnostic, Severity
from cjm.loader import Limits
from cjm.nofollow import Folder, NotAFolderError

CACHE_ENV: Final = "CJM_CACHE_DIR"
"""The environment variable that names the cache folder, replacing the one in the user's cache folder."""
MAX_ENTRY_BYTES: Final = 64 * 1024 * 1024
"""The largest entry cjm writes, and so the most it reads of one."""
_LAYOUT: Final = "v2"
_RUNS_KEPT: Final = 32
_KEY_FILE: Final = "key"
_KEY_BYTES: Final = 32
_SEAL: Final = b"cjm-cache-v2 hmac-sha256 "
"""How an entry starts: this, the MAC in 64 hex digits and a newline; then the JSON it seals."""
_SEALED: Final = len(_SEAL) + 64 + 1
_KEY_NAME: Final = re.compile(r"[0-9a-f]{64}")
_ENTRY_NAME: Final = re.compile(r"[0-9a-f]{64}\.json")
_FILE_ENTRY_NAME: Final = re.compile(r"[0-9a-f]{62}\.json")
_FILES_KEPT_NS: Final = 30 * 24 * 3600 * 10**9
"""A file entry not written for 30 days is deleted: the cache of a file no longer there, or of
an older version of it, would otherwise grow for ever (an unchanged file just gets it anew)."""
_PRUNE_FILES_EVERY_NS: Final = 24 * 3600 * 10**9
_PRUNED_STAMP: Final = "pruned"
_SEVERITIES: Final = frozenset(severity.value for severity in Severity)


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


@dataclass(frozen=True, slots=True)
class FileEntry:
    """A file's stored validation result: its diagnostics, and its data when it validated."""

    diagnostics: list[Diagnostic]
    data: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class RunEntry:
    """A run's stored result: its diagnostics, and the files it reported on beyond those it was given."""

    diagnostics: list[Diagnostic]
    files: list[str]


class Cache:
    """A cache folder, by default one per project in the user's cache folder (see `default_cache`).

    Nothing is opened until the first entry is read or written; a cache whose folders or key
    cannot be used safely is a cache that always misses and never writes.
    """

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.writable = True
        self._mac_base: hmac.HMAC | None = None
        self._usable: bool | None = None  # None: not tried yet
        self._folders: dict[tuple[str, ...], Folder] = {}

    def file_key(self, raw: bytes, limits: Limits) -> str:
        """The key of one file's validation result."""
        digest = hashlib.sha256()
        digest.update(f"{__version__}\0{limits.max_bytes}\0{limits.max_items}\0{limits.max_depth}\0".encode())
        digest.update(raw)
        return digest.hexdigest()

    def run_key(self, parts: Sequence[str]) -> str:
        """The key of a whole run, from its command, settings and the files it depended on."""
        digest = hashlib.sha256(f"{__version__}\0".encode())
        for part in parts:
            digest.update(part.encode("utf-8", "surrogateescape"))
            digest.update(b"\0")
        return digest.hexdigest()

    def load_file(self, key: str) -> FileEntry | None:
        """A stored file result, or None: missing, forged, corrupt or of another shape."""
        entry = self._load(("files", key[:2]), key[2:] + ".json", "file", key)
        if type(entry) is not dict or entry.keys() != {"diagnostics", "data"}:
            return None
        diagnostics = diagnostics_from_json(entry["diagnostics"])
        data = entry["data"]
        if diagnostics is None or (data is not None and type(data) is not dict):
            return None
        return FileEntry(diagnostics, data)

    def store_file(self, key: str, entry: dict[str, Any]) -> None:
        """Store a file result made by `file_entry` (best effort)."""
        self._store(("files", key[:2]), key[2:] + ".json", "file", key, entry)

    def load_run(self, key: str) -> RunEntry | None:
        """A stored run result, or None: missing, forged, corrupt or of another shape."""
        entry = self._load(("runs",), key + ".json", "run", key)
        if type(entry) is not dict or entry.keys() != {"diagnostics", "files"}:
            return None
        diagnostics = diagnostics_from_json(entry["diagnostics"])
        files = entry["files"]
        if diagnostics is None or type(files) is not list or any(type(name) is not str for name in files):
            return None
        return RunEntry(diagnostics, files)

    def store_run(self, key: str, entry: dict[str, Any]) -> None:
        """Store a run result made by `run_entry`, and keep only the most recent runs (and, once a
        day, only the file results written in the last 30 days)."""
        if self._store(("runs",), key + ".json", "run", key, entry):
            self._prune(("runs",))
            self._prune_files()

    def _prune_files(self) -> None:
        """Delete the file entries older than 30 days, at most once a day, and of them only cjm's own."""
        files = self._folder(("files",), create=False)
        if files is None:
            return
        now = time.time_ns()
        with contextlib.suppress(OSError):
            stamps = [mtime for mtime, name in files.files() if name == _PRUNED_STAMP]
            if stamps and now - stamps[0] < _PRUNE_FILES_EVERY_NS:
                return
            files.write(_PRUNED_STAMP, b"")
            for prefix in (f"{number:02x}" for number in range(256)):
                # Opened here, not through the cache of folders: each is closed once pruned.
                with contextlib.suppress(NotAFolderError):
                    folder = files.child(prefix, create=False)
                    if folder is not None:
                        self._prune_old(folder, prefix, now)

    def _prune_old(self, folder: Folder, prefix: str, now: int) -> None:
        for mtime, name in folder.files():
            if now - mtime > _FILES_KEPT_NS and _FILE_ENTRY_NAME.fullmatch(name):
                raw = folder.read(name, _SEALED + MAX_ENTRY_BYTES)
                if raw is not None and self._opened("file", prefix + name[: -len(".json")], raw) is not None:
                    folder.unlink(name)

    def _load(self, folders: tuple[str, ...], name: str, kind: str, key: str) -> Any:
        """The JSON an entry seals, or None when it is missing, not a regular file, too large or forged."""
        if not _KEY_NAME.fullmatch(key) or not self._ready():
            return None
        folder = self._folder(folders, create=False)
        raw = None if folder is None else folder.read(name, _SEALED + MAX_ENTRY_BYTES)
        payload = None if raw is None else self._opened(kind, key, raw)
        if payload is None:
            return None
        try:
            return json.loads(payload)
        except (ValueError, RecursionError):
            return None

    def _store(self, folders: tuple[str, ...], name: str, kind: str, key: str, entry: dict[str, Any]) -> bool:
        if not self.writable or not _KEY_NAME.fullmatch(key) or not self._ready():
            return False
        payload = _serialised(entry)
        if payload is None:
            return False
        folder = self._folder(folders, create=True)
        if folder is None:
            self.writable = False
            return False
        try:
            folder.write(name, _SEAL + self._mac(kind, key, payload).encode() + b"\n" + payload)
        except OSError:
            self.writable = False
            return False
        return True

    def _prune(self, folders: tuple[str, ...]) -> None:
        """Delete all but the most recent run entries, and of the rest only cjm's own: its names, its seal."""
        folder = self._folder(folders, create=False)
        if folder is None:
            return
        with contextlib.suppress(OSError):
            named = [(mtime, name) for mtime, name in folder.files() if _ENTRY_NAME.fullmatch(name)]
            for _, name in sorted(named, reverse=True)[_RUNS_KEPT:]:
                raw = folder.read(name, _SEALED + MAX_ENTRY_BYTES)
                if raw is not None and self._opened("run", name[: -len(".json")], raw) is not None:
                    folder.unlink(name)

    def _mac(self, kind: str, key: str, payload: bytes) -> str:
        assert self._mac_base is not None
        mac = self._mac_base.copy()
        mac.update(f"{kind}\0{key}\0".encode())
        mac.update(payload)
        return mac.hexdigest()

    def _opened(self, kind: str, key: str, raw: bytes) -> bytes | None:
        """The payload of a sealed entry whose MAC verifies, else None."""
        if len(raw) < _SEALED or not raw.startswith(_SEAL) or raw[_SEALED - 1 : _SEALED] != b"\n":
            return None
        payload = raw[_SEALED:]
        expected = self._mac(kind, key, payload).encode()
        return payload if hmac.compare_digest(raw[len(_SEAL) : _SEALED - 1], expected) else None

    def _ready(self) -> bool:
        """Whether the cache can be used: the secret key is at hand and the cache folder is a real folder."""
        if self._usable is None:
            secret = _secret_key()
            self._mac_base = None if secret is None else hmac.new(secret, digestmod=hashlib.sha256)
            self._usable = self._mac_base is not None
        return self._usable

    def _folder(self, names: tuple[str, ...], *, create: bool) -> "Folder | None":
        """A folder of the cache, opened without following symlinks; one that is not a real folder turns it off."""
        path = (_LAYOUT, *names)
        try:
            for depth in range(len(path) + 1):
                if path[:depth] in self._folders:
                    continue
                if depth == 0:
                    folder = Folder.open(self.folder, create=create)
                    if folder is not None and create:
                        folder.create_once(".gitignore", b"# Created by cjm; safe to delete.\n*\n")
                else:
                    folder = self._folders[path[: depth - 1]].child(path[depth - 1], create=create)
                if folder is None:
                    return None
                self._folders[path[:depth]] = folder
        except NotAFolderError:
            self._usable = False
            return None
        except OSError:
            return None
        return self._folders[path]


def file_entry(diagnostics: Sequence[Diagnostic], data: dict[str, Any] | None) -> dict[str, Any]:
    """What the cache stores of one file's validation result."""
    return {"diagnostics": diagnostics_to_json(diagnostics), "data": data}


def run_entry(diagnostics: Sequence[Diagnostic], files: Sequence[str]) -> dict[str, Any]:
    """What the cache stores of a run's result: its diagnostics and the files it reported on beyond those given."""
    return {"diagnostics": diagnostics_to_json(diagnostics), "files": list(files)}


def diagnostics_to_json(diagnostics: Sequence[Diagnostic]) -> list[list[Any]]:
    """Diagnostics as compact JSON rows."""
    return [[d.code, d.name, d.severity.value, d.message, d.path, d.line, d.column, d.hint] for d in diagnostics]


def diagnostics_from_json(rows: Any) -> list[Diagnostic] | None:
    """Diagnostics back from JSON rows; None unless every row has exactly the shape `diagnostics_to_json` writes."""
    if type(rows) is not list:
        return None
    diagnostics = []
    for row in rows:
        if type(row) is not list or len(row) != 8:
            return None
        code, name, severity, message, where, line, column, hint = row
        texts = (code, name, severity, message, where)
        if any(type(text) is not str for text in texts) or severity not in _SEVERITIES:
            return None
        if type(line) is not int or type(column) is not int or line < 1 or column < 1:
            return None
        if hint is not None and type(hint) is not str:
            return None
        diagnostics.append(Diagnostic(code, name, Severity(severity), message, where, line, column, hint))
    return diagnostics


def _serialised(entry: dict[str, Any]) -> bytes | None:
    """The entry as JSON that reads back equal to it, or None: what JSON cannot carry exactly is not cached."""
    try:
        payload = json.dumps(entry, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
        if len(payload) > MAX_ENTRY_BYTES or json.loads(payload) != entry:
            return None
    except (TypeError, ValueError, OverflowError, RecursionError):  # a huge int, a lone surrogate, a date
        return None
    return payload


def _secret_key() -> bytes | None:
    """The user's secret key, made on first use: 32 random bytes in `<user cache folder>/cjm/key`.

    The key is the reason a forged entry is a miss, so it is used only when it is a regular
    file of the right size that only its owner, this user, can read or write.
    """
    base = user_cache_folder()
    if base is None:
        return None
    try:
        folder = Folder.open(os.path.join(base, "cjm"), create=True)
        if folder is None:
            return None
        key = folder.read(_KEY_FILE, _KEY_BYTES, private=True)
        if key is None:
            folder.create_once(_KEY_FILE, os.urandom(_KEY_BYTES))
            key = folder.read(_KEY_FILE, _KEY_BYTES, private=True)
    except (OSError, NotAFolderError):
        return None
    return key if key is not None and len(key) == _KEY_BYTES else None
