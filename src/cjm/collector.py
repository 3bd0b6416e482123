"""Python's cyclic garbage collector, paused while cjm builds many objects.

Loading a map builds millions of small objects that never form cycles (node trees, values,
positions) and are freed by reference counting alone. The collector would scan all that is
kept again and again as it grows: three times the parse time of a large file, and as much again
while findings are located and written. A command pauses it for its whole run, which is short;
the library pauses it around loading, for callers that run for long.
"""

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector inside the block, and restore it as it was after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
