"""The process exit codes of every cjm command, in one place."""

from typing import Final

OK: Final = 0
"""Nothing to report."""
FINDINGS: Final = 1
"""Problems were found in the input."""
USAGE: Final = 2
"""A usage or configuration error: no such path, bad option, missing Graphviz, internal error."""
INTERRUPTED: Final = 130
"""Stopped by Ctrl-C."""
TERMINATED: Final = 143
"""Stopped by SIGTERM (128 + 15), after cleaning up."""
