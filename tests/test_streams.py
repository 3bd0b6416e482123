"""What cjm writes to a terminal or a CI log: nothing from a file acts on it, every stream can carry it.

A map, a file name or a configuration value can hold escape sequences, bidirectional marks and
bytes that are not UTF-8; a console can be ASCII or cp1252. Whatever the input and the stream,
the output shows controls as escapes, keeps the caret under its column, and never crashes.
"""

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from cjm.views import EXTENSIONS, RenderFormat
from tests.samples import MINIMAL_JOURNEY, MINIMAL_PERSONA

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]

FORMATS = ("text", "json", "github", "sarif")
NOT_A_KEY = "apiVersion: cjm/v1\nkind: Persona\nid: olga\nname: Ольга\ngооls: [x]\n"
"""A persona with one finding whose message holds Cyrillic letters (the key's o's are Cyrillic)."""


def run(*arguments: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "cjm", *arguments], cwd=cwd, env=environment, capture_output=True, check=False
    )


def test_a_configuration_value_with_an_escape_sequence_is_shown_escaped(cli: Cli, write: Write) -> None:
    write("pyproject.toml", '[tool.cjm]\nselect = ["\\u001b[2J\\u001b[1A"]\n')
    write("p.yaml", MINIMAL_PERSONA)
    result = cli("lint", "p.yaml")
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert "\\x1b[2J\\x1b[1A" in result.stderr


def test_a_folder_name_with_an_escape_sequence_is_shown_escaped_in_the_summary(cli: Cli, write: Write) -> None:
    write("e\x1b[2Jx/notes.txt", "not a map")
    result = cli("validate", "e\x1b[2Jx")
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout
    assert "No cjm files found in e\\x1b[2Jx" in result.stdout


def test_the_caret_stands_under_its_column_after_wide_characters(cli: Cli, write: Write) -> None:
    write("p.yaml", MINIMAL_PERSONA + "tags: {日本: 1, 日本: 2}\n")
    result = cli("validate", "p.yaml")
    assert result.exit_code == 1
    shown = result.stdout.splitlines()
    at = shown.index("7 | tags: {日本: 1, 日本: 2}")
    assert shown[at + 1] == "  | " + " " * len("tags: {日本日本: 1, ") + "^"  # each wide character takes two columns


def test_the_caret_stands_under_an_escaped_bidirectional_mark(cli: Cli, write: Write) -> None:
    write("p.yaml", MINIMAL_PERSONA + "tags: {\u202e: 1, \u202e: 2}\n")
    result = cli("validate", "p.yaml")
    shown = result.stdout.splitlines()
    at = shown.index("7 | tags: {\\u202e: 1, \\u202e: 2}")
    assert shown[at + 1] == "  | " + " " * len("tags: {\\u202e: 1, ") + "^"


def test_a_finding_far_along_a_long_line_shows_that_part_of_the_line(cli: Cli, write: Write) -> None:
    filler = ", ".join(f"k{n}: {n}" for n in range(60))
    write("p.yaml", MINIMAL_PERSONA + f"tags: {{{filler}, k1: again}}\n")
    result = cli("validate", "p.yaml")
    shown = result.stdout.splitlines()
    [at] = [n for n, line in enumerate(shown) if line.startswith("7 | ")]
    assert shown[at].startswith("7 | ...")
    caret = shown[at + 1].index("^")
    assert shown[at][caret:].startswith("k1: again}")


def test_a_form_feed_in_a_line_is_shown_escaped_under_the_caret(cli: Cli, write: Write) -> None:
    write("p.yaml", MINIMAL_PERSONA.replace("name: Ольга, менеджер", "name: Ольга\x0cменеджер"))
    result = cli("validate", "p.yaml")
    assert result.exit_code == 1
    shown = result.stdout.splitlines()
    at = shown.index("4 | name: Ольга\\x0cменеджер")
    assert shown[at + 1] == "  | " + " " * len("name: Ольга") + "^"


@pytest.mark.parametrize("output_format", ["json", "sarif"])
def test_json_output_carries_no_raw_control_or_bidirectional_mark(cli: Cli, write: Write, output_format: str) -> None:
    write("p.yaml", MINIMAL_PERSONA + '"\\u009b2J\\u202egoals": [x]\n')
    result = cli("validate", "-f", output_format, "p.yaml")
    assert result.exit_code == 1
    assert not set(result.stdout) & {"\x9b", "\u202e"}
    assert "\\u009b2J\\u202egoals" in result.stdout
    assert "\x9b2J\u202egoals" in json.dumps(json.loads(result.stdout), ensure_ascii=False)


@pytest.mark.parametrize("output_format", FORMATS)
def test_every_format_writes_to_an_ascii_stream(tmp_path: Path, output_format: str) -> None:
    (tmp_path / "olga.yaml").write_text(NOT_A_KEY, encoding="utf-8")
    result = run(
        "validate", "--no-cache", "-f", output_format, "olga.yaml", cwd=tmp_path, env={"PYTHONIOENCODING": "ascii"}
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr == b""
    shown = result.stdout.decode("ascii")
    if output_format in ("json", "sarif"):
        unicode = run("validate", "--no-cache", "-f", output_format, "olga.yaml", cwd=tmp_path)
        assert json.loads(shown) == json.loads(unicode.stdout.decode("utf-8"))
    else:
        assert "g\\u043e\\u043els" in shown


@pytest.mark.parametrize("output_format", FORMATS)
@pytest.mark.parametrize("locale", [{"PYTHONIOENCODING": "utf-8"}, {"LC_ALL": "C"}], ids=["utf-8", "C"])
def test_a_file_name_that_is_not_utf8_gives_valid_utf8_in_every_format(
    tmp_path: Path, output_format: str, locale: dict[str, str]
) -> None:
    with open(os.fsencode(tmp_path) + b"/caf\xe9.yaml", "wb") as stream:
        stream.write(NOT_A_KEY.encode("utf-8"))
    result = run("validate", "--no-cache", "-f", output_format, ".", cwd=tmp_path, env=locale)
    assert result.returncode == 1, result.stderr
    assert result.stderr == b""
    shown = result.stdout.decode("utf-8")  # strict: a raw 0xe9 byte would fail here
    if output_format == "json":
        [finding] = json.loads(shown)["diagnostics"]
        assert os.fsencode(finding["path"]) == b"caf\xe9.yaml"
    elif output_format == "sarif":
        [finding] = json.loads(shown)["runs"][0]["results"]
        assert finding["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "caf%E9.yaml"
    else:
        assert "caf\\xe9.yaml" in shown


@pytest.mark.parametrize("output_format", ["markdown", "mermaid"])
def test_a_render_to_an_ascii_stream_is_the_utf8_document(tmp_path: Path, output_format: str) -> None:
    (tmp_path / "j.yaml").write_text(MINIMAL_JOURNEY, encoding="utf-8")
    (tmp_path / "p.yaml").write_text(MINIMAL_PERSONA, encoding="utf-8")
    arguments = ("render", "--no-cache", "-f", output_format, "j.yaml", "p.yaml")
    result = run(*arguments, cwd=tmp_path, env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    page = "page" + EXTENSIONS[RenderFormat(output_format)]
    assert run(*arguments, "-o", page, cwd=tmp_path).returncode == 0
    assert result.stdout == (tmp_path / page).read_bytes()
    assert "Ольга" in result.stdout.decode("utf-8")


def test_github_properties_encode_what_a_workflow_command_gives_meaning(cli: Cli, write: Write) -> None:
    write("a,b:c%d.yaml", NOT_A_KEY)
    result = cli("validate", "-f", "github", "a,b:c%d.yaml")
    assert result.stdout.startswith("::error file=a%2Cb%3Ac%25d.yaml,line=5,col=1,title=CJM020 unknown-key::")


def workflow_commands(log: str) -> list[str]:
    """The lines a GitHub Actions runner would take as commands: `::x` at a line's start (after
    white space) or the older `##[x]` anywhere in it."""
    return [line for line in log.splitlines() if line.lstrip().startswith("::") or "##[" in line]


@pytest.mark.parametrize("output", ["text", "github"])
def test_no_file_name_or_line_of_a_map_can_forge_a_ci_log_command(cli: Cli, write: Write, output: str) -> None:
    write("::error file=a.py,line=1::forged.yaml", MINIMAL_PERSONA + "gools: x\n")
    write("b.yaml", MINIMAL_PERSONA + "tags: [##[error]forged]\n")
    write("c.yaml", MINIMAL_PERSONA + '"##[warning]forged": 1\n')
    result = cli("validate", "--format", output, ".")
    assert result.exit_code == 1
    commands = workflow_commands(result.stdout)
    if output == "github":  # cjm's own annotations, one per problem, and nothing else
        assert len(commands) == 3
        assert all(line.startswith("::error file=") for line in commands)
        assert not any("##[" in line for line in commands)
    else:
        assert commands == []
    assert "forged" in result.stdout
