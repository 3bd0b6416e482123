"""Read the files a run checks: each one once, from disk or standard input, before any parsing."""

import os
import stat
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from cjm.diagnostics import FILE_UNREADABLE, Diagnostic, diagnostic
from cjm.discovery import STDIN, display_path, find_files, is_cjm_file
from cjm.loader import DEFAULT_LIMITS, too_large


@dataclass(frozen=True, slots=True)
class Source:
    """One file's bytes and the name it is shown under, or why it could not be read."""

    shown: str
    path: str | None
    """The file on disk (None for standard input)."""
    raw: bytes | None
    problem: Diagnostic | None = None


def read_file(path: str, shown: str, max_bytes: int = DEFAULT_LIMITS.max_bytes) -> bytes | Diagnostic:
    """The bytes of a regular file, or a diagnostic saying why they cannot be read.

    Only a regular file is opened: a named pipe or a terminal would make cjm wait for ever,
    and opening a device can have effects of its own. The file is opened without waiting
    (in case it was replaced by a pipe since), checked again once open, and read to at most
    one byte more than the limit, so a huge file is refused after reading no more than that.
    """
    try:
        kind = os.stat(path).st_mode
        if not stat.S_ISREG(kind):
            return _not_a_file(kind, shown)
        descriptor = os.open(path, os.O_RDONLY | _NO_WAITING)
        with open(descriptor, "rb") as stream:
            kind = os.fstat(descriptor).st_mode
            if not stat.S_ISREG(kind):
                return _not_a_file(kind, shown)
            raw = stream.read(max_bytes + 1)
        if len(raw) > max_bytes:
            return too_large(shown, len(raw), max_bytes)
        return raw
    except OSError as error:
        reason = error.strerror or str(error)
        return diagnostic(
            FILE_UNREADABLE, f"cannot read the file: {reason.lower()}", shown, 1, 1, hint=_unreadable_hint(error)
        )


_NO_WAITING: Final = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
"""Open flags that keep a pipe or a terminal from blocking, or from becoming cjm's terminal."""


def _not_a_file(kind: int, shown: str) -> Diagnostic:
    if stat.S_ISDIR(kind):
        return diagnostic(
            FILE_UNREADABLE,
            "this is a directory, not a file",
            shown,
            1,
            1,
            hint="give the path of one map file; `cjm validate` on a directory checks every map in it",
        )
    what = next((words for test, words in _SPECIAL_FILES if test(kind)), "")
    return diagnostic(
        FILE_UNREADABLE,
        f"this is {what}, not a file" if what else "this is not a regular file",
        shown,
        1,
        1,
        hint="give cjm the map's file itself; to check what a pipe sends, pass '-' and send it to standard input",
    )


_SPECIAL_FILES: Final = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device, such as a terminal"),
    (stat.S_ISBLK, "a block device, such as a disk"),
    (stat.S_ISSOCK, "a socket"),
)


def _unreadable_hint(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "give yourself permission to read the file (for example `chmod u+r` on it), or leave it out"
    if isinstance(error, FileNotFoundError):
        return "check the file's name and path; it may have been moved or deleted"
    return "check that the file exists, is a regular file and can be opened"


@dataclass(frozen=True, slots=True)
class Found:
    """What the paths of a run hold: the files to check, and the YAML files passed over as not cjm files."""

    sources: list[Source]
    skipped: list[str]


def read_sources(
    paths: Sequence[str],
    *,
    stdin: bytes | None = None,
    stdin_name: str | None = None,
    skip_other_yaml: bool = False,
    max_bytes: int = DEFAULT_LIMITS.max_bytes,
) -> Found:
    """Read every file the paths name: files given by name whatever they hold (unless
    `skip_other_yaml`), files found in folders only if they are cjm files or try to be.

    Raises discovery.UsageError for a path that does not exist.
    """
    sources: list[Source] = []
    skipped: list[str] = []
    for candidate in find_files(paths):
        if candidate.path == STDIN:
            shown = display_path(stdin_name) if stdin_name else display_path(STDIN)
            raw_input = stdin if stdin is not None else sys.stdin.buffer.read(max_bytes + 1)
            if len(raw_input) > max_bytes:
                sources.append(Source(shown, None, None, too_large(shown, len(raw_input), max_bytes)))
            else:
                sources.append(Source(shown, None, raw_input))
            continue
        shown = display_path(candidate.path)
        raw = read_file(candidate.path, shown, max_bytes)
        if isinstance(raw, Diagnostic):
            sources.append(Source(shown, candidate.path, None, raw))
        elif (candidate.explicit and not skip_other_yaml) or is_cjm_file(raw):
            sources.append(Source(shown, candidate.path, raw))
        else:
            skipped.append(shown)
    return Found(sources, skipped)
