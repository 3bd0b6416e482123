"""The one palette of every rendered output: emotions, stage types, and the words that go with them.

Colours are chosen for contrast (text on every fill is at least 4.5:1) and are never the
only signal: every emotion also has its number and its word.
"""

import re
from dataclasses import dataclass
from typing import Final

from cjm.model.lifecycle import STAGE_TYPES
from cjm.model.touchpoint import CHANNELS
from cjm.views.words import N_


@dataclass(frozen=True, slots=True)
class EmotionStyle:
    """How one point of the emotion scale looks and reads."""

    word: str
    marker: str
    """Strong colour for markers and borders."""
    fill: str
    """Light colour for backgrounds under dark text."""


EMOTIONS: Final[dict[int, EmotionStyle]] = {
    -2: EmotionStyle(N_("very negative"), "#b71c1c", "#fbd5d2"),
    -1: EmotionStyle(N_("negative"), "#bf360c", "#fde3d3"),
    0: EmotionStyle(N_("neutral"), "#616161", "#eceff1"),
    1: EmotionStyle(N_("positive"), "#4a7a28", "#e3f0d6"),
    2: EmotionStyle(N_("very positive"), "#1b5e20", "#cfe9d0"),
}
NO_EMOTION: Final = EmotionStyle(N_("not recorded"), "#9e9e9e", "#ffffff")

STAGE_COLORS: Final[dict[str, str]] = {
    "awareness": "#1565c0",
    "consideration": "#6a1b9a",
    "purchase": "#00695c",
    "onboarding": "#2e7d32",
    "experience": "#2e7d32",
    "support": "#ad1457",
    "retention": "#b45309",
    "loyalty": "#bf4b00",
    "reactivation": "#4527a0",
    "advocacy": "#c62828",
    "other": "#455a64",
}
"""Stage header colours; white text on each has a contrast of at least 4.5:1."""

STATUS_LABELS: Final[dict[str, str]] = {"current-state": N_("Current state"), "future-state": N_("Future state")}
"""How a map's status reads on every page (translated where shown)."""

STAGE_TYPE_LABELS: Final[dict[str, str]] = {
    "awareness": N_("Awareness"),
    "consideration": N_("Consideration"),
    "purchase": N_("Purchase"),
    "onboarding": N_("Onboarding"),
    "experience": N_("Experience"),
    "support": N_("Support"),
    "retention": N_("Retention"),
    "loyalty": N_("Loyalty"),
    "reactivation": N_("Reactivation"),
    "advocacy": N_("Advocacy"),
    "other": N_("Other"),
}
"""How each stage type is named on a page (translated where shown, like every label here)."""

CHANNEL_LABELS: Final[dict[str, str]] = {
    "website": N_("Website"),
    "search": N_("Search"),
    "social": N_("Social"),
    "ads": N_("Ads"),
    "email": N_("E-mail"),
    "sms": N_("SMS"),
    "messenger": N_("Messenger"),
    "phone": N_("Phone"),
    "chat": N_("Chat"),
    "in-person": N_("In person"),
    "store": N_("Store"),
    "app": N_("App"),
    "support": N_("Support"),
    "reviews": N_("Reviews"),
    "partner": N_("Partner"),
    "print": N_("Print"),
    "event": N_("Event"),
    "mail": N_("Mail"),
    "other": N_("Other"),
}
"""Short names of the channels, as chips and diagram labels show them."""

EVIDENCE_LABELS: Final[dict[str, str]] = {
    "survey": N_("Survey"),
    "interview": N_("Interview"),
    "crm": N_("CRM"),
    "analytics": N_("Analytics"),
    "support-tickets": N_("Support tickets"),
    "usability-test": N_("Usability test"),
    "reviews": N_("Reviews"),
    "social-listening": N_("Social listening"),
    "sales-data": N_("Sales data"),
    "observation": N_("Observation"),
    "other": N_("Other"),
}
"""How each type of evidence is named on a page."""

_COVERED = set(CHANNEL_LABELS) == set(CHANNELS) and set(STAGE_COLORS) == set(STAGE_TYPE_LABELS) == set(STAGE_TYPES)
if not _COVERED:  # pragma: no cover
    raise RuntimeError("the palette does not cover every channel and stage type")

FONT_STACK: Final = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif'
DIAGRAM_FONT: Final = "DejaVu Sans"
"""A font with Cyrillic and Polish glyphs that Graphviz finds on Linux (fonts-dejavu-core)."""


def emotion_style(emotion: int | None) -> EmotionStyle:
    """The style of an emotion value, or of a missing one."""
    return NO_EMOTION if emotion is None else EMOTIONS[emotion]


def signed(emotion: int) -> str:
    """An emotion as a signed number: +2, 0, −1 (with a true minus sign)."""
    return f"+{emotion}" if emotion > 0 else ("0" if emotion == 0 else f"\u2212{-emotion}")


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Replace characters no XML or HTML document may hold with U+FFFD: control characters (C1 too,
    which HTML forbids and a terminal showing a rendered file would act on) and lone surrogates."""
    return _NOT_XML.sub("\ufffd", text)
