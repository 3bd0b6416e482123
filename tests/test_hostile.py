"""The hostile-input corpus: each file's exact outcome under validate, lint and render.

Small cases live in tests/hostile/; the giants (50 MB, a million items, a 1 MB key or
line) are written by the tests. Every case must end with its diagnostic at its place, the
right exit code, no traceback, nothing written, within 200 MB; `make bench` times them.
"""

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest
from typer.testing import Result

from tests.conftest import ROOT

Cli = Callable[..., Result]
HOSTILE = ROOT / "tests" / "hostile"

# file: (exit code of validate, [(code, line, column)])
EXPECTED: dict[str, tuple[int, list[tuple[str, int, int]]]] = {
    "alias-as-key.yaml": (1, [("CJM021", 1, 1), ("CJM020", 3, 5)]),
    "alias-bomb-keys.yaml": (1, [("CJM006", 3, 4)]),
    "alias-bomb-list.yaml": (1, [("CJM007", 3, 23)]),
    "alias-bomb-mapping.yaml": (1, [("CJM007", 3, 47)]),
    "alias-recursive.yaml": (1, [("CJM007", 5, 7)]),
    "anchor-and-alias-small.yaml": (0, []),
    "api-version-future.yaml": (1, [("CJM011", 1, 13)]),
    "api-version-key-misspelled.yaml": (1, [("CJM011", 1, 1)]),
    "bad-indentation.yaml": (1, [("CJM004", 13, 4)]),
    "bell-and-backspace-in-text.yaml": (0, []),
    "bidi-and-emoji-text.yaml": (0, []),
    "binary-tag.yaml": (1, [("CJM006", 4, 8)]),
    "binary.yaml": (1, [("CJM002", 1, 1)]),
    "bom-in-the-middle.yaml": (0, []),
    "byte-order-mark.yaml": (0, []),
    "cr-only-line-ends.yaml": (0, []),
    "crlf-line-endings.yaml": (0, []),
    "duplicate-key-deep.yaml": (1, [("CJM005", 13, 9)]),
    "duplicate-key-flow.yaml": (1, [("CJM005", 6, 44)]),
    "duplicate-key-top.yaml": (1, [("CJM005", 5, 1)]),
    "duplicate-stage-ids.yaml": (1, [("CJM030", 9, 9)]),
    "duplicate-step-ids-across-stages.yaml": (1, [("CJM030", 17, 13)]),
    "emotion-boolean.yaml": (1, [("CJM022", 12, 18)]),
    "emotion-date.yaml": (1, [("CJM022", 12, 18)]),
    "emotion-decimal-5000-digits.yaml": (1, [("CJM022", 12, 18)]),
    "emotion-float.yaml": (1, [("CJM022", 12, 18)]),
    "emotion-infinity.yaml": (1, [("CJM022", 12, 18)]),
    "emotion-octal-4000-digits.yaml": (1, [("CJM022", 12, 18)]),
    "emotion-out-of-range.yaml": (1, [("CJM022", 12, 18)]),
    "empty-file.yaml": (1, [("CJM008", 1, 1)]),
    "encoded-surrogate-utf8.yaml": (1, [("CJM002", 13, 14)]),
    "escape-sequence-in-key.yaml": (1, [("CJM020", 13, 9)]),
    "escape-sequence-in-title.yaml": (0, []),
    "explicit-document-end.yaml": (0, []),
    "flow-mapping-document.yaml": (0, []),
    "header-only.yaml": (1, [("CJM011", 1, 1)]),
    "id-bidi-override.yaml": (1, [("CJM022", 3, 5)]),
    "id-index.yaml": (0, []),
    "id-number.yaml": (1, [("CJM022", 3, 5)]),
    "id-path-traversal.yaml": (1, [("CJM022", 3, 5)]),
    "id-uppercase.yaml": (1, [("CJM022", 3, 5)]),
    "id-with-newline.yaml": (1, [("CJM022", 3, 5)]),
    "id-zero-width-space.yaml": (1, [("CJM022", 3, 5)]),
    "invalid-utf8.yaml": (1, [("CJM002", 5, 17)]),
    "javascript-link.yaml": (1, [("CJM022", 15, 19)]),
    "key-case-duplicate.yaml": (1, [("CJM020", 5, 1)]),
    "kind-missing.yaml": (1, [("CJM011", 1, 1)]),
    "kind-misspelled.yaml": (1, [("CJM011", 2, 7)]),
    "kpi-target-negative-huge.yaml": (1, [("CJM022", 12, 17)]),
    "kpi-value-1e400-digits.yaml": (1, [("CJM022", 11, 16)]),
    "kpi-value-quoted-1e400.yaml": (1, [("CJM022", 11, 16)]),
    "line-separator-escape-in-text.yaml": (0, []),
    "link-data-scheme.yaml": (1, [("CJM022", 16, 19)]),
    "link-file-scheme.yaml": (1, [("CJM022", 16, 19)]),
    "link-leading-space-javascript.yaml": (1, [("CJM022", 16, 19)]),
    "link-mixed-case-javascript.yaml": (1, [("CJM022", 16, 19)]),
    "link-tab-inside-scheme.yaml": (1, [("CJM022", 16, 19)]),
    "link-trailing-newline.yaml": (1, [("CJM022", 16, 19)]),
    "long-line-20000.yaml": (0, []),
    "markdown-blockquote.yaml": (0, []),
    "markdown-emphasis-and-link.yaml": (0, []),
    "markdown-fenced-code.yaml": (0, []),
    "markdown-heading.yaml": (0, []),
    "markdown-html-block.yaml": (0, []),
    "markdown-indented-code.yaml": (0, []),
    "markdown-link-reference-definition.yaml": (0, []),
    "markdown-ordered-list.yaml": (0, []),
    "markdown-setext-heading.yaml": (0, []),
    "markdown-table.yaml": (0, []),
    "markdown-task-list.yaml": (0, []),
    "markdown-thematic-break.yaml": (0, []),
    "merge-key-hiding-duplicate.yaml": (1, [("CJM006", 7, 5)]),
    "mermaid-keyword-accdescr.yaml": (0, []),
    "mermaid-keyword-acctitle.yaml": (0, []),
    "mermaid-keyword-colon-semicolon.yaml": (0, []),
    "mermaid-keyword-comment.yaml": (0, []),
    "mermaid-keyword-journey.yaml": (0, []),
    "mermaid-keyword-section.yaml": (0, []),
    "mermaid-keyword-title.yaml": (0, []),
    "mixed-line-endings.yaml": (0, []),
    "nel-inside-plain-scalar.yaml": (1, [("CJM004", 12, 1)]),
    "nesting-100000-deep.yaml": (1, [("CJM003", 4, 71)]),
    "nesting-block-mappings.yaml": (1, [("CJM003", 77, 65)]),
    "nesting-cr-line-ends.yaml": (1, [("CJM003", 76, 1)]),
    "nesting-hidden-by-comment.yaml": (1, [("CJM003", 77, 129)]),
    "nesting-hidden-by-quoted-brace.yaml": (1, [("CJM003", 13, 382)]),
    "nesting-hidden-by-quoted-bracket.yaml": (1, [("CJM003", 13, 382)]),
    "nesting-hidden-by-quotes.yaml": (1, [("CJM003", 4, 323)]),
    "nesting-ls-line-ends.yaml": (1, [("CJM003", 76, 1)]),
    "nesting-nel-line-ends.yaml": (1, [("CJM003", 76, 1)]),
    "nesting-with-cr-line-ends.yaml": (1, [("CJM003", 68, 65)]),
    "noncharacter-in-text.yaml": (0, []),
    "nul-byte-after-line-separators.yaml": (1, [("CJM002", 5, 15)]),
    "nul-byte.yaml": (1, [("CJM002", 5, 15)]),
    "nul-escape-in-text.yaml": (0, []),
    "number-4000-hex-digits-age.yaml": (1, [("CJM022", 6, 8)]),
    "number-4000-hex-digits-emotion.yaml": (1, [("CJM022", 12, 18)]),
    "number-4000-hex-digits-revision.yaml": (1, [("CJM022", 5, 11)]),
    "number-4000-octal-digits-sample-size.yaml": (1, [("CJM022", 15, 26)]),
    "number-beyond-the-largest-float.yaml": (1, [("CJM022", 11, 16)]),
    "only-comments.yaml": (1, [("CJM008", 1, 1)]),
    "osc-hyperlink-in-action.yaml": (0, []),
    "overlong-utf8.yaml": (1, [("CJM002", 13, 14)]),
    "python-object-tag.yaml": (1, [("CJM006", 5, 14)]),
    "raw-escape-byte-in-bad-line.yaml": (1, [("CJM002", 13, 7)]),
    "sample-size-zero.yaml": (1, [("CJM022", 16, 26)]),
    "set-tag.yaml": (1, [("CJM006", 4, 8)]),
    "stage-without-id.yaml": (1, [("CJM021", 6, 5)]),
    "stages-is-a-mapping.yaml": (1, [("CJM022", 6, 3)]),
    "surrogate-escape-in-text.yaml": (1, [("CJM004", 11, 18)]),
    "tab-after-colon.yaml": (0, []),
    "tab-indentation.yaml": (1, [("CJM004", 6, 1)]),
    "tag-directive.yaml": (0, []),
    "text-attacks-outputs.yaml": (0, []),
    "top-level-list.yaml": (1, [("CJM009", 1, 1)]),
    "top-level-scalar.yaml": (1, [("CJM009", 1, 1)]),
    "transition-cycle.yaml": (0, []),
    "transition-self-loop.yaml": (0, []),
    "transition-to-unknown-stage.yaml": (1, [("CJM031", 15, 9)]),
    "two-documents.yaml": (1, [("CJM010", 9, 1)]),
    "unclosed-flow-sequence.yaml": (1, [("CJM004", 13, 7)]),
    "unknown-key-deep.yaml": (1, [("CJM020", 13, 9)]),
    "unknown-persona.yaml": (1, [("CJM031", 5, 12)]),
    "unknown-tag.yaml": (1, [("CJM006", 5, 14)]),
    "unknown-touchpoint-with-suggestion.yaml": (1, [("CJM031", 17, 23)]),
    "unterminated-quote.yaml": (1, [("CJM004", 13, 14)]),
    "utf16-with-bom.yaml": (1, [("CJM002", 1, 1)]),
    "utf16-without-bom.yaml": (1, [("CJM002", 1, 2)]),
    "utf32-with-bom.yaml": (1, [("CJM002", 1, 1)]),
    "windows-1252-quote.yaml": (1, [("CJM002", 13, 16)]),
    "yaml-directive-1-1.yaml": (0, []),
    "yaml-nan.yaml": (1, [("CJM022", 11, 17)]),
    "yaml-tilde-where-text-is-needed.yaml": (1, [("CJM022", 4, 8)]),
    "yaml11-date-is-text.yaml": (0, []),
    "yaml11-no-is-text.yaml": (0, []),
    "yaml11-octal-is-decimal.yaml": (0, []),
    "yaml11-on-is-not-a-boolean.yaml": (1, [("CJM022", 12, 21)]),
    "yaml11-underscore-number.yaml": (1, [("CJM022", 11, 16)]),
}


def test_every_corpus_file_has_an_expected_outcome() -> None:
    assert sorted(p.name for p in HOSTILE.iterdir()) == sorted(EXPECTED)


def found(result: Result) -> list[tuple[str, int, int]]:
    document = json.loads(result.stdout)
    return [(d["code"], d["line"], d["column"]) for d in document["diagnostics"] if d["code"] < "CJM100"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validate_and_lint_give_the_exact_outcome(cli: Cli, name: str) -> None:
    exit_code, expected = EXPECTED[name]
    path = str(HOSTILE / name)
    validated = cli("validate", "--format", "json", path)
    assert (validated.exit_code, found(validated)) == (exit_code, expected)
    linted = cli("lint", "--format", "json", "--select", "CJM1,CJM2,CJM3,CJM4", path)
    assert found(linted) == expected
    if exit_code:
        assert linted.exit_code == 1


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_render_writes_nothing_for_a_bad_file_and_a_whole_page_for_a_good_one(
    cli: Cli, name: str, tmp_path: Path
) -> None:
    exit_code, expected = EXPECTED[name]
    output = tmp_path / "out"
    result = cli("render", str(HOSTILE / name), "--format", "markdown", "--output", str(output))
    if exit_code:
        assert result.exit_code == 1
        assert f"{expected[0][0]} " in result.stderr
        assert not output.exists()
    else:
        assert result.exit_code == 0, result.stderr
        assert output.read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize("name", sorted(name for name, (exit_code, _) in EXPECTED.items() if exit_code == 0))
def test_a_good_hostile_file_renders_to_documents_that_parse(cli: Cli, name: str, tmp_path: Path) -> None:
    for output_format in ("svg", "html"):
        result = cli(
            "render", str(HOSTILE / name), "--format", output_format, "--output", str(tmp_path / output_format)
        )
        assert result.exit_code == 0, result.stderr
    for svg in (tmp_path / "svg").glob("*.svg"):
        ElementTree.parse(svg)  # well-formed XML: no control character or stray markup from the map
    for page in (tmp_path / "html").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text.lower()
        assert not any(ord(c) < 32 and c not in "\t\n\r" for c in text)


LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as report:
    report.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""
"""Runs a command and writes its peak memory (KiB) to a file. Linux counts the memory a process had
when it forked into a child's peak, so cjm is started from this small process, not from pytest."""


def run_measured(arguments: list[str], cwd: Path) -> tuple[int, float, str]:
    """Run cjm in a real process: exit code, peak memory in MB, and what it printed."""
    peak = cwd / "peak-kib.txt"
    command = [sys.executable, "-c", LAUNCHER, str(peak), sys.executable, "-m", "cjm", *arguments]
    result = subprocess.run(  # no time limit here: `make bench` measures the times
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, "NO_COLOR": "1"}
    )
    printed = result.stdout.decode("utf-8", "replace")
    return result.returncode, int(peak.read_text(encoding="utf-8")) / 1024, printed


sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import GIANTS  # noqa: E402  (the benchmark times the same inputs)

sys.path.remove(str(ROOT / "benchmarks"))
GIANT_CODES = {
    "fifty-megabytes.yaml": "CJM003",
    "many-values-without-anchors.yaml": "CJM003",
    "million-items.yaml": "CJM003",
    "million-items-cr.yaml": "CJM003",
    "million-items-flow.yaml": "CJM003",
    "megabyte-key.yaml": "CJM004",
    "megabyte-line.yaml": None,
}


@pytest.mark.parametrize("name", sorted(GIANTS))
def test_giant_inputs_are_refused_cleanly_within_200_mb(name: str, tmp_path: Path) -> None:
    (tmp_path / name).write_bytes(GIANTS[name]())
    code, megabytes, printed = run_measured(["validate", "--no-cache", name], tmp_path)
    expected = GIANT_CODES[name]
    assert code == (1 if expected else 0), printed
    if expected:
        assert f" {expected} " in printed
    assert "Traceback" not in printed
    assert megabytes < 200, megabytes


def test_the_size_limit_can_be_raised_in_the_configuration(tmp_path: Path) -> None:
    (tmp_path / "big.yaml").write_bytes(b"apiVersion: cjm/v1\nkind: Persona\nid: p\nname: " + b"n" * 9_000_000 + b"\n")
    code, _, printed = run_measured(["validate", "--no-cache", "big.yaml"], tmp_path)
    assert code == 1
    assert " CJM003 " in printed
    (tmp_path / "cjm.toml").write_text("max-file-size = 20000000\n", encoding="utf-8")
    code, _, printed = run_measured(["validate", "--no-cache", "big.yaml"], tmp_path)
    assert code == 0, printed


def test_the_measured_peak_is_cjm_s_own_not_the_test_runner_s(tmp_path: Path) -> None:
    held = bytearray(256 * 1024 * 1024)
    held[::4096] = b"\1" * len(held[::4096])  # touch every page, so the test runner's peak is above 256 MB
    (tmp_path / "x.yaml").write_text("apiVersion: cjm/v1\n", encoding="utf-8")
    _, megabytes, _ = run_measured(["validate", "--no-cache", "x.yaml"], tmp_path)
    assert megabytes < 200
    del held


def test_checks_and_hints_take_time_in_proportion_to_a_long_value(tmp_path: Path) -> None:
    # Each value made a regular expression backtrack over its whole length once per character:
    # at this length, hours. The time limit only keeps a regression from hanging the suite.
    n = 200_000
    (tmp_path / "long.yaml").write_text(
        "apiVersion: cjm/v1\nkind: Journey\nid: '" + "a#" * n + "\\nb'\ntitle: x\nstages:\n"
        "  - id: a\n    name: A\n    type: awareness\n"
        "    kpis:\n      - name: Sales\n        value: '1" + " " * n + "a\\nb'\n"
        "    steps:\n      - id: s\n        action: x\n        evidence:\n          - type: survey\n"
        "            summary: x\n            link: https://" + "a" * n + " x\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "cjm", "validate", "--no-cache", "--format", "json", "long.yaml"],
        cwd=tmp_path,
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 1, result.stderr[-2000:]
    found = json.loads(result.stdout)["diagnostics"]
    assert [(d["code"], d["line"]) for d in found] == [("CJM022", 3), ("CJM022", 11), ("CJM022", 18)]


def run_cjm(arguments: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run cjm in a process of its own, killed after a minute: a regression must fail, not hang."""
    return subprocess.run(
        [sys.executable, "-m", "cjm", *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda path, outside: os.mkfifo(path), "this is a named pipe (FIFO), not a file", id="fifo"),
        pytest.param(
            lambda path, outside: (os.mkfifo(outside), path.symlink_to(outside)),
            "this is a named pipe (FIFO), not a file",
            id="link-to-a-fifo",
        ),
        pytest.param(
            lambda path, outside: path.symlink_to("/dev/zero"),
            "this is a character device, such as a terminal, not a file",
            id="link-to-a-device",
        ),
    ],
)
def test_a_named_path_that_is_not_a_regular_file_is_refused_without_waiting(
    tmp_path: Path, make: Callable[[Path, Path], object], message: str
) -> None:
    (tmp_path / "maps").mkdir()
    make(tmp_path / "maps" / "journey.yaml", tmp_path / "elsewhere")
    result = run_cjm(["validate", "--no-cache", "maps/journey.yaml"], tmp_path)
    assert (result.returncode, result.stdout.splitlines()[0]) == (
        1,
        f"maps/journey.yaml:1:1: error CJM001 {message} [file-unreadable]",
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_folder_s_pipes_devices_and_link_loops_are_passed_over(tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "persona.yaml").write_text("apiVersion: cjm/v1\nkind: Persona\nid: p\nname: P\n", encoding="utf-8")
    os.mkfifo(maps / "never-written.yaml")
    os.mkfifo(tmp_path / "elsewhere")
    (maps / "link-to-a-pipe.yaml").symlink_to(tmp_path / "elsewhere")
    (maps / "link-to-a-device.yaml").symlink_to("/dev/zero")
    (maps / "loop").symlink_to(maps, target_is_directory=True)
    (maps / "loop.yaml").symlink_to(maps / "loop.yaml")
    result = run_cjm(["validate", "--no-cache", "maps"], tmp_path)
    assert result.returncode == 1, result.stdout
    assert result.stdout.startswith("maps/loop.yaml:1:1: error CJM001 cannot read the file: ")
    assert "Checked 2 files" in result.stdout
