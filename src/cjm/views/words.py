"""The words cjm adds to a rendered map, in the map's language, and its numbers and dates as that
language writes them.

Labels ("Owner", "Pain points", "key moment") live in gettext message catalogues, one `.po` file
per language in `cjm/views/locales/<language>/LC_MESSAGES/cjm.po`; English is the source text and
needs none, so adding a language is adding one file (`make messages NEW=fr` starts it with every
label listed; `make messages` brings every catalogue up to date with the code). Numbers,
percentages and dates come from the Unicode CLDR through Babel: `6,5 Tage`, `97,8 %`,
`14 октября 2026 г.`.

A language without a catalogue is written with English labels, and says so once (a note on
stderr); its numbers and dates still follow the language where CLDR knows it.
"""

import datetime
import functools
import gettext
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Final

from cjm.figures import TIGHT_UNITS

if TYPE_CHECKING:
    from babel import Locale

SOURCE_LANGUAGE: Final = "en"
"""The language of the text in the code: it has no catalogue."""

LOCALES: Final = Path(__file__).parent / "locales"
"""Where the catalogues are: `<language>/LC_MESSAGES/cjm.po`."""

DOMAIN: Final = "cjm"


def N_(message: str) -> str:  # noqa: N802 -- the name gettext tools look for
    """Mark a text for the catalogues where it is defined (a table of labels); it is translated where shown."""
    return message


@functools.cache
def languages() -> list[str]:
    """The languages cjm has labels in: English and every catalogue shipped."""
    found = {path.parent.parent.name for path in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    return sorted({SOURCE_LANGUAGE, *found})


@dataclass(frozen=True, slots=True)
class Words:
    """The labels and the number and date forms of one language."""

    language: str
    """The language the labels are in: one of `languages()`."""
    locale: "Locale"
    """The locale numbers and dates are written in (the map's language where CLDR knows it)."""
    catalogue: gettext.NullTranslations

    def __call__(self, message: str) -> str:
        """A label in this language."""
        return self.catalogue.gettext(message)

    def plural(self, singular: str, plural: str, count: int) -> str:
        """A label that goes with a count ("%(count)s stages"), in the form the language uses for it."""
        return self.catalogue.ngettext(singular, plural, count) % {"count": self.number(count)}

    def number(self, value: float, *, minus: str = "-") -> str:
        """A number with the locale's separators, up to six decimals, no exponent."""
        from babel.numbers import format_decimal

        text = format_decimal(_exact(value), locale=self.locale, decimal_quantization=False)
        return text.replace("-", minus) if minus != "-" else text

    def figure(self, value: float | None, unit: str | None, *, minus: str = "-") -> str:
        """A figure with its unit ("97,8 %", "6,5 Tage"), or an em dash when there is none."""
        if value is None:
            return "\u2014"
        if unit == "%":
            from babel.numbers import format_percent

            text = format_percent(_exact(value) / 100, locale=self.locale, decimal_quantization=False)
            return text.replace("-", minus) if minus != "-" else text
        number = self.number(value, minus=minus)
        if not unit:
            return number
        return f"{number}{unit}" if unit in TIGHT_UNITS else f"{number}\u00a0{unit}"

    def date(self, text: str) -> str:
        """A map's date (2026-10-14) or month (2026-10) as the locale writes it: "14. Oktober 2026",
        "October 2026"; a date outside the calendar Python knows (year 0) as it was written."""
        from babel.dates import format_date, format_skeleton

        try:
            if len(text) == len("2026-10"):
                month = datetime.date.fromisoformat(text + "-01")
                return str(format_skeleton("yMMMM", month, locale=self.locale))
            return str(format_date(datetime.date.fromisoformat(text), format="long", locale=self.locale))
        except ValueError:
            return text


def _exact(value: float) -> Decimal:
    """The number to six decimals at most, without trailing zeros: 0.3, not 0.30000000000000004."""
    return Decimal(f"{float(value):.6f}").normalize()


def words_for(language: str | None) -> tuple[Words, str | None]:
    """The words for a map's language (None: English), and a note when its labels fall back to English."""
    tag = language or SOURCE_LANGUAGE
    labels = _label_language(tag)
    note = None
    if labels is None:
        labels = SOURCE_LANGUAGE
        note = (
            f"cjm has no labels in the language '{tag}': the page's own words are in English "
            f"(languages with labels: {', '.join(languages())})"
        )
    locale = _locale(tag) or _locale(SOURCE_LANGUAGE)
    assert locale is not None  # CLDR always has English
    return Words(labels, locale, _catalogue(labels)), note


def _label_language(tag: str) -> str | None:
    """The catalogue a language tag reads: the whole tag (pt-BR) if there is one, else its language (pt)."""
    known = languages()
    for candidate in (tag, tag.split("-")[0]):
        for name in known:
            if name.lower() == candidate.lower().replace("_", "-"):
                return name
    return None


@functools.cache
def _locale(tag: str) -> "Locale | None":
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        return None


@functools.cache
def _catalogue(language: str) -> gettext.NullTranslations:
    """A language's labels: its `.po` file, compiled in memory (no binary file is kept in git)."""
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with (LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as source:
        catalog = read_po(source, locale=language.replace("-", "_"))
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)
