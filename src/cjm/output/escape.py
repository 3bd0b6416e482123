"""Text from a file, made safe to print: no control character reaches a terminal or a log.

A map can hold any character, and YAML's double quotes can write an escape sequence into a
key ("\\e[2K"); printed raw, it could recolour, erase or forge lines of cjm's own output.
"""

import re
from typing import Final

_CONTROLS: Final = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""C0 and C1 controls (not tab), DEL, and the marks that reorder text on screen."""


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
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
