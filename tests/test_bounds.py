"""Bounded work on every input: many problems in one file cost linear work, proved by counting.

No test here times anything: each counts the calls of the costly operation (a similarity
ratio, a walk through a mapping, a write of the whole output) on an input where the naive
way makes quadratically many, and asserts a bound that holds however large the input grows.
"""

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

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
