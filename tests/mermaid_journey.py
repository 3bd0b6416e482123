"""Mermaid's journey parser, rule for rule, to read back what cjm writes (no Mermaid offline).

Lexer and grammar: mermaid-js/mermaid, packages/mermaid/src/diagrams/user-journey/parser/
journey.jison; tasks and actors: journeyDb.ts `addTask`. Jison tries the rules in order and takes
the first that matches (not the longest); a rule that is a plain word gets `\\b` appended;
`%options case-insensitive`. JavaScript's `\\s` is spelled out, as Python's differs (U+FEFF).
"""

import re
from dataclasses import dataclass, field

JS_SPACE = "[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"

_INITIAL = [
    (r"%%(?!\{)[^\n]*", None),
    (r"[^\}]%%[^\n]*", None),
    (r"[\n]+", "NEWLINE"),
    (JS_SPACE + "+", None),
    (r"\#[^\n]*", None),
    (r"journey\b", "journey"),
    (r"title" + JS_SPACE + r"[^#\n;]+", "title"),
    (r"accTitle" + JS_SPACE + "*:" + JS_SPACE + "*", "acc_title"),
    (r"accDescr" + JS_SPACE + "*:" + JS_SPACE + "*", "acc_descr"),
    (r"accDescr" + JS_SPACE + r"*\{" + JS_SPACE + "*", "acc_descr_multiline"),
    (r"section" + JS_SPACE + r"[^#:\n;]+", "section"),
    (r"[^#:\n;]+", "taskName"),
    (r":[^#\n;]+", "taskData"),
    (r":", ":"),
    (r".", "INVALID"),
]
_RULES = [(re.compile(pattern, re.IGNORECASE), token) for pattern, token in _INITIAL]
_VALUE = re.compile(r"[^\n]*")
_MULTILINE_VALUE = re.compile(r"[^\}]*")


class MermaidSyntaxError(ValueError):
    """The text is not a journey Mermaid would draw."""


def tokens(source: str) -> list[tuple[str, str]]:
    """The journey lexer's tokens: (name, matched text)."""
    found: list[tuple[str, str]] = []
    at = 0
    while at < len(source):
        for rule, token in _RULES:
            match = rule.match(source, at)
            if match is None:
                continue
            at = match.end()
            if token in ("acc_title", "acc_descr"):
                value = _VALUE.match(source, at)
                assert value is not None
                found += [(token, match.group()), (token + "_value", value.group())]
                at = value.end()
            elif token == "acc_descr_multiline":
                value = _MULTILINE_VALUE.match(source, at)
                assert value is not None
                found.append(("acc_descr_multiline_value", value.group()))
                at = value.end() + 1
            elif token is not None:
                found.append((token, match.group()))
            break
    found.append(("EOF", ""))
    return found


@dataclass
class Diagram:
    """What journeyDb holds after parsing: the title and each section's tasks."""

    title: str | None = None
    accessible: list[str] = field(default_factory=list)
    sections: list[tuple[str, list[tuple[str, float, list[str]]]]] = field(default_factory=list)


def parse(source: str) -> Diagram:
    """Parse as Mermaid does; MermaidSyntaxError where Mermaid would refuse to draw."""
    found = tokens(source)
    if found[0][0] != "journey":
        raise MermaidSyntaxError(f"expected 'journey' first, got {found[0]}")
    diagram = Diagram()
    at = 1
    while found[at][0] != "EOF":
        token, text = found[at]
        if token == "NEWLINE":
            at += 1
        elif token == "title":
            diagram.title = text[6:]
            at += 1
        elif token in ("acc_title", "acc_descr"):
            diagram.accessible.append(found[at + 1][1].strip())
            at += 2
        elif token == "acc_descr_multiline_value":
            diagram.accessible.append(text.strip())
            at += 1
        elif token == "section":
            diagram.sections.append((text[8:], []))
            at += 1
        elif token == "taskName" and found[at + 1][0] == "taskData":
            if not diagram.sections:
                diagram.sections.append(("", []))
            pieces = found[at + 1][1][1:].split(":")
            actors = [actor.strip() for actor in pieces[1].split(",")] if len(pieces) > 1 else []
            diagram.sections[-1][1].append((text, float(pieces[0]), actors))
            at += 2
        else:
            raise MermaidSyntaxError(f"unexpected {token} {text!r}")
    return diagram
