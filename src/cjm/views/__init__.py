"""The views cjm renders a journey in, from one registry.

Each view declares its name (what `cjm render --format` takes), its file's extension, how the
index page names it, its help, whether it needs Graphviz, and one render function that takes a
`RenderContext` (`cjm.views.context`) and returns the file's bytes. The command line's choices
and help, the file names, the index's links and the dispatch all come from here. Adding a view
touches its entry below, its module and its template.

This module stays light (the CLI imports it to list the views); a view's module and its heavy
dependencies (graphviz, jinja2) load only when it renders.
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Final

from cjm.views.words import N_

if TYPE_CHECKING:
    from cjm.views.context import RenderContext


class RenderFormat(StrEnum):
    """What `cjm render` produces: one member per view in VIEWS."""

    HTML = "html"
    SVG = "svg"
    MERMAID = "mermaid"
    MARKDOWN = "markdown"
    DOT = "dot"
    BLUEPRINT = "blueprint"
    BLUEPRINT_SVG = "blueprint-svg"


@dataclass(frozen=True, slots=True)
class View:
    """One way of showing a journey, as one file per journey."""

    format: RenderFormat
    extension: str
    label: str
    """How the index page names the file (translated where shown)."""
    help: str
    renderer: str
    """`module:function`, called with a RenderContext, imported when the view renders."""
    needs_graphviz: bool = False
    page: bool = False
    """The journey's own page: the index links its title to it, and without a diagram it is still
    rendered (saying why the diagram is missing) rather than left out."""

    def render(self) -> "Callable[[RenderContext], bytes]":
        module, _, function = self.renderer.partition(":")
        found: Callable[[RenderContext], bytes] = getattr(importlib.import_module(module), function)
        return found


VIEWS: Final[dict[RenderFormat, View]] = {
    view.format: view
    for view in (
        View(
            RenderFormat.HTML,
            ".html",
            N_("Journey map"),
            "the journey map page",
            "cjm.views.html:render_page",
            needs_graphviz=True,
            page=True,
        ),
        View(
            RenderFormat.SVG,
            ".svg",
            N_("Flow diagram (SVG)"),
            "the flow diagram",
            "cjm.views.svg:render_flow",
            needs_graphviz=True,
        ),
        View(RenderFormat.MERMAID, ".mmd", N_("Mermaid"), "Mermaid journey text", "cjm.views.mermaid:render_view"),
        View(
            RenderFormat.MARKDOWN,
            ".md",
            N_("Markdown"),
            "a docs page with the Mermaid block and tables",
            "cjm.views.markdown:render_view",
        ),
        View(RenderFormat.DOT, ".dot", N_("Graphviz DOT"), "the Graphviz source", "cjm.views.dot:render_view"),
        View(
            RenderFormat.BLUEPRINT,
            ".blueprint.html",
            N_("Service blueprint"),
            "the service blueprint page",
            "cjm.views.blueprint:render_blueprint",
        ),
        View(
            RenderFormat.BLUEPRINT_SVG,
            ".blueprint.svg",
            N_("Service blueprint (SVG)"),
            "the service blueprint as an SVG diagram",
            "cjm.views.blueprint:render_blueprint_svg",
            needs_graphviz=True,
        ),
    )
}
"""Every view, by the name `--format` takes."""

if set(VIEWS) != set(RenderFormat):  # pragma: no cover - import-time guard
    raise RuntimeError("RenderFormat and VIEWS disagree")

EXTENSIONS: Final = {name: view.extension for name, view in VIEWS.items()}
"""The file name ending of each view."""


def views_help() -> str:
    """The views, for the command line's help: `html: the journey map page; ...`."""
    return "; ".join(f"{view.format}: {view.help}" for view in VIEWS.values())


class RenderNoteWarning(UserWarning):
    """What a rendered file could not show as the map wrote it; the message names the map's file and the place."""
