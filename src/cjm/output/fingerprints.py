"""Fingerprints that follow a finding across commits, whatever lines move around it.

Code scanning dashboards match the findings of one run to those of the last by a fingerprint.
A finding's fingerprint is made from what the finding is, never from where its line is: the
rule, the file, the place in the map (the data path to the YAML node it points at, with list
items named by their id where they have one), and the message with positions taken out. Inserting
lines, stages or comments above a finding leaves its fingerprint as it was; changing the finding
gives another. Identical findings in one file are told apart by an occurrence counter, the way
GitHub's own line hashes are (`<hash>:<n>`).
"""

import hashlib
import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from itertools import pairwise
from json.encoder import encode_basestring
from typing import Final

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cjm.diagnostics import FILE_UNREADABLE, NOT_TEXT, TOO_LARGE, Diagnostic
from cjm.loader import load_text

_ABOUT_THE_BYTES: Final = frozenset({FILE_UNREADABLE.code, NOT_TEXT.code, TOO_LARGE.code})
"""Problems with a file as a whole, which may have no text to point into (a fresh run keeps none
for an undecodable file, a run answered from the cache does): anchored to the file alone."""

_POSITIONS: Final = re.compile(r"[\[l:](?:(?<=\[)\d+\]|(?<=\bl)ine \d+|(?<=:)\d+:\d+\b)")
"""List indices (`[3]`), line numbers (`line 12`) and :line:column (`:3:4`) in a message: they move when
unrelated lines do. Each form is found from its first character, which is several times quicker than
trying every form at every character of the message."""


def fingerprints(
    diagnostics: Sequence[Diagnostic],
    uris: Sequence[str],
    sources: Mapping[str, str],
    trees: Mapping[str, MappingNode] | None = None,
) -> list[str]:
    """One fingerprint per diagnostic, `<16 hex digits>:<occurrence>`, in the order given.

    `uris` holds each diagnostic's file as the log names it (relative to the repository root,
    so a run from another folder gives the same fingerprints); `sources` the text of each
    file by its shown path, to find the data path a finding points at; `trees` the node trees the
    run kept, which spare parsing those files again.
    """
    places = _Places(sources, trees or {})
    seen: dict[str, int] = {}
    result = []
    for d, uri in zip(diagnostics, uris, strict=True):
        anchor = "" if d.code in _ABOUT_THE_BYTES else places.anchor(d.path, d.line, d.column)
        parts = (d.code, uri, anchor, _POSITIONS.sub("#", d.message))
        digest = hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:16]
        seen[digest] = seen.get(digest, 0) + 1
        result.append(f"{digest}:{seen[digest]}")
    return result


class _Places:
    """Where findings are, as data paths; each file is parsed once, and only if a finding is in it."""

    def __init__(self, sources: Mapping[str, str], trees: Mapping[str, MappingNode]) -> None:
        self.sources = sources
        self.trees: dict[str, MappingNode | None] = dict(trees)
        self.lines: dict[str, list[str]] = {}
        self.children = _Children()

    def anchor(self, path: str, line: int, column: int) -> str:
        """The data path to the node at a position, or the text of its line where the file does not parse."""
        text = self.sources.get(path)
        if text is None:
            return ""
        if path not in self.trees:
            document = load_text(path, text).document
            self.trees[path] = None if document is None else document.root
        tree = self.trees[path]
        if tree is not None:
            return _json_strings(data_path_at(tree, line, column, self.children))
        if path not in self.lines:
            self.lines[path] = text.splitlines()  # once per file, however many findings it has
        lines = self.lines[path]
        return lines[line - 1].strip() if 0 < line <= len(lines) else ""


def _json_strings(strings: list[str]) -> str:
    """A list of strings as JSON, the bytes `json.dumps(strings, ensure_ascii=False)` gives, without
    its work for values of any type."""
    return "[" + ", ".join(map(encode_basestring, strings)) + "]"


def data_path_at(root: Node, line: int, column: int, children: "_Children | None" = None) -> list[str]:
    """The keys and list items that lead to the innermost node at a 1-based position.

    A list item is named by its `id` where it has one, so that adding a stage or a step before
    it does not change its name; other items by their index. Pass one `_Children` for many
    positions in one tree: each list or mapping is then searched by halves, not item by item.
    """
    children = children or _Children()
    position = _place(line - 1, column - 1)
    path: list[str] = []
    node = root
    visited: set[int] = set()
    while id(node) not in visited:
        visited.add(id(node))
        step = children.at(node, position)
        if step is None:
            break
        name, child = step
        path.append(name)
        node = child
    return path


def _place(line: int, column: int) -> int:
    """A 0-based position as one number that orders as (line, column) does: quick to compare."""
    return line << 40 | column


class _Children:
    """The children of each list and mapping of a tree (a mapping's keys and values in turn), with
    their start and end positions, so the child at a position is found by binary search."""

    def __init__(self) -> None:
        self.known: dict[int, tuple[list[str], list[Node], list[int], list[int], bool] | None] = {}

    def at(self, node: Node, position: int) -> tuple[str, Node] | None:
        """The first child that holds the position, with its name."""
        if not isinstance(node, MappingNode | SequenceNode):
            return None  # a scalar: most findings end at one, and it need not be indexed
        key = id(node)
        if key not in self.known:
            self.known[key] = _indexed(node)
        known = self.known[key]
        if known is None:
            return None
        names, nodes, starts, ends, ordered = known
        if ordered:
            last = bisect_right(starts, position) - 1
            if last < 0:
                return None
            first = last
            while first > 0 and starts[first - 1] == starts[last]:
                first -= 1  # children that start at the same place: the first that holds wins
        else:  # an alias repeats a node from further up: look at every child in turn
            first, last = 0, len(nodes) - 1
        for n in range(first, last + 1):
            if starts[n] <= position < ends[n] or starts[n] == position:
                return names[n], nodes[n]
        return None


def _indexed(node: Node) -> tuple[list[str], list[Node], list[int], list[int], bool] | None:
    if not isinstance(node, MappingNode | SequenceNode):
        return None
    named = _named_children(node)
    starts = [_place(child.start_mark.line, child.start_mark.column) for _, child in named]
    ends = [_place(child.end_mark.line, child.end_mark.column) for _, child in named]
    ordered = all(a <= b for a, b in pairwise(starts))
    return [name for name, _ in named], [child for _, child in named], starts, ends, ordered


def _named_children(node: MappingNode | SequenceNode) -> list[tuple[str, Node]]:
    if isinstance(node, MappingNode):
        named: list[tuple[str, Node]] = []
        for key, value in node.value:
            name = key.value if isinstance(key, ScalarNode) else "?"
            named += [(name, key), (name, value)]
        return named
    return [(_item_name(item, number), item) for number, item in enumerate(node.value)]


def _item_name(item: Node, number: int) -> str:
    if isinstance(item, MappingNode):
        for key, value in item.value:
            if isinstance(key, ScalarNode) and key.value == "id" and isinstance(value, ScalarNode):
                return f"[{value.value}]"
    return f"[{number}]"
