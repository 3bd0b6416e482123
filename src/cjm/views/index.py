"""The index page of a rendered folder: every map with what a reader wants before opening it.

For each journey: its title (in its own language, marked with `lang`), status, personas,
language, last review, number of stages, what `cjm lint` found in it, a small emotion
sparkline, and links to every format rendered beside it in the same run.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from markupsafe import Markup

from cjm.model import Journey
from cjm.views import VIEWS, RenderFormat
from cjm.views.palette import FONT_STACK, emotion_style, signed
from cjm.views.words import Words

_SPARK_WIDTH: Final = 160
_SPARK_HEIGHT: Final = 28
_SPARK_PAD: Final = 3


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One journey on the index page."""

    journey: Journey
    files: list[tuple[RenderFormat, str]]
    """The formats rendered for it, each with its file name, the page first."""
    personas: list[str]
    """The names of the personas it follows."""
    errors: int
    warnings: int
    """What linting its file found."""


@dataclass(frozen=True, slots=True)
class _Shown:
    entry: IndexEntry
    language: str
    page: str
    others: list[tuple[str, str]]
    sparkline: Markup
    last_reviewed: str


def render_index(entries: Sequence[IndexEntry], words: Words) -> str:
    """The index page, its own words in `words`' language."""
    from cjm.views.html import environment

    shown = [
        _Shown(
            entry,
            _language_name(entry.journey.language, words),
            next(name for output_format, name in entry.files if VIEWS[output_format].page),
            [(words(VIEWS[f].label), name) for f, name in entry.files if not VIEWS[f].page],
            sparkline(entry.journey, words),
            words.date(entry.journey.last_reviewed) if entry.journey.last_reviewed else "",
        )
        for entry in entries
    ]
    template = environment().get_template("index.html.j2")
    return str(
        template.render(
            entries=shown,
            language=words.language,
            font_stack=FONT_STACK,
            _=words,
            ngettext=words.plural,
            number=words.number,
        )
    )


def _language_name(tag: str | None, words: Words) -> str:
    """A map's language named in the index's language ("Russian", "русский"), or its tag where CLDR
    does not know it."""
    if tag is None:
        return ""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(tag, sep="-").get_display_name(words.locale)
    except (UnknownLocaleError, ValueError):
        return tag
    return name or tag


def sparkline(journey: Journey, words: Words) -> Markup:
    """The emotion of every step as a small line, broken where a step has no emotion, with a text
    alternative that lists the scores."""
    emotions = [step.emotion for stage in journey.stages for step in stage.steps]
    if not any(emotion is not None for emotion in emotions):
        return Markup("")
    step = (_SPARK_WIDTH - 2 * _SPARK_PAD) / max(len(emotions) - 1, 1)
    path: list[str] = []
    marks: list[str] = []
    pen_down = False
    for n, emotion in enumerate(emotions):
        if emotion is None:
            pen_down = False
            continue
        x = _SPARK_PAD + n * step if len(emotions) > 1 else _SPARK_WIDTH / 2
        y = _SPARK_PAD + (2 - emotion) * (_SPARK_HEIGHT - 2 * _SPARK_PAD) / 4
        path.append(f"{'L' if pen_down else 'M'}{x:.1f} {y:.1f}")
        marks.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2" fill="{emotion_style(emotion).marker}"/>')
        pen_down = True
    scores = ", ".join(signed(emotion) if emotion is not None else "\u2014" for emotion in emotions)
    title, description = Markup.escape(words("Emotion at each step")), Markup.escape(scores)
    zero = _SPARK_HEIGHT / 2
    return Markup(
        f'<svg class="spark" viewBox="0 0 {_SPARK_WIDTH} {_SPARK_HEIGHT}" width="{_SPARK_WIDTH}" '
        f'height="{_SPARK_HEIGHT}" role="img" aria-label="{title}: {description}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{title}</title><desc>{description}</desc>'
        f'<line x1="0" y1="{zero:.1f}" x2="{_SPARK_WIDTH}" y2="{zero:.1f}" stroke="#bcccdc" stroke-dasharray="2 2"/>'
        f'<path d="{" ".join(path)}" fill="none" stroke="#486581" stroke-width="1.5"/>'
        f"{''.join(marks)}</svg>"
    )
