"""The clean journey set every rule test starts from, and how a test lints it and pins what it finds.

The clean set (a journey, its persona and a touchpoint catalogue) passes every rule. A rule's
failing case is a small textual change of it, linted with that rule alone. Each finding is
pinned by its data path (`("stages", 3, "id")`), which the loader resolves to a line and column
in the text that was linted, so the expectations do not move when the clean set grows.
"""

import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cjm.config import Config, LoadedConfig
from cjm.diagnostics import Diagnostic
from cjm.linting.runner import lint
from cjm.loader import load_text

Write = Callable[[str, str | bytes], Path]

CLEAN_JOURNEY = textwrap.dedent(
    """\
    apiVersion: cjm/v1
    kind: Journey
    id: bike-rental
    title: Renting a city bike
    owner: Customer Experience
    last_reviewed: 2026-11-02
    personas: [kasia]
    touchpoints:
      - id: app
        name: Rental app
        channel: app
      - id: station
        name: Docking station
        channel: store
      - id: rating-prompt
        name: Rating prompt after the ride
        channel: reviews
    stages:
      - id: notice
        name: Noticing the bikes
        type: awareness
        goal: Find a quick way across town
        owner: Marketing
        steps:
          - id: sees-station
            action: Sees a station next to the tram stop
            touchpoints: [station]
            emotion: 1
            evidence:
              - type: survey
                summary: 40% first noticed a station on their way
                date: 2026-09
      - id: compare
        name: Comparing with the tram
        type: consideration
        goal: Choose the fastest way to work
        owner: Marketing
        steps:
          - id: checks-price
            action: Compares the price with a tram ticket
            touchpoints: [app]
            emotion: 0
      - id: rent
        name: Renting
        type: purchase
        goal: Unlock a bike in a minute
        owner: Product
        steps:
          - id: unlocks
            action: Scans the QR code to unlock
            touchpoints: [app, station]
            emotion: -2
            key_moment: true
            pain_points:
              - The scanner fails in bright sunlight
            opportunities:
              - Offer a code to type in
          - id: pays
            action: Pays with a saved card
            touchpoints: [app]
            emotion: 1
        kpis:
          - name: Unlock success rate
            value: 97
            target: 95
            unit: "%"
            source: App analytics
            period: 2026-Q3
      - id: ride
        name: Riding
        type: experience
        goal: Arrive without trouble
        owner: Operations
        steps:
          - id: rides
            action: Rides to work
            touchpoints: [app]
            emotion: 2
            opportunities:
              - Suggest a route along bike lanes
          - id: reports-fault
            action: Reports a loose saddle
            touchpoints: [hotline]
            emotion: -1
            pain_points:
              - Nobody calls back
        kpis:
          - name: Days to fix a reported fault
            value: 2
            target: 3
            unit: days
            direction: lower-is-better
            source: Service desk
      - id: return
        name: Coming back
        type: loyalty
        goal: Rent again tomorrow
        owner: Product
        steps:
          - id: rates
            action: Rates the ride
            touchpoints: [rating-prompt]
            emotion: 1
    transitions:
      - from: ride
        to: compare
        condition: The bike broke down on the way
      - from: ride
        to: return
        condition: The ride went well
      - from: return
        to: rent
        trigger: Weekly ride summary e-mail
        touchpoints: [ride-summary]
    """
)
"""A journey that passes every rule: stages `notice` 0 (awareness), `compare` 1 (consideration),
`rent` 2 (purchase), `ride` 3 (experience) and `return` 4 (loyalty); `ride` branches back to
`compare` and on to `return`, and `return` loops back to `rent`."""

PERSONA = textwrap.dedent(
    """\
    apiVersion: cjm/v1
    kind: Persona
    id: kasia
    name: Kasia, commuter
    goals:
      - Get to work in 15 minutes
    """
)

CATALOG = textwrap.dedent(
    """\
    apiVersion: cjm/v1
    kind: TouchpointCatalog
    id: shared
    title: Shared touchpoints
    touchpoints:
      - id: hotline
        name: Fault hotline
        channel: support
      - id: ride-summary
        name: Weekly ride summary
        channel: email
    """
)
"""Shared touchpoints: `hotline` (support) is used by a step, `ride-summary` (email) by a transition only."""

OTHER_PERSONA = textwrap.dedent(
    """\
    apiVersion: cjm/v1
    kind: Persona
    id: olek
    name: Olek, student
    goals:
      - Ride cheaply at night
    """
)


def changed(old: str, new: str, text: str = CLEAN_JOURNEY) -> str:
    """The text with `old`, which must occur exactly once, replaced by `new`."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def lines(*rows: str) -> str:
    """Lines of YAML as they stand in a file, each with its indentation and a line break."""
    return "".join(row + "\n" for row in rows)


def on_one_channel(text: str, channel: str = "app") -> str:
    """The text with every touchpoint moved to one channel."""
    return re.sub(r"channel: [a-z-]+", f"channel: {channel}", text)


@dataclass(frozen=True, slots=True)
class Pin:
    """Where a finding is expected: its code, the file and the data path in it, at the value or its key."""

    code: str
    path: tuple[str | int, ...]
    file: str = "j.yaml"
    key: bool = False


def pin(code: str, *path: str | int, file: str = "j.yaml", key: bool = False) -> Pin:
    """A finding expected at `path` in `file`: `pin("CJM302", "stages", 3, "id")`."""
    return Pin(code, path, file, key)


class Linted(list[Diagnostic]):
    """The diagnostics of one lint run, with the texts linted, to resolve pins in."""

    def __init__(self, diagnostics: list[Diagnostic], texts: dict[str, str]) -> None:
        super().__init__(diagnostics)
        self.texts = texts

    def places(self) -> list[tuple[str, str, int, int]]:
        """Every finding as (code, file, line, column), in the order reported."""
        return [(d.code, d.path, d.line, d.column) for d in self]

    def at(self, *pins: Pin) -> list[tuple[str, str, int, int]]:
        """The pins as (code, file, line, column); a path the linted text does not have fails the test."""
        resolved = []
        for expected in pins:
            loaded = load_text(expected.file, self.texts[expected.file])
            assert loaded.document is not None, loaded.diagnostics
            assert _has_path(loaded.document.data, expected.path), f"{expected.file} has no {expected.path}"
            line, column = loaded.document.locate(expected.path, key=expected.key)
            resolved.append((expected.code, expected.file, line, column))
        return resolved


def _has_path(data: Any, path: tuple[str | int, ...]) -> bool:
    for part in path:
        in_mapping = isinstance(data, dict) and isinstance(part, str) and part in data
        in_list = isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        if not (in_mapping or in_list):
            return False
        data = data[part]
    return True


def lint_set(
    write: Write,
    select: str | list[str] | None,
    journey: str = CLEAN_JOURNEY,
    *,
    persona: str = PERSONA,
    catalog: str = CATALOG,
    extra: dict[str, str] | None = None,
    config: Config | None = None,
) -> Linted:
    """Write the journey, persona, catalogue and extra files, and lint them all with one rule, or some (None: all)."""
    texts = {"j.yaml": journey, "p.yaml": persona, "c.yaml": catalog, **(extra or {})}
    paths = [write(name, text) for name, text in texts.items()]
    loaded = LoadedConfig(config, None) if config is not None else None
    selected = [select] if isinstance(select, str) else select
    return Linted(lint(paths, select=selected, config=loaded).diagnostics, texts)


def lint_one(write: Write, text: str, select: str, *, name: str = "j.yaml") -> Linted:
    """Lint a single file with one rule."""
    write(name, text)
    return Linted(lint([name], select=[select]).diagnostics, {name: text})


SKIPPING = textwrap.dedent(
    """\
    apiVersion: cjm/v1
    kind: Journey
    id: shop
    title: Shop
    stages:
      - {id: find, name: Find, type: awareness}
      - {id: compare, name: Compare, type: consideration}
      - {id: buy, name: Buy, type: purchase}
      - {id: use, name: Use, type: experience}
    transitions:
      - {from: find, to: use, condition: Knows what to buy}
    """
)
"""A short journey in flow style whose first stage skips straight to the last."""
