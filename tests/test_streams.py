"""What cjm writes to a terminal or a CI log: nothing from a file acts on it, every stream can carry it.

A map, a file name or a configuration value can hold escape sequences, bidirectional marks and
bytes that are not UTF-8; a console can be ASCII or cp1252. Whatever the input and the stream,
the output shows controls as escapes, keeps the caret under its column, and never crashes.
"""

from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

from tests.samples import MINIMAL_PERSONA

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]

NOT_A_KEY = "apiVersion: cjm/v1\nkind: Persona\nid: olga\nname: Ольга\ngооls: [x]\n"
"""A persona with one finding whose message holds Cyrillic letters (the key's o's are Cyrillic)."""


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


def test_github_properties_encode_what_a_workflow_command_gives_meaning(cli: Cli, write: Write) -> None:
    write("a,b:c%d.yaml", NOT_A_KEY)
    result = cli("validate", "-f", "github", "a,b:c%d.yaml")
    assert result.stdout.startswith("::error file=a%2Cb%3Ac%25d.yaml,line=5,col=1,title=CJM020 unknown-key::")
