"""cjm: customer journey maps as code.

The Python API: `cjm.load(path)` reads one map, `cjm.validate(paths)` checks a set of
files with their references. Heavy modules load only when these are first used, so
`cjm --version` stays quick.
"""

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from cjm.api import InvalidMapError, Report, load, validate

__all__ = ["InvalidMapError", "Report", "__version__", "load", "validate"]


def __getattr__(name: str) -> Any:
    if name in ("InvalidMapError", "Report", "load", "validate"):
        from cjm import api

        return getattr(api, name)
    raise AttributeError(f"module 'cjm' has no attribute {name!r}")
