"""What a view's render function gets: one journey and everything needed to show it."""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cjm.config import DiagramLimits
    from cjm.model import Journey, Persona, Touchpoint
    from cjm.references import Index
    from cjm.views.words import Words


@dataclass(slots=True)
class RenderContext:
    """One journey to render, resolved: its touchpoints and personas, the words cjm adds in the
    page's language, the bounds on laying out a diagram, and where to say what a view left out."""

    journey: "Journey"
    index: "Index"
    touchpoints: "dict[str, Touchpoint]"
    personas: "list[Persona]"
    words: "Words"
    limits: "DiagramLimits"
    notes: list[str] = field(default_factory=list)
    """What the view could not carry as written (Mermaid's look-alikes), to tell the user."""
    left_out: str | None = None
    """Why the page's diagram is not drawn: the page is rendered without it (a page view only)."""
