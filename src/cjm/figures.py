"""How figures read in messages and pages: 1,250,000 PLN, 2.5%, −3 (never 1.25e+06)."""

from typing import Final


def digits_in_words(digits: int, *, about: bool = False) -> str:
    """A number too long to show, named by its length: 'a number of 100,001 digits'.

    A message never shows such a number: its digits would fill the screen, and Python
    refuses to write out a whole number of more than 4,300 digits.
    """
    return f"a number of {'about ' if about else ''}{digits:,} digits"


TIGHT_UNITS: Final = ("%", "‰", "pp")
"""Units written straight after the number, without a space (in English; a page follows its locale)."""


def format_number(value: float, *, minus: str = "-") -> str:
    """A number with thousands separators and no exponent; whole numbers without '.0'."""
    whole = float(value).is_integer()
    text = f"{int(value):,}" if whole else f"{value:,.6f}".rstrip("0").rstrip(".")
    return text.replace("-", minus)


def format_figure(value: float | None, unit: str | None, *, minus: str = "-") -> str:
    """A figure with its unit, or an em dash when there is none."""
    if value is None:
        return "\u2014"
    number = format_number(value, minus=minus)
    if not unit:
        return number
    return f"{number}{unit}" if unit in TIGHT_UNITS else f"{number} {unit}"
