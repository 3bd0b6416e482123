"""Read a YAML file into plain values, keeping where every value came from.

The loader is strict where YAML is lenient. It reads YAML 1.2 (the version editors and
JSON Schema tools use): `yes`, `no`, `on`, `off` and dates are text, `true`/`false` are
the only yes/no values. It refuses duplicate keys, tags that construct objects, merge
keys, several documents in one file, and input that would take unbounded time or
memory: too large, too deep, too many items, or aliases that expand without end.

Parsing uses libyaml's C composer where present, then turns the node tree into plain
values in one pass. The node tree is kept, so a position is found only when a message
needs one.
"""

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Final

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from cjm.diagnostics import (
    ALIAS_EXPANSION,
    DUPLICATE_KEY,
    EMPTY_FILE,
    FORBIDDEN_YAML,
    INVALID_VALUE,
    MULTIPLE_DOCUMENTS,
    NOT_A_MAPPING,
    NOT_TEXT,
    TOO_LARGE,
    YAML_SYNTAX,
    Code,
    Diagnostic,
    diagnostic,
)
from cjm.figures import digits_in_words
from cjm.lines import LINE_BREAK_CHARACTERS, count_line_breaks, split_lines

try:
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]

    WITH_LIBYAML: Final = True
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)

    WITH_LIBYAML = False  # type: ignore[misc]

_STR: Final = "tag:yaml.org,2002:str"
_INT: Final = "tag:yaml.org,2002:int"
_FLOAT: Final = "tag:yaml.org,2002:float"
_BOOL: Final = "tag:yaml.org,2002:bool"
_NULL: Final = "tag:yaml.org,2002:null"
_SEQ: Final = "tag:yaml.org,2002:seq"
_MAP: Final = "tag:yaml.org,2002:map"

# The YAML 1.2 core schema: the only plain scalars that are not text.
_CORE_SCALAR: Final = re.compile(
    r"(?P<null>~|null|Null|NULL)"
    r"|(?P<bool>true|True|TRUE|false|False|FALSE)"
    r"|(?P<int>[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)"
    r"|(?P<float>[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))"
)
_CORE_SCALAR_STARTS: Final = frozenset("~nNtTfF+-.0123456789")
"""The characters a plain scalar that `_CORE_SCALAR` matches can start with."""
_CORE_TAGS: Final = {"null": _NULL, "bool": _BOOL, "int": _INT, "float": _FLOAT}


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on the work one file may cause; the configuration can raise them."""

    max_bytes: int = 8 * 1024 * 1024
    """Largest file read, in bytes."""
    max_items: int = 25_000
    """Most lines plus list and mapping items in a file, and most values aliases may expand to.

    The default holds every command and format within the budget (2 s and 200 MB on two
    cores, see benchmarks/RESULTS.md) on the worst file it lets through; the largest map of
    the benchmark, 200 stages and 2,200 steps, has 18,637 lines, and a real map a few hundred."""
    max_depth: int = 64
    """Deepest nesting of lists and mappings."""


class _Resolver12(BaseResolver):
    """Resolve plain scalars by the YAML 1.2 core schema instead of PyYAML's YAML 1.1 rules."""

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                if value == "":
                    return _NULL
                if value[0] not in _CORE_SCALAR_STARTS:
                    return _STR  # most plain scalars are words: no pattern to try
                match = _CORE_SCALAR.fullmatch(value)
                if match is not None and match.lastgroup is not None:
                    return _CORE_TAGS[match.lastgroup]
            return _STR
        return _SEQ if kind is SequenceNode else _MAP


class _Composer(_Parser, _Resolver12):
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Resolver12.__init__(self)


@dataclass(slots=True)
class Document:
    """A parsed file: its text, its values, and the node tree that knows every position.

    The node tree is large, so it is dropped once the file is validated (`release`) and
    composed again from the text only if a message later needs a position.
    """

    path: str
    text: str
    data: dict[str, Any]
    _root: MappingNode | None
    _keys: dict[int, dict[str, tuple[Node, Node]]] = field(default_factory=dict, repr=False, compare=False)
    """Each mapping's keys, by the mapping node's id, indexed the first time a path goes through it."""
    _lines: list[str] | None = None

    @property
    def root(self) -> MappingNode:
        """The node tree of the file, composed again if it was released."""
        if self._root is None:
            root = _compose(self.text)
            if not isinstance(root, MappingNode):  # pragma: no cover - the same text composed before
                raise TypeError("the document no longer parses to a mapping")
            self._root = root
        return self._root

    @property
    def has_tree(self) -> bool:
        """Whether the node tree is at hand (positions found without a parse)."""
        return self._root is not None

    def release(self) -> None:
        """Drop the node tree to save memory; positions are still found, at the cost of a parse."""
        self._root = None
        self._keys.clear()
        self._lines = None

    def node(self, path: Sequence[str | int]) -> Node | None:
        """The node of the value at `path`, or None where the path leaves the file."""
        node: Node = self.root
        for part in path:
            child = self._child(node, part)
            if child is None:
                return None
            node = child[1]
        return node

    def line(self, number: int) -> str:
        """The text of a 1-based line, as libyaml counts lines; '' past the end of the file."""
        if self._lines is None:
            self._lines = split_lines(self.text)
        return self._lines[number - 1] if 0 < number <= len(self._lines) else ""

    def locate(self, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        """Return the 1-based line and column of the value at `path`, or of its key.

        Where the path leaves the file (a missing key), the deepest node that exists is used.
        """
        node: Node = self.root
        key_node: Node | None = None
        for part in path:
            child = self._child(node, part)
            if child is None:
                key_node = None
                break
            key_node, node = child
        mark = (key_node if key and key_node is not None else node).start_mark
        return mark.line + 1, mark.column + 1

    def _child(self, node: Node, part: str | int) -> tuple[Node | None, Node] | None:
        """The key and value nodes of `part` in `node`; a mapping is indexed once, so many lookups in it stay linear."""
        if isinstance(node, MappingNode) and isinstance(part, str):
            keys = self._keys.get(id(node))
            if keys is None:
                keys = {}
                for key_node, value_node in node.value:
                    if isinstance(key_node, ScalarNode):
                        keys.setdefault(key_node.value, (key_node, value_node))
                self._keys[id(node)] = keys
            return keys.get(part)
        if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            return None, node.value[part]
        return None


@dataclass(slots=True)
class Loaded:
    """What loading one file gave: the document, or the reasons there is none."""

    path: str
    text: str | None
    document: Document | None
    diagnostics: list[Diagnostic]


DEFAULT_LIMITS: Final = Limits()


def load_bytes(path: str, raw: bytes, limits: Limits = DEFAULT_LIMITS) -> Loaded:
    """Decode and parse one file's bytes; every problem becomes a diagnostic, never an exception."""
    if len(raw) > limits.max_bytes:
        return _failed(path, None, too_large(path, len(raw), limits.max_bytes))
    text_or_problem = decode(path, raw)
    if isinstance(text_or_problem, Diagnostic):
        return _failed(path, None, text_or_problem)
    return load_text(path, text_or_problem, limits)


def too_large(path: str, size: int, max_bytes: int) -> Diagnostic:
    """The diagnostic for a file over the size limit (`size` may be a lower bound: 'more than')."""
    return diagnostic(
        TOO_LARGE,
        f"the file is over {max_bytes:,} bytes, the limit (it has at least {size:,})",
        path,
        1,
        1,
        hint="split the map into several files, or raise max-file-size in the configuration",
    )


def decode(path: str, raw: bytes) -> str | Diagnostic:
    """Turn bytes into text: UTF-8 with an optional byte-order mark, nothing else."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return diagnostic(
            NOT_TEXT,
            "the file is UTF-16 text; cjm reads UTF-8 only",
            path,
            1,
            1,
            hint="save the file as UTF-8 in your editor",
        )
    nul = raw.find(b"\x00")
    if nul != -1:
        line, column = _byte_position(raw, nul)
        looks_utf16 = raw[1:64:2].count(0) > 16 or raw[0:64:2].count(0) > 16
        return diagnostic(
            NOT_TEXT,
            "the file looks like UTF-16 text; cjm reads UTF-8 only"
            if looks_utf16
            else "the file contains a NUL byte: it is binary, not text",
            path,
            line,
            column,
            hint="save the file as UTF-8 in your editor"
            if looks_utf16
            else "give cjm only the YAML files of your maps; remove the NUL byte if the file is meant to be text",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_position(raw, error.start)
        return diagnostic(
            NOT_TEXT,
            f"the file is not valid UTF-8 text (invalid byte 0x{raw[error.start]:02x})",
            path,
            line,
            column,
            hint="save the file as UTF-8 in your editor",
        )
    return text[1:] if text.startswith("\ufeff") else text


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset].decode("utf-8", errors="replace")
    return _char_position(before, len(before))


def load_text(path: str, text: str, limits: Limits = DEFAULT_LIMITS) -> Loaded:
    """Parse YAML text into a Document, or report why it cannot be one."""
    problem = _check_size(path, text, limits)
    if problem is not None:
        return _failed(path, text, problem)
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as error:
        return _failed(path, text, _syntax_diagnostic(path, text, error))
    except yaml.reader.ReaderError as error:
        line, column = _char_position(text, _characters_before(text, error.position))
        return _failed(
            path,
            text,
            diagnostic(
                NOT_TEXT,
                f"the file contains the control character {_code_point(error.character)}, which YAML does not allow",
                path,
                line,
                column,
                hint="remove the character; it is often pasted in by accident",
            ),
        )
    except yaml.YAMLError:  # pragma: no cover - libyaml reports all it knows as marked errors
        return _failed(
            path,
            text,
            diagnostic(
                YAML_SYNTAX,
                "YAML cannot read this file",
                path,
                1,
                1,
                hint="check the indentation and quotes; keys of one mapping line up",
            ),
        )
    if root is None:
        return _failed(
            path,
            text,
            diagnostic(EMPTY_FILE, "the file is empty", path, 1, 1, hint="start it with 'apiVersion: cjm/v1'"),
        )
    builder = _Builder(path, text, root, limits)
    if not isinstance(root, MappingNode):
        try:
            builder.check_nesting(root)  # a list nested too deep is told so, as a mapping would be
        except _ExpansionLimitError as limit:
            return _failed(path, text, limit.diagnostic)
        return _failed(
            path,
            text,
            diagnostic(
                NOT_A_MAPPING,
                f"the top level of the file must be keys and values, not {_node_kind(root)}",
                path,
                root.start_mark.line + 1,
                root.start_mark.column + 1,
                hint="start the file with 'apiVersion: cjm/v1' and 'kind: Journey' on their own lines",
            ),
        )
    try:
        data = builder.build()
    except _ExpansionLimitError as limit:
        return _failed(path, text, limit.diagnostic)
    document = Document(path, text, data, root)
    return Loaded(path, text, document if not builder.problems else None, builder.problems)


def _failed(path: str, text: str | None, problem: Diagnostic) -> Loaded:
    return Loaded(path, text, None, [problem])


def _check_size(path: str, text: str, limits: Limits) -> Diagnostic | None:
    line_breaks = count_line_breaks(text)
    items = line_breaks + text.count(",")
    if items > limits.max_items:
        return diagnostic(
            TOO_LARGE,
            f"the file has {items:,} lines and list items, more than the limit of {limits.max_items:,}",
            path,
            1,
            1,
            hint="split the map into several files, or raise max-items in the configuration",
        )
    lines = text.split("\n") if text.count("\n") == line_breaks else split_lines(text)
    if _may_nest_deeper_than(_COMPOSER_DEPTH, text, lines):
        return _check_depth(path, text, limits.max_depth)
    return None


_COMPOSER_DEPTH: Final = 1_000
"""Nesting that libyaml's composer survives with room to spare: it recurses in C, once per level,
and overflows an 8 MB stack at about 25,000 levels. A file that may nest deeper has its event
stream checked first; `Limits.max_depth`, far lower, is checked exactly while the values are built."""
_WIDE_PREFIX: Final = 200
_PREFIX_CHARACTERS: Final = " \t-?:\ufeff"


def _may_nest_deeper_than(depth: int, text: str, lines: list[str]) -> bool:
    """Whether lists and mappings may nest deeper than `depth`, judged from the text without parsing.

    It errs only towards yes, whatever quotes, comments or line breaks hide, because it counts
    what every level needs. Flow nesting is bounded by `_flow_nesting_bound`. A block list or
    mapping starts at the column of its first key or '-', and that column lies within its line's
    leading run of blanks, indicators ('-', '?', ':') and the byte-order mark libyaml skips;
    nested block collections start at growing columns, two at most at one column (a list under
    a key may start at the key's column). So while no line starts with `_WIDE_PREFIX` such
    characters, block nesting is at most twice that. `lines` are the text's lines; a line break
    left at their ends changes nothing.
    """
    return _flow_nesting_bound(text) + 2 * _WIDE_PREFIX > depth or any(
        len(line) - len(line.lstrip(_PREFIX_CHARACTERS)) >= _WIDE_PREFIX for line in lines if len(line) >= _WIDE_PREFIX
    )


_INSIDE_CLOSED_ON_ITS_LINE: Final = rf"[^\[\]{{}}\"'#{re.escape(LINE_BREAK_CHARACTERS)}]*"
_LIST_CLOSED_ON_ITS_LINE: Final = re.compile(rf"\[{_INSIDE_CLOSED_ON_ITS_LINE}\]")
_MAPPING_CLOSED_ON_ITS_LINE: Final = re.compile(rf"\{{{_INSIDE_CLOSED_ON_ITS_LINE}\}}")
"""A '[' or '{' closed on its own line with nothing between that could hide or open a collection:
no bracket, brace, quote, comment or line break."""


def _flow_nesting_bound(text: str) -> int:
    """How deep flow lists and mappings can nest at most, judged from the text without parsing.

    A flow mapping opens with '{'; a flow list with '[', and it may hold a mapping of one pair
    written without braces (`[a: b]`), a level more. So twice the '[' and once the '{' bound the
    levels. A pair matched by `_LIST_CLOSED_ON_ITS_LINE` or `_MAPPING_CLOSED_ON_ITS_LINE` is,
    where its opener is real, a collection that holds no other (but that one pair): its closer is
    the first flow indicator after it, which no quote or comment hides. Of the collections open
    at any one place, only the innermost can be such a pair, so leaving the pairs out of the count
    takes two levels off at most: `[tp-1]` on each of 20,000 lines bounds nesting at two, not at
    40,000. Where an opener is not real (in a quoted string or a comment), leaving it out lowers
    only what was counted beyond the truth.
    """
    lists, mappings = text.count("["), text.count("{")
    if not lists + mappings:
        return 0
    closed_lists = sum(1 for _ in _LIST_CLOSED_ON_ITS_LINE.finditer(text)) if lists else 0
    closed_mappings = sum(1 for _ in _MAPPING_CLOSED_ON_ITS_LINE.finditer(text)) if mappings else 0
    innermost = 2 if closed_lists else 1 if closed_mappings else 0
    return 2 * (lists - closed_lists) + mappings - closed_mappings + innermost


def _nested_too_deep(path: str, line: int, column: int, max_depth: int) -> Diagnostic:
    """The diagnostic for lists and mappings written nested deeper than the limit."""
    return diagnostic(
        TOO_LARGE,
        f"lists and mappings are nested more than {max_depth} levels deep",
        path,
        line,
        column,
        hint="a journey map needs far fewer levels; check the indentation",
    )


def _check_depth(path: str, text: str, max_depth: int) -> Diagnostic | None:
    """Walk the event stream, which has no recursion, and stop at the first level too deep."""
    parser = _Composer(text)
    depth = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > max_depth:
                    return _nested_too_deep(path, *_mark_position(event.start_mark), max_depth)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # composing reports the syntax error with its position
    finally:
        parser.dispose()
    return None


def _compose(text: str) -> Node | None:
    composer = _Composer(text)
    try:
        return composer.get_single_node()
    finally:
        composer.dispose()


def _syntax_diagnostic(path: str, text: str, error: yaml.MarkedYAMLError) -> Diagnostic:
    line, column = _mark_position(error.problem_mark or error.context_mark)
    if "expected a single document" in f"{error.problem} {error.context}":
        return diagnostic(
            MULTIPLE_DOCUMENTS,
            "the file holds more than one YAML document (a second '---'); cjm reads one map per file",
            path,
            line,
            column,
            hint="move each document into a file of its own",
        )
    context_line, context_column = _mark_position(error.context_mark) if error.context_mark else (None, None)
    from cjm.syntax import ParserError, explain  # only a file that failed to parse needs it

    problem = explain(
        text,
        ParserError(line, column, str(error.context or ""), context_line, context_column),
    )
    return diagnostic(YAML_SYNTAX, problem.message, path, problem.line, problem.column, hint=problem.hint)


def _mark_position(mark: Any) -> tuple[int, int]:
    """A libyaml mark as a 1-based line and column; (1, 1) when there is none."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _code_point(character: object) -> str:
    number = character if isinstance(character, int) else ord(str(character)[:1] or "\0")
    return f"U+{number:04X}"


def _characters_before(text: str, offset: int) -> int:
    """The character index of a position libyaml gives in bytes of the UTF-8 text it reads."""
    if text.isascii() or not WITH_LIBYAML:  # the pure-Python reader counts characters already
        return offset
    return len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))


def _char_position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of a character index, counting lines as libyaml does."""
    before = text[:offset]
    line_start = max(before.rfind(character) for character in LINE_BREAK_CHARACTERS) + 1
    return count_line_breaks(before) + 1, offset - line_start + 1


def _node_kind(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "a list"
    return f"the single value {node.value!r}" if isinstance(node, ScalarNode) else "this"


def _written_inside(inner: Node, outer: Node) -> bool:
    """Whether a node is written inside another, rather than brought there by an alias.

    Where every node of a chain is written inside the one before, the text itself nests as
    deep: an alias can bring a node only from its own anchor, written earlier.
    """
    return outer.start_mark.index <= inner.start_mark.index and inner.end_mark.index <= outer.end_mark.index


def _count_values(root: Node, stop: int) -> int:
    """How many values the tree has, each node once however many aliases repeat it; counts up to `stop`."""
    seen: set[int] = set()
    pending = [root]
    while pending and len(seen) < stop:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            pending.extend(node.value)
        elif isinstance(node, MappingNode):
            pending.extend(value for _, value in node.value)
    return len(seen)


class _ExpansionLimitError(Exception):
    def __init__(self, problem: Diagnostic) -> None:
        super().__init__(problem.message)
        self.diagnostic = problem


_ALLOWED_SCALAR_TAGS: Final = frozenset({_STR, _INT, _FLOAT, _BOOL, _NULL})


class _Builder:
    """Turn a node tree into dicts, lists and scalars, collecting every problem on the way."""

    def __init__(self, path: str, text: str, root: Node, limits: Limits) -> None:
        self.path = path
        self.text = text
        self.root = root
        self.max_depth = limits.max_depth
        self.budget = limits.max_items
        self.limit = limits.max_items
        self.problems: list[Diagnostic] = []
        self.chain: list[Node] = []
        """The lists and mappings being built, outermost first."""
        self.open: set[int] = set()
        """The same, as a set of ids, to find an alias inside its own anchor at once."""
        self.lines: list[str] | None = None

    def _problem(self, code: Code, message: str, node: Node, *, hint: str) -> None:
        mark = node.start_mark
        self.problems.append(diagnostic(code, message, self.path, mark.line + 1, mark.column + 1, hint=hint))

    def build(self) -> Any:
        """The values of the whole tree; raises _ExpansionLimitError where it is too large or too deep."""
        return self.value(self.root)

    def value(self, node: Node) -> Any:
        self._count(node)
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if not self._enter(node):
            return None
        try:
            if isinstance(node, SequenceNode):
                if node.tag != _SEQ:
                    self._forbidden_tag(node)
                return [self.value(item) for item in node.value]
            if isinstance(node, MappingNode):
                if node.tag != _MAP:
                    self._forbidden_tag(node)
                return self.mapping(node)
            raise TypeError(f"unexpected YAML node {node!r}")  # pragma: no cover
        finally:
            self._leave(node)

    def _count(self, node: Node) -> None:
        self.budget -= 1
        if self.budget < 0:
            raise _ExpansionLimitError(self._too_many(node))

    def _enter(self, node: Node) -> bool:
        """Open a list or mapping; False, with the problem reported, for one inside itself."""
        if id(node) in self.open:
            self._problem(
                ALIAS_EXPANSION,
                "an alias refers to the list or mapping that contains it, which would never end",
                node,
                hint="remove the alias (*name) that points back to its own anchor (&name)",
            )
            return False
        if len(self.chain) >= self.max_depth:
            raise _ExpansionLimitError(self._too_deep(node))
        self.open.add(id(node))
        self.chain.append(node)
        return True

    def _leave(self, node: Node) -> None:
        self.chain.pop()
        self.open.discard(id(node))

    def check_nesting(self, node: Node) -> None:
        """Bound a value that is reported but not built (a key that is a list, a duplicate key's value)."""
        self._count(node)
        if isinstance(node, ScalarNode) or not self._enter(node):
            return
        try:
            children = node.value if isinstance(node, SequenceNode) else [part for pair in node.value for part in pair]
            for child in children:
                self.check_nesting(child)
        finally:
            self._leave(node)

    def _too_many(self, node: Node) -> Diagnostic:
        """Too many values: the file's own (CJM003), or aliases repeating them (CJM007)."""
        line, column = _mark_position(node.start_mark)
        if _count_values(self.root, self.limit + 1) > self.limit:
            return diagnostic(
                TOO_LARGE,
                f"the file has more than {self.limit:,} values in its lists and mappings, the limit",
                self.path,
                line,
                column,
                hint="split the map into several files, or raise max-items in the configuration",
            )
        return diagnostic(
            ALIAS_EXPANSION,
            f"anchors and aliases expand this file to more than {self.limit:,} values",
            self.path,
            line,
            column,
            hint="write the repeated parts out, or use fewer nested aliases",
        )

    def _too_deep(self, node: Node) -> Diagnostic:
        """Nesting past the limit: written so (CJM003), or made so by aliases (CJM007)."""
        line, column = _mark_position(node.start_mark)
        nested = [*self.chain, node]
        if all(_written_inside(inner, outer) for outer, inner in pairwise(nested)):
            return _nested_too_deep(self.path, line, column, self.max_depth)
        return diagnostic(
            ALIAS_EXPANSION,
            f"anchors and aliases nest lists and mappings more than {self.max_depth} levels deep",
            self.path,
            line,
            column,
            hint="write the repeated parts out, or use fewer nested aliases",
        )

    def mapping(self, node: MappingNode) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self._problem(
                    FORBIDDEN_YAML,
                    f"a key must be plain text, not {_node_kind(key_node)}",
                    key_node,
                    hint="write the key as a word followed by ':'",
                )
                self.check_nesting(key_node)
                self.check_nesting(value_node)
                continue
            if key_node.value == "<<" and not key_node.style:  # plain: None from PyYAML, '' from libyaml
                self._problem(
                    FORBIDDEN_YAML,
                    "merge keys ('<<') are not supported: they hide which keys a mapping really has",
                    key_node,
                    hint="write the keys out in full",
                )
                self.check_nesting(value_node)
                continue
            if key_node.tag not in _ALLOWED_SCALAR_TAGS:
                self._forbidden_tag(key_node)
            key = key_node.value
            first = seen.get(key)
            if first is not None:
                self._problem(
                    DUPLICATE_KEY,
                    f"the key '{key}' appears twice in this mapping; the first is on line {first.start_mark.line + 1}",
                    key_node,
                    hint="remove one of them or merge their values",
                )
                self.check_nesting(value_node)
                continue
            seen[key] = key_node
            result[key] = self.value(value_node)
        return result

    def scalar(self, node: ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if tag == _STR:
            return text
        if tag == _NULL:
            return None
        try:
            if tag == _INT:
                return _read_int(text)
            if tag == _FLOAT:
                return _read_float(text)
            if tag == _BOOL:
                return _read_bool(text)
        except _TooLargeError:
            self._problem(
                INVALID_VALUE,
                f"{_number_shown(text)} is too large to read",
                node,
                hint="write a smaller number, or put it in quotes to keep it as text",
            )
            return text
        except ValueError:
            shown = text if len(text) <= 60 else text[:57] + "..."
            self._problem(
                INVALID_VALUE,
                f"the value {shown!r} cannot be read as {_TAG_WORDS[tag]}",
                node,
                hint="write a shorter number, or put it in quotes to keep it as text",
            )
            return text
        self._forbidden_tag(node)
        return text

    def _forbidden_tag(self, node: Node) -> None:
        hint = "remove the tag (the word starting with '!')"
        if isinstance(node, ScalarNode) and not node.tag.startswith("tag:yaml.org,2002:") and not node.style:
            mark = node.start_mark
            from cjm.syntax import quote_from  # only a file with a problem needs it

            if self.lines is None:
                self.lines = split_lines(self.text)
            line = self.lines[mark.line] if mark.line < len(self.lines) else ""
            fixed = quote_from(line, mark.column)
            if fixed:
                hint = f"if it is text, put it in quotes: {fixed}; otherwise {hint}"
        self._problem(
            FORBIDDEN_YAML,
            f"the YAML tag '{_short_tag(node.tag)}' is not allowed; cjm files hold only text, numbers, "
            "true/false, lists and mappings",
            node,
            hint=hint,
        )


_TAG_WORDS: Final = {_INT: "a whole number", _FLOAT: "a number", _BOOL: "true or false"}


_LONGEST_DECIMAL: Final = 4_300
"""The most digits a decimal whole number may have: reading one takes time that grows with the
square of its length (Python refuses longer ones by default). Octal and hex read in linear time."""


class _TooLargeError(ValueError):
    """A number written correctly but too large to read: too many digits, or beyond a float."""


def _read_int(text: str) -> int:
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    if len(text.lstrip("+-")) > _LONGEST_DECIMAL:
        raise _TooLargeError(text)
    return int(text, 10)


def _read_float(text: str) -> float:
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    number = float(text)
    if math.isinf(number):  # 1e400: written as a number, read as infinity
        raise _TooLargeError(text)
    return number


def _number_shown(text: str) -> str:
    """A number as a message shows it: as written, or by its length when that is long."""
    return f"the number {text}" if len(text) <= 20 else digits_in_words(sum(c.isdigit() for c in text))


def _read_bool(text: str) -> bool:
    lowered = text.lower()
    if lowered not in ("true", "false"):
        raise ValueError(text)
    return lowered == "true"


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag
