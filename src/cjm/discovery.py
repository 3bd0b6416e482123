"""Find the cjm files among the paths a user gives: files, directories and standard input."""

import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

from cjm.lines import with_newlines

STDIN: Final = "-"
"""The path that stands for standard input."""

YAML_SUFFIXES: Final = (".yaml", ".yml")
_SKIPPED_DIRS: Final = frozenset({".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".cjm_cache"})


class UsageError(Exception):
    """The user asked for something that cannot be done: a path that does not exist, a bad option."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A file to check. `explicit` files are checked whatever they hold; found ones only if they are cjm files."""

    path: str
    explicit: bool


def find_files(paths: Sequence[str]) -> list[Candidate]:
    """Expand the given paths into files, in a stable order, each once."""
    found: list[Candidate] = []
    seen: set[str] = set()
    for given in paths:
        if given == STDIN:
            found.append(Candidate(STDIN, True))
            continue
        if os.path.isdir(given):
            candidates = [Candidate(p, False) for p in walk_yaml(given)]
        elif os.path.lexists(given):
            candidates = [Candidate(given, True)]
        else:
            raise UsageError(f"no such file or directory: {given}")
        for candidate in candidates:
            key = os.path.realpath(candidate.path)
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def walk_yaml(directory: str) -> Iterator[str]:
    """Yield the YAML files below a directory, sorted, skipping hidden and tool folders and symlinked folders.

    Named pipes, devices and sockets with a YAML name are passed over: reading them would wait
    for ever or have effects of their own. A link that leads nowhere is kept, to be reported; a
    link to a file outside the folder is passed over, since git carries links and a repository
    could otherwise make a run read, and quote, a file elsewhere on the machine.
    """
    inside = os.path.realpath(directory)
    for root, dirs, files in os.walk(directory, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED_DIRS and not d.startswith("."))
        for name in sorted(files):
            path = os.path.join(root, name)
            if name.lower().endswith(YAML_SUFFIXES) and not _is_special(path) and _stays_inside(path, inside):
                yield path


def _stays_inside(path: str, folder: str) -> bool:
    """Whether a file found in a folder is there: not a link to a file outside it (a link that
    leads nowhere stays, to be reported: it reveals nothing)."""
    if not os.path.islink(path):
        return True
    target = os.path.realpath(path)
    return os.path.commonpath([folder, target]) == folder or not os.path.exists(target)


def _is_special(path: str) -> bool:
    """Whether a path leads to something other than a regular file (following links)."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def is_cjm_file(raw: bytes) -> bool:
    """Whether a file is a cjm file or tries to be one, judged from its text without parsing it.

    A file is passed over only when it is clearly something else: a workflow, a compose
    file, a Kubernetes manifest. It is checked (and its header problems reported) when it has
    the cjm header anywhere (also in a flow mapping or a list), an `apiVersion`-like key, a
    value that looks like a cjm version (`cjm-v1`), a `kind:` of ours in any case, or the
    top-level keys of a journey, a persona or a touchpoint catalogue. Text in UTF-16 or UTF-32,
    with or without a byte-order mark, is read as such here, so the loader can report its
    encoding; every YAML line break counts, not only the newline.
    """
    if _HEADER.search(raw) is not None:
        return True
    return any(_looks_like_cjm(text) for text in _sniff_texts(raw))


def _looks_like_cjm(text: str) -> bool:
    if _TEXT_HEADER.search(text) is not None:
        return True
    keys = _top_level(with_newlines(text))
    kinds = {folded(kind) for kind in _kind_keys()}
    for key, value in keys.items():
        if key != "apiVersion" and is_close(folded(key), "apiversion"):
            return True
        if _CJM_VERSION.match(value) or (folded(key) == "kind" and folded(value) in kinds):
            return True
    return any(_has_keys_of(keys, fields) for fields in _kind_keys().values())


_HEADER: Final = re.compile(rb"[\"']?apiVersion[\"']?[ \t]*:[ \t]*[\"']?cjm/")
_TEXT_HEADER: Final = re.compile(r"[\"']?apiVersion[\"']?[ \t]*:[ \t]*[\"']?cjm/")
_TOP_KEY: Final = re.compile(r"^([ \t]*)([\"']?)([A-Za-z_][\w .-]*?)\2[ \t]*:(?:[ \t]+([^#\n]*))?$", re.MULTILINE)
_CJM_VERSION: Final = re.compile(r"[\"']?cjm[ \t]*[-/_.:\\]?[ \t]*v?[0-9]", re.IGNORECASE)
_GENERIC_KEYS: Final = frozenset(
    {"apiVersion", "kind", "id", "name", "title", "description", "owner", "tags", "language", "status", "revision"}
)
"""Top-level keys that many kinds of YAML have; the others tell a cjm kind apart."""


def _sniff_texts(raw: bytes) -> list[str]:
    """The file as text in each encoding it may be in: the one its byte-order mark names, else
    UTF-8 and, for a file with NUL bytes, UTF-16 and UTF-32 in both byte orders."""
    for marks, codec in _BOMS:
        if raw.startswith(marks):
            return [raw.decode(codec, errors="replace")]
    texts = [raw.decode("utf-8", errors="replace")]
    if b"\x00" in raw:
        texts += [raw.decode(codec, errors="replace") for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")]
    return texts


_BOMS: Final = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _top_level(text: str) -> dict[str, str]:
    """The keys of the outermost mapping (the least indented), with their values (quotes and comments stripped)."""
    found: dict[str, tuple[int, str]] = {}
    for match in _TOP_KEY.finditer(text.removeprefix("\ufeff")):
        found.setdefault(match.group(3), (len(match.group(1)), (match.group(4) or "").strip().strip("\"'")))
    if not found:
        return {}
    least = min(indent for indent, _ in found.values())
    return {key: value for key, (indent, value) in found.items() if indent == least}


def folded(word: str) -> str:
    """A word without case and separators, to compare spellings: apiVersion and api_version, cjm-v1 and CJM/v1."""
    return _SEPARATORS.sub("", word).lower()


_SEPARATORS: Final = re.compile(r"[\s_./:-]")


def is_close(word: str, target: str) -> bool:
    """Whether a word is the target misspelt: a letter or two off (`apiverison`), not another word (`version`)."""
    from cjm.suggestions import is_similar

    return is_similar(word, target, 0.85)


@cache
def _kind_keys() -> dict[str, frozenset[str]]:
    """The top-level keys of each kind of cjm file, from the models (loaded on first use only)."""
    from cjm.model import KINDS

    return {
        kind: frozenset(field.alias or name for name, field in model.model_fields.items())
        for kind, model in KINDS.items()
    }


def _has_keys_of(keys: dict[str, str], fields: frozenset[str]) -> bool:
    """Whether the top-level keys are mostly those of one kind, with some that only cjm files have."""
    ours = [key for key in keys if key in fields]
    distinctive = [key for key in ours if key not in _GENERIC_KEYS]
    return len(distinctive) >= 2 or (len(distinctive) == 1 and len(ours) >= 3 and 2 * len(ours) >= len(keys))


def display_path(path: str) -> str:
    """Show a path relative to the working directory when it is below it, with forward slashes."""
    if path == STDIN:
        return "<stdin>"
    try:
        relative = Path(os.path.relpath(path))
    except ValueError:  # pragma: no cover - another drive on Windows
        return Path(path).as_posix()
    return relative.as_posix() if not relative.as_posix().startswith("../") else Path(path).as_posix()
