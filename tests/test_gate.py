"""The gate lets nothing invalid through: a file that tries to be a cjm map is checked, never skipped,
and a run that checked nothing says so and fails."""

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import Result

from cjm.discovery import is_cjm_file
from tests.samples import MINIMAL_JOURNEY, MINIMAL_PERSONA

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]

BODY = MINIMAL_JOURNEY.split("\n", 2)[2]
"""The journey without its two header lines."""


def codes(result: Result) -> list[str]:
    """The codes of the findings in text output, in order."""
    return [line.split()[2] for line in result.stdout.splitlines() if ": error CJM" in line]


NEAR_MISSES = {
    "apiVersion key in lower case": "apiversion: cjm/v1\nkind: Journey\n",
    "apiVersion key with an underscore": "api_version: cjm/v1\nkind: Journey\n",
    "apiVersion key misspelt": "apiVerison: cjm/v1\nkind: Journey\n",
    "apiVersion missing": "kind: Journey\n",
    "apiVersion with a dash": "apiVersion: cjm-v1\nkind: Journey\n",
    "apiVersion in capitals": "apiVersion: CJM/V1\nkind: Journey\n",
    "a newer apiVersion": "apiVersion: cjm/v2\nkind: Journey\n",
    "kind in lower case": "apiVersion: cjm/v1\nkind: journey\n",
    "no header at all": "",
}


@pytest.mark.parametrize("header", NEAR_MISSES.values(), ids=NEAR_MISSES.keys())
@pytest.mark.parametrize("pre_commit", [False, True], ids=["folder scan", "pre-commit"])
def test_a_file_that_tries_to_be_a_journey_is_reported_not_skipped(
    cli: Cli, write: Write, header: str, pre_commit: bool
) -> None:
    path = write("docs/journey.yaml", header + BODY)
    write("docs/olga.yaml", MINIMAL_PERSONA)
    result = cli("validate", "--skip-other-yaml", str(path)) if pre_commit else cli("validate", "docs")
    assert result.exit_code == 1, result.stdout
    assert codes(result) == ["CJM011"]
    assert "no problems found" not in result.stdout


def test_a_misspelt_header_key_is_named_with_the_fix(cli: Cli, write: Write) -> None:
    write("j.yaml", "apiversion: cjm/v1\nkind: Journey\n" + BODY)
    result = cli("validate", "j.yaml")
    assert "j.yaml:1:1: error CJM011 the key 'apiversion' must be written 'apiVersion'" in result.stdout
    assert "hint: rename it to 'apiVersion'" in result.stdout


def test_a_version_written_another_way_gets_a_did_you_mean(cli: Cli, write: Write) -> None:
    write("j.yaml", "apiVersion: cjm-v1\nkind: Journey\n" + BODY)
    result = cli("validate", "j.yaml")
    assert "j.yaml:1:13: error CJM011 unknown apiVersion 'cjm-v1' — did you mean 'cjm/v1'?" in result.stdout
    assert "hint: write 'apiVersion: cjm/v1'" in result.stdout


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_a_journey_saved_in_utf16_or_utf32_is_reported_in_a_folder_scan(cli: Cli, write: Write, encoding: str) -> None:
    write("docs/journey.yaml", MINIMAL_JOURNEY.encode(encoding))
    result = cli("validate", "docs")
    assert result.exit_code == 1
    assert "error CJM002" in result.stdout
    assert cli("validate", "--skip-other-yaml", "docs/journey.yaml").exit_code == 1


def test_a_journey_in_a_windows_code_page_is_reported(cli: Cli, write: Write) -> None:
    write("docs/journey.yaml", MINIMAL_JOURNEY.encode("cp1251", errors="replace"))
    result = cli("validate", "docs")
    assert result.exit_code == 1
    assert "error CJM002" in result.stdout


@pytest.mark.parametrize(
    "text",
    [
        "id: olga\nname: Olga\ngoals: [Fresh coffee]\nfrustrations: [Slow delivery]\n",
        "id: shared\ntitle: Shared touchpoints\ntouchpoints:\n  - id: web\n    name: Web\n    channel: website\n",
        "id: j\ntitle: A journey\nstages:\n  - id: a\n    name: A\n",
    ],
    ids=["persona keys", "catalogue keys", "journey keys"],
)
def test_a_file_with_the_keys_of_a_cjm_kind_is_checked(text: str) -> None:
    assert is_cjm_file(text.encode())


@pytest.mark.parametrize(
    "text",
    [
        "name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n",
        "version: '3'\nservices:\n  web:\n    image: nginx\n",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec: {}\n",
        "stages:\n  - build\n  - test\nvariables:\n  A: 1\nbuild:\n  script: make\n",
        "site_name: Docs\nnav:\n  - index.md\ntheme: material\n",
        "repos:\n  - repo: local\n    hooks: []\n",
        "openapi: 3.1.0\ninfo:\n  title: API\n  version: 1.0.0\npaths: {}\n",
    ],
    ids=["workflow", "compose", "kubernetes", "gitlab-ci", "mkdocs", "pre-commit", "openapi"],
)
def test_other_yaml_is_clearly_not_a_cjm_file(text: str) -> None:
    assert not is_cjm_file(text.encode())


@given(st.text(max_size=400))
def test_any_text_with_the_cjm_header_is_checked(rest: str) -> None:
    assert is_cjm_file(("apiVersion: cjm/v1\n" + rest).encode("utf-8", "surrogatepass"))


def test_a_folder_with_no_cjm_file_fails_and_says_so(cli: Cli, write: Write) -> None:
    write("docs/ci.yaml", "name: CI\non: [push]\njobs: {}\n")
    result = cli("validate", "docs")
    assert result.exit_code == 1
    assert result.stdout == (
        "No cjm files found in docs: 1 YAML file was passed over as not a cjm map; "
        "a cjm file starts with 'apiVersion: cjm/v1'.\n"
    )


def test_an_empty_folder_fails_for_lint_too(cli: Cli, write: Write) -> None:
    Path("empty").mkdir()
    result = cli("lint", "empty")
    assert result.exit_code == 1
    assert "No cjm files found in empty: there are no YAML files" in result.stdout
    assert "no problems found" not in result.stdout


def test_pre_commit_mode_passes_when_only_other_yaml_changed(cli: Cli, write: Write) -> None:
    write("ci.yaml", "name: CI\non: [push]\njobs: {}\n")
    result = cli("lint", "--skip-other-yaml", "ci.yaml")
    assert result.exit_code == 0
    assert result.stdout == "No cjm files among the files given: 1 YAML file was passed over as not a cjm map.\n"


def test_json_says_when_nothing_was_checked(cli: Cli, write: Write) -> None:
    import json

    write("docs/ci.yaml", "name: CI\n")
    result = cli("validate", "-f", "json", "docs")
    summary = json.loads(result.stdout)["summary"]
    assert result.exit_code == 1
    assert summary["ok"] is False
    assert summary["skipped"] == 1
    assert summary["nothing_checked"].startswith("No cjm files found in docs")


def test_github_format_says_when_nothing_was_checked(cli: Cli, write: Write) -> None:
    Path("empty").mkdir()
    result = cli("validate", "-f", "github", "empty")
    assert result.exit_code == 1
    assert result.stdout.startswith("::error title=cjm::No cjm files found in empty")


def test_sarif_says_when_nothing_was_checked(cli: Cli, write: Write) -> None:
    import json

    Path("empty").mkdir()
    result = cli("validate", "-f", "sarif", "empty")
    [invocation] = json.loads(result.stdout)["runs"][0]["invocations"]
    assert result.exit_code == 1
    assert invocation["toolExecutionNotifications"][0]["level"] == "error"
    assert invocation["toolExecutionNotifications"][0]["message"]["text"].startswith("No cjm files found in empty")


PERSONA_WITH_A_BAD_ID = "apiVersion: cjm/v1\nkind: Persona\nid: Bad Id\nname: Anna\n"

DISGUISED = {
    "top-level list": b"- apiVersion: cjm/v1\n  kind: Persona\n  id: Bad Id\n",
    "one-line flow mapping": b'{"apiVersion": "cjm/v1", "kind": "Persona", "id": "Bad Id"}',
    "CR line ends after a comment": b"# persona\rapiVersion: cjm/v1\rkind: Persona\rid: Bad Id\r",
    "header after 64 KiB of comment": b"#" * 65536 + b"\n" + PERSONA_WITH_A_BAD_ID.encode(),
    "UTF-16 without a mark, Cyrillic first": ("# Персона: Анна, менеджер\n" + PERSONA_WITH_A_BAD_ID).encode(
        "utf-16-le"
    ),
    "UTF-32 without a mark": PERSONA_WITH_A_BAD_ID.encode("utf-32-le"),
    "indented, with a dash in the version": b"  apiVersion: cjm-v1\n  kind: Persona\n  id: Bad Id\n",
}


@pytest.mark.parametrize("raw", DISGUISED.values(), ids=DISGUISED.keys())
def test_a_disguised_cjm_file_is_checked_in_a_folder_scan(cli: Cli, write: Write, raw: bytes) -> None:
    write("maps/ok.yaml", MINIMAL_PERSONA)
    write("maps/disguised.yaml", raw)
    result = cli("validate", "maps")
    assert result.exit_code == 1, result.stdout
    assert "maps/disguised.yaml:" in result.stdout


def test_an_upper_case_yaml_suffix_is_found_in_a_folder(cli: Cli, write: Write) -> None:
    write("maps/PERSONA.YAML", PERSONA_WITH_A_BAD_ID)
    result = cli("validate", "maps")
    assert result.exit_code == 1
    assert "maps/PERSONA.YAML:3:5: error CJM022" in result.stdout
