"""Bounded work on every input: many problems in one file cost linear work, proved by counting.

No test here times anything: each counts the calls of the costly operation (a similarity
ratio, a walk through a mapping, a write of the whole output) on an input where the naive
way makes quadratically many, and asserts a bound that holds however large the input grows.
"""

import io
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import pytest

from cjm.api import lint, validate
from cjm.diagnostics import Diagnostic, Severity
from cjm.linting.context import SuppressEntry, Suppressions
from cjm.loader import load_text
from cjm.output import OutputFormat, write_report
from cjm.report import Report
from cjm.validation import validate_document
from tests.conftest import ROOT

Write = Callable[[str, str | bytes], Path]

SIMILARITY_BOUND = 50_000
"""Similarity ratios one file may cost, whatever it holds: a constant, not a function of the file."""

HEAD = "apiVersion: cjm/v1\nkind: Journey\nid: j\ntitle: T\n"


@pytest.fixture
def ratios(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count every similarity ratio computed (difflib's cheap bound and its exact ratio)."""
    count = [0]
    for name in ("quick_ratio", "ratio"):
        original = getattr(SequenceMatcher, name)

        def counted(self: SequenceMatcher[str], _original: Any = original) -> float:
            count[0] += 1
            return float(_original(self))

        monkeypatch.setattr(SequenceMatcher, name, counted)
    return count


def _stage(steps: str = "") -> str:
    return "stages:\n  - id: s\n    name: S\n    type: awareness\n" + (f"    steps:\n{steps}" if steps else "")


def _touchpoints(ids: list[str]) -> str:
    return "touchpoints:\n" + "".join(f"  - id: {key}\n    name: N\n    channel: website\n" for key in ids)


def test_many_unknown_touchpoints_cost_a_bounded_number_of_ratios(write: Write, ratios: list[int]) -> None:
    known = [f"tp-{n:05d}" for n in range(400)]
    unknown = [f"zz-{n:05d}x" for n in range(400)]  # 400 × 400 comparisons the naive way
    step = f"      - id: a\n        action: A\n        touchpoints: [{', '.join(unknown)}]\n"
    report = validate(str(write("j.yaml", HEAD + _touchpoints(known) + _stage(step))))
    assert [d.code for d in report.diagnostics] == ["CJM031"] * 400
    assert ratios[0] <= SIMILARITY_BOUND


def test_the_first_unknown_ids_of_a_file_still_get_a_suggestion(write: Write) -> None:
    known = [f"tp-{n:05d}" for n in range(400)]
    wrong = [f"tp-{n:05d}x" for n in range(400)]
    step = f"      - id: a\n        action: A\n        touchpoints: [{', '.join(wrong)}]\n"
    report = validate(str(write("j.yaml", HEAD + _touchpoints(known) + _stage(step))))
    first, last = report.diagnostics[0], report.diagnostics[-1]
    assert first.message.endswith("no touchpoint with the id 'tp-00000x' — did you mean 'tp-00000'?")
    assert first.hint == "change it to 'tp-00000'"
    assert last.message.endswith("no touchpoint with the id 'tp-00399x'")  # the budget is spent by then


def test_a_misspelling_repeated_everywhere_is_looked_up_once(write: Write, ratios: list[int]) -> None:
    known = [f"tp-{n:05d}" for n in range(400)]
    step = f"      - id: a\n        action: A\n        touchpoints: [{', '.join(['tp-00007x'] * 2000)}]\n"
    report = validate(str(write("j.yaml", HEAD + _touchpoints(known) + _stage(step))))
    assert {d.message.split(": ", 1)[1] for d in report.diagnostics} == {
        "no touchpoint with the id 'tp-00007x' — did you mean 'tp-00007'?"
    }
    assert ratios[0] <= 2 * len(known)


def test_many_unknown_keys_cost_a_bounded_number_of_ratios(write: Write, ratios: list[int]) -> None:
    keys = "".join(f"owner{n}: 1\n" for n in range(5000))  # 5,000 keys × the 20 a journey allows
    report = validate(str(write("j.yaml", HEAD + keys + _stage())))
    assert len(report.diagnostics) == 5000
    assert report.diagnostics[0].message == "owner0: unknown key 'owner0' — did you mean 'owner'?"
    assert ratios[0] <= SIMILARITY_BOUND


def test_many_misspelt_choices_cost_a_bounded_number_of_ratios(write: Write, ratios: list[int]) -> None:
    write("cjm.toml", "max-items = 100000\n")  # above the default: the bound holds however large the file
    touchpoints = "".join(f"  - id: t{n}\n    name: N\n    channel: chan{n}x\n" for n in range(10_000))
    report = validate(str(write("j.yaml", HEAD + "touchpoints:\n" + touchpoints + _stage())))
    assert len(report.diagnostics) == 10_000
    assert ratios[0] <= SIMILARITY_BOUND


def test_many_misspelt_suppressions_cost_a_bounded_number_of_ratios(write: Write, ratios: list[int]) -> None:
    entries = "".join(f"  - rule: no-such-rule-{n:05d}\n    reason: r\n" for n in range(3000))
    report = lint(str(write("j.yaml", HEAD + "suppress:\n" + entries + _stage())), select=["CJM100"])
    assert [d.code for d in report.diagnostics] == ["CJM100"] * 3000
    assert ratios[0] <= SIMILARITY_BOUND


def test_a_file_of_many_keys_without_a_header_is_not_matched_key_by_key(write: Write, ratios: list[int]) -> None:
    write("cjm.toml", "max-items = 100000\n")
    keys = "".join(f"k{n:09d}: 1\n" for n in range(50_000))  # as long as 'apiversion', sharing no letter
    report = validate(str(write("data.yaml", keys)))
    assert [d.message for d in report.diagnostics] == [
        "the file does not say which schema it follows; 'apiVersion:' is missing"
    ]
    assert ratios[0] <= 10


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


def _many_problems(count: int) -> Report:
    """A report of `count` problems, one per step of a generated journey."""
    text = HEAD + _stage("".join(f"      - id: a{n}\n        action: A\n" for n in range(count)))
    problems = [
        Diagnostic(
            "CJM201",
            "step-without-touchpoint",
            Severity.WARNING,
            f"step 'a{n}' uses no touchpoint",
            "j.yaml",
            9 + 2 * n,
            13,
            "add one",
        )
        for n in range(count)
    ]
    return Report(files=["j.yaml"], diagnostics=problems, sources={"j.yaml": text})


class _RecordingStream(io.StringIO):
    """A stream that remembers the largest piece written to it at once."""

    largest = 0

    def write(self, text: str) -> int:
        self.largest = max(self.largest, len(text))
        return super().write(text)


@pytest.mark.parametrize("output_format", [OutputFormat.TEXT, OutputFormat.JSON])
def test_many_problems_are_written_a_part_at_a_time(output_format: OutputFormat) -> None:
    stream = _RecordingStream()
    write_report(_many_problems(20_000), output_format, stream, color=False)
    assert len(stream.getvalue()) > 2_000_000
    assert stream.largest < len(stream.getvalue()) / 4  # never the whole output in one piece


def test_colour_output_is_painted_without_rendering_each_line_through_rich() -> None:
    code = (
        "import io, sys\n"
        "from cjm.output import OutputFormat, write_report\n"
        "from tests.test_bounds import _many_problems\n"
        "stream = io.StringIO()\n"
        "write_report(_many_problems(3), OutputFormat.TEXT, stream, color=True)\n"
        "print(stream.getvalue().splitlines()[0].replace('\\x1b', 'ESC'), 'rich' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, cwd=ROOT, text=True)
    assert result.stdout == (
        "ESC[1mj.yaml:9:13: ESC[0mESC[1;33mwarningESC[0mESC[1m CJM201 ESC[0m"
        "step 'a0' uses no touchpointESC[2m [step-without-touchpoint]ESC[0m False\n"
    )


def test_the_summary_time_counts_writing_the_output(
    write: Write, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from cjm.output import text

    clock = [0.0]
    escape = text.escaped

    def slow_escape(value: str) -> str:
        clock[0] += 1.0  # every piece of output written takes a second on this clock
        return escape(value)

    monkeypatch.setattr(time, "perf_counter", lambda: clock[0])
    monkeypatch.setattr(text, "escaped", slow_escape)
    write("j.yaml", HEAD + "colour: blue\n" + _stage())
    result = cli("validate", "j.yaml")
    assert result.exit_code == 1
    took = re.search(r"Checked 1 file in (\d+)\.\d\d s:", result.stdout)
    assert took is not None
    assert int(took[1]) >= 3


def test_fingerprinting_many_findings_in_a_long_list_searches_it_by_halves(monkeypatch: pytest.MonkeyPatch) -> None:
    from cjm.output import fingerprints

    calls = [0]
    indexed = fingerprints._indexed

    class Ends(list[int]):
        """A child's end, counted each time it is compared with a position."""

        def __getitem__(self, index: Any) -> Any:
            calls[0] += 1
            return super().__getitem__(index)

    def counted(node: Any) -> Any:
        found = indexed(node)
        return None if found is None else (*found[:3], Ends(found[3]), found[4])

    monkeypatch.setattr(fingerprints, "_indexed", counted)
    report = _many_problems(2000)
    write_report(report, OutputFormat.SARIF, io.StringIO(), color=False)
    assert calls[0] <= 20 * len(report.diagnostics)  # a few per level of nesting, not one per list item


@pytest.mark.parametrize("command", ["validate", "lint"])
@pytest.mark.parametrize("output_format", ["text", "sarif"])
def test_a_run_of_one_file_parses_it_once_however_many_findings_it_places(
    cli: Callable[..., Any], write: Write, monkeypatch: pytest.MonkeyPatch, command: str, output_format: str
) -> None:
    """Findings are placed, and fingerprinted, in the node tree the check built: parsing the file
    again for them doubled and tripled the time of a large map."""
    import cjm.loader

    composed: list[int] = []
    compose = cjm.loader._compose

    def counted(text: str) -> Any:
        composed.append(len(text))
        return compose(text)

    monkeypatch.setattr(cjm.loader, "_compose", counted)
    steps = "".join(f"      - id: a{n}\n        action: A\n        touchpoints: [nowhere-{n}]\n" for n in range(300))
    write("big.yaml", HEAD + "stages:\n  - id: s\n    name: S\n    type: awareness\n    steps:\n" + steps)
    result = cli(command, "--no-cache", "--format", output_format, "big.yaml")
    assert result.exit_code == 1
    assert result.stdout.count("nowhere-") >= 300
    assert len(composed) == 1
