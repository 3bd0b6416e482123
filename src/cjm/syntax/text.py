"""The text of a file that failed to parse, taken apart line by line, and values written back as YAML.

The explanations in this package read lines the way YAML's block structure sees them:
indentation, list item indicators ('- '), a key and its value, a comment. The quoting
helpers write a corrected value or line for a hint.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

_ANALYSED: Final = 2000
"""Only the start of a very long line is analysed; a fixed line is shown only for shorter ones."""
_SHOWN: Final = 200
"""The longest fixed line a hint shows."""


@dataclass(frozen=True, slots=True)
class SyntaxProblem:
    """What is wrong with the YAML, where (1-based line and column), and what to write instead."""

    line: int
    column: int
    message: str
    hint: str


@dataclass(frozen=True, slots=True)
class ParserError:
    """Where libyaml stopped (1-based), and what it was reading then, with where that started."""

    line: int
    column: int
    context: str = ""
    context_line: int | None = None
    context_column: int | None = None


def yaml_quoted(text: str) -> str:
    """Write text as a quoted YAML scalar: double quotes, or single ones if it holds `"` or `\\`."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def shown(line: str) -> str:
    """A line as a hint shows it, in backticks; '' when it is too long to show."""
    if len(line) > _SHOWN:
        return ""
    return f"`` {line} ``" if "`" in line else f"`{line}`"


def quote_from(line: str, column: int) -> str:
    """The line with its value from `column` (0-based) on written as quoted text, without indentation.

    A value that is empty because it starts with '#' (read as a comment) keeps that text.
    '' when the line is too long to show.
    """
    rest = line[column:].strip()
    value = without_comment(rest) or rest
    head = line[:column].strip()
    return shown((head + " " if head else "") + yaml_quoted(value)) if value else ""


# A line: indentation, list item indicators ("- "), then a key and its value, or text.
_PREFIX: Final = re.compile(r"(?P<indent>[ ]*)(?P<items>(?:-(?:[ ]+|$))*)")
_KEY: Final = re.compile(
    r"""(?P<key>[^\s#'"\[\]{},&*!|>%@`?:-][^:#]*?|"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')[ \t]*:(?=[ \t]|$)"""
)
_COMMENT: Final = re.compile(r"[ \t]#|^#")
KEY_NAME: Final = re.compile(r"[a-z_][A-Za-z0-9_]*")
"""A key as cjm files write them (title, last_reviewed, apiVersion), as opposed to prose before a ':'."""


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the file, taken apart the way YAML's block structure sees it (0-based columns)."""

    number: int
    text: str
    indent: int
    """Where the first character that is not a space stands."""
    item: int | None
    """Where the first '- ' stands, if the line starts a list item."""
    content: int
    """Where the content starts, after the indentation and any '- '."""
    key: str | None
    """The key, when the line starts with 'key:'."""
    colon: int | None
    """Where the key's ':' stands."""
    value: str
    """The value after 'key: ' (or the content of a line without a key), without a comment."""
    value_column: int
    complete: bool
    """False when the line was too long to analyse whole."""

    @property
    def blank(self) -> bool:
        return not self.text[self.content :].strip() or self.text[self.content :].lstrip().startswith("#")

    @property
    def opens_block(self) -> bool:
        """A 'key:' with nothing after it, or a lone '-': what follows, indented, belongs to it."""
        return self.value == ""

    def name(self) -> str:
        """How a message names the line: its key, or 'the list item', or 'the text'."""
        if self.key is not None and KEY_NAME.fullmatch(self.key):
            return f"'{self.key}:'"
        return "the list item" if self.item is not None and self.content > self.item else "the text"

    def with_value(self, value: str) -> str:
        """The line with another value after its key (or instead of its content), without indentation."""
        head = self.text[self.indent : self.content]
        return head + (f"{self.key}: {value}" if self.key is not None else value)

    def reindented(self, spaces: int) -> str:
        """The line moved to start after `spaces` spaces."""
        return " " * spaces + self.text[self.indent :].rstrip()


def _take_apart(number: int, raw: str) -> Line:
    text = raw[:_ANALYSED]
    prefix = _PREFIX.match(text)
    assert prefix is not None  # the pattern matches every string
    indent = len(prefix.group("indent"))
    content = prefix.end()
    item = indent if prefix.group("items") else None
    rest = text[content:]
    key_match = _KEY.match(rest)
    if key_match is not None:
        after = rest[key_match.end() :]
        value_column = content + key_match.end() + len(after) - len(after.lstrip(" \t"))
        return Line(
            number,
            raw,
            indent,
            item,
            content,
            key_match.group("key"),
            content + key_match.end() - 1,
            without_comment(after.strip(" \t")),
            value_column,
            len(raw) <= _ANALYSED,
        )
    return Line(
        number, raw, indent, item, content, None, None, without_comment(rest.rstrip()), content, len(raw) <= _ANALYSED
    )


def without_comment(value: str) -> str:
    """A value without the comment after it; a quoted value keeps any '#' inside its quotes."""
    if value[:1] in ("'", '"'):
        end = closing_quote(value, 1, value[0])
        if end is not None:
            comment = _COMMENT.search(value, end + 1)
            return value[: comment.start()].rstrip() if comment else value
        return value
    comment = _COMMENT.search(value)
    return value[: comment.start()].rstrip() if comment else value


def closing_quote(text: str, start: int, quote: str) -> int | None:
    """Where the quoted text that opened before `start` closes on this line, or None."""
    index = start
    while index < len(text):
        char = text[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and text[index + 1 : index + 2] == "'":
                index += 2
                continue
            return index
        index += 1
    return None


class Source:
    """The text of the failed file, taken apart line by line as the explanations ask for lines."""

    def __init__(self, text: str) -> None:
        self.raw = text.splitlines()
        self._lines: dict[int, Line] = {}

    def line(self, number: int) -> Line | None:
        """The line with this 1-based number, or None past the end of the file."""
        if not 1 <= number <= len(self.raw):
            return None
        found = self._lines.get(number)
        if found is None:
            found = self._lines[number] = _take_apart(number, self.raw[number - 1])
        return found

    def above(self, number: int) -> Iterator[Line]:
        """The lines with content above this one, nearest first (blank and comment lines skipped)."""
        for earlier in range(min(number, len(self.raw) + 1) - 1, 0, -1):
            line = self.line(earlier)
            if line is not None and not line.blank:
                yield line
