"""Write files whole or not at all: a temporary file in the same folder, renamed into place."""

import contextlib
import os
import tempfile


def write_atomic(path: str, data: bytes, *, durable: bool = True) -> None:
    """Replace `path` with `data`; on any failure the previous file stays and no temporary file is left.

    `durable` also flushes the data to disk before the rename, so a power cut cannot leave
    an empty file; caches, which are rebuilt when lost, skip that cost.
    """
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
