"""Explanations of how the lines are laid out: tabs, indentation, keys without ': ', list items out of place.

Each explanation takes the failed text and where libyaml stopped, and answers with a
problem when it recognises its cause there, or None.
"""

import re
from dataclasses import dataclass
from typing import Final

from cjm.syntax.text import KEY_NAME, Line, ParserError, Source, SyntaxProblem, shown

# --- a tab in the indentation -------------------------------------------------------------

_LEADING: Final = re.compile(r"[ \t]*(?:-[ \t]+)*")


def tab_in_indentation(source: Source, error: ParserError) -> SyntaxProblem | None:
    """A tab in the indentation of the line where libyaml stopped (or of the line it was reading)."""
    for number in (error.line, error.context_line):
        line = source.line(number) if number is not None else None
        if line is None:
            continue
        leading = _LEADING.match(line.text)
        if leading is None or "\t" not in leading.group():
            continue
        column = leading.group().index("\t")
        rest = line.text[leading.end() :].rstrip()
        dashes = leading.group().count("-")
        written_indent = leading.group().split("-", 1)[0]
        if "\t" in written_indent:
            spaces = _expected_indentation(source, line.number, item=dashes > 0)
        else:
            spaces = len(written_indent)
        hint = "replace the tab at the start of this line with spaces"
        fixed = shown(" " * spaces + "- " * dashes + rest) if line.complete else ""
        return SyntaxProblem(
            line.number,
            column + 1,
            "a tab is used for indentation here; YAML indents with spaces only",
            f"{hint}: {fixed}" if fixed else hint,
        )
    return None


def _expected_indentation(source: Source, number: int, *, item: bool) -> int:
    """The indentation a line most likely wants: under a key that opens a block, or beside the line above."""
    for above in source.above(number):
        if above.opens_block:
            return above.content + 2
        if item and above.item is not None:
            return above.item
        return above.content
    return 0


# --- indentation -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Level:
    """A column that a line could line up with: a key's, or a list item's '- '."""

    column: int
    line: Line
    item: bool

    def name(self) -> str:
        """How a message names what lines up here."""
        if self.item:
            return f"the list item on line {self.line.number}"
        return f"{self.line.name()} on line {self.line.number}"


def _levels(source: Source, number: int) -> list[_Level]:
    """The columns open at a line: the lines above it that each start further left, nearest first."""
    levels: list[_Level] = []
    limit = 1 << 30
    for line in source.above(number):
        if line.indent >= limit:
            continue
        if line.content < limit:
            levels.append(_Level(line.content, line, item=False))
        if line.item is not None and line.item < line.content:
            levels.append(_Level(line.item, line, item=True))
        limit = line.indent
        if limit == 0:
            break
    return levels


def misaligned(source: Source, error: ParserError) -> SyntaxProblem | None:
    """A key or list item indented more or less than the ones beside it."""
    line = source.line(error.line)
    if line is None or line.blank:
        return None
    column = error.column - 1
    at_start = column in (line.indent, line.content) or (line.colon is not None and column == line.colon)
    if not at_start:
        return None
    if line.key is not None and column == line.colon and not KEY_NAME.fullmatch(line.key):
        return _text_continues(source, line)
    levels = _levels(source, line.number)
    if not levels:
        return None
    if line.item is not None and line.item == line.indent:
        return _item_misplaced(line, levels)
    return _key_misplaced(source, line, levels)


def _text_continues(source: Source, line: Line) -> SyntaxProblem | None:
    owner = next((above for above in source.above(line.number) if above.indent < line.indent), None)
    if owner is None or owner.key is None:
        return None
    return SyntaxProblem(
        line.number,
        line.content + 1,
        f"this line continues the text of '{owner.key}:' from line {owner.number} and contains ': ', "
        "which YAML takes for a key",
        f"put the whole text of '{owner.key}' in quotes, from its first line to its last",
    )


def _key_misplaced(source: Source, line: Line, levels: list[_Level]) -> SyntaxProblem | None:
    spaces = line.content
    above = levels[0]
    if spaces > above.column:
        target = above
    else:
        keys = [level for level in levels if not level.item] or levels
        if spaces < min(level.column for level in keys):
            first = keys[-1].line
            if first.indent > 0 and _first_content_line(source) == first.number:
                return SyntaxProblem(
                    first.number,
                    first.indent + 1,
                    f"the first key of the file, {first.name()}, is indented; the keys at the top of a file "
                    "start at the beginning of the line",
                    "remove the spaces before it: " + shown(first.reindented(0)),
                )
        target = min(keys, key=lambda level: (abs(level.column - spaces), -level.column))
        if target.column == spaces:
            return None  # it lines up with a key above: the cause is something else
    more_or_less = "more" if spaces > target.column else "less"
    return SyntaxProblem(
        line.number,
        line.indent + 1,
        f"{line.name()} is indented {more_or_less} than {target.name()} ({_spaces(spaces)} instead of {target.column})",
        f"{_indent_it(target.column)}, like {target.line.name()}: " + shown(line.reindented(target.column)),
    )


def _item_misplaced(line: Line, levels: list[_Level]) -> SyntaxProblem | None:
    assert line.item is not None
    spaces = line.item
    items = [level for level in levels if level.item]
    above = levels[0]
    nearest = min(items, key=lambda level: (abs(level.column - spaces), -level.column)) if items else None
    if spaces > above.column and not above.line.opens_block:
        return SyntaxProblem(
            line.number,
            line.indent + 1,
            f"this list item is indented more than {above.line.name()} on line {above.line.number}, "
            "which has a value already",
            _like_the_item(line, nearest)
            if nearest is not None
            else f"put the list under a key of its own that ends with ':', instead of under {above.line.name()}",
        )
    if nearest is not None and nearest.column != spaces:
        more_or_less = "more" if spaces > nearest.column else "less"
        return SyntaxProblem(
            line.number,
            line.indent + 1,
            f"this list item is indented {more_or_less} than the item on line {nearest.line.number} "
            f"({_spaces(spaces)} instead of {nearest.column})",
            _like_the_item(line, nearest),
        )
    keys = [level for level in levels if not level.item and level.column == spaces and level.line.key is not None]
    if keys and keys[0].line.value:
        key = keys[0].line
        return SyntaxProblem(
            line.number,
            line.indent + 1,
            f"this list item is in line with {key.name()} on line {key.number}, where YAML expects another key, "
            "so it belongs to no key",
            "put the items under the key they belong to, written on its own line ending with ':', "
            "and indent them more than that key",
        )
    return None


def _like_the_item(line: Line, item: _Level) -> str:
    return f"{_indent_it(item.column)}, like the item on line {item.line.number}: " + shown(
        line.reindented(item.column)
    )


def _indent_it(spaces: int) -> str:
    return f"indent it {_spaces(spaces)}" if spaces else "start it at the beginning of the line"


def _spaces(count: int) -> str:
    return f"{count} space" if count == 1 else f"{count} spaces"


def _first_content_line(source: Source) -> int | None:
    for number in range(1, len(source.raw) + 1):
        line = source.line(number)
        if line is not None and not line.blank and not line.text.startswith(("%", "---")):
            return number
    return None


# --- a line that is neither 'key: value' nor a list item ------------------------------------


def line_without_key(source: Source, error: ParserError) -> SyntaxProblem | None:
    """A line that is neither 'key: value' nor a list item, where YAML wanted a key."""
    if "simple key" not in error.context or error.context_line is None:
        return None
    line = source.line(error.context_line)
    if line is None or line.blank:
        return None
    colon = _KEY_END.search(line.text, line.content)
    if colon is not None and colon.start() - line.content > _LONGEST_KEY:
        return SyntaxProblem(
            line.number,
            line.content + 1,
            f"the key on this line is {colon.start() - line.content:,} characters long; YAML reads keys of at most "
            f"{_LONGEST_KEY:,}",
            "shorten the key: keys in cjm files are short words like 'title'; long text goes after the ':'",
        )
    written_wrong = _key_written_wrong(line, missing_colon=False)
    if written_wrong is not None:
        return written_wrong
    owner = next(source.above(line.number), None)
    continues = (
        f"if it continues the text of '{owner.key}:' on line {owner.number}, indent it more than '{owner.key}:'; "
        if owner is not None and owner.key is not None and owner.value
        else ""
    )
    return SyntaxProblem(
        line.number,
        line.content + 1,
        "this line is neither 'key: value' nor a list item starting with '- '",
        f"{continues}otherwise write it as 'key: value'"
        if continues
        else "write it as 'key: value', or as a list item starting with '- '",
    )


def key_without_colon(source: Source, error: ParserError) -> SyntaxProblem | None:
    """A key above the error's line written without its ': ', so YAML read it as text running on."""
    line = source.line(error.line)
    if line is None or line.blank or error.column - 1 not in (line.indent, line.content, line.colon):
        return None
    above = next(source.above(line.number), None)
    if above is None or above.key is not None or above.content != line.content:
        return None
    return _key_written_wrong(above, missing_colon=True)


_KEY_END: Final = re.compile(r":(?=[ \t]|$)")
_LONGEST_KEY: Final = 1024
"""libyaml's limit on a key written on one line (a 'simple key')."""
_DASH_GLUED: Final = re.compile(r"-(?=[^\s-])")
_COLON_GLUED: Final = re.compile(r"([a-z_][A-Za-z0-9_]*):(?=\S)")
_COLON_MISSING: Final = re.compile(r"([a-z_][A-Za-z0-9_]*)[ \t]+(?=\S)")


def _key_written_wrong(line: Line, *, missing_colon: bool) -> SyntaxProblem | None:
    """'-b' without a space, 'title:x' without a space, or (if asked) 'title x' without a ':'."""
    content = line.text[line.content :].rstrip()
    head = line.text[line.indent : line.content]
    if _DASH_GLUED.match(content) and line.item is None:
        return SyntaxProblem(
            line.number,
            line.content + 1,
            "a list item needs a space after '-'",
            "put a space after the '-': " + shown(head + "- " + content[1:]),
        )
    glued = _COLON_GLUED.match(content)
    if glued is not None:
        return SyntaxProblem(
            line.number,
            line.content + len(glued.group(1)) + 1,
            f"'{glued.group(1)}:' needs a space after ':' to be a key",
            "put a space after the ':': " + shown(head + glued.group(0) + " " + content[glued.end() :]),
        )
    missing = _COLON_MISSING.match(content) if missing_colon else None
    if missing is not None:
        return SyntaxProblem(
            line.number,
            line.content + len(missing.group(1)) + 1,
            f"'{missing.group(1)}' needs a ':' after it to be a key",
            "put ':' after the key: " + shown(head + missing.group(1) + ": " + content[missing.end() :]),
        )
    return None


def after_document_end(source: Source, error: ParserError) -> SyntaxProblem | None:
    """Content after a '...' line, which ends the YAML document."""
    for line in source.above(error.line):
        if line.text.rstrip() == "...":
            return SyntaxProblem(
                line.number,
                1,
                "the line '...' ends the YAML document, so the lines after it cannot be read",
                "remove the '...' line",
            )
    return None
