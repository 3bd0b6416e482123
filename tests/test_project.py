"""Pre-commit sees the whole project: checking some files resolves them against every cjm file of the
project, and a changed persona or catalogue re-checks the journeys that depend on it."""

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from cjm.api import validate
from tests.samples import MINIMAL_JOURNEY, MINIMAL_PERSONA

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]

CATALOGUE = """\
apiVersion: cjm/v1
kind: TouchpointCatalog
id: shared
title: Shared touchpoints
touchpoints:
  - id: call-centre
    name: Call centre
    channel: phone
"""


@pytest.fixture
def project(write: Write) -> Write:
    """A team's layout: journeys and personas side by side under docs/, configured at the root."""
    write("cjm.toml", 'paths = ["docs/journeys", "docs/personas"]\n')
    write("docs/journeys/coffee.yaml", MINIMAL_JOURNEY)
    write("docs/personas/olga.yaml", MINIMAL_PERSONA)
    return write


def finding_lines(result: Result) -> list[str]:
    return [line for line in result.stdout.splitlines() if ": error " in line or ": warning " in line]


def test_a_journey_checked_alone_finds_its_persona_in_the_project(cli: Cli, project: Write) -> None:
    result = cli("validate", "--skip-other-yaml", "docs/journeys/coffee.yaml")
    assert result.exit_code == 0, result.stdout


def test_without_configuration_the_project_is_the_current_folder(cli: Cli, write: Write) -> None:
    write("docs/journeys/coffee.yaml", MINIMAL_JOURNEY)
    write("docs/personas/olga.yaml", MINIMAL_PERSONA)
    assert cli("validate", "docs/journeys/coffee.yaml").exit_code == 0
    Path("docs/personas/olga.yaml").write_text(MINIMAL_PERSONA.replace("id: olga", "id: olga-m"), encoding="utf-8")
    result = cli("validate", "--skip-other-yaml", "docs/personas/olga.yaml")
    assert result.exit_code == 1
    assert "docs/journeys/coffee.yaml:5:12: error CJM031" in result.stdout


def test_without_configuration_the_project_is_the_git_work_tree(cli: Cli, write: Write) -> None:
    write("repo/.git/HEAD", "ref: refs/heads/main\n")
    write("repo/docs/journeys/coffee.yaml", MINIMAL_JOURNEY)
    write("repo/docs/personas/olga.yaml", MINIMAL_PERSONA.replace("id: olga", "id: olga-m"))
    os.chdir("repo/docs/personas")
    result = cli("validate", "--skip-other-yaml", "olga.yaml")
    assert result.exit_code == 1
    assert "journeys/coffee.yaml:5:12: error CJM031" in result.stdout


def test_standard_input_is_not_checked_against_its_own_copy_on_disk(cli: Cli, project: Write) -> None:
    text = Path("docs/journeys/coffee.yaml").read_text(encoding="utf-8")
    result = cli("validate", "-", "--stdin-filename", "docs/journeys/coffee.yaml", stdin=text)
    assert result.exit_code == 0, result.stdout
    persona = MINIMAL_PERSONA.replace("id: olga", "id: olga-m")
    result = cli("validate", "-", "--stdin-filename", "docs/personas/olga.yaml", stdin=persona)
    assert result.exit_code == 1
    assert "docs/journeys/coffee.yaml:5:12: error CJM031" in result.stdout


def test_a_run_that_looked_for_missing_files_is_not_answered_from_the_cache_once_they_exist(
    cli: Cli, write: Write
) -> None:
    write("cjm.toml", "")
    write("journey.yaml", MINIMAL_JOURNEY)
    assert cli("validate", "journey.yaml").exit_code == 1
    write("olga.yaml", MINIMAL_PERSONA)
    result = cli("validate", "journey.yaml")
    assert result.exit_code == 0, result.stdout


def test_a_configuration_without_paths_makes_its_folder_the_project(cli: Cli, write: Write) -> None:
    write("pyproject.toml", "[tool.cjm]\nstrict = false\n")
    write("docs/journeys/coffee.yaml", MINIMAL_JOURNEY)
    write("docs/personas/olga.yaml", MINIMAL_PERSONA)
    assert cli("validate", "docs/journeys/coffee.yaml").exit_code == 0


def test_renaming_a_persona_fails_with_the_journeys_that_still_name_it(cli: Cli, project: Write) -> None:
    project("docs/personas/olga.yaml", MINIMAL_PERSONA.replace("id: olga", "id: olga-m"))
    result = cli("validate", "--skip-other-yaml", "docs/personas/olga.yaml")
    assert result.exit_code == 1
    assert finding_lines(result) == [
        "docs/journeys/coffee.yaml:5:12: error CJM031 personas[0]: no persona with the id 'olga' "
        "— did you mean 'olga-m'? [unresolved-reference]"
    ]


def test_removing_a_shared_touchpoint_fails_with_the_journeys_that_use_it(cli: Cli, project: Write) -> None:
    project("docs/shared.yaml", CATALOGUE)
    journey = MINIMAL_JOURNEY.replace("touchpoints: [sms]", "touchpoints: [call-centre]")
    project("docs/journeys/coffee.yaml", journey)
    project("cjm.toml", 'paths = ["docs"]\n')
    assert cli("validate", "--skip-other-yaml", "docs/shared.yaml").exit_code == 0
    project("docs/shared.yaml", CATALOGUE.replace("call-centre", "hotline"))
    result = cli("validate", "--skip-other-yaml", "docs/shared.yaml")
    assert result.exit_code == 1
    assert [line.split(": error ")[0] for line in finding_lines(result)] == ["docs/journeys/coffee.yaml:34:19"]


def test_a_dependent_journey_is_shown_with_its_source_line(cli: Cli, project: Write) -> None:
    project("docs/personas/olga.yaml", MINIMAL_PERSONA.replace("id: olga", "id: olga-m"))
    result = cli("validate", "--skip-other-yaml", "docs/personas/olga.yaml")
    assert "5 | personas: [olga]" in result.stdout


def test_a_new_persona_that_reuses_a_project_id_is_a_duplicate(cli: Cli, project: Write) -> None:
    project("docs/personas/olga-copy.yaml", MINIMAL_PERSONA)
    result = cli("validate", "--skip-other-yaml", "docs/personas/olga-copy.yaml")
    assert result.exit_code == 1
    assert finding_lines(result) == [
        "docs/personas/olga-copy.yaml:3:5: error CJM030 persona id 'olga' is already used at "
        "docs/personas/olga.yaml:3:5 [duplicate-id]"
    ]


def test_a_healthy_project_passes_when_a_persona_is_checked_alone(cli: Cli, project: Write) -> None:
    result = cli("validate", "--skip-other-yaml", "docs/personas/olga.yaml")
    assert result.exit_code == 0, result.stdout


def test_configured_paths_that_do_not_exist_are_a_configuration_error(cli: Cli, write: Write) -> None:
    write("cjm.toml", 'paths = ["docs/maps"]\n')
    write("j.yaml", MINIMAL_JOURNEY)
    result = cli("validate", "j.yaml")
    assert result.exit_code == 2
    assert "cjm.toml: paths[0]: 'docs/maps' is not a folder beside the configuration file" in result.stderr


def test_the_api_resolves_against_the_project_too(project: Write) -> None:
    project("docs/personas/olga.yaml", MINIMAL_PERSONA.replace("id: olga", "id: olga-m"))
    report = validate("docs/personas/olga.yaml", skip_other_yaml=True)
    assert [(d.path, d.code) for d in report.diagnostics] == [("docs/journeys/coffee.yaml", "CJM031")]
    assert not report.ok


def test_lint_of_a_persona_alone_counts_the_journeys_of_the_whole_project(cli: Cli, project: Write) -> None:
    result = cli("lint", "--skip-other-yaml", "--select", "unused-persona", "docs/personas/olga.yaml")
    assert result.exit_code == 0, result.stdout
    assert "unused-persona" not in result.stdout


def test_lint_of_a_journey_and_a_persona_counts_the_other_journeys_too(cli: Cli, project: Write) -> None:
    project("docs/personas/ivan.yaml", MINIMAL_PERSONA.replace("id: olga", "id: ivan"))
    project(
        "docs/journeys/tea.yaml",
        MINIMAL_JOURNEY.replace("id: coffee-subscription", "id: tea").replace("[olga]", "[ivan]"),
    )
    result = cli("lint", "--select", "unused-persona", "docs/journeys/coffee.yaml", "docs/personas/ivan.yaml")
    assert result.exit_code == 0, result.stdout
    assert "unused-persona" not in result.stdout


def test_a_persona_no_journey_of_the_project_follows_is_still_reported(cli: Cli, project: Write) -> None:
    project("docs/personas/ivan.yaml", MINIMAL_PERSONA.replace("id: olga", "id: ivan"))
    result = cli("lint", "--skip-other-yaml", "--select", "unused-persona", "docs/personas/ivan.yaml")
    assert "docs/personas/ivan.yaml:3:1: info CJM110" in result.stdout
    assert "docs/journeys" not in result.stdout


def test_lint_of_a_catalogue_alone_counts_what_the_project_journeys_use(cli: Cli, project: Write) -> None:
    project("cjm.toml", 'paths = ["docs"]\n')
    project("docs/shared.yaml", CATALOGUE + "  - id: fax\n    name: Fax line\n    channel: phone\n")
    project("docs/journeys/coffee.yaml", MINIMAL_JOURNEY.replace("touchpoints: [sms]", "touchpoints: [call-centre]"))
    result = cli("lint", "--skip-other-yaml", "--select", "unused-touchpoint", "docs/shared.yaml")
    assert [line.split(": warning ")[1] for line in finding_lines(result)] == [
        "CJM305 shared touchpoint 'fax' is not used by any journey of the project [unused-touchpoint]"
    ]


def test_without_paths_a_command_checks_the_configured_project(cli: Cli, project: Write) -> None:
    project("elsewhere/broken.yaml", "apiVersion: cjm/v1\nkind: Journey\n")
    result = cli("validate")
    assert result.exit_code == 0, result.stdout
    assert "Checked 2 files" in result.stdout


def test_without_paths_or_configuration_the_current_folder_is_checked(cli: Cli, write: Write) -> None:
    write("maps/coffee.yaml", MINIMAL_JOURNEY)
    result = cli("validate")
    assert result.exit_code == 1
    assert "maps/coffee.yaml:5:12: error CJM031" in result.stdout


def test_a_file_keeps_its_configuration_when_a_commit_also_changes_yaml_elsewhere(cli: Cli, write: Write) -> None:
    write("docs/cjm.toml", "strict = true\n")
    write("docs/maps/coffee.yaml", MINIMAL_JOURNEY)
    write("docs/maps/olga.yaml", MINIMAL_PERSONA)
    write(".github/workflows/ci.yml", "name: ci\non: [push]\njobs: {}\n")
    alone = cli("lint", "--skip-other-yaml", "--select", "CJM108", "docs/maps/coffee.yaml")
    together = cli(
        "lint", "--skip-other-yaml", "--select", "CJM108", "docs/maps/coffee.yaml", ".github/workflows/ci.yml"
    )
    assert alone.exit_code == together.exit_code == 1
    assert "warning CJM108" in together.stdout


def test_a_renamed_persona_fails_beside_a_workflow_change_under_a_nested_configuration(cli: Cli, write: Write) -> None:
    write("docs/cjm.toml", "")
    write("docs/maps/coffee.yaml", MINIMAL_JOURNEY)
    write("docs/maps/olga.yaml", MINIMAL_PERSONA.replace("id: olga", "id: olga-m"))
    write(".github/workflows/ci.yml", "name: ci\non: [push]\njobs: {}\n")
    result = cli("validate", "--skip-other-yaml", "docs/maps/olga.yaml", ".github/workflows/ci.yml")
    assert result.exit_code == 1
    assert "docs/maps/coffee.yaml:5:12: error CJM031" in result.stdout


def test_a_copied_journey_that_keeps_the_id_fails_pre_commit(cli: Cli, write: Write) -> None:
    write("cjm.toml", "")
    journey = (
        "apiVersion: cjm/v1\nkind: Journey\nid: same\ntitle: A\nstages:\n  - id: s\n    name: S\n    type: awareness\n"
    )
    write("a.yaml", journey)
    write("b.yaml", journey.replace("title: A", "title: B"))
    result = cli("validate", "--skip-other-yaml", "b.yaml")
    assert result.exit_code == 1
    assert "b.yaml:3:5: error CJM030 journey id 'same' is already used at a.yaml:3:5" in result.stdout


@pytest.mark.parametrize("entry", ["..", "../elsewhere", "/etc", "docs/../../elsewhere", "link-out"])
def test_configured_paths_may_not_lead_out_of_the_configuration_s_folder(
    cli: Cli, write: Write, tmp_path: Path, entry: str
) -> None:
    write("repo/docs/j.yaml", MINIMAL_JOURNEY)
    write("elsewhere/secret.yaml", "apiVersion: cjm/v1\nkind: Persona\nid: secret\nname: token-1234\n")
    os.symlink(tmp_path / "elsewhere", tmp_path / "repo" / "link-out")
    write("repo/cjm.toml", f'paths = ["docs", "{entry}"]\n')
    result = cli("validate", str(tmp_path / "repo" / "docs" / "j.yaml"))
    assert result.exit_code == 2
    assert f"paths[1]: '{entry}' leads out of the configuration's folder" in result.stderr
    assert "token-1234" not in result.stdout + result.stderr


def test_a_link_in_a_folder_to_a_file_outside_it_is_passed_over(cli: Cli, write: Write, tmp_path: Path) -> None:
    write("repo/maps/j.yaml", MINIMAL_JOURNEY)
    write("repo/maps/olga.yaml", MINIMAL_PERSONA)
    write("repo/maps/shared/sms.yaml", "apiVersion: cjm/v1\nkind: Persona\nid: inside\nname: Inside\n")
    write("elsewhere/secret.yaml", "apiVersion: cjm/v1\nkind: Persona\nid: secret\nname: token-1234\nbad: key\n")
    os.symlink(tmp_path / "elsewhere" / "secret.yaml", tmp_path / "repo" / "maps" / "out.yaml")
    os.symlink(tmp_path / "repo" / "maps" / "shared" / "sms.yaml", tmp_path / "repo" / "maps" / "in.yaml")
    result = cli("validate", "--format", "json", "repo/maps")
    assert "token-1234" not in result.stdout
    assert "out.yaml" not in result.stdout
    assert result.exit_code == 0, result.stdout
    # the link inside the folder is read (once, as the file it leads to), the one out of it is not
    assert json.loads(result.stdout)["files"] == ["repo/maps/in.yaml", "repo/maps/j.yaml", "repo/maps/olga.yaml"]


@pytest.mark.parametrize("option", [True, False])
@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
def test_a_configuration_that_is_not_a_regular_file_is_refused_without_waiting(
    tmp_path: Path, target: str, option: bool
) -> None:
    (tmp_path / "j.yaml").write_text(MINIMAL_JOURNEY, encoding="utf-8")
    if target == "fifo":
        os.mkfifo(tmp_path / "pipe")
        target = str(tmp_path / "pipe")
    (tmp_path / "cjm.toml").symlink_to(target)
    arguments = ["--config", "cjm.toml"] if option else []
    done = subprocess.run(
        [sys.executable, "-m", "cjm", "validate", *arguments, "j.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if option:
        assert done.returncode == 2
        assert "cjm.toml: cannot read the configuration: this is" in done.stderr
    else:  # found by itself, it is passed over like any other file that is not one
        assert "internal error" not in done.stderr
