"""The project around a run's files: where its other cjm files live, and those files as one run reads them.

References resolve across the whole project, so a run's result depends on files it was not
given: the personas and catalogues its journeys refer to, the journeys that use its personas
and catalogues, any file that defines one of its ids again, and the absence of every file
that is not there. `ProjectFiles` finds each file's project root, lists each folder and reads
each file once per run, and remembers it all: the run computes its result from exactly what
it remembers, and the run cache keys that result by exactly the same (`fingerprint`).
"""

import hashlib
import os
from collections.abc import Iterable, Iterator
from typing import Final

from cjm.diagnostics import Diagnostic
from cjm.discovery import STDIN, display_path, is_cjm_file, walk_yaml
from cjm.sources import read_file

_STDIN_SHOWN: Final = display_path(STDIN)


class ProjectFiles:
    """The project's folders and files as one run sees them, each looked at once.

    After `seal`, whatever the run looks at that was not looked at before makes the run
    `complete` no more: its result then depends on more than the fingerprint names.
    """

    def __init__(self, *, max_bytes: int, stdin_name: str | None = None) -> None:
        self.here = os.getcwd()
        self.max_bytes = max_bytes
        self.stdin_name = stdin_name
        self.complete = True
        self._sealed = False
        self._roots: dict[str, str | None] = {}
        self._listings: dict[str, list[str]] = {}
        self._real: dict[str, str] = {}
        self._contents: dict[str, bytes | str] = {}  # a cjm file's bytes, else what stands for them
        self._folder_roots: dict[str, str | None] = {}  # a thousand files in one folder: one walk up
        self._real_folders: dict[str, str] = {}

    def default_project(self, shown: Iterable[str]) -> list[str]:
        """Where the project's files live when no configuration says, for files shown under these names:
        the git work tree of each file, else the current folder when the file is inside it, else the
        file's own folder; folders inside another are left out."""
        roots = {root for name in shown if (root := self.root(name)) is not None}
        return [root for root in sorted(roots) if not any(_inside(root, other) for other in roots if other != root)]

    def root(self, shown: str) -> str | None:
        """The project root of the file shown as `shown` (None for standard input without a name)."""
        if shown not in self._roots:
            self._looked()
            self._roots[shown] = self._find_root(shown)
        return self._roots[shown]

    def listing(self, folder: str) -> list[str]:
        """The YAML files below `folder` (see discovery.walk_yaml)."""
        if folder not in self._listings:
            self._looked()
            self._listings[folder] = list(walk_yaml(folder))
        return self._listings[folder]

    def real(self, path: str) -> str:
        """The real path of `path`, symlinks resolved (as os.path.realpath; each folder resolved once)."""
        if path not in self._real:
            self._looked()
            folder, name = os.path.split(path)
            if name in ("", ".", "..") or os.path.islink(path):
                self._real[path] = os.path.realpath(path)
            else:
                if folder not in self._real_folders:
                    self._real_folders[folder] = os.path.realpath(folder or os.curdir)
                self._real[path] = os.path.join(self._real_folders[folder], name)
        return self._real[path]

    def read_cjm(self, path: str) -> bytes | None:
        """A project file's bytes when it is a cjm file (see discovery.is_cjm_file); None for any other file,
        and for one that cannot be read. Only a cjm file's bytes are kept; of another, a digest."""
        if path not in self._contents:
            self._looked()
            raw = read_file(path, path, self.max_bytes)
            if isinstance(raw, Diagnostic):
                self._contents[path] = "unreadable"
            else:
                self._contents[path] = raw if is_cjm_file(raw) else "other " + hashlib.sha256(raw).hexdigest()
        content = self._contents[path]
        return content if isinstance(content, bytes) else None

    def cjm_files(self) -> Iterator[tuple[str, bytes]]:
        """Every cjm file read so far, by path, with its bytes."""
        return ((path, raw) for path, raw in self._contents.items() if isinstance(raw, bytes))

    def read_all(self, folders: Iterable[str], given: set[str]) -> None:
        """Look at everything a run in these folders may read: every YAML file, but those given (by real path)."""
        for folder in folders:
            for path in self.listing(folder):
                if self.real(path) not in given:
                    self.read_cjm(path)

    def seal(self) -> None:
        """From now on, anything new the run looks at makes it incomplete."""
        self._sealed = True

    def fingerprint(self, given: set[str]) -> Iterator[str]:
        """Everything looked at so far, as key parts: roots, folder listings, real paths and contents
        (the files given, by real path, stand for themselves: their own keys name them)."""
        yield f"here\0{self.here}\0stdin\0{self.stdin_name}"
        for shown, root in sorted(self._roots.items()):
            yield f"root\0{shown}\0{root}"
        for folder, paths in sorted(self._listings.items()):
            yield f"folder\0{folder}\0{len(paths)}"
            for path in paths:
                real = self.real(path)
                content = self._contents.get(path, "unread")
                if real in given:
                    content = "given"
                elif isinstance(content, bytes):
                    content = "cjm " + hashlib.sha256(content).hexdigest()
                yield f"{path}\0{real}\0{content}"

    def _looked(self) -> None:
        if self._sealed:
            self.complete = False

    def _find_root(self, shown: str) -> str | None:
        name = self.stdin_name if shown == _STDIN_SHOWN else shown
        if not name or name == _STDIN_SHOWN:
            return None
        folder = os.path.dirname(os.path.abspath(name))
        if folder not in self._folder_roots:
            root = _work_tree(folder)
            if root is None:
                root = self.here if os.path.commonpath([self.here, folder]) == self.here else folder
            self._folder_roots[folder] = root
        return self._folder_roots[folder]


def _work_tree(folder: str) -> str | None:
    """The top folder of the git work tree that holds `folder`, if any."""
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _inside(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder
