"""The command line: exit codes, formats, standard input, and no traceback ever."""

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from cjm import __version__
from tests.conftest import without_timing
from tests.samples import MINIMAL_JOURNEY, MINIMAL_PERSONA

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]


def test_version_is_printed(cli: Cli) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"cjm {__version__}\n"


def test_help_lists_every_command_with_one_line(cli: Cli) -> None:
    result = cli("--help")
    assert result.exit_code == 0
    for command in ("validate", "schema"):
        assert f"  {command} " in result.stdout


def test_valid_files_exit_0_with_a_summary(cli: Cli, write: Write) -> None:
    journey, persona = write("j.yaml", MINIMAL_JOURNEY), write("p.yaml", MINIMAL_PERSONA)
    result = cli("validate", str(journey), str(persona))
    assert result.exit_code == 0, result.stdout
    assert without_timing(result.stdout) == "Checked 2 files: no problems found.\n"


def test_problems_exit_1_with_location_source_line_caret_and_hint(cli: Cli, write: Write) -> None:
    path = write("j.yaml", MINIMAL_JOURNEY.replace("emotion: 1", "emotion: yes"))
    write("p.yaml", MINIMAL_PERSONA)
    result = cli("validate", str(path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "j.yaml:21:18: error CJM022 stages[0].steps[0].emotion: expected a whole number from -2 "
        "(very negative) to 2 (very positive), got 'yes' [invalid-value]"
    )
    assert lines[1] == "21 |         emotion: yes"
    assert lines[2] == "   |                  ^"
    assert without_timing(lines[-1]) == "Checked 1 file: 1 error."


def test_json_format_is_stable_and_complete(cli: Cli, write: Write) -> None:
    path = write("j.yaml", "apiVersion: cjm/v1\nkind: Journey\nid: j\ntitle: t\nstages: []\n")
    result = cli("validate", "--format", "json", str(path))
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["version"] == 1
    assert document["summary"] == {
        "ok": False,
        "files": 1,
        "errors": 1,
        "warnings": 0,
        "info": 0,
        "cached": 0,
        "skipped": 0,
        "nothing_checked": None,
    }
    assert document["diagnostics"] == [
        {
            "path": "j.yaml",
            "line": 5,
            "column": 9,
            "severity": "error",
            "code": "CJM022",
            "name": "invalid-value",
            "message": "stages: needs at least 1 item",
            "hint": "add at least 1 item under 'stages:', each on its own line after '- '",
        }
    ]


def test_standard_input_is_read_with_dash(cli: Cli) -> None:
    result = cli("validate", "-", stdin=MINIMAL_PERSONA)
    assert result.exit_code == 0
    result = cli("validate", "-", stdin="apiVersion: cjm/v1\nkind: Persona\nid: x\n")
    assert result.exit_code == 1
    assert result.stdout.startswith("<stdin>:1:1: error CJM021 the file: the required key 'name' is missing")


def test_stdin_filename_names_the_input_and_finds_references_beside_it(cli: Cli, write: Write) -> None:
    write("maps/personas/olga.yaml", MINIMAL_PERSONA)
    name = str(write("maps/j.yaml", "placeholder: not read\n"))
    result = cli("validate", "-", "--stdin-filename", name, stdin=MINIMAL_JOURNEY)
    assert result.exit_code == 0, result.stdout


def test_missing_path_is_a_usage_error(cli: Cli, write: Write) -> None:
    result = cli("validate", "nope.yaml")
    assert result.exit_code == 2
    assert result.stderr == "cjm: no such file or directory: nope.yaml\n"


def test_no_paths_checks_the_current_folder_and_says_when_it_holds_no_map(cli: Cli, write: Write) -> None:
    write("notes.txt", "not a map")
    result = cli("validate")
    assert result.exit_code == 1
    assert result.stdout.startswith("No cjm files found in .: there are no YAML files")


def test_unknown_option_is_a_usage_error(cli: Cli, write: Write) -> None:
    assert cli("validate", "--frobnicate", str(write("j.yaml", MINIMAL_JOURNEY))).exit_code == 2


def test_unknown_format_is_a_usage_error(cli: Cli, write: Write) -> None:
    assert cli("validate", "--format", "xml", str(write("j.yaml", MINIMAL_JOURNEY))).exit_code == 2


def test_directory_given_as_stdin_filename_does_not_crash(cli: Cli, write: Write) -> None:
    folder = write("maps/keep.txt", "").parent
    result = cli("validate", "-", "--stdin-filename", str(folder.resolve()), stdin=MINIMAL_PERSONA)
    assert result.exit_code == 0


def run_module(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "cjm", *args], input=stdin, capture_output=True, env=env, check=False)


def test_python_dash_m_runs_the_cli() -> None:
    result = run_module("--version")
    assert result.returncode == 0
    assert result.stdout.decode() == f"cjm {__version__}\n"


def test_binary_input_through_a_real_process_gives_a_message_not_a_traceback() -> None:
    result = run_module("validate", "-", stdin=b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR")
    assert result.returncode == 1
    assert b"Traceback" not in result.stdout + result.stderr
    assert result.stdout.startswith(b"<stdin>:3:1: error CJM002 the file contains a NUL byte")


def test_version_does_not_import_pydantic_or_the_renderers() -> None:
    code = (
        "import sys, runpy; sys.argv = ['cjm', '--version']\n"
        "try:\n    runpy.run_module('cjm', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in ('pydantic', 'graphviz', 'jinja2', 'yaml') if m in sys.modules)\n"
        "print(heavy)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    assert result.stdout.decode().splitlines()[-1] == "[]"


def test_validate_does_not_import_the_renderers(write: Write) -> None:
    path = write("p.yaml", MINIMAL_PERSONA)
    code = (
        f"import sys, runpy; sys.argv = ['cjm', 'validate', {str(path)!r}]\n"
        "try:\n    runpy.run_module('cjm', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('graphviz', 'jinja2', 'rich') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, env={**os.environ})
    assert result.stdout.decode().splitlines()[-1] == "[]"


def test_a_command_does_not_search_the_installed_packages_for_pydantic_plugins(write: Write) -> None:
    import inspect

    from pydantic.plugin import _loader

    if "PYDANTIC_DISABLE_PLUGINS" not in inspect.getsource(_loader):
        pytest.skip("this pydantic always looks for plugins: it does not know PYDANTIC_DISABLE_PLUGINS")
    path = write("p.yaml", MINIMAL_PERSONA)
    code = (
        f"import sys, runpy; sys.argv = ['cjm', 'validate', '--no-cache', {str(path)!r}]\n"
        "try:\n    runpy.run_module('cjm', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "from pydantic.plugin import _loader\nprint(_loader._plugins)"
    )
    env = {key: value for key, value in os.environ.items() if key != "PYDANTIC_DISABLE_PLUGINS"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, env=env)
    assert result.stdout.decode().splitlines()[-1] == "None"  # the plugins were never looked for


def test_shell_completion_completes_commands_and_choices() -> None:
    import os
    import subprocess
    import sys

    def complete(words: str, index: int) -> list[str]:
        env = {**os.environ, "COMP_WORDS": words, "COMP_CWORD": str(index), "_CJM_COMPLETE": "complete_bash"}
        script = "from cjm.cli import main; main()"
        result = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60, check=False
        )
        return result.stdout.split()

    assert complete("cjm val", 1) == ["validate"]
    assert complete("cjm lint --format ", 3) == ["text", "json", "github", "sarif"]
    assert complete("cjm lint --select CJM30", 3) == ["CJM301", "CJM302", "CJM303", "CJM304", "CJM305"]
    assert complete("cjm lint --ignore dead", 3) == ["dead-end-stage"]
    assert complete("cjm lint --ignore CJM101,stage-o", 3) == ["CJM101,stage-order"]


def test_completion_script_is_shown_for_bash(cli: Cli) -> None:
    result = cli("--show-completion", "bash")
    assert result.exit_code == 0
    assert "_CJM_COMPLETE=complete_bash" in result.stdout


def test_the_readme_text_output_example_is_what_cjm_prints(cli: Cli, write: Write) -> None:
    from tests.conftest import ROOT, without_timing
    from tests.samples import MINIMAL_PERSONA

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## `cjm validate`", 1)[1]
    shown = section.split("```text\n", 1)[1].split("```", 1)[0]
    write("journey.yaml", MINIMAL_JOURNEY.replace("emotion: 1", "emotion: rather pleased"))
    write("olga.yaml", MINIMAL_PERSONA)
    result = cli("validate", "journey.yaml")
    assert without_timing(result.stdout) == shown
    assert "= hint: " in shown


def test_the_package_version_is_the_one_pyproject_declares() -> None:
    import tomllib

    from tests.conftest import ROOT

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert __version__ == declared


def test_a_full_disk_on_standard_output_is_a_message_not_an_internal_error() -> None:
    from tests.conftest import EXAMPLES

    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "cjm", "validate", "-f", "json", str(EXAMPLES)],
            stdout=full,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert result.returncode == 2
    assert result.stderr == b"cjm: cannot write the output: no space left on device\n"


@pytest.mark.parametrize("output_format", ["text", "github"])
@pytest.mark.parametrize(
    ("old", "new", "shown"),
    [
        ("title: Coffee subscription\n", "title: Coffee \x1b[31msubscription\n", "\\x1b[31m"),
        (
            "title: Coffee subscription\n",
            'title: Coffee subscription\n"\\e[2K\\e[1A\\rChecked 1 file: no problems found.\\n": 1\n',
            "\\x1b[2K",
        ),
    ],
    ids=["raw-escape-in-the-source-line", "escape-sequences-in-a-key"],
)
def test_no_control_character_from_a_file_reaches_the_terminal(
    cli: Cli, write: Write, output_format: str, old: str, new: str, shown: str
) -> None:
    write("j.yaml", MINIMAL_JOURNEY.replace(old, new))
    result = cli("validate", "-f", output_format, "j.yaml")
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout
    assert "\r" not in result.stdout
    assert "\nChecked 1 file: no problems found." not in result.stdout
    if output_format == "text":
        assert shown in result.stdout
