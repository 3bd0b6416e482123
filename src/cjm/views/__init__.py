"""Renderers: a validated journey as a Graphviz diagram, an HTML page, Mermaid or Markdown.

This module stays light (the CLI imports it to list the formats); the renderers and their
heavy dependencies (graphviz, jinja2) load only when a render runs.
"""

from enum import StrEnum
from typing import Final


class RenderFormat(StrEnum):
    """What `cjm render` produces."""

    HTML = "html"
    SVG = "svg"
    MERMAID = "mermaid"
    MARKDOWN = "markdown"
    DOT = "dot"


EXTENSIONS: Final = {
    RenderFormat.HTML: ".html",
    RenderFormat.SVG: ".svg",
    RenderFormat.MERMAID: ".mmd",
    RenderFormat.MARKDOWN: ".md",
    RenderFormat.DOT: ".dot",
}
"""The file name ending of each format."""


class RenderNoteWarning(UserWarning):
    """What a rendered file could not show as the map wrote it; the message names the map's file and the place."""
