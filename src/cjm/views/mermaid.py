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
from typing import TYPE_CHECKING, Final

from cjm.model import Journey, Persona
from cjm.views.palette import clean_text
from cjm.views.words import Words, words_for

if TYPE_CHECKING:
    from cjm.views.context import RenderContext

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


def score(emotion: int) -> int:
    """Map the emotion scale -2..2 onto Mermaid's 1..5."""
    return emotion + 3


_CANNOT_SHOW: Final = ":;#%`<>"
"""The characters `mermaid_text` shows as look-alikes."""


def render_mermaid(
    journey: Journey, personas: list[Persona], notes: list[str] | None = None, words: Words | None = None
) -> str:
    """The journey as Mermaid `journey` source, with an accessible title and description.

    A step without an emotion has no point on Mermaid's curve and is left out, rather than given
    a score it does not have (the description says how many). Where a text holds characters
    Mermaid cannot carry, `notes` gets a sentence naming the text and the characters. What cjm
    adds (the description, the actor of a map without personas) is in `words`' language.
    """
    said = notes if notes is not None else []
    words = words or words_for(journey.language)[0]

    def shown(text: str, where: str) -> str:
        lost = sorted(set(clean_text(text)) & set(_CANNOT_SHOW), key=_CANNOT_SHOW.index)
        if lost:
            listed = " ".join(f"'{character}'" for character in lost)
            said.append(f"{where}: Mermaid cannot show {listed}; they are shown as look-alikes")
        return mermaid_text(text)

    for persona in personas:
        if "," in persona.name:
            said.append(f"persona '{persona.id}': Mermaid splits actors at ','; the name shows a full-width comma")
    actors = ", ".join(mermaid_actor(p.name) for p in personas) or mermaid_actor(words("Customer"))
    without = sum(1 for stage in journey.stages for step in stage.steps if step.emotion is None)
    description = words("How the customer feels at each step, from 1 (very negative) to 5 (very positive).")
    if without:
        description += " " + words.plural(
            "%(count)s step without an emotion is left out.",
            "%(count)s steps without an emotion are left out.",
            without,
        )
    lines = [
        "journey",
        f"    title {shown(journey.title, 'the title')}",
        f"    accTitle: {mermaid_text(journey.title)}",
        f"    accDescr: {mermaid_text(description)}",
    ]
    for stage in journey.stages:
        lines.append(f"    section {shown(stage.name, f'stage {stage.id!r}')}")
        for step in stage.steps:
            if step.emotion is None:
                continue
            marker = "\u2605 " if step.key_moment else ""
            action = shown(step.action, f"step {step.id!r}")
            lines.append(f"      {marker}{action}: {score(step.emotion)}: {actors}")
    return "\n".join(lines) + "\n"


def render_view(context: "RenderContext") -> bytes:
    """The mermaid view."""
    return render_mermaid(context.journey, context.personas, context.notes, context.words).encode("utf-8")
