"""A complete starting map, its persona and a configuration, in one of four languages.

A template (`<name>.yaml` beside this module) holds one journey in the shape of the seed articles'
lifecycle (awareness, comparison, deal, experience, loyalty loop, reminder) with each text in
every language cjm speaks; `starter_files` writes it out as commented YAML, the comments
explaining each section in the map's language (`comments.yaml`). What it writes validates and
lints clean: the tests hold every template in every language to that.
"""

import datetime
import functools
import os
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final, get_args

import yaml

from cjm.loader import load_text
from cjm.model.journey import EvidenceType
from cjm.model.touchpoint import CHANNELS
from cjm.schema import json_schema_text
from cjm.starters import LANGUAGES, TEMPLATES
from cjm.syntax.text import yaml_quoted

EVIDENCE: Final = get_args(EvidenceType)
SCHEMA: Final = "cjm-v1.schema.json"
"""The JSON Schema, written beside the map so an editor completes and checks it without a network."""
_WIDTH: Final = 96
_PLAIN: Final = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*")
_UNSAFE: Final = (": ", " #", "\t")


@dataclass(frozen=True, slots=True)
class Answers:
    """What a person may give instead of the template's own words (the interactive prompt)."""

    title: str | None = None
    persona: str | None = None
    stages: Sequence[str] = ()


@functools.cache
def _data(name: str) -> dict[str, Any]:
    text = resources.files("cjm.starters").joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


def _foldable(text: str) -> bool:
    return text == text.strip() and "  " not in text and "\n" not in text and " #" not in text


def scalar(value: object) -> str:
    """A value as cjm reads it back on one line: text plain when cjm's loader reads it as the same
    text (YAML 1.2, where 2026-11-24 stays text and 0o17 is a number), quoted otherwise."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and not any(mark in text for mark in _UNSAFE) and not text.endswith(":"):
        document = load_text("<scalar>", f"k: {text}\n").document
        if document is not None and document.data == {"k": text}:
            return text
    return yaml_quoted(text)


class _Writer:
    """Lines of YAML with comments in one language."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.lines: list[str] = []
        self.comments: dict[str, dict[str, str]] = _data("comments")

    def text(self, value: Any) -> str:
        """The text in this writer's language, from a mapping of every language (a string is the same in all)."""
        if isinstance(value, str):
            return value
        if not isinstance(value, dict) or sorted(value) != sorted(LANGUAGES):
            raise ValueError(f"a template text must be given in {', '.join(LANGUAGES)}: {value!r}")
        return str(value[self.language])

    def comment(self, key: str, indent: int = 0) -> None:
        """A comment of one or more lines, the schema's vocabularies filled in, wrapped at 100 characters."""
        text = self.comments[key][self.language].format(channels=", ".join(CHANNELS), evidence=", ".join(EVIDENCE))
        for line in text.rstrip("\n").split("\n"):
            wrapped = textwrap.wrap(line, 98 - indent, break_on_hyphens=False, break_long_words=False)
            self.lines += [" " * indent + "# " + part for part in wrapped] or ["#"]

    def line(self, indent: int, text: str, note: str | None = None, *, item: bool = False) -> None:
        """A line at `indent`, as a list item or not, with a comment from `note` at its end."""
        line = " " * indent + ("- " if item else "") + text
        if note is not None:
            line = f"{line:<30} # {self.comments[note][self.language]}"
        self.lines.append(line)

    def key(self, indent: int, name: str, value: Any = None, *, note: str | None = None, item: bool = False) -> None:
        if isinstance(value, str) and note is None and len(value) + indent + len(name) > _WIDTH and _foldable(value):
            # A long text is folded over lines: YAML joins them again with single spaces.
            self.line(indent, f"{name}: >-", item=item)
            inner = indent + (4 if item else 2)
            parts = textwrap.wrap(value, _WIDTH - inner, break_long_words=False, break_on_hyphens=False)
            self.lines += [" " * inner + part for part in parts]
            return
        self.line(indent, f"{name}:" if value is None else f"{name}: {scalar(value)}", note, item=item)

    def flow(self, indent: int, name: str, items: Sequence[str], *, note: str | None = None) -> None:
        """A list of ids on one line: `touchpoints: [app, e-mail]`."""
        self.line(indent, f"{name}: [{', '.join(items)}]", note)

    def texts(self, indent: int, name: str, values: Sequence[Any]) -> None:
        if not values:
            return
        self.key(indent, name)
        self.lines += [" " * indent + f"  - {scalar(self.text(v))}" for v in values]

    def blank(self) -> None:
        self.lines.append("")

    def done(self) -> str:
        return "\n".join(self.lines).rstrip("\n") + "\n"


def starter_files(template: str, language: str, today: datetime.date, answers: Answers | None = None) -> dict[str, str]:
    """The files of a starting map, by path relative to the folder: the journey, its persona, a
    configuration and the JSON Schema. Raises KeyError for a template or a language there is not."""
    if template not in TEMPLATES:
        raise KeyError(template)
    if language not in LANGUAGES:
        raise KeyError(language)
    data = _data(template)
    answers = answers or Answers()
    persona_id = str(data["persona"]["id"])
    return {
        "journey.yaml": _journey(data, language, today, answers),
        f"personas/{persona_id}.yaml": _persona(data["persona"], language, answers),
        "cjm.toml": _config(language),
        SCHEMA: json_schema_text(),
    }


def _journey(data: dict[str, Any], language: str, today: datetime.date, answers: Answers) -> str:
    w = _Writer(language)
    w.lines.append(f"# yaml-language-server: $schema={SCHEMA}")
    w.comment("journey-header")
    w.key(0, "apiVersion", "cjm/v1")
    w.key(0, "kind", "Journey")
    w.key(0, "id", data["id"], note="id")
    w.key(0, "title", answers.title or w.text(data["title"]))
    w.key(0, "description", w.text(data["description"]))
    w.key(0, "owner", w.text(data["owner"]), note="owner")
    w.key(0, "language", language)
    w.key(0, "status", "current-state", note="status")
    w.key(0, "revision", 1)
    w.key(0, "last_reviewed", today.isoformat(), note="last-reviewed")
    w.flow(0, "personas", [data["persona"]["id"]], note="personas")
    w.key(0, "scenario", w.text(data["scenario"]))
    w.texts(0, "expectations", data["expectations"])
    w.blank()
    w.comment("touchpoints")
    w.key(0, "touchpoints")
    for touchpoint in data["touchpoints"]:
        w.key(2, "id", touchpoint["id"], item=True)
        w.key(4, "name", w.text(touchpoint["name"]))
        w.key(4, "channel", touchpoint["channel"])
        w.key(4, "owner", w.text(touchpoint["owner"]))
    w.blank()
    w.comment("stages")
    w.key(0, "stages")
    names = list(answers.stages)
    for n, stage in enumerate(data["stages"]):
        w.blank()
        w.comment(f"stage-{stage['type']}", 2)
        w.key(2, "id", stage["id"], item=True)
        w.key(4, "name", names[n] if n < len(names) and names[n] else w.text(stage["name"]))
        w.key(4, "type", stage["type"], note="type" if n == 0 else None)
        w.key(4, "goal", w.text(stage["goal"]))
        w.key(4, "owner", w.text(stage["owner"]))
        w.key(4, "steps")
        for s, step in enumerate(stage["steps"]):
            first = n == 0 and s == 0
            w.key(6, "id", step["id"], item=True)
            w.key(8, "action", w.text(step["action"]))
            w.flow(8, "touchpoints", step["touchpoints"])
            w.key(8, "emotion", step["emotion"], note="emotion" if first else None)
            if step.get("key_moment"):
                w.key(8, "key_moment", True, note="key-moment")
            w.texts(8, "thoughts", step.get("thoughts", []))
            w.texts(8, "pain_points", step.get("pain_points", []))
            w.texts(8, "opportunities", step.get("opportunities", []))
            w.texts(8, "backstage", step.get("backstage", []))
            for e, evidence in enumerate(step.get("evidence", [])):
                if e == 0:
                    w.comment("evidence", 8)
                    w.key(8, "evidence")
                w.key(10, "type", evidence["type"], item=True)
                w.key(12, "summary", w.text(evidence["summary"]))
        for k, kpi in enumerate(stage.get("kpis", [])):
            if k == 0:
                w.key(4, "kpis", note="kpis")
            w.key(6, "name", w.text(kpi["name"]), item=True)
            w.key(8, "value", kpi["value"])
            w.key(8, "target", kpi["target"])
            if "unit" in kpi:
                w.key(8, "unit", w.text(kpi["unit"]))
            if kpi.get("direction"):
                w.key(8, "direction", kpi["direction"])
            w.key(8, "source", w.text(kpi["source"]))
            w.key(8, "period", w.text(kpi["period"]))
    w.blank()
    w.comment("transitions")
    w.key(0, "transitions")
    for transition in data["transitions"]:
        w.key(2, "from", transition["from"], item=True)
        w.key(4, "to", transition["to"])
        w.key(4, "condition", w.text(transition["condition"]))
        if "trigger" in transition:
            w.key(4, "trigger", w.text(transition["trigger"]))
            w.flow(4, "touchpoints", transition["touchpoints"])
    return w.done()


def _persona(data: dict[str, Any], language: str, answers: Answers) -> str:
    w = _Writer(language)
    w.lines.append(f"# yaml-language-server: $schema=../{SCHEMA}")
    w.comment("persona-header")
    w.key(0, "apiVersion", "cjm/v1")
    w.key(0, "kind", "Persona")
    w.key(0, "id", data["id"])
    w.key(0, "name", answers.persona or w.text(data["name"]))
    w.key(0, "description", w.text(data["description"]))
    w.key(0, "quote", w.text(data["quote"]))
    w.texts(0, "goals", data["goals"])
    w.texts(0, "needs", data["needs"])
    w.texts(0, "frustrations", data["frustrations"])
    w.flow(0, "preferred_channels", data["channels"], note="channels")
    return w.done()


def _config(language: str) -> str:
    w = _Writer(language)
    w.comment("config")
    w.lines += [
        'select = ["ALL"]',
        "strict = true",
        "review-max-age = 180",
        "evidence-max-age = 365",
    ]
    return w.done()


def stage_names(template: str, language: str) -> list[str]:
    """The template's stage names in a language, in order (what the interactive prompt offers)."""
    return [str(stage["name"][language]) for stage in _data(template)["stages"]]


def already_there(folder: str, files: Sequence[str]) -> list[str]:
    """The files that are there already (init never writes over one unless told to)."""
    return [path for path in files if os.path.lexists(os.path.join(folder, path))]
