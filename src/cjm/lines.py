"""Where a line ends: the one definition every part of cjm counts lines by.

YAML (and libyaml, whose marks give every position) ends a line at CR LF, LF, CR, NEL (U+0085),
LS (U+2028) and PS (U+2029). Counting only LF would let a file hide lines from the limits, and
would put a position on the wrong line of a file whose lines end otherwise.
"""

import re
from typing import Final

LINE_BREAK: Final = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
LINE_BREAK_CHARACTERS: Final = "\n\r\x85\u2028\u2029"


def split_lines(text: str) -> list[str]:
    """The lines of a text as libyaml counts them, so that line n of a mark is item n - 1."""
    return LINE_BREAK.split(text)


def count_line_breaks(text: str) -> int:
    """How many line breaks the text has, as libyaml counts them (CR LF is one)."""
    return sum(text.count(character) for character in LINE_BREAK_CHARACTERS) - text.count("\r\n")


def with_newlines(text: str) -> str:
    """The text with every line break written as LF."""
    return LINE_BREAK.sub("\n", text)
