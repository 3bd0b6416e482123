"""Value types shared by every kind: ids, text, links, dates, emotions, numbers.

Each type checks its value with a message a marketer understands, and keeps the
constraint that the JSON Schema publishes, so editors and `cjm validate` agree.
"""

import math
import re
from typing import Annotated, Any, Final

from pydantic import BeforeValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

SLUG_PATTERN: Final = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
LINK_PATTERN: Final = r"^(?:https?://[^\s/?#]+[^\s]*|mailto:[^\s@]+@[^\s@]+)$"
DATE_PATTERN: Final = r"^[0-9]{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?$"
LANGUAGE_PATTERN: Final = r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"
EMOTION_MIN: Final = -2
EMOTION_MAX: Final = 2

_SLUG = re.compile(SLUG_PATTERN)
_LINK = re.compile(LINK_PATTERN)
_DATE = re.compile(DATE_PATTERN)
_LANGUAGE = re.compile(LANGUAGE_PATTERN)


def describe_value(value: object) -> str:
    """Say what a YAML value is, the way a message quotes it: 'text', the number 3, a list."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return repr(shown)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _pattern_check(regex: re.Pattern[str], error: str, expected: str) -> Any:
    def check(value: object) -> object:
        if isinstance(value, str) and not regex.match(value):
            raise PydanticCustomError(error, expected + ", got {got}", {"got": describe_value(value)})
        return value

    return BeforeValidator(check)


def _check_emotion(value: object) -> object:
    if type(value) is int and EMOTION_MIN <= value <= EMOTION_MAX:
        return value
    raise PydanticCustomError(
        "emotion",
        "expected a whole number from -2 (very negative) to 2 (very positive), got {got}",
        {"got": describe_value(value)},
    )


def _check_number(value: object) -> object:
    if type(value) is int or (type(value) is float and math.isfinite(value)):
        return value
    raise PydanticCustomError("number", "expected a number like 42 or 3.5, got {got}", {"got": describe_value(value)})


def _check_text_or_number(value: object) -> object:
    if type(value) in (str, int):
        return value
    raise PydanticCustomError("revision", "expected text or a whole number, got {got}", {"got": describe_value(value)})


Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=100),
    _pattern_check(
        _SLUG,
        "slug",
        "expected an id of lowercase Latin letters, digits and hyphens, like 'first-purchase'",
    ),
]
"""An identifier other parts of the map refer to: `first-purchase`, `sms-reminder`."""

Text = Annotated[str, StringConstraints(min_length=1)]
"""Free text in any language; never empty."""

Link = Annotated[
    str,
    StringConstraints(pattern=LINK_PATTERN),
    _pattern_check(_LINK, "link", "expected a link starting with https://, http:// or mailto:"),
]
"""A web or e-mail link; other schemes (javascript:, file:, data:) are refused."""

Date = Annotated[
    str,
    StringConstraints(pattern=DATE_PATTERN),
    _pattern_check(_DATE, "date", "expected a date like 2026-10-31 or a month like 2026-10"),
]
"""A calendar date (2026-10-31) or month (2026-10)."""

LanguageTag = Annotated[
    str,
    StringConstraints(pattern=LANGUAGE_PATTERN),
    _pattern_check(_LANGUAGE, "language", "expected a language code like 'en', 'ru', 'pl' or 'pt-BR'"),
]
"""A BCP 47 language code: en, ru, pl, pt-BR."""

Emotion = Annotated[int, Field(ge=EMOTION_MIN, le=EMOTION_MAX), BeforeValidator(_check_emotion)]
"""How the customer feels: -2 very negative, -1 negative, 0 neutral, 1 positive, 2 very positive."""

Number = Annotated[float | int, BeforeValidator(_check_number)]
"""A measured figure: 42, 3.5, -10."""

Revision = Annotated[Text | int, BeforeValidator(_check_text_or_number)]
"""A version label: 3, "2.1", "2026-Q4"."""
