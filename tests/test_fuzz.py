"""The fuzz harness (benchmarks/fuzz.py) keeps working: its inputs are reproducible, its checks
catch what they look for, a failure is saved with a smaller input, and a short campaign passes
on today's cjm. The campaign itself is `make fuzz`; its figures go to benchmarks/RESULTS.md."""

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import cjm.api
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def fuzz() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz", ROOT / "benchmarks" / "fuzz.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz"] = module
    spec.loader.exec_module(module)
    return module


def quick(fuzz: ModuleType, **changes: Any) -> Any:
    """Options for a short run: no time limits (the machine may be busy), every sampled check often."""
    settings: dict[str, Any] = {
        "seed": 1,
        "graphviz_every": 10 if shutil.which("dot") else 0,
        "sarif_every": 5,
        "schema_every": 15,
        "cache_every": 2,
        "validate_every": 1,
        "cli_every": 5,
        "markdown_every": 3,
        "timeout": 0,
        "slow": 0,
        "minimise": False,
    }
    return fuzz.Options(**(settings | changes))


def test_the_same_seed_and_number_always_make_the_same_input(fuzz: ModuleType) -> None:
    seeds = fuzz.load_seeds()
    first = [fuzz.make_case(seeds, 7, number) for number in range(20)]
    again = [fuzz.make_case(fuzz.load_seeds(), 7, number) for number in range(20)]
    assert [case.files for case in first] == [case.files for case in again]
    assert len({repr(sorted(case.files.items())) for case in first}) == 20


def test_thirty_inputs_pass_every_check_on_todays_cjm(fuzz: ModuleType, tmp_path: Path) -> None:
    tally = fuzz.run_campaign(quick(fuzz), tmp_path, jobs=1, inputs=30, seconds=None, quiet=True)
    assert tally.inputs == 30
    assert tally.counts["validate"] == tally.counts["lint"] == 30
    assert tally.counts["render/markdown"] > 0
    assert tally.counts["validate[cold]"] > 0
    assert any(key.startswith("cli ") for key in tally.counts)
    assert not tally.signatures, "\n".join(fuzz.summary(tally, quick(fuzz), 1, "test"))


class PlantedCrashError(Exception):
    """A bug planted in cjm's lint for the harness to find."""


def test_a_planted_crash_is_saved_with_a_smaller_input_that_replays(
    fuzz: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_lint = cjm.api.lint

    def planted_lint(paths: Any, **options: Any) -> Any:
        for name in [paths] if isinstance(paths, str) else paths:
            files = [Path(name)] if Path(name).is_file() else list(Path(name).rglob("*.yaml"))
            if any(b"kind: Journey" in path.read_bytes() for path in files):
                raise PlantedCrashError("lint crashed")
        return real_lint(paths, **options)

    monkeypatch.setattr(cjm.api, "lint", planted_lint)
    options = quick(fuzz, minimise=True, graphviz_every=0, cli_every=0)
    tally = fuzz.run_campaign(options, tmp_path, jobs=1, inputs=3, seconds=None, quiet=True)

    signature = next(
        s for s in tally.signatures if s.startswith("exception | lint | PlantedCrashError at test_fuzz.py:")
    )
    folder = Path(tally.folders[signature])
    assert "raise PlantedCrashError" in (folder / "failure.txt").read_text("utf-8")
    saved = {p.name: p.read_bytes() for p in (folder / "input").rglob("*") if p.is_file()}
    smaller = {p.name: p.read_bytes() for p in (folder / "minimised").rglob("*") if p.is_file()}
    assert "cjm.toml" in saved
    assert sum(map(len, smaller.values())) < sum(map(len, saved.values()))
    assert any(b"kind: Journey" in data for data in smaller.values())

    assert fuzz.replay(folder / "minimised", options) == 1
    assert "PlantedCrashError" in capsys.readouterr().out


def test_a_cache_that_changes_a_verdict_is_caught(
    fuzz: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_validate = cjm.api.validate

    def forgetful_validate(paths: Any, **options: Any) -> Any:
        report = real_validate(paths, **options)
        if options.get("reuse_run"):  # as if a stored run said there was nothing to report
            report.diagnostics = []
        return report

    monkeypatch.setattr(cjm.api, "validate", forgetful_validate)
    options = quick(fuzz, cache_every=1, graphviz_every=0, cli_every=0)
    tally = fuzz.run_campaign(options, tmp_path, jobs=1, inputs=10, seconds=None, quiet=True)
    assert tally.invariants["cache"] > 0
    assert "cache | validate[stored] | diagnostics differ" in tally.signatures


def test_the_mermaid_check_finds_a_statement_that_came_from_text(fuzz: ModuleType) -> None:
    neutral = "journey\n    title qaaaaa\n    section qbaaaa\n      qcaaaa: 3: Customer\n"
    assert fuzz.mermaid_problem(neutral.replace("qcaaaa", "Section x"), neutral)[0] == "keyword from text"
    assert fuzz.mermaid_problem(neutral.replace("qcaaaa", "a: 5: b"), neutral)[0] == "separators from text"
    assert fuzz.mermaid_problem(neutral.replace("qcaaaa", "Sections\ua789 fine"), neutral) is None
    actors = neutral.replace("Customer", "Anna, Tom")
    assert fuzz.mermaid_problem(actors, neutral)[0] == "actors from text"
    titled = "journey\n    accTitle: qaaaaa\n"
    assert fuzz.mermaid_problem(titled.replace("qaaaaa", "Claims, fast"), titled) is None  # a title's comma


def test_the_markdown_check_finds_a_block_that_came_from_text(fuzz: ModuleType) -> None:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    neutral = "# qaaaaa\n\nqbaaaa\n\n| qc | qd |\n| --- | --- |\n| qe | qf |\n"
    assert fuzz.markdown_problem(parser, neutral.replace("qbaaaa", "- item"), neutral)[0] == (
        "block structure from text"
    )
    assert fuzz.markdown_problem(parser, neutral.replace("qe", "a | b"), neutral)[0] == "table cells differ"
    assert fuzz.markdown_problem(parser, neutral.replace("qbaaaa", "*em*"), neutral)[0] == "inline markup from text"
    assert fuzz.markdown_problem(parser, neutral.replace("qbaaaa", "\\- item"), neutral) is None


def test_the_markdown_check_knows_which_lines_close_a_code_block(fuzz: ModuleType) -> None:
    neutral = "# qaaaaa\n\n```mermaid\njourney\n      qcaaaa: 3: Customer\n```\n"
    closing = neutral.replace("      qcaaaa: 3: Customer", "```")
    assert fuzz.markdown_problem(None, closing, neutral)[0] == "code block closed by text"
    for text in ("      ~~~: 3: Customer", "~~~", "      ```: 3: Customer", "``` x", "    ```"):
        assert fuzz.markdown_problem(None, neutral.replace("      qcaaaa: 3: Customer", text), neutral) is None, text


def test_the_dot_check_finds_text_outside_labels_and_broken_labels(fuzz: ModuleType) -> None:
    good = 'digraph j {\n  s0_0 [label=<<B>x &amp; y</B><BR ALIGN="LEFT"/>>, color="#fff"];\n  s0_0 -> s0_1;\n}\n'
    assert fuzz.dot_problem(good) is None
    assert fuzz.dot_problem(good.replace("x &amp; y", "x & y"))[0] == "label not well-formed"
    assert fuzz.dot_problem(good.replace("s0_0 -> s0_1;", "s0_0 -> s0_1; ! evil"))[0] == "text outside labels"


def test_the_html_check_finds_markup_the_templates_never_write(fuzz: ModuleType) -> None:
    rules = fuzz.HtmlRules()
    page = "<html><head><title>t</title></head><body><main><h1>{}</h1></main></body></html>"
    assert rules.problem(page.format("a &lt;b&gt;")) is None
    assert rules.problem(page.format("<marquee>x</marquee>"))[0] == "element the templates never write"
    assert rules.problem(page.format('<a href="javascript:alert(1)">x</a>'))[0] == "script URL"
    assert rules.problem(page.format("</td>"))[0] == "end tag without its element"
    assert rules.problem(page.format("</main>"))[0] == "element left open"


def test_neutral_text_keeps_spaces_line_breaks_and_control_characters(fuzz: ModuleType) -> None:
    plain = "Section 1.\u2028- x\x1b".translate(fuzz.Letters())
    words = plain.split(" ")
    assert [len(word) for word in words] == [6 * 7, 6 * 2 + 1 + 6, 6 + 1]
    assert words[0].isalpha()
    assert words[0].startswith("q")
    assert words[1][12] == "\u2028"
    assert words[2][6] == "\x1b"


def test_results_go_between_markers_and_replace_the_previous_run(fuzz: ModuleType, tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    results.write_text("# cjm benchmark results\n\nkept\n", "utf-8")
    tally = fuzz.Tally(inputs=1000, seconds=10.0)
    tally.signatures["exception | lint | KeyError at x.py:f"] = 3
    for _ in range(2):
        fuzz.write_results(results, tally, fuzz.Options(), 2, "python benchmarks/fuzz.py --inputs 1000")
    text = results.read_text("utf-8")
    assert text.startswith("# cjm benchmark results\n\nkept\n")
    assert text.count("## Fuzz campaign") == 1
    assert "| inputs per second | 100.0 |" in text
    assert "`exception | lint | KeyError at x.py:f`" in text
