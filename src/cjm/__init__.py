"""cjm: customer journey maps as code.

The Python API: `cjm.load(path)` reads one map (`cjm.load(path, cjm.Journey)` for a typed
journey), `cjm.validate(paths)` checks a set of files with their references, `cjm.lint(paths)`
runs the lint rules too, and `cjm.render(paths)` renders the journeys. Heavy modules load only
when these are first used, so `cjm --version` stays quick.
"""

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

if TYPE_CHECKING:
    from cjm.api import lint, load, render, validate
    from cjm.diagnostics import Diagnostic, Severity
    from cjm.model import Journey, Persona, TouchpointCatalog
    from cjm.report import InvalidMapError, Report

_LAZY = {
    "Diagnostic": "cjm.diagnostics",
    "InvalidMapError": "cjm.report",
    "Journey": "cjm.model",
    "Persona": "cjm.model",
    "TouchpointCatalog": "cjm.model",
    "Report": "cjm.report",
    "Severity": "cjm.diagnostics",
    "lint": "cjm.api",
    "load": "cjm.api",
    "render": "cjm.api",
    "validate": "cjm.api",
}
"""Each public name and the module it lives in, imported on first use."""

__all__ = [
    "Diagnostic",
    "InvalidMapError",
    "Journey",
    "Persona",
    "Report",
    "Severity",
    "TouchpointCatalog",
    "__version__",
    "lint",
    "load",
    "render",
    "validate",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cjm' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)
