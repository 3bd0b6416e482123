"""Bounded work on every input: many problems in one file cost linear work, proved by counting.

No test here times anything: each counts the calls of the costly operation (a similarity
ratio, a walk through a mapping, a write of the whole output) on an input where the naive
way makes quadratically many, and asserts a bound that holds however large the input grows.
"""

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from cjm.api import lint
from cjm.linting.context import SuppressEntry, Suppressions
from cjm.loader import load_text
from cjm.validation import validate_document

Write = Callable[[str, str | bytes], Path]

SIMILARITY_BOUND = 50_000
"""Similarity ratios one file may cost, whatever it holds: a constant, not a function of the file."""

HEAD = "apiVersion: cjm/v1\nkind: Journey\nid: j\ntitle: T\n"


def _stage(steps: str = "") -> str:
    return "stages:\n  - id: s\n    name: S\n    type: awareness\n" + (f"    steps:\n{steps}" if steps else "")


class _CountingList(list[Any]):
    """A list that counts the items its iterations go through."""

    walked = 0

    def __iter__(self) -> Iterator[Any]:
        for item in super().__iter__():
            _CountingList.walked += 1
            yield item


def test_locating_many_unknown_keys_walks_their_mapping_once(monkeypatch: pytest.MonkeyPatch) -> None:
    keys = 2000
    text = HEAD + "".join(f"note{n}: 1\n" for n in range(keys)) + _stage()
    document = load_text("j.yaml", text).document
    assert document is not None
    monkeypatch.setattr(_CountingList, "walked", 0)
    document.root.value = _CountingList(document.root.value)
    validated = validate_document(document)
    assert len(validated.diagnostics) == keys
    assert _CountingList.walked <= 2 * (keys + 6)  # once to index the mapping, not once per key


class _CountingTuple(tuple[SuppressEntry, ...]):
    """Suppression entries that count how many of them are looked at."""

    looked_at = 0

    def __iter__(self) -> Iterator[SuppressEntry]:
        for entry in super().__iter__():
            _CountingTuple.looked_at += 1
            yield entry

    def __getitem__(self, index: Any) -> Any:
        _CountingTuple.looked_at += 1
        return super().__getitem__(index)


def test_silencing_many_findings_with_many_suppressions_looks_at_each_entry_a_few_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    count = 2000
    entries = _CountingTuple(
        SuppressEntry(("stages", 0), ("stages", 0, "suppress", n), key, frozenset({key}))
        for n, key in enumerate(["CJM201"] * (count - 1) + ["CJM202"])
    )
    monkeypatch.setattr(_CountingTuple, "looked_at", 0)
    held = Suppressions(entries)
    silenced = [held.silence(("stages", 0, "steps", n, "id"), "CJM202") for n in range(count)]
    assert all(silenced)
    assert held.used == {count - 1}
    assert _CountingTuple.looked_at <= 3 * count


def test_step_without_touchpoint_looks_at_a_stage_once_however_many_steps_it_has(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cjm.linting.rules import coverage

    calls = [0]
    original = coverage._uses_touchpoints

    def counted(stage: Any) -> bool:
        calls[0] += 1
        return original(stage)

    monkeypatch.setattr(coverage, "_uses_touchpoints", counted)
    steps = "".join(f"      - id: a{n}\n        action: A\n" for n in range(2000))
    steps += "      - id: last\n        action: A\n        touchpoints: [w]\n"
    journey = HEAD + "touchpoints:\n  - id: w\n    name: W\n    channel: website\n" + _stage(steps)
    report = lint(str(write("j.yaml", journey)), select=["CJM201", "CJM202"])
    assert [d.code for d in report.diagnostics] == ["CJM201"] * 2000
    assert calls[0] <= 4
