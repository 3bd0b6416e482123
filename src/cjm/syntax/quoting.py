"""Explanations of text that YAML reads as syntax: quotes, brackets, special first characters, ': ' in text.

Each explanation takes the failed text and where libyaml stopped, and answers with a
problem when it recognises its cause there, or None.
"""

import re
from dataclasses import dataclass
from typing import Final

from cjm.syntax.text import (
    KEY_NAME,
    Line,
    ParserError,
    Source,
    SyntaxProblem,
    closing_quote,
    shown,
    without_comment,
    yaml_quoted,
)

# --- quotes that do not close, or close too early -----------------------------------------


def backslash_in_double_quotes(source: Source, error: ParserError) -> SyntaxProblem | None:
    """A backslash in double-quoted text that does not start a valid escape: "C:\\Users"."""
    if "quoted scalar" not in error.context or error.context_line != error.line or error.context_column is None:
        return None
    line = source.line(error.line)
    opening = error.context_column - 1
    if line is None or line.text[opening : opening + 1] != '"':
        return None
    closing = closing_quote(line.text, opening + 1, '"')
    backslash = line.text.rfind("\\", opening, error.column)
    if closing is None or backslash == -1:
        return None
    inner = line.text[opening + 1 : closing]
    fixed = line.text[line.indent : opening] + "'" + inner.replace("'", "''") + "'" + line.text[closing + 1 :].rstrip()
    return SyntaxProblem(
        line.number,
        backslash + 1,
        f"in double quotes a backslash starts a special character, and '{line.text[backslash : backslash + 2]}' "
        "is not one",
        "put the text in single quotes, where a backslash is just a backslash: " + shown(fixed),
    )


def unclosed_quote(source: Source, error: ParserError) -> SyntaxProblem | None:
    """Text that opens with a quote and is never closed, or closed only lines later."""
    if "quoted scalar" in error.context and error.context_line is not None and error.context_column is not None:
        return _open_quote_at(source, error.context_line, error.context_column - 1, None)
    opened = _multi_line_quote_before(source, error.line)
    if opened is not None:
        number, column, closed_on = opened
        return _open_quote_at(source, number, column, closed_on)
    return None


def _open_quote_at(source: Source, number: int, column: int, closed_on: int | None) -> SyntaxProblem | None:
    line = source.line(number)
    if line is None or column >= len(line.text) or line.text[column] not in "'\"":
        return None
    quote = line.text[column]
    if closed_on is None and closing_quote(line.text, column + 1, quote) is not None:
        return None
    runs_on = (
        f"so YAML reads on to the next {quote} on line {closed_on}"
        if closed_on is not None
        else "so YAML reads the rest of the file as part of it"
    )
    fixed = line.text.rstrip() + quote
    hint = f"add the closing {quote} where the text ends"
    in_brackets = any(bracket in line.text[line.content : column] for bracket in "[{")
    at_value = line.key is not None or line.item is not None
    derived = shown(fixed.strip()) if line.complete and at_value and not in_brackets else ""
    return SyntaxProblem(
        number,
        column + 1,
        f"the text that opens with {quote} here is not closed on this line, {runs_on}",
        f"{hint}: {derived}" if derived else hint,
    )


def _multi_line_quote_before(source: Source, error_line: int) -> tuple[int, int, int | None] | None:
    """A value opened with a quote on an earlier line and closed on the error's line (or later)."""
    number = 1
    while number < error_line:
        line = source.line(number)
        if line is None:
            return None
        if line.blank:
            number += 1
            continue
        if line.value.startswith(("|", ">")):
            number = _after_block_text(source, line)
            continue
        column = line.value_column
        quote = line.text[column : column + 1]
        if quote in ("'", '"') and closing_quote(line.text, column + 1, quote) is None:
            closed_on = _closing_line(source, number + 1, quote)
            if closed_on is None or closed_on >= error_line:
                return number, column, closed_on
            number = closed_on + 1
            continue
        number += 1
    return None


def _closing_line(source: Source, start: int, quote: str) -> int | None:
    number = start
    while (line := source.line(number)) is not None:
        if closing_quote(line.text, 0, quote) is not None:
            return number
        number += 1
    return None


def _after_block_text(source: Source, line: Line) -> int:
    """The first line after the text block ('|' or '>') that starts on this line."""
    number = line.number + 1
    while (following := source.line(number)) is not None and (following.blank or following.indent > line.indent):
        number += 1
    return number


def quote_ends_early(source: Source, error: ParserError) -> SyntaxProblem | None:
    """A value that starts with a quote, which closes before the text does: `"Buy" now`."""
    line = source.line(error.line)
    if line is None or not line.complete:
        return None
    value = line.value
    if value[:1] not in ("'", '"'):
        return None
    quote = value[0]
    end = closing_quote(value, 1, quote)
    if end is None or end == len(value) - 1 or error.column - 1 < line.value_column + end:
        return None
    inner = value[1:-1] if value.endswith(quote) and len(value) > 1 else value
    return SyntaxProblem(
        line.number,
        line.value_column + end + 1,
        f"the value starts with {quote}, so this {quote} ends it, and YAML cannot read the text after it",
        "put the whole text in quotes of the other kind: " + shown(line.with_value(yaml_quoted(inner))),
    )


# --- lists and mappings written between brackets ------------------------------------------

_CLOSER: Final = {"[": "]", "{": "}"}


def unclosed_bracket(source: Source, error: ParserError) -> SyntaxProblem | None:
    """A '[' or '{' that is never closed, closed with the wrong bracket, or cut short by a '#'."""
    in_brackets = "flow sequence" in error.context or "flow mapping" in error.context
    if in_brackets and error.context_line is not None and error.context_column is not None:
        found = _bracket_at(source, error.context_line, error.context_column - 1)
        if found is not None:
            return found
    for line in source.above(error.line + 1):
        if line.value[:1] in _CLOSER:
            return _bracket_at(source, line.number, line.value_column)
        if line.number < error.line - 1:
            break
    return None


def _bracket_at(source: Source, number: int, column: int) -> SyntaxProblem | None:
    line = source.line(number)
    if line is None or line.text[column : column + 1] not in _CLOSER:
        return None
    opener = line.text[column]
    what = "a list" if opener == "[" else "keys and values"
    scanned = _scan_brackets(line.text, column, comments=True)
    if scanned.closed_with is not None:
        if scanned.closed_with == _CLOSER[opener]:
            return None
        wrong = scanned.closed_with
        fixed = line.text[: scanned.end] + _CLOSER[opener] + line.text[scanned.end + 1 :]
        return SyntaxProblem(
            number,
            scanned.end + 1,
            f"the '{opener}' here opens {what} that {'closes' if opener == '[' else 'close'} with '{wrong}'",
            f"close it with '{_CLOSER[opener]}': " + shown(fixed.strip()),
        )
    if scanned.comment is not None and _scan_brackets(line.text, column, comments=False).closed_with == _CLOSER[opener]:
        items = line.text[column + 1 : line.text.rindex(_CLOSER[opener])]
        quoted = ", ".join(yaml_quoted(i.strip()) if "#" in i else i.strip() for i in items.split(","))
        fixed = line.text[:column] + opener + quoted + line.text[line.text.rindex(_CLOSER[opener]) :]
        return SyntaxProblem(
            number,
            scanned.comment + 1,
            f"the '#' here starts a comment, so the {what.removeprefix('a ')} opened with '{opener}' before it never "
            + ("closes" if opener == "[" else "close"),
            "put the item with '#' in quotes: " + shown(fixed.strip()),
        )
    closing = "".join(_CLOSER[o] for o in reversed(scanned.open))
    hint = f"close it with '{closing}' after its last item"
    text = line.text[: scanned.comment].rstrip() if scanned.comment is not None else line.text.rstrip()
    derived = "" if text.endswith(",") or not line.complete else shown(text.strip() + closing)
    return SyntaxProblem(
        number,
        column + 1,
        f"the '{opener}' here opens {what} that never {'closes' if opener == '[' else 'close'} with "
        f"'{_CLOSER[opener]}'",
        f"{hint}: {derived}" if derived else hint,
    )


@dataclass(slots=True)
class _Brackets:
    open: list[str]
    closed_with: str | None = None
    end: int = 0
    comment: int | None = None


def _scan_brackets(text: str, column: int, *, comments: bool) -> _Brackets:
    """Follow the brackets from the one at `column` to where it closes on this line, skipping quoted text."""
    state = _Brackets(open=[])
    index = column
    while index < len(text):
        char = text[index]
        if char in "'\"" and (index == 0 or text[index - 1] in " \t[{,"):
            end = closing_quote(text, index + 1, char)
            index = (end if end is not None else len(text)) + 1
            continue
        if char == "#" and (index == 0 or text[index - 1] in " \t[{,"):
            state.comment = index
            if comments:
                break
        elif char in _CLOSER:
            state.open.append(char)
        elif char in "]}":
            state.open.pop()
            if not state.open:
                state.closed_with, state.end = char, index
                return state
        index += 1
    return state


# --- a value that starts with a character YAML reads as syntax -----------------------------

_STARTS: Final = {
    "@": "which YAML reserves and does not allow at the start of text",
    "`": "which YAML reserves and does not allow at the start of text",
    "%": "which YAML does not allow at the start of text",
    "&": "which YAML reads as a name for this value (an anchor)",
    "|": "which YAML reads as the start of text written on the lines below",
    ">": "which YAML reads as the start of text written on the lines below",
    "[": "which YAML reads as the start of a list",
    "{": "which YAML reads as the start of keys and values",
    "- ": "which YAML reads as the start of a list item",
    "? ": "which YAML reads as the start of a key",
}


def special_first_character(source: Source, error: ParserError) -> SyntaxProblem | None:
    """Text that starts with '@', '`', '%', '*', '&', '|', '>', '[', '{', '- ' or '? ' without quotes."""
    line = source.line(error.line)
    if line is None or not line.value or error.column - 1 < line.value_column:
        return None
    value = line.value
    if value.startswith(":") and line.key is None:
        return SyntaxProblem(
            line.number,
            line.value_column + 1,
            "the line starts with ':', which YAML reads as a value without its key",
            "write the key before the ':', or remove the ':'",
        )
    start = value[:2] if value[:2] in ("- ", "? ") else value + " " if value in ("-", "?") else value[:1]
    if start == "*":
        name = re.match(r"\*([A-Za-z0-9_-]*)", value)
        named = name.group(1) if name is not None else ""
        message = (
            f"the value starts with '*', so YAML reads '*{named}' as a reference to a value named '&{named}', "
            "and there is none"
            if named
            else "the value starts with '*', which YAML reads as a reference to another value; "
            "text that starts with it must be in quotes"
        )
        return _quote_the_value(line, line.value_column, message, if_text=bool(named))
    if start not in _STARTS:
        return None
    return _quote_the_value(
        line,
        line.value_column,
        f"the value starts with '{start.strip()}', {_STARTS[start]}; text that starts with it must be in quotes",
    )


def _quote_the_value(line: Line, column: int, message: str, *, if_text: bool = False) -> SyntaxProblem:
    fixed = shown(line.with_value(yaml_quoted(line.value))) if line.complete else ""
    hint = ("if it is text, put it in quotes" if if_text else "put the text in quotes") + (
        f": {fixed}" if fixed else ""
    )
    return SyntaxProblem(line.number, column + 1, message, hint)


# --- ': ' inside text ------------------------------------------------------------------------


def colon_in_text(source: Source, error: ParserError) -> SyntaxProblem | None:
    """Text with ': ' in it, which YAML takes for a key and its value: `action: Clicks "Buy": nothing`."""
    line = source.line(error.line)
    column = error.column - 1
    if line is None or line.text[column : column + 1] != ":" or line.key is None or line.colon is None:
        return None
    if column == line.colon:
        return None  # the line's own key: a matter of indentation
    if line.item is not None and not KEY_NAME.fullmatch(line.key):
        text = without_comment(line.text[line.content :].rstrip())
        fixed = line.text[line.indent : line.content] + yaml_quoted(text)
        return SyntaxProblem(
            line.number,
            column + 1,
            "this text contains ': ', which YAML takes for a key and its value",
            "put the text in quotes: " + shown(fixed),
        )
    return SyntaxProblem(
        line.number,
        column + 1,
        f"the text after '{line.key}:' contains ': ', which YAML takes for another key",
        "put the text in quotes: " + shown(line.with_value(yaml_quoted(line.value))),
    )


def stray_closing_bracket(source: Source, error: ParserError) -> SyntaxProblem | None:
    """A ']' or '}' where no list or mapping between brackets is open."""
    line = source.line(error.line)
    if line is None or line.text[error.column - 1 : error.column] not in ("]", "}"):
        return None
    closer = line.text[error.column - 1]
    what = "a list" if closer == "]" else "keys and values"
    return SyntaxProblem(
        line.number,
        error.column,
        f"this '{closer}' closes {what} that {'is' if closer == ']' else 'are'} not open here",
        f"remove it, or move it to the end of the {what.removeprefix('a ')} it closes, after the last item",
    )
