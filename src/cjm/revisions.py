"""Journey files as they were at a git revision, read from git's object store: no checkout, no
change to the working tree or the index, no hook, filter or textconv run.

`git ls-tree` lists the YAML files under the paths at the revision and `git cat-file --batch`
reads them all in one process (what `git show REV:PATH` prints, without a process per file).
"""

import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass

from cjm.discovery import UsageError, display_path, is_cjm_file
from cjm.loader import too_large
from cjm.sources import Source

_SYMLINK = "120000"


@dataclass(frozen=True, slots=True)
class Sides:
    """What `--rev` compares: the old revision, and the new one (None: the working tree)."""

    old: str
    new: str | None


def parse_range(text: str) -> Sides:
    """`REV` (against the working tree), `A..B` (two revisions) or `A...B` (B against the commit where
    it left A, as a pull request is reviewed). An empty end is HEAD, as in git."""
    if not text.strip():
        raise UsageError("--rev needs a revision: REV, A..B or A...B")
    if "..." in text:
        base, _, tip = text.partition("...")
        return Sides(merge_base(base or "HEAD", tip or "HEAD"), tip or "HEAD")
    if ".." in text:
        old, _, new = text.partition("..")
        return Sides(old or "HEAD", new or "HEAD")
    return Sides(text, None)


def _git(*args: str, stdin: bytes | None = None) -> bytes:
    git = shutil.which("git")
    if git is None:
        raise UsageError("--rev reads revisions with git, which is not installed (or not on PATH)")
    try:
        done = subprocess.run([git, *args], input=stdin, capture_output=True, check=False)
    except OSError as error:
        raise UsageError(f"could not run git: {error.strerror}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {args[0]}: {message[0] if message else f'exit status {done.returncode}'}")
    return done.stdout


def _in_repository() -> None:
    try:
        _git("rev-parse", "--git-dir")
    except UsageError:
        raise UsageError("--rev reads revisions from git, and the current folder is not in a git repository") from None


def merge_base(a: str, b: str) -> str:
    """The commit where `b`'s history left `a`'s."""
    _in_repository()
    _commit(a)
    _commit(b)
    return _git("merge-base", a, b).decode().strip()


def _commit(revision: str) -> str:
    if revision.startswith("-"):
        raise UsageError(f"not a revision: {revision!r}")
    found = _git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    return found.decode().strip()


def read_revision(revision: str, paths: Sequence[str], max_bytes: int) -> list[Source]:
    """The cjm files under `paths` (relative to the current folder) as they are at `revision`, each
    shown as `REVISION:path`. A YAML file that is not a cjm file is passed over, as in a folder."""
    _in_repository()
    try:
        _commit(revision)
    except UsageError:
        raise UsageError(f"unknown revision {revision!r}: git knows no commit by that name here") from None
    prefix = _git("rev-parse", "--show-prefix").decode().rstrip("\n")
    listing = _git("ls-tree", "-r", "-z", "-l", "--full-name", revision, "--", *paths)
    wanted: list[tuple[str, str, int]] = []
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        mode, kind, obj, length = meta.decode().split()
        path = os.fsdecode(name)
        if kind == "blob" and mode != _SYMLINK and path.lower().endswith((".yaml", ".yml")):
            wanted.append((path, obj, int(length)))
    sources: list[Source] = []
    small = [(path, obj) for path, obj, size in wanted if size <= max_bytes]
    for path, _, size in wanted:
        if size > max_bytes:
            shown = _shown(revision, prefix, path)
            sources.append(Source(shown, None, None, too_large(shown, size, max_bytes)))
    blobs = _blobs([obj for _, obj in small])
    for (path, _), raw in zip(small, blobs, strict=True):
        if is_cjm_file(raw):
            sources.append(Source(_shown(revision, prefix, path), None, raw))
    return sorted(sources, key=lambda source: source.shown)


def _shown(revision: str, prefix: str, path: str) -> str:
    """`REVISION:path`, the path as the working tree's files are shown (from the current folder)."""
    return f"{revision}:{display_path(os.path.relpath(path, prefix or os.curdir))}"


def _blobs(objects: Sequence[str]) -> list[bytes]:
    """The contents of the blobs, in order, from one `git cat-file --batch`."""
    if not objects:
        return []
    out = _git("cat-file", "--batch", stdin="".join(f"{obj}\n" for obj in objects).encode())
    blobs, at = [], 0
    for _ in objects:
        end = out.index(b"\n", at)
        size = int(out[at:end].split()[2])
        blobs.append(out[end + 1 : end + 1 + size])
        at = end + 1 + size + 1
    return blobs
