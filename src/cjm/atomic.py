"""Write files whole or not at all: a temporary file in the same folder, renamed into place."""

import contextlib
import errno
import os
import stat
import tempfile


def write_atomic(path: str, data: bytes, *, durable: bool = True) -> None:
    """Replace `path` with `data`; on any failure the previous file stays and no temporary file is left.

    `durable` also flushes the data to disk before the rename, so a power cut cannot leave
    an empty file; caches, which are rebuilt when lost, skip that cost. A device, a named pipe or
    a socket at `path` is never replaced: that raises OSError (EEXIST) and writes nothing.
    """
    _refuse_special(path)
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(dir=folder, prefix="." + os.path.basename(path) + ".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _refuse_special(path: str) -> None:
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        raise OSError(errno.EEXIST, "not a regular file, so it is not replaced", path)
