"""Folders and files reached without following a symlink: what the cache reads, writes and deletes.

A folder is held open by descriptor where the platform allows (POSIX): every name below it is
opened relative to that descriptor without following a symlink, so no symlink anywhere in a
tree (committed to a repository, or planted later) can lead out of it, and a file is read only
when it is a regular file, never more than a given size of it, and without blocking on a pipe.
Where descriptors cannot be used so (Windows), each name is checked with lstat before use.
"""

import contextlib
import os
import stat
import weakref
from dataclasses import dataclass
from typing import Final

_BINARY: Final = getattr(os, "O_BINARY", 0)
_NOFOLLOW: Final = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)
_DIRECTORY: Final = getattr(os, "O_DIRECTORY", 0)
_BY_DESCRIPTOR: Final = (
    {os.open, os.mkdir, os.rename, os.unlink, os.link} <= os.supports_dir_fd
    and os.scandir in os.supports_fd
    and bool(_NOFOLLOW and _DIRECTORY)
)
"""Whether folders are held open and walked by descriptor (POSIX), else checked with lstat (Windows)."""


class NotAFolderError(Exception):
    """A folder on the way is a symlink, is something else than a folder, or cannot be opened."""


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Folder:
    """A real folder (never a symlink), held open by descriptor where the platform allows; closed when dropped."""

    path: str
    fd: int | None

    def __post_init__(self) -> None:
        if self.fd is not None:
            weakref.finalize(self, os.close, self.fd)

    @classmethod
    def open(cls, path: str, *, create: bool) -> "Folder | None":
        """The folder at `path` (its parents are the user's to choose), or None when it does not exist."""
        if create:
            os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
            with contextlib.suppress(FileExistsError):
                os.mkdir(path, 0o700)
        return cls._opened(path, path, None)

    def child(self, name: str, *, create: bool) -> "Folder | None":
        """A subfolder, made when asked for; None when it does not exist."""
        where, fd = self._at(name)
        if create:
            with contextlib.suppress(FileExistsError):
                os.mkdir(where, 0o700, dir_fd=fd)
        return self._opened(os.path.join(self.path, name), where, fd)

    @classmethod
    def _opened(cls, path: str, where: str, fd: int | None) -> "Folder | None":
        try:
            if _BY_DESCRIPTOR:
                return cls(path, os.open(where, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=fd))
            status = os.lstat(where)
        except FileNotFoundError:
            return None
        except OSError as error:
            raise NotAFolderError(path) from error
        if not stat.S_ISDIR(status.st_mode) or _is_link(status):
            raise NotAFolderError(path)
        return cls(path, None)

    def read(self, name: str, limit: int, *, private: bool = False) -> bytes | None:
        """A regular file's bytes, if it holds at most `limit`; `private`: only one this user alone can use."""
        where, fd = self._at(name)
        try:
            if fd is None and _is_link(os.lstat(where)):
                return None
            handle = os.open(where, os.O_RDONLY | _BINARY | _NOFOLLOW | _NONBLOCK, dir_fd=fd)
        except OSError:
            return None
        try:
            status = os.fstat(handle)
            if not stat.S_ISREG(status.st_mode) or status.st_size > limit:
                return None
            if private and hasattr(os, "geteuid") and (status.st_uid != os.geteuid() or status.st_mode & 0o077):
                return None
            chunks = []
            left = limit + 1
            while left > 0:
                chunk = os.read(handle, min(left, 1 << 20))
                if not chunk:
                    break
                chunks.append(chunk)
                left -= len(chunk)
        except OSError:
            return None
        finally:
            os.close(handle)
        return None if left <= 0 else b"".join(chunks)

    def write(self, name: str, data: bytes) -> None:
        """Replace the entry `name` with `data`: a new file of its own, renamed over it."""
        temporary = self._new_file(data)
        try:
            if self.fd is not None:
                os.rename(temporary, name, src_dir_fd=self.fd, dst_dir_fd=self.fd)
            else:
                os.replace(os.path.join(self.path, temporary), os.path.join(self.path, name))
        except OSError:
            self._discard(temporary)
            raise

    def create_once(self, name: str, data: bytes) -> None:
        """Make the file `name` holding `data`, whole, unless it exists already (then leave it as it is)."""
        temporary = self._new_file(data)
        try:
            if self.fd is not None:
                os.link(temporary, name, src_dir_fd=self.fd, dst_dir_fd=self.fd, follow_symlinks=False)
            else:
                os.link(os.path.join(self.path, temporary), os.path.join(self.path, name))
        except FileExistsError:
            pass
        finally:
            self._discard(temporary)

    def files(self) -> list[tuple[int, str]]:
        """The regular files in the folder (no symlinks), with their modification times."""
        found = []
        with os.scandir(self.fd if self.fd is not None else self.path) as entries:
            for entry in entries:
                if entry.is_file(follow_symlinks=False):
                    found.append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.name))
        return found

    def unlink(self, name: str) -> None:
        """Delete the file `name` (a symlink by that name is deleted, never what it points to)."""
        where, fd = self._at(name)
        os.unlink(where, dir_fd=fd)

    def _new_file(self, data: bytes) -> str:
        """A new file with `data`, readable by its owner alone, under a name of its own; returns the name."""
        name = f".{os.urandom(8).hex()}.tmp"
        where, fd = self._at(name)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY | _NOFOLLOW
        handle = os.open(where, flags, 0o600, dir_fd=fd)
        try:
            left = memoryview(data)
            while left:
                left = left[os.write(handle, left) :]
        except OSError:
            self._discard(name)
            raise
        finally:
            os.close(handle)
        return name

    def _discard(self, name: str) -> None:
        with contextlib.suppress(OSError):
            self.unlink(name)

    def _at(self, name: str) -> tuple[str, int | None]:
        """How to name `name` to the os functions: relative to the descriptor, or as a path."""
        return (name, self.fd) if self.fd is not None else (os.path.join(self.path, name), None)


def _is_link(status: os.stat_result) -> bool:
    """A symlink, or on Windows any reparse point (a junction too)."""
    reparse = getattr(stat, "FILE_ATTRIBUTE_REPARSE_POINT", 0)
    return stat.S_ISLNK(status.st_mode) or bool(getattr(status, "st_file_attributes", 0) & reparse)
