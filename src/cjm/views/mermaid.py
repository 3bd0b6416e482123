"""Mermaid `journey` diagrams, which GitHub and GitLab draw inline in Markdown.

Mermaid's journey syntax has no quoting and no escapes, so every text is made into a form its
lexer can only read as text. The rules come from Mermaid's grammar,
packages/mermaid/src/diagrams/user-journey/parser/journey.jison (case-insensitive, the first
rule that matches wins; tokens start only at a line's first non-space and at ':'):

- `#` anywhere, and `%%` at a statement's start or one character into it, start a comment to the
  end of the line; `;` ends a title, section or task; ':' ends a section or task name and splits
  a task's data into its score and actors, which are then split at ',' (journeyDb.addTask). '%', '#', ';' and ':'
  become look-alikes (％ ＃ ; ꞉), and a comma in an actor a full-width comma (，).
- A line break ends every statement: any run of white space, JavaScript's included (U+FEFF),
  becomes one space.
- A line that starts with `journey`, `title `, `section `, `accTitle:` or `accDescr:` / `accDescr {`
  is that statement, not a task: the task is dropped, the title replaced, the diagram broken,
  or every line up to a '}' taken as a description. A text that starts with one of those words
  (in any case) gets an invisible word joiner (U+2060) in front, which the lexer does not skip
  as white space and no keyword starts with.
- Before parsing, Mermaid reads `%%{...}%%` directives anywhere and decodes `#name;` entities;
  labels are then HTML, where '<' may start markup and '`' a Markdown string. Those characters
  become look-alikes (‹ › ˋ) too, so the text still reads the same.
"""

import re
from typing import Final

from cjm.model import Journey, Persona
from cjm.views.palette import clean_text

_LOOK_ALIKES: Final = str.maketrans(
    {":": "\ua789", ";": "\u037e", "#": "\uff03", "%": "\uff05", "`": "\u02cb", "<": "\u2039", ">": "\u203a"}
)
_SPACES: Final = re.compile(r"[\s\ufeff]+")
"""White space as Python and JavaScript see it: JavaScript's \\s also matches U+FEFF."""
_KEYWORD: Final = re.compile(r"journey|title|section|acc(?:title|descr)", re.IGNORECASE)
"""The words that make a line a statement of their own when it starts with them."""
_WORD_JOINER: Final = "\u2060"


def mermaid_text(text: str) -> str:
    """One line of text that Mermaid's journey syntax reads as text in any place: title, section,
    task or actor."""
    line = _SPACES.sub(" ", clean_text(text).translate(_LOOK_ALIKES)).strip() or "\u2014"
    return _WORD_JOINER + line if _KEYWORD.match(line) else line


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
