"""Text from a file, made safe to print: no control character reaches a terminal or a log.

A map can hold any character, and YAML's double quotes can write an escape sequence into a
key ("\\e[2K"); printed raw, it could recolour, erase or forge lines of cjm's own output. A file
name need not be UTF-8 either: Python carries its odd bytes as lone surrogates, which no
encoding can write, so they are shown as the bytes they stand for (\\xff).
"""

import re
import unicodedata
from typing import Final

_CONTROLS: Final = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ud800-\udfff]"
)
"""C0 and C1 controls (not tab), DEL, the marks that reorder text on screen, the Unicode line and
paragraph separators, and lone surrogates (a file name's bytes that are not UTF-8)."""


def escaped(text: str) -> str:
    r"""The text with every control character written as an escape: ESC as \x1b, a newline as \n."""
    return _CONTROLS.sub(_escape, text)


def escaped_lines(text: str, indent: str) -> str:
    """Escaped text whose own line breaks are kept, each following line indented, so no line of
    it can pass for a line cjm writes itself."""
    return ("\n" + indent).join(escaped(line) for line in text.split("\n"))


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    if character == "\n":
        return "\\n"
    if character == "\r":
        return "\\r"
    code = ord(character)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, as os.fsdecode carries it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def columns(text: str) -> int:
    """How many terminal columns the text takes: two for a wide character (CJK, most emoji), none
    for a combining mark or an invisible format character, one for any other."""
    return sum(_width(character) for character in text)


def _width(character: str) -> int:
    if unicodedata.east_asian_width(character) in ("W", "F"):
        return 2
    if unicodedata.combining(character) or unicodedata.category(character) in ("Mn", "Me", "Cf"):
        return 0
    return 1
