"""Mermaid `journey` diagrams, which GitHub and GitLab draw inline in Markdown.

Mermaid's journey syntax gives ':' and ';' meanings and has no escaping, '#' starts an
entity and '<' may start markup; such characters in user text are replaced with look-alikes
(꞉ ; ＃ ‹ ›) so the diagram stays whole and the text still reads the same. A comma separates a
task's actors, so one in a persona's name becomes a full-width comma (，).
"""

import re

from cjm.model import Journey, Persona
from cjm.views.palette import clean_text

_LOOK_ALIKES = str.maketrans(
    {":": "\ua789", ";": "\u037e", "#": "\uff03", "%": "\uff05", "`": "\u02cb", "<": "\u2039", ">": "\u203a"}
)
_SPACES = re.compile(r"\s+")


def mermaid_text(text: str) -> str:
    """One line of text that cannot break Mermaid's journey syntax."""
    return _SPACES.sub(" ", clean_text(text).translate(_LOOK_ALIKES)).strip() or "\u2014"


def mermaid_actor(name: str) -> str:
    """A persona's name as one of a task's actors: Mermaid splits actors at commas ("Anna, the busy
    parent" would be two), so a comma in the name becomes a full-width look-alike."""
    return mermaid_text(name).replace(",", "\uff0c")


def score(emotion: int | None) -> int:
    """Map the emotion scale -2..2 onto Mermaid's 1..5; a step without emotion is neutral (3)."""
    return 3 if emotion is None else emotion + 3


def render_mermaid(journey: Journey, personas: list[Persona]) -> str:
    """The journey as Mermaid `journey` source."""
    actors = ", ".join(mermaid_actor(p.name) for p in personas) or "Customer"
    lines = ["journey", f"    title {mermaid_text(journey.title)}"]
    for stage in journey.stages:
        lines.append(f"    section {mermaid_text(stage.name)}")
        for step in stage.steps:
            marker = "\u2605 " if step.key_moment else ""
            lines.append(f"      {marker}{mermaid_text(step.action)}: {score(step.emotion)}: {actors}")
    return "\n".join(lines) + "\n"
