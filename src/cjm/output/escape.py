"""Text from a file, made safe to print: no control character reaches a terminal or a log.

A map can hold any character, and YAML's double quotes can write an escape sequence into a
key ("\\e[2K"); printed raw, it could recolour, erase or forge lines of cjm's own output. A file
name need not be UTF-8 either: Python carries its odd bytes as lone surrogates, which no
encoding can write, so they are shown as the bytes they stand for (\\xff).
"""

import functools
import json
import re
import unicodedata
from collections.abc import Callable
from typing import Any, Final, TextIO

_CONTROLS: Final = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ud800-\udfff]"
)
"""C0 and C1 controls (not tab), DEL, the marks that reorder text on screen, the Unicode line and
paragraph separators, and lone surrogates (a file name's bytes that are not UTF-8)."""

_UNSAFE_IN_JSON: Final = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ud800-\udfff]")
"""What `json.dumps` leaves raw but a terminal acts on or UTF-8 cannot carry; it escapes C0 itself."""


_JOINER: Final = "\u2060"
"""An invisible word joiner: it keeps a GitHub Actions log from reading text as a workflow command."""


def escaped(text: str) -> str:
    r"""The text with every control character written as an escape: ESC as \x1b, a newline as \n.

    CI logs act on two more things: a GitHub Actions runner takes `##[error]...` anywhere in a
    line and `::error ...::` at its start as commands, so a file named `::error::x.yaml` or a
    line holding `##[error]` could forge an annotation; an invisible word joiner breaks both.
    """
    return unforgeable(_CONTROLS.sub(_escape, text))


def unforgeable(shown: str) -> str:
    """Text already escaped, with the GitHub Actions log commands in it broken by a word joiner
    (which takes no column, so a caret under the text stays where it was)."""
    if "##[" in shown:
        shown = shown.replace("##[", "#" + _JOINER + "#[")
    if shown.lstrip(" \t").startswith("::"):
        shown = _JOINER + shown
    return shown


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
    return len(text) if text.isascii() else sum(map(_width, text))


@functools.cache
def _width(character: str) -> int:
    if unicodedata.east_asian_width(character) in ("W", "F"):
        return 2
    if unicodedata.combining(character) or unicodedata.category(character) in ("Mn", "Me", "Cf"):
        return 0
    return 1


def write_json_document(document: Any, stream: TextIO, *, sort_keys: bool = False) -> None:
    """Write a JSON document, indented, that the stream can carry and no terminal acts on.

    Letters beyond ASCII stay readable; C1 controls, the marks that reorder text and lone
    surrogates (a file name that is not UTF-8) are \\u escapes, so the bytes are valid UTF-8. On a
    stream whose encoding cannot carry the letters (ASCII, cp1252), every character beyond ASCII
    is an escape. Either way the document parses to the same values.
    """
    stream.write(
        json_for(stream, lambda ascii: json.dumps(document, ensure_ascii=ascii, indent=2, sort_keys=sort_keys))
    )
    stream.write("\n")


def json_for(stream: TextIO, encode: Callable[[bool], str]) -> str:
    """JSON text, or a piece of it, as `write_json_document` writes it: `encode(ensure_ascii)` makes it
    with letters beyond ASCII kept (False) or escaped (True), for a writer that streams a document."""
    text = _UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", encode(False))
    return text if _can_encode(stream, text) else encode(True)


def _can_encode(stream: TextIO, text: str) -> bool:
    encoding = getattr(stream, "encoding", None)
    if not isinstance(encoding, str):
        return True
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True
