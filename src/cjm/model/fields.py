"""Value types shared by every kind: ids, text, links, dates, emotions, numbers.

Each type checks its value with a message a marketer understands, and keeps the
constraint that the JSON Schema publishes, so editors and `cjm validate` agree.
"""

import calendar
import math
import re
import unicodedata
from typing import Annotated, Any, Final

from pydantic import BeforeValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from cjm.figures import digits_in_words

SLUG_PATTERN: Final = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
LINK_PATTERN: Final = r"^(?:https?://[^\s/?#][^\s]*|mailto:[^\s@]+@[^\s@]+)$"
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
    if isinstance(value, int) and value.bit_length() > 64:
        return digits_in_words(int(value.bit_length() * 0.30103) + 1, about=True)
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
        if isinstance(value, str) and not regex.fullmatch(value):
            raise PydanticCustomError(error, expected + ", got {got}", {"got": describe_value(value)})
        return value

    return BeforeValidator(check)


_MONTHS: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def calendar_problem(text: str) -> str | None:
    """Say why a date of the form 2026-02-30 is not on the calendar, or None if it is (or is a month)."""
    parts = text.split("-")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        return None
    year, month, day = (int(part) for part in parts)
    if not 1 <= month <= 12:
        return None
    days = calendar.monthrange(year, month)[1]
    return f"{_MONTHS[month - 1]} {year} has {days} days" if day > days else None


def last_day(text: str) -> str:
    """The last day of the month of a date written 2026-02-30: 2026-02-28."""
    year, month = int(text[:4]), int(text[5:7])
    return f"{text[:7]}-{calendar.monthrange(year, month)[1]:02d}"


_DAY_FIRST: Final = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4})")
_YEAR_FIRST: Final = re.compile(r"(\d{4})([./-])(\d{1,2})\2(\d{1,2})")
_MONTH_YEAR: Final = re.compile(r"(\d{1,2})[./-](\d{4})")
_YEAR_MONTH: Final = re.compile(r"(\d{4})[./-](\d{1,2})")


def iso_dates(text: str) -> list[str]:
    """The ISO forms a date written another way can mean: 31.10.2026 -> 2026-10-31.

    Day-first forms with dots or hyphens are read as day.month.year; with slashes both
    readings are given when both are dates (03/10/2026 is 3 October or 10 March).
    """
    text = text.strip()
    candidates: list[tuple[int, int, int | None]] = []
    if match := _DAY_FIRST.fullmatch(text):
        first, separator, second, year = int(match[1]), match[2], int(match[3]), int(match[4])
        candidates.append((year, second, first))
        if separator == "/":
            candidates.append((year, first, second))
    elif match := _YEAR_FIRST.fullmatch(text):
        candidates.append((int(match[1]), int(match[3]), int(match[4])))
    elif match := _MONTH_YEAR.fullmatch(text):
        candidates.append((int(match[2]), int(match[1]), None))
    elif match := _YEAR_MONTH.fullmatch(text):
        candidates.append((int(match[1]), int(match[2]), None))
    found: list[str] = []
    for year, month, day in candidates:
        if not 1 <= month <= 12 or (day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]):
            continue
        written = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")
        if written not in found:
            found.append(written)
    return found


def _check_date(value: object) -> object:
    if not isinstance(value, str):
        return value
    if not _DATE.fullmatch(value):
        raise PydanticCustomError(
            "date", "expected a date like 2026-10-31 or a month like 2026-10, got {got}", {"got": describe_value(value)}
        )
    problem = calendar_problem(value)
    if problem is not None:
        raise PydanticCustomError(
            "calendar_date", "{date} is not a date: {problem}", {"date": value, "problem": problem}
        )
    return value


_CYRILLIC: Final = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch  y  e yu ya i yi ye g".split(" "),
        strict=True,
    )
)


def slug_from(text: str) -> str:
    """An id written from a name: 'Первая покупка' -> 'pervaya-pokupka', 'Zakup online' -> 'zakup-online'."""
    lowered = "".join(_CYRILLIC.get(char, char) for char in text.lower().replace("ł", "l"))
    latin = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", latin))[:100].strip("-")


def _check_emotion(value: object) -> object:
    if type(value) is int and EMOTION_MIN <= value <= EMOTION_MAX:
        return value
    raise PydanticCustomError(
        "emotion",
        "expected a whole number from -2 (very negative) to 2 (very positive), got {got}",
        {"got": describe_value(value)},
    )


LARGEST: Final = 10**15
"""The largest number a map may hold (a KPI's figure, a revision, a sample size): beyond it a
number cannot be compared or drawn exactly, and no real figure needs more."""


def _check_number(value: object) -> object:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (isinstance(value, float) and not math.isfinite(value))
    ):
        raise PydanticCustomError(
            "number", "expected a number like 42 or 3.5, got {got}", {"got": describe_value(value)}
        )
    if abs(value) > LARGEST:
        raise PydanticCustomError(
            "number_too_large",
            "{got} is too large for a figure; write it in a larger unit (thousands, millions) with 'unit:'",
            {"got": describe_value(value)},
        )
    return value


def _check_text_or_number(value: object) -> object:
    if type(value) is str or (type(value) is int and abs(value) <= LARGEST):
        return value
    expected = "a whole number of at most 15 digits" if type(value) is int else "a whole number"
    raise PydanticCustomError(
        "revision", "expected text or {expected}, got {got}", {"expected": expected, "got": describe_value(value)}
    )


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

Date = Annotated[str, StringConstraints(pattern=DATE_PATTERN), BeforeValidator(_check_date)]
"""A calendar date (2026-10-31) or month (2026-10); a day the month does not have (2026-02-30) is refused."""

LanguageTag = Annotated[
    str,
    StringConstraints(pattern=LANGUAGE_PATTERN),
    _pattern_check(_LANGUAGE, "language", "expected a language code like 'en', 'ru', 'pl' or 'pt-BR'"),
]
"""A BCP 47 language code: en, ru, pl, pt-BR."""

Emotion = Annotated[int, Field(ge=EMOTION_MIN, le=EMOTION_MAX), BeforeValidator(_check_emotion)]
"""How the customer feels: -2 very negative, -1 negative, 0 neutral, 1 positive, 2 very positive."""

Number = Annotated[
    Annotated[float, Field(ge=-LARGEST, le=LARGEST)] | Annotated[int, Field(ge=-LARGEST, le=LARGEST)],
    BeforeValidator(_check_number),
]
"""A measured figure: 42, 3.5, -10; at most a million billion either way."""

Revision = Annotated[Text | Annotated[int, Field(ge=-LARGEST, le=LARGEST)], BeforeValidator(_check_text_or_number)]
"""A version label: 3, "2.1", "2026-Q4"."""

Count = Annotated[int, Field(ge=1, le=LARGEST)]
"""How many of something there are: 1 or more, up to a million billion."""
