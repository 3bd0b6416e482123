"""The lint engine: configuration, selection, severities, suppressions, exit codes and output formats."""

import json
import os
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from typer.testing import Result

from cjm.config import ConfigError, find_config, load_config
from cjm.linting.registry import all_rules, find_rule
from cjm.linting.runner import lint
from tests.conftest import ROOT, without_timing
from tests.samples import MINIMAL_JOURNEY, MINIMAL_PERSONA

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]


def codes(paths: list[Path], **options: object) -> list[tuple[str, int, int]]:
    report = lint([str(p) for p in paths], **options)  # type: ignore[arg-type]
    return [(d.code, d.line, d.column) for d in report.diagnostics]


def test_every_rule_has_a_code_a_name_and_a_summary() -> None:
    rules = all_rules()
    assert len(rules) >= 30
    for rule in rules:
        assert re.fullmatch(r"CJM[1-6][0-9]{2}", rule.code), rule
        assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", rule.name), rule
        assert rule.summary.endswith("."), rule


def test_codes_and_names_are_unique_and_found_either_way() -> None:
    rules = all_rules()
    assert len({r.code for r in rules}) == len({r.name for r in rules}) == len(rules)
    assert find_rule("cjm201") is find_rule("step-without-touchpoint") is not None


def test_select_and_ignore_take_codes_names_and_prefixes(write: Write) -> None:
    journey, persona = write("j.yaml", MINIMAL_JOURNEY), write("p.yaml", MINIMAL_PERSONA)
    everything = codes([journey, persona])
    assert {c for c, _, _ in codes([journey, persona], select=["CJM1"])} == {c for c, _, _ in everything if c < "CJM2"}
    assert codes([journey, persona], select=["stage-without-owner"]) == [("CJM108", 14, 9), ("CJM108", 22, 9)]
    assert codes([journey, persona], select=["ALL"], ignore=["CJM1", "CJM2", "CJM4", "CJM5", "CJM6"]) == []


def test_a_file_that_does_not_validate_is_reported_not_linted(write: Write) -> None:
    journey = write("j.yaml", MINIMAL_JOURNEY.replace("emotion: 1", "emotion: 5"))
    assert [c for c, _, _ in codes([journey])] == ["CJM022"]


def test_exit_code_is_1_for_errors_and_warnings_fail_only_with_strict(cli: Cli, write: Write) -> None:
    journey, persona = write("j.yaml", MINIMAL_JOURNEY), write("p.yaml", MINIMAL_PERSONA)
    assert cli("lint", "--select", "CJM108", str(journey), str(persona)).exit_code == 0
    assert cli("lint", "--select", "CJM108", "--strict", str(journey), str(persona)).exit_code == 1
    assert cli("lint", "--select", "CJM101", str(journey), str(persona)).exit_code == 1


def test_command_line_select_overrides_the_configuration(cli: Cli, write: Write) -> None:
    write("cjm.toml", 'select = ["CJM101"]\n')
    journey, persona = write("j.yaml", MINIMAL_JOURNEY), write("p.yaml", MINIMAL_PERSONA)
    result = cli("lint", "--select", "CJM108,CJM205", "--format", "json", str(journey), str(persona))
    found = [d["code"] for d in json.loads(result.stdout)["diagnostics"]]
    assert found == ["CJM108", "CJM108", "CJM205"]


def test_configuration_is_found_by_walking_up_from_the_files(write: Write) -> None:
    write("pyproject.toml", '[project]\nname = "x"\n\n[tool.cjm]\nignore = ["CJM2"]\nstrict = true\n')
    journey = write("docs/maps/j.yaml", MINIMAL_JOURNEY)
    loaded = find_config([str(journey)])
    assert loaded.path is not None
    assert Path(loaded.path).name == "pyproject.toml"
    assert loaded.config.ignore == ["CJM2"]
    assert loaded.config.strict


def test_nearest_configuration_wins_and_cjm_toml_beats_pyproject(write: Write) -> None:
    write("pyproject.toml", '[tool.cjm]\nignore = ["CJM1"]\n')
    write("maps/pyproject.toml", '[tool.cjm]\nignore = ["CJM3"]\n')
    write("maps/cjm.toml", 'ignore = ["CJM4"]\n')
    journey = write("maps/j.yaml", MINIMAL_JOURNEY)
    assert find_config([str(journey)]).config.ignore == ["CJM4"]


def test_pyproject_without_a_cjm_table_is_passed_over(write: Write) -> None:
    write(".cjm.yaml", "ignore: [CJM1]\n")
    write("maps/pyproject.toml", '[project]\nname = "x"\n')
    assert find_config([str(write("maps/j.yaml", MINIMAL_JOURNEY))]).config.ignore == ["CJM1"]


def test_severity_can_be_changed_per_rule(write: Write) -> None:
    write("cjm.toml", '[severity]\nstage-without-owner = "error"\n')
    journey, persona = write("j.yaml", MINIMAL_JOURNEY), write("p.yaml", MINIMAL_PERSONA)
    report = lint([str(journey), str(persona)], config=find_config([str(journey)]), select=["CJM108"])
    assert {d.severity.value for d in report.diagnostics} == {"error"}


def test_per_file_ignores_match_paths_relative_to_the_config(write: Write) -> None:
    write("cjm.toml", '[per-file-ignores]\n"legacy/*.yaml" = ["stage-without-owner"]\n')
    old, new = (
        write("legacy/j.yaml", MINIMAL_JOURNEY),
        write("new/j.yaml", MINIMAL_JOURNEY.replace("id: coffee", "id: tea")),
    )
    write("p.yaml", MINIMAL_PERSONA)
    report = lint([str(old), str(new), "p.yaml"], config=find_config(["."]), select=["CJM108"])
    assert sorted({d.path for d in report.diagnostics}) == ["new/j.yaml"]


def test_required_stages_come_from_the_configuration(write: Write) -> None:
    write("cjm.toml", 'required-stages = ["awareness", "purchase"]\n')
    journey, persona = write("j.yaml", MINIMAL_JOURNEY), write("p.yaml", MINIMAL_PERSONA)
    assert codes([journey, persona], config=find_config(["."]), select=["CJM101"]) == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cjm.toml", 'selct = ["CJM1"]\n', "cjm.toml: selct: unknown key"),
        ("cjm.toml", 'select = ["CJM999"]\n', "cjm.toml: select: 'CJM999' is not a rule code, name or code prefix"),
        ("cjm.toml", 'severity = { "nope" = "error" }\n', "cjm.toml: severity: 'nope' is not a rule code"),
        ("cjm.toml", 'severity = { "CJM101" = "fatal" }\n', "cjm.toml: severity.CJM101: expected one of"),
        ("cjm.toml", "strict = 1\n", "cjm.toml: strict: expected true or false"),
        ("cjm.toml", "select = [\n", "cjm.toml: invalid TOML"),
        ("cjm.toml", 'required-stages = ["awarness"]\n', "cjm.toml: required-stages.0: expected one of"),
        (".cjm.yaml", "ignore: [CJM1\n", ".cjm.yaml:1:9: the '[' here opens a list that never closes with ']'"),
        (
            "pyproject.toml",
            '[tool.cjm]\nper-file-ignores = { "a/*" = ["zzz"] }\n',
            "pyproject.toml: tool.cjm.per-file-ignores.a/*: 'zzz'",
        ),
    ],
)
def test_bad_configuration_exits_2_naming_the_file_and_key(
    cli: Cli, write: Write, name: str, content: str, message: str
) -> None:
    write(name, content)
    result = cli("lint", str(write("j.yaml", MINIMAL_JOURNEY)))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"cjm: {message}"), result.stderr


def test_explicit_config_option_must_configure_cjm(cli: Cli, write: Write) -> None:
    write("other.toml", '[project]\nname = "x"\n')
    journey = write("j.yaml", MINIMAL_JOURNEY)
    assert cli("lint", "--config", "missing.toml", str(journey)).exit_code == 2
    write("pyproject.toml", '[project]\nname = "x"\n')
    with pytest.raises(ConfigError, match=re.escape("no [tool.cjm] table")):
        load_config("pyproject.toml")


def test_unknown_rule_on_the_command_line_is_a_usage_error(cli: Cli, write: Write) -> None:
    result = cli("lint", "--select", "step-without-toucpoint", str(write("j.yaml", MINIMAL_JOURNEY)))
    assert result.exit_code == 2
    assert "'step-without-toucpoint' is not a rule" in result.stderr


SUPPRESSED = MINIMAL_JOURNEY.replace(
    "        emotion: -1\n",
    "        emotion: -1\n"
    "        suppress:\n"
    "          - rule: low-point-unaddressed\n"
    "            reason: The payment provider is changing in Q1; nothing to add until then.\n",
)


def test_a_suppression_silences_its_rule_on_that_step(write: Write) -> None:
    journey, persona = write("j.yaml", MINIMAL_JOURNEY), write("p.yaml", MINIMAL_PERSONA)
    assert codes([journey, persona], select=["CJM205"]) == [("CJM205", 29, 18)]
    write("j.yaml", SUPPRESSED)
    assert codes([journey, persona], select=["CJM205", "CJM100"]) == []


def test_a_suppression_on_a_stage_covers_its_steps_and_on_a_journey_everything(write: Write) -> None:
    on_stage = MINIMAL_JOURNEY.replace(
        "    type: purchase\n",
        "    type: purchase\n    suppress:\n      - {rule: CJM108, reason: Owned by a partner company}\n",
    )
    journey, persona = write("j.yaml", on_stage), write("p.yaml", MINIMAL_PERSONA)
    assert codes([journey, persona], select=["CJM108", "CJM100"]) == [("CJM108", 14, 9)]
    on_journey = MINIMAL_JOURNEY.replace(
        "stages:\n", "suppress:\n  - {rule: stage-without-owner, reason: Draft map}\nstages:\n"
    )
    write("j.yaml", on_journey)
    assert codes([journey, persona], select=["CJM108", "CJM100"]) == []


def test_a_suppression_needs_a_reason(write: Write) -> None:
    text = SUPPRESSED.replace(
        "            reason: The payment provider is changing in Q1; nothing to add until then.\n", ""
    )
    assert [c for c, _, _ in codes([write("j.yaml", text)])] == ["CJM021"]


def test_a_suppression_that_silences_nothing_is_reported(write: Write) -> None:
    text = SUPPRESSED.replace("emotion: -1", "emotion: -1\n        pain_points: [Card declined twice]")
    journey, persona = write("j.yaml", text), write("p.yaml", MINIMAL_PERSONA)
    report = lint([str(journey), str(persona)], select=["CJM205", "CJM100"])
    assert [(d.code, d.line, d.column) for d in report.diagnostics] == [("CJM100", 32, 19)]
    assert report.diagnostics[0].message == ("the suppression of CJM205 (low-point-unaddressed) silences nothing here")


def test_a_suppression_of_an_unknown_rule_is_reported(write: Write) -> None:
    text = SUPPRESSED.replace("rule: low-point-unaddressed", "rule: low-point-unadressed")
    journey, persona = write("j.yaml", text), write("p.yaml", MINIMAL_PERSONA)
    report = lint([str(journey), str(persona)], select=["CJM100"])
    assert [(d.code, d.message) for d in report.diagnostics] == [
        ("CJM100", "the suppression names 'low-point-unadressed', which is not a lint rule")
    ]


def test_a_suppression_of_a_rule_that_did_not_run_is_not_reported(write: Write) -> None:
    journey, persona = write("j.yaml", SUPPRESSED), write("p.yaml", MINIMAL_PERSONA)
    assert codes([journey, persona], select=["CJM100", "CJM108"]) == [("CJM108", 14, 9), ("CJM108", 22, 9)]


def test_text_output_groups_by_file_with_caret_and_summary_by_severity(cli: Cli, write: Write) -> None:
    journey, persona = write("j.yaml", MINIMAL_JOURNEY), write("p.yaml", MINIMAL_PERSONA.replace("goals", "interests"))
    result = cli("lint", "--select", "CJM108,CJM109", str(journey), str(persona))
    assert without_timing(result.stdout) == textwrap.dedent(
        """\
        j.yaml:14:9: warning CJM108 stage 'awareness' has no owner [stage-without-owner]
        14 |   - id: awareness
           |         ^
          = hint: add 'owner:' with the team responsible for this stage
        j.yaml:22:9: warning CJM108 stage 'purchase' has no owner [stage-without-owner]
        22 |   - id: purchase
           |         ^
          = hint: add 'owner:' with the team responsible for this stage

        p.yaml:3:1: warning CJM109 persona 'olga' has neither goals nor needs [persona-without-goals]
        3 | id: olga
          | ^
          = hint: add 'goals:' and 'needs:' from your research

        Checked 2 files: 3 warnings.
        """
    )


def test_github_format_writes_workflow_commands_with_escaping(cli: Cli, write: Write) -> None:
    journey = write("j.yaml", MINIMAL_JOURNEY.replace("name: Zakup", "name: 'Zakup, 100%'"))
    write("p.yaml", MINIMAL_PERSONA)
    result = cli("lint", "--select", "CJM108", "--format", "github", str(journey))
    assert result.stdout.splitlines()[0] == (
        "::warning file=j.yaml,line=14,col=9,title=CJM108 stage-without-owner::stage 'awareness' has no owner "
        "(hint: add 'owner:' with the team responsible for this stage)"
    )
    assert cli("validate", "--format", "github", "-", stdin="a: 1\na: 2\n").stdout.startswith(
        "::error file=<stdin>,line=2,col=1,title=CJM005 duplicate-key::the key 'a' appears twice"
    )


def test_json_output_of_lint_includes_severity_and_name(cli: Cli, write: Write) -> None:
    journey, persona = write("j.yaml", MINIMAL_JOURNEY), write("p.yaml", MINIMAL_PERSONA)
    document = json.loads(cli("lint", "--format", "json", "--select", "CJM205", str(journey), str(persona)).stdout)
    assert document["diagnostics"][0] | {"message": "", "hint": ""} == {
        "path": "j.yaml",
        "line": 29,
        "column": 18,
        "severity": "warning",
        "code": "CJM205",
        "name": "low-point-unaddressed",
        "message": "",
        "hint": "",
    }
    assert document["summary"]["warnings"] == 1


def test_rules_lists_every_rule_and_explains_one(cli: Cli) -> None:
    listing = cli("rules")
    assert listing.exit_code == 0
    for rule in all_rules():
        assert f"  {rule.code}  {rule.name} " in listing.stdout
    explained = cli("rules", "kpi-misses-target")
    assert explained.exit_code == 0
    assert explained.stdout.startswith("CJM403 kpi-misses-target (warning)\n")
    assert "suppress:" in explained.stdout
    assert cli("rules", "CJM004").stdout.startswith("CJM004 yaml-syntax (error, always on)")
    unknown = cli("rules", "CJM999")
    assert unknown.exit_code == 2
    assert "no rule 'CJM999'" in unknown.stderr


def test_skip_other_yaml_ignores_named_files_that_are_not_cjm(cli: Cli, write: Write) -> None:
    workflow = write(".github/workflows/ci.yml", "on: push\njobs: {}\n")
    persona = write("p.yaml", MINIMAL_PERSONA)
    assert cli("validate", str(workflow), str(persona)).exit_code == 1
    assert cli("validate", "--skip-other-yaml", str(workflow), str(persona)).exit_code == 0


def test_pre_commit_manifest_declares_both_hooks() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {hook["id"]: hook for hook in hooks}
    assert set(by_id) == {"cjm-validate", "cjm-lint"}
    for hook in hooks:
        assert hook["language"] == "python"
        assert hook["entry"].startswith("cjm ")
        assert "--skip-other-yaml" in hook["entry"]
        assert hook["types"] == ["yaml"]


def test_a_cjm_toml_with_the_pyproject_header_says_where_the_keys_go(cli: Cli, write: Write) -> None:
    write("cjm.toml", "[tool.cjm]\nstrict = true\n")
    write("j.yaml", MINIMAL_JOURNEY)
    result = cli("validate", "j.yaml")
    assert result.exit_code == 2
    assert "cjm.toml: the keys go at the top of cjm.toml, without the [tool.cjm] header" in result.stderr


def test_a_misspelt_configuration_key_gets_a_did_you_mean(cli: Cli, write: Write) -> None:
    write("cjm.toml", 'path = ["."]\n')
    write("j.yaml", MINIMAL_JOURNEY)
    result = cli("validate", "j.yaml")
    assert result.exit_code == 2
    assert result.stderr == "cjm: cjm.toml: path: unknown key — did you mean 'paths'?\n"


def test_per_file_ignores_do_not_depend_on_the_folder_cjm_runs_in(cli: Cli, write: Write) -> None:
    write("pyproject.toml", '[tool.cjm]\n[tool.cjm.per-file-ignores]\n"legacy/*.yaml" = ["ALL"]\n')
    write("docs/legacy/j.yaml", MINIMAL_JOURNEY)
    write("docs/legacy/olga.yaml", MINIMAL_PERSONA)
    from_root = cli("lint", "docs/legacy/j.yaml")
    os.chdir("docs")
    from_docs = cli("lint", "legacy/j.yaml")
    assert from_root.exit_code == from_docs.exit_code == 1


def test_a_limit_beyond_what_can_be_read_is_a_configuration_error(cli: Cli, write: Write) -> None:
    write("cjm.toml", "max-file-size = 9223372036854775807\n")
    write("j.yaml", MINIMAL_JOURNEY)
    result = cli("validate", "j.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("cjm: cjm.toml: max-file-size: ")
