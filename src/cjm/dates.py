"""Dates the map gives, as spans of days: a date (2026-10-14), a month (2026-10), and in a KPI's
free-text period also a quarter (2026-Q3, Q3 2026), a half year (2026-H1) or a year (2025), or a
range of them (2025-10 — 2026-09). And the day lint measures ages from.
"""

import calendar
import datetime
import os
import re
from dataclasses import dataclass

_TODAY_VARIABLE = "SOURCE_DATE_EPOCH"


@dataclass(frozen=True, slots=True)
class Span:
    """The days a date, a month, a quarter or a year covers, first and last included."""

    first: datetime.date
    last: datetime.date


def _month(year: int, month: int) -> Span:
    return Span(datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1]))


def _months(year: int, first: int, last: int) -> Span:
    return Span(_month(year, first).first, _month(year, last).last)


def date_span(text: str) -> Span | None:
    """The days of a map's date field (a date or a month, as the schema allows)."""
    try:
        if len(text) == len("2026-10"):
            year, month = (int(part) for part in text.split("-"))
            return _month(year, month)
        day = datetime.date.fromisoformat(text)
    except ValueError:
        return None
    return Span(day, day)


_PERIOD = re.compile(
    r"(?<![\d])(?:"
    r"(?P<date>\d{4}-\d{2}-\d{2})"
    r"|(?P<month>\d{4}-\d{2})(?![\d])"
    r"|(?P<qyear>\d{4})[-\s/]?(?P<qpart>[QqHh])(?P<q>[1-4])"
    r"|(?P<qpart2>[QqHh])(?P<q2>[1-4])[-\s/]?(?P<qyear2>\d{4})"
    r"|(?P<year>\d{4})"
    r")(?![\d])"
)


def period_span(text: str) -> Span | None:
    """The days a KPI's period covers, from every date, month, quarter, half or year it names (the
    first day of the earliest to the last of the latest); None when it names none ("last 90 days").
    A bare year counts only when nothing finer is named: in "III kw. 2026 (2026-07-01 – 2026-09-30)"
    the dates say more than the year."""
    matches = list(_PERIOD.finditer(text))
    if any(not match["year"] for match in matches):
        matches = [match for match in matches if not match["year"]]
    spans: list[Span] = []
    for match in matches:
        try:
            span = _period_part(match)
        except ValueError:  # a day or a month the calendar does not have
            continue
        if span is not None:
            spans.append(span)
    if not spans:
        return None
    return Span(min(span.first for span in spans), max(span.last for span in spans))


def _period_part(match: re.Match[str]) -> Span | None:
    if match["date"]:
        day = datetime.date.fromisoformat(match["date"])
        return Span(day, day)
    if match["month"]:
        year, month = (int(part) for part in match["month"].split("-"))
        return _month(year, month) if 1 <= month <= 12 else None
    part, number, year_text = (
        (match["qpart"], match["q"], match["qyear"])
        if match["qpart"]
        else (match["qpart2"], match["q2"], match["qyear2"])
    )
    if part:
        year, n = int(year_text), int(number)
        if part in "Qq":
            return _months(year, 3 * n - 2, 3 * n)
        return _months(year, 6 * n - 5, 6 * n) if n <= 2 else None
    year = int(match["year"])
    return _months(year, 1, 12) if 1900 <= year <= 2999 else None


def today() -> datetime.date:
    """The day ages are measured from: the date of SOURCE_DATE_EPOCH (seconds since 1970, in UTC)
    when it is set, so a build or a test gives the same findings any day; else today, in UTC."""
    given = os.environ.get(_TODAY_VARIABLE, "").strip()
    if given:
        try:
            return datetime.datetime.fromtimestamp(int(given), tz=datetime.UTC).date()
        except (ValueError, OverflowError, OSError):
            pass
    return datetime.datetime.now(tz=datetime.UTC).date()


def days(n: int) -> str:
    """A number of days in words: '1 day', '400 days'."""
    return f"{n:,} day{'' if n == 1 else 's'}"
