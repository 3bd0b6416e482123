"""Find the cjm files among the paths a user gives: files, directories and standard input."""

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

STDIN: Final = "-"
"""The path that stands for standard input."""

YAML_SUFFIXES: Final = (".yaml", ".yml")
_HEADER: Final = re.compile(rb"^[ \t]*[\"']?apiVersion[\"']?[ \t]*:[ \t]*[\"']?cjm/", re.MULTILINE)
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
    """Yield the YAML files below a directory, sorted, skipping hidden and tool folders and symlinked folders."""
    for root, dirs, files in os.walk(directory, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED_DIRS and not d.startswith("."))
        for name in sorted(files):
            if name.endswith(YAML_SUFFIXES):
                yield os.path.join(root, name)


def is_cjm_file(raw: bytes) -> bool:
    """Tell a cjm file from other YAML by its header, without parsing it."""
    return _HEADER.search(raw, 0, 65536) is not None


def display_path(path: str) -> str:
    """Show a path relative to the working directory when it is below it, with forward slashes."""
    if path == STDIN:
        return "<stdin>"
    try:
        relative = Path(os.path.relpath(path))
    except ValueError:  # pragma: no cover - another drive on Windows
        return Path(path).as_posix()
    return relative.as_posix() if not relative.as_posix().startswith("../") else Path(path).as_posix()
