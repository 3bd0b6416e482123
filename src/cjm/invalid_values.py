"""Explain a value the schema refused: what is wrong, in words, and how to write it instead.

The hint is derived from what was written where it can be: `revision: 1.0` becomes
`revision: "1.0"`, `value: 23 %` becomes `value: 23` and `unit: "%"`, `31.10.2026`
becomes `2026-10-31`, `touchpoints: web` becomes `touchpoints: [web]`.
"""

import math
import re
from dataclasses import dataclass
from typing import Any, Final, get_args

from pydantic_core import ErrorDetails
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cjm.loader import Document
from cjm.model import Kpi
from cjm.model.fields import (
    EMOTION_MAX,
    EMOTION_MIN,
    LARGEST,
    LINK_PATTERN,
    SLUG_PATTERN,
    Date,
    describe_value,
    iso_dates,
    last_day,
    slug_from,
)
from cjm.suggestions import Budget
from cjm.syntax import quote_from, yaml_quoted

_QUOTED: Final = re.compile(r"'([^']*)'")
_SLUG: Final = re.compile(SLUG_PATTERN)
_LINK: Final = re.compile(LINK_PATTERN)
_PLAIN: Final = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`](?:[^:#,\[\]{}]|:(?=\S))*")
_NUMBER_WITH_UNIT: Final = re.compile(r"(?P<number>[-+]?[0-9][0-9 _]*(?:[.,][0-9]+)?)\s*(?P<unit>[^\s0-9].*)?")
_NUMBER_IN_QUOTES: Final = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][-+]?[0-9]+")
"""A number with an exponent (1e400, 2.5E3), which a unit must not be read into."""
_LONGEST_EXPLAINED: Final = 200
"""The longest value whose text the hints take apart with regular expressions, some of which
backtrack: over a value of a megabyte they would run for hours. Longer values get the general hint."""
_GLUED_COMMENT: Final = re.compile(r"(?P<value>.*?\S)#(?P<comment>.*)")
_NOT_TEXT: Final = frozenset(
    {"bool_type", "literal_error", "slug", "link", "date", "language", "emotion", "number", "int_type"}
)
"""Errors of values that are not free text, where a '#' glued to the value was meant as a comment."""


@dataclass(frozen=True, slots=True)
class Place:
    """Where a refused value is and how it was written: its key, its text, its line in the file."""

    key: str | None
    """The key the value belongs to; None for an item of a list."""
    written: str | None
    """The value's text as written, for a single value (None for a list or mapping)."""
    quoted: bool
    """Whether the value was written in quotes."""
    as_text: str
    """The line with the value written as quoted text, when a list or mapping looks like text meant as such."""
    comment: str
    """The line with a comment that took the place of the value, written as quoted text."""
    owner: type[Any] | None
    """The model the value belongs to (Kpi for a KPI's value)."""
    optional: bool
    """Whether the key may be left out."""
    required: tuple[str, ...]
    """The required keys of the model expected here, when a mapping is expected."""
    suggestions: Budget
    """What the file's "did you mean" may still spend (one budget for all its problems)."""

    def line_with(self, value: str) -> str:
        """The corrected line, in backticks: `key: value`, or `- value` for a list item.

        A long value is shortened, as every message shortens what it quotes.
        """
        shown = value if len(value) <= 80 else value[:77] + "..."
        return f"`{self.key}: {shown}`" if self.key is not None else f"`- {shown}`"


def place_of(
    document: Document,
    path: tuple[str | int, ...],
    owner: type[Any] | None,
    *,
    optional: bool,
    required: tuple[str, ...],
    suggestions: Budget,
) -> Place:
    """Describe the value at `path` from its node in the file."""
    key = path[-1] if path and isinstance(path[-1], str) else None
    node = document.node(path)
    written, quoted, as_text, comment = None, False, "", ""
    if isinstance(node, ScalarNode):
        written, quoted = node.value, bool(node.style)
        if node.tag == "tag:yaml.org,2002:null" and not node.value:
            text = document.line(node.start_mark.line + 1)
            rest = text[node.start_mark.column :].lstrip()
            if rest.startswith("#") and rest[1:].strip():
                comment = quote_from(text, node.start_mark.column)
    elif node is not None and _looks_like_text(node):
        as_text = quote_from(document.line(node.start_mark.line + 1), node.start_mark.column)
    return Place(key, written, quoted, as_text, comment, owner, optional, required, suggestions)


def _looks_like_text(node: Node) -> bool:
    """A list or mapping written on one line, as text with '[', '{' or ': ' in it would be read."""
    line = node.start_mark.line
    if isinstance(node, SequenceNode | MappingNode) and node.flow_style:
        return bool(node.end_mark.line == line)
    if isinstance(node, MappingNode) and len(node.value) == 1:
        key, value = node.value[0]
        return (
            isinstance(key, ScalarNode)
            and isinstance(value, ScalarNode)
            and not key.style
            and not value.style
            and key.start_mark.line == line
            and value.end_mark.line == line
        )
    return False


@dataclass(frozen=True, slots=True)
class Refused:
    """What pydantic refused: the value, how a message quotes it, pydantic's sentence and details."""

    value: object
    got: str
    message: str
    ctx: dict[str, Any]


def explain_value(error: ErrorDetails, place: Place) -> tuple[str, str]:
    """The message and hint for one refused value."""
    kind = error["type"]
    value = error.get("input")
    message, hint = _explain(
        kind, Refused(value, describe_value(value), str(error["msg"]), dict(error.get("ctx") or {})), place
    )
    short = isinstance(value, str) and len(value) <= _LONGEST_EXPLAINED
    glued = _GLUED_COMMENT.fullmatch(value) if short and kind in _NOT_TEXT else None
    if glued is not None:
        hint = "a comment needs a space before '#': " + place.line_with(f"{glued['value']} #{glued['comment']}")
    return message, hint


def _explain(kind: str, refused: Refused, place: Place) -> tuple[str, str]:
    explain = _EXPLAIN.get(kind)
    if explain is not None:
        return explain(refused, place)
    got = refused.got
    if kind in ("int_type", "int_from_float", "int_parsing"):
        return f"expected a whole number, got {got}", _whole_number_hint(refused.value, place)
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        limit = next(iter(refused.ctx.values()), "")
        limit = f"{limit:,}" if type(limit) is int else limit
        words = {
            "greater_than_equal": "at least",
            "greater_than": "more than",
            "less_than_equal": "at most",
            "less_than": "less than",
        }[kind]
        return f"must be {words} {limit}, got {got}", f"write a number that is {words} {limit}"
    if kind == "string_pattern_mismatch":  # pydantic's sentence quotes the regular expression
        return f"got {got}, which is not written the way this key takes", (
            f"see the description of '{place.key or 'this item'}' in `cjm schema`"
        )
    return refused.message, f"check the value against the description of '{place.key or 'this item'}' in `cjm schema`"


def _text(refused: Refused, place: Place) -> tuple[str, str]:
    value = refused.value
    message = f"expected text, got {refused.got}"
    if type(value) is int and _expects_date(place):
        year = value if 1000 <= value <= 9999 else 2026
        message = f"expected a date like 2026-10-31 or a month like 2026-10, got {refused.got}"
        return message, f"write the month too, or the day: {place.line_with(f'{year}-10')} or {year}-10-31"
    if isinstance(value, bool | int | float):
        return message, "write it in quotes: " + place.line_with(yaml_quoted(place.written or str(value)))
    if value is None and place.comment:
        comment = "a '#' after a space starts a comment, so YAML reads no value here"
        return message, f"{comment}; put the text in quotes: {place.comment}"
    if value is None:
        return message, _write_the_text(place, f"after '{place.key}:'" if place.key else "after '- '")
    if place.as_text:
        return message, f"put the text in quotes: {place.as_text}"
    if isinstance(value, list):
        return message, "write one piece of text here, not a list"
    return message, "write one piece of text here, not keys and values"


def _expects_date(place: Place) -> bool:
    """Whether the refused value's key takes a date (`last_reviewed`, an evidence's `date`)."""
    if place.owner is None or place.key is None:
        return False
    field = next((f for name, f in place.owner.model_fields.items() if (f.alias or name) == place.key), None)
    return field is not None and (field.annotation is Date or Date in get_args(field.annotation))


def _empty(refused: Refused, place: Place) -> tuple[str, str]:
    return "must not be empty", _write_the_text(place, "between the quotes")


def _write_the_text(place: Place, where: str) -> str:
    if not place.optional:
        return f"write the text {where}"
    return f"write the text {where}, or remove the {'key' if place.key else 'item'}"


def _too_long(refused: Refused, place: Place) -> tuple[str, str]:
    limit = refused.ctx.get("max_length")
    return f"is longer than {limit} characters", f"shorten it to at most {limit} characters"


_YES: Final = frozenset({"yes", "y", "on", "tak", "да"})
_NO: Final = frozenset({"no", "n", "off", "nie", "нет"})


def _boolean(refused: Refused, place: Place) -> tuple[str, str]:
    message = f"expected true or false, got {refused.got}"
    words = refused.value.strip().casefold() if isinstance(refused.value, str) else ""
    if words in _YES or words in _NO:
        written = "true" if words in _YES else "false"
        return message, f"write {place.line_with(written)} (cjm reads YAML 1.2, where yes/no/on/off are text)"
    return message, "write true or false (cjm reads YAML 1.2, where yes/no/on/off are text)"


_SHORT_WHOLE_NUMBER: Final = re.compile(r"[-+]?[0-9]{1,18}")


def _whole_number_hint(value: object, place: Place) -> str:
    if isinstance(value, str) and _SHORT_WHOLE_NUMBER.fullmatch(value.strip()):
        return "write it without quotes: " + place.line_with(str(int(value.strip())))
    if isinstance(value, float) and value.is_integer():
        return "write it without a decimal point: " + place.line_with(str(int(value)))
    return "write a whole number without quotes, like " + place.line_with("120")


def _list(refused: Refused, place: Place) -> tuple[str, str]:
    value = refused.value
    message = f"expected a list, got {refused.got}"
    if place.required:
        keys = ", ".join(f"'{key}:'" for key in place.required)
        return message, f"write each item on its own line after '- ', with its keys ({keys}) indented under it"
    if isinstance(value, str) and not place.quoted and _GLUED_DASH.match(value):
        return message, f"put a space after the '-' to make it a list item: `- {value[1:].lstrip()}`"
    if isinstance(value, str | int | float):
        text = place.written if place.written is not None else str(value)
        parts = [part.strip() for part in text.split(",")]
        items = parts if all(_SLUG.match(part) for part in parts) else [text]
        written = "[" + ", ".join(_flow_item(item, quoted=place.quoted or not isinstance(value, str)) for item in items)
        return message, f"write a list: {place.line_with(written + ']')}, or put each item on its own line after '- '"
    return message, "write each item on its own line, starting with '- '"


_GLUED_DASH: Final = re.compile(r"-[^\s\d-]")
"""A list item whose dash is glued to its text (`-Is it cheaper?`), which YAML reads as text."""


def _flow_item(text: str, *, quoted: bool) -> str:
    return text if not quoted and _PLAIN.fullmatch(text) else yaml_quoted(text)


def _mapping(refused: Refused, place: Place) -> tuple[str, str]:
    keys = ", ".join(f"'{key}:'" for key in place.required)
    needs = f", starting with {keys}" if keys else ""
    return f"expected keys and values, got {refused.got}", f"write keys and values here, one per line{needs}"


def _choice(refused: Refused, place: Place) -> tuple[str, str]:
    value = refused.value
    allowed = _QUOTED.findall(str(refused.ctx.get("expected", "")))
    close = place.suggestions.closest(value, allowed)
    suggestion = f" — did you mean '{close}'?" if close else ""
    message = f"expected one of {', '.join(allowed)}; got {refused.got}{suggestion}"
    if close:
        return message, "write " + place.line_with(close)
    if allowed:
        return message, f"write one of the values above, like {place.line_with(allowed[0])}"
    return message, "write one of the values `cjm schema` lists for this key"


def _too_short(refused: Refused, place: Place) -> tuple[str, str]:
    need = refused.ctx.get("min_length", 1)
    items = f"{need} item{'s' if need != 1 else ''}"
    where = f" under '{place.key}:'" if place.key else ""
    return f"needs at least {items}", f"add at least {items}{where}, each on its own line after '- '"


def _slug(refused: Refused, place: Place) -> tuple[str, str]:
    value = refused.value
    derived = slug_from(value) if isinstance(value, str) else ""
    hint = "use lowercase Latin letters, digits and hyphens"
    return refused.message, f"{hint}: {place.line_with(derived)}" if derived else hint


_SCHEMES: Final = re.compile(r"[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def _link(refused: Refused, place: Place) -> tuple[str, str]:
    value = refused.value
    text = value.strip() if isinstance(value, str) else ""
    if text != value and _LINK.fullmatch(text):
        return refused.message, "remove the line break or spaces around it: " + place.line_with(text)
    if text and " " not in text and "." in text and not _SCHEMES.match(text):
        return refused.message, "start it with https://: " + place.line_with(f"https://{text}")
    if _SCHEMES.match(text):
        return refused.message, "only web and e-mail links are allowed; link to a page that starts with https://"
    return refused.message, "write the full address, like " + place.line_with("https://example.org/report")


def _date(refused: Refused, place: Place) -> tuple[str, str]:
    value = refused.value
    found = iso_dates(value) if isinstance(value, str) else []
    if len(found) == 1:
        hint = "write it as year-month-day: " + place.line_with(found[0])
    elif found:
        options = " or ".join(place.line_with(option) for option in found)
        hint = f"write it as year-month-day: {options}, whichever is meant"
    else:
        hint = "write it as year-month-day, like " + place.line_with("2026-10-31") + ", or a month, like 2026-10"
    return refused.message, hint


def _calendar_date(refused: Refused, place: Place) -> tuple[str, str]:
    last = place.line_with(last_day(str(refused.ctx.get("date", ""))))
    return refused.message, f"check the day; the last day of that month is {last}"


_LANGUAGE_NAMES: Final = {
    "english": "en",
    "английский": "en",
    "angielski": "en",
    "russian": "ru",
    "русский": "ru",
    "rosyjski": "ru",
    "polish": "pl",
    "польский": "pl",
    "polski": "pl",
    "ukrainian": "uk",
    "українська": "uk",
    "украинский": "uk",
    "ukraiński": "uk",
    "german": "de",
    "deutsch": "de",
    "french": "fr",
    "spanish": "es",
}


def _language(refused: Refused, place: Place) -> tuple[str, str]:
    value = refused.value
    text = value.strip() if isinstance(value, str) else ""
    code = _LANGUAGE_NAMES.get(text.casefold()) or (
        text.replace("_", "-") if re.fullmatch(r"[A-Za-z]{2}_[A-Za-z]{2}", text) else ""
    )
    if code:
        return refused.message, "write the code: " + place.line_with(code)
    return refused.message, "write a language code, like " + place.line_with("ru")


_FEELINGS: Final = {
    -2: ("very bad", "terrible", "awful", "angry", "очень плохо", "ужасно", "bardzo źle", "fatalnie"),
    -1: ("bad", "negative", "annoyed", "anxious", "плохо", "źle", "negatywnie"),
    0: ("neutral", "ok", "okay", "нормально", "нейтрально", "neutralnie"),
    1: ("good", "positive", "pleased", "happy", "хорошо", "dobrze", "pozytywnie"),
    2: ("very good", "great", "excellent", "delighted", "отлично", "очень хорошо", "bardzo dobrze", "świetnie"),
}
_SCALE: Final = "-2 very negative, -1 negative, 0 neutral, 1 positive, 2 very positive"


def _emotion(refused: Refused, place: Place) -> tuple[str, str]:
    value = refused.value
    message = refused.message
    if isinstance(value, str) and _SHORT_WHOLE_NUMBER.fullmatch(value.strip()):
        number = int(value)
        if EMOTION_MIN <= number <= EMOTION_MAX:
            return message, "write the number without quotes: " + place.line_with(str(number))
        value = number
    if isinstance(value, int) and not isinstance(value, bool):
        nearest = max(EMOTION_MIN, min(EMOTION_MAX, value))
        return message, f"the scale ends at {nearest}: {place.line_with(str(nearest))}"
    if isinstance(value, float) and math.isfinite(value):
        low = max(EMOTION_MIN, min(EMOTION_MAX, math.floor(value)))
        high = max(EMOTION_MIN, min(EMOTION_MAX, math.ceil(value)))
        options = " or ".join(place.line_with(str(n)) for n in sorted({low, high}))
        return message, f"write a whole number: {options}"
    words = value.strip().casefold() if isinstance(value, str) else ""
    meant = next((n for n, names in _FEELINGS.items() if words in names), None)
    if meant is not None:
        return message, f"use the scale {_SCALE}: {place.line_with(str(meant))}, and put the words in 'feelings:'"
    return message, f"use the scale {_SCALE}, like {place.line_with('-1')}; put words in 'feelings:'"


def _number(refused: Refused, place: Place) -> tuple[str, str]:
    value = refused.value
    message = refused.message
    text = value.strip() if isinstance(value, str) and len(value) <= _LONGEST_EXPLAINED else ""
    if _NUMBER_IN_QUOTES.fullmatch(text):
        if abs(float(text)) > LARGEST:
            return message, "it is too large for a figure; write it in a larger unit (thousands, millions) with 'unit:'"
        return message, "write the number without quotes: " + place.line_with(text)
    match = _NUMBER_WITH_UNIT.fullmatch(text)
    if match is not None:
        number = match["number"].replace(" ", "").replace("_", "").replace(",", ".")
        unit = (match["unit"] or "").strip()
        if unit and place.owner is Kpi and place.key in ("value", "target"):
            return message, (
                f"put the number in `{place.key}:` and the unit in `unit:`: "
                f"{place.line_with(number)} and `unit: {_flow_item(unit, quoted=False)}`"
            )
        if not unit:
            return message, f"write {_how_to_write(match['number'], place)}: {place.line_with(number)}"
    if isinstance(value, float):
        return message, "write a finite number, like " + place.line_with("42")
    return message, "write a number without quotes or units, like " + place.line_with("42")


def _how_to_write(number: str, place: Place) -> str:
    if "," in number:
        return "the number with a point, not a comma"
    if " " in number or "_" in number:
        return "the digits without spaces or '_'"
    return "the number without quotes" if place.quoted else "the number"


def _revision(refused: Refused, place: Place) -> tuple[str, str]:
    value = refused.value
    message = refused.message
    if isinstance(value, float) and place.written is not None:
        return message, "write it in quotes: " + place.line_with(yaml_quoted(place.written))
    example = place.line_with('"2.1"')
    return message, f"write a whole number like {place.line_with('3')}, or text in quotes like {example}"


_EXPLAIN: Final = {
    "string_type": _text,
    "string_too_short": _empty,
    "string_too_long": _too_long,
    "bool_type": _boolean,
    "list_type": _list,
    "model_type": _mapping,
    "dict_type": _mapping,
    "model_attributes_type": _mapping,
    "literal_error": _choice,
    "too_short": _too_short,
    "slug": _slug,
    "link": _link,
    "date": _date,
    "calendar_date": _calendar_date,
    "language": _language,
    "emotion": _emotion,
    "number": _number,
    "revision": _revision,
}
