"""Rule keys: codes, names, code prefixes and ALL mean the same rules everywhere, in any case.

The command line (`--select`, `--ignore`), the configuration (select, ignore, severity,
per-file-ignores) and in-file `suppress:` entries all ask the one resolver in
`cjm.linting.registry`; these tests lint the same files through each of them.
"""

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from cjm.config import find_config
from cjm.diagnostics import Diagnostic, Severity
from cjm.discovery import UsageError
from cjm.linting.registry import (
    Phase,
    RuleKeyError,
    all_rules,
    enabled_rules,
    find_rule,
    key_problem,
    resolve,
    severities,
)
from cjm.linting.runner import lint
from tests.samples import MINIMAL_JOURNEY, MINIMAL_PERSONA

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]

OWNERLESS = [("CJM108", 14, 9), ("CJM108", 22, 9)]
"""Where the minimal journey's two stages without an owner are reported."""

KEYS_FOR_CJM108 = ["CJM108", "cjm108", "stage-without-owner", "Stage-Without-Owner", "CJM10", "cjm1", "ALL", "all"]
"""Every form of key that names stage-without-owner (CJM108), alone or with other rules."""


def linted(write: Write, journey: str = MINIMAL_JOURNEY, **options: object) -> list[Diagnostic]:
    """Lint the journey and its persona in the current folder, with the configuration found there."""
    paths = [str(write("j.yaml", journey)), str(write("p.yaml", MINIMAL_PERSONA))]
    options.setdefault("config", find_config(paths))
    return lint(paths, **options).diagnostics  # type: ignore[arg-type]


def places(found: list[Diagnostic]) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in found]


def suppressed_on_journey(key: str, journey: str = MINIMAL_JOURNEY) -> str:
    """The journey with one journey-level suppression of the key; the entry's rule is at line 14, column 12."""
    return journey.replace("stages:\n", f"suppress:\n  - {{rule: {key}, reason: Owners are agreed in Q1}}\nstages:\n")


# The defects the review found ------------------------------------------------------------------


def test_a_severity_keyed_by_a_lowercase_code_sets_the_severity(cli: Cli, write: Write) -> None:
    write("cjm.toml", '[severity]\ncjm108 = "error"\n')
    assert {d.severity.value for d in linted(write, select=["CJM108"])} == {"error"}
    assert cli("lint", "--select", "CJM108", "j.yaml", "p.yaml").exit_code == 1


def test_a_suppression_by_a_lowercase_code_silences_its_rule_and_counts_as_used(write: Write) -> None:
    assert linted(write, suppressed_on_journey("cjm108"), select=["CJM108", "CJM100"]) == []


def test_an_unused_suppression_can_be_suppressed_by_the_journey(write: Write) -> None:
    stale = MINIMAL_JOURNEY.replace(
        "        emotion: 1\n",
        "        emotion: 1\n        suppress:\n          - {rule: step-without-touchpoint, reason: On a poster}\n",
    )
    assert places(linted(write, stale, select=["CJM201", "CJM100"])) == [("CJM100", 23, 20)]
    quiet = suppressed_on_journey("unused-suppression", stale)
    assert linted(write, quiet, select=["CJM201", "CJM100"]) == []


def test_the_severity_of_an_unused_suppression_can_be_set(write: Write) -> None:
    write("cjm.toml", '[severity]\nunused-suppression = "error"\n')
    found = linted(write, suppressed_on_journey("CJM304"), select=["CJM304", "CJM100"])
    assert [(d.code, d.severity.value) for d in found] == [("CJM100", "error")]


def test_an_empty_ignore_list_given_to_lint_replaces_the_configured_one(cli: Cli, write: Write) -> None:
    write("cjm.toml", 'ignore = ["CJM108"]\n')
    assert places(linted(write, select=["CJM108"], ignore=[])) == OWNERLESS
    assert places(linted(write, select=["CJM108"], ignore=None)) == []
    result = cli("lint", "--select", "CJM108", "--ignore", "", "--format", "json", "j.yaml", "p.yaml")
    assert [d["code"] for d in json.loads(result.stdout)["diagnostics"]] == ["CJM108", "CJM108"]


def test_cjm_validate_never_imports_the_lint_rules_even_with_rule_keys_configured(write: Write) -> None:
    write("cjm.toml", 'select = ["CJM1"]\nignore = ["stage-without-goal"]\n[severity]\nCJM108 = "error"\n')
    write("j.yaml", MINIMAL_JOURNEY)
    write("p.yaml", MINIMAL_PERSONA)
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "cjm", "validate", "j.yaml", "p.yaml"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert [line for line in run.stderr.splitlines() if "cjm.linting" in line] == []


# The resolver ------------------------------------------------------------------------------------


def codes_of(key: str) -> list[str]:
    return sorted(rule.code for rule in resolve(key) or ())


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("CJM108", ["CJM108"]),
        ("cjm108", ["CJM108"]),
        (" CJM108 ", ["CJM108"]),
        ("stage-without-owner", ["CJM108"]),
        ("STAGE-WITHOUT-OWNER", ["CJM108"]),
        ("CJM10", [f"CJM10{n}" for n in range(10)]),
        ("cjm1", [f"CJM1{n:02}" for n in range(11)]),
    ],
)
def test_a_key_names_rules_by_code_name_or_code_prefix_in_any_case(key: str, expected: list[str]) -> None:
    assert codes_of(key) == expected


@pytest.mark.parametrize("key", ["ALL", "all", "All"])
def test_all_names_every_rule(key: str) -> None:
    assert codes_of(key) == [rule.code for rule in all_rules()]


@pytest.mark.parametrize("key", ["CJM999", "CJM9", "CJM", "CJM0", "CJM004", "CJM1000", "stage_without_owner", "", "-"])
def test_a_key_that_names_no_lint_rule_resolves_to_nothing(key: str) -> None:
    assert resolve(key) is None
    assert key_problem(key) is not None


def test_a_mistyped_key_is_answered_with_the_closest_rule() -> None:
    assert key_problem("step-without-toucpoint") == (
        "'step-without-toucpoint' is not a rule code, name or code prefix; "
        "did you mean 'step-without-touchpoint'? `cjm rules` lists them"
    )
    assert key_problem("nothing-like-a-rule") == (
        "'nothing-like-a-rule' is not a rule code, name or code prefix; `cjm rules` lists them"
    )


def test_a_validation_code_is_explained_as_always_on_rather_than_unknown() -> None:
    assert key_problem("CJM004") == (
        "'CJM004' is a validation check, which always runs; only lint rules (CJM100 and up) can be chosen"
    )


def test_find_rule_answers_only_a_key_that_names_one_rule_by_code_or_name() -> None:
    assert find_rule("cjm201") is find_rule("Step-Without-Touchpoint") is not None
    assert find_rule("CJM20") is None
    assert find_rule("ALL") is None


# The same key means the same rule everywhere ----------------------------------------------------


@pytest.mark.parametrize("key", KEYS_FOR_CJM108)
def test_every_form_of_key_selects_the_rule_on_the_command_line_and_in_the_configuration(
    cli: Cli, write: Write, key: str
) -> None:
    assert set(OWNERLESS) <= set(places(linted(write, select=[key])))
    result = cli("lint", "--select", key, "--format", "json", "j.yaml", "p.yaml")
    assert result.exit_code in (0, 1), result.stderr
    assert {("CJM108", d["line"]) for d in json.loads(result.stdout)["diagnostics"]} >= {("CJM108", 14), ("CJM108", 22)}
    write("cjm.toml", f'select = ["{key}"]\n')
    assert set(OWNERLESS) <= set(places(linted(write)))


@pytest.mark.parametrize("key", KEYS_FOR_CJM108)
def test_every_form_of_key_ignores_the_rule_from_the_api_the_configuration_and_per_file(write: Write, key: str) -> None:
    assert linted(write, select=["CJM108"], ignore=[key]) == []
    write("cjm.toml", f'ignore = ["{key}"]\n')
    assert linted(write, select=["CJM108"]) == []
    write("cjm.toml", f'[per-file-ignores]\n"j.yaml" = ["{key}"]\n')
    assert linted(write, select=["CJM108"]) == []


@pytest.mark.parametrize("key", KEYS_FOR_CJM108)
def test_every_form_of_key_sets_the_severity(write: Write, key: str) -> None:
    write("cjm.toml", f'[severity]\n"{key}" = "error"\n')
    assert {d.severity for d in linted(write, select=["CJM108"])} == {Severity.ERROR}


@pytest.mark.parametrize("key", KEYS_FOR_CJM108)
def test_every_form_of_key_suppresses_the_rule_in_the_file(write: Write, key: str) -> None:
    assert linted(write, suppressed_on_journey(key), select=["CJM108", "CJM100"]) == []


def test_an_unknown_key_in_the_configuration_stops_lint_but_not_validate(cli: Cli, write: Write) -> None:
    write("pyproject.toml", '[tool.cjm.severity]\nstage-without-ownr = "error"\n')
    write("j.yaml", MINIMAL_JOURNEY)
    write("p.yaml", MINIMAL_PERSONA)
    result = cli("lint", "j.yaml", "p.yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        "cjm: pyproject.toml: tool.cjm.severity: 'stage-without-ownr' is not a rule code, name or code prefix; "
        "did you mean 'stage-without-owner'? `cjm rules` lists them\n"
    )
    assert cli("validate", "j.yaml", "p.yaml").exit_code == 0


def test_an_unknown_key_given_to_the_api_is_a_usage_error(write: Write) -> None:
    with pytest.raises(UsageError, match=r"^ignore: 'CJM9' is not a rule code, name or code prefix"):
        linted(write, ignore=["CJM9"])


# Severity: the most specific key wins -------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ({"ALL": "info", "CJM1": "warning", "CJM10": "info", "CJM108": "error"}, "error"),
        ({"CJM108": "error", "CJM10": "info", "CJM1": "warning", "ALL": "info"}, "error"),
        ({"stage-without-owner": "info", "CJM10": "error"}, "info"),
        ({"CJM1": "info", "CJM10": "error"}, "error"),
        ({"CJM10": "error", "CJM1": "info"}, "error"),
        ({"all": "error", "CJM1": "info"}, "info"),
        ({"CJM108": "error", "stage-without-owner": "error"}, "error"),
    ],
)
def test_the_most_specific_severity_key_wins_whatever_the_order(table: dict[str, str], expected: str) -> None:
    assert severities(table)["CJM108"] == Severity(expected)


def test_a_severity_key_sets_only_the_rules_it_names() -> None:
    assert set(severities({"CJM10": "error"})) == {f"CJM10{n}" for n in range(10)}


@pytest.mark.parametrize(
    ("first", "second"), [("CJM108", "stage-without-owner"), ("CJM108", "cjm108"), ("CJM1", "cjm1")]
)
def test_two_equally_specific_severity_keys_that_disagree_are_refused(first: str, second: str) -> None:
    with pytest.raises(RuleKeyError, match=f"'{first}' and '{second}' both set the severity of CJM1"):
        severities({first: "error", second: "info"})


def test_disagreeing_severity_keys_stop_lint_naming_the_file_and_both_keys(cli: Cli, write: Write) -> None:
    write("cjm.toml", '[severity]\nCJM108 = "error"\nstage-without-owner = "info"\n')
    result = cli("lint", str(write("j.yaml", MINIMAL_JOURNEY)))
    assert result.exit_code == 2
    assert result.stderr == (
        "cjm: cjm.toml: severity: 'CJM108' and 'stage-without-owner' both set the severity of CJM108 "
        "(stage-without-owner), to different values; keep one\n"
    )


# Suppressions ------------------------------------------------------------------------------------


def test_a_suppression_of_every_rule_that_silences_nothing_is_reported_and_cannot_silence_that(
    write: Write,
) -> None:
    found = linted(write, suppressed_on_journey("ALL"), select=["CJM304", "CJM100"])
    assert places(found) == [("CJM100", 14, 12)]
    assert found[0].message == f"the suppression of 'ALL' ({len(all_rules())} rules) silences nothing here"


def test_a_suppression_of_a_misspelt_rule_suggests_the_right_one(write: Write) -> None:
    [found] = linted(write, suppressed_on_journey("stage-without-ownr"), select=["CJM100"])
    assert (found.message, found.hint) == (
        "the suppression names 'stage-without-ownr', which is not a lint rule",
        "write 'stage-without-owner'",
    )


def test_a_suppression_of_a_validation_check_says_that_it_cannot_be_suppressed(write: Write) -> None:
    [found] = linted(write, suppressed_on_journey("CJM004"), select=["CJM100"])
    assert (found.message, found.hint) == (
        "the suppression names 'CJM004', which is not a lint rule",
        "a validation problem cannot be suppressed: correct the file instead, and remove this entry",
    )


def test_unused_suppression_is_chosen_like_any_other_rule(write: Write) -> None:
    stale = suppressed_on_journey("self-transition")
    assert ("CJM100", 14, 12) in places(linted(write, stale))
    assert ("CJM100", 14, 12) not in places(linted(write, stale, ignore=["unused-suppression"]))
    assert places(linted(write, stale, select=["CJM3"])) == []
    assert places(linted(write, stale, select=["cjm304", "cjm100"])) == [("CJM100", 14, 12)]


def test_unused_suppression_runs_after_every_other_rule_though_its_code_comes_first() -> None:
    rules = enabled_rules(["ALL"], [])
    assert rules[-1] == find_rule("CJM100")
    assert rules[-1].phase is Phase.SUPPRESSIONS
    assert {rule.phase for rule in rules[:-1]} == {Phase.MAPS}


@pytest.mark.parametrize("key", ["CJM0", "cjm02", "CJM03"])
def test_a_prefix_of_validation_codes_is_named_as_such_not_matched_to_a_lint_rule(key: str) -> None:
    from cjm.linting.registry import key_problem

    assert key_problem(key) == (
        f"'{key}' names validation checks, which always run; only lint rules (CJM100 and up) can be chosen"
    )


def test_an_import_of_the_rules_interrupted_and_run_again_registers_each_rule_once() -> None:
    script = """
import sys, importlib
import cjm.linting.registry as registry
import cjm.linting.rules.metrics as metrics
count = len(registry.all_rules())
del sys.modules["cjm.linting.rules.metrics"]  # as an interrupted import leaves it
importlib.import_module("cjm.linting.rules.metrics")
assert len(registry.all_rules()) == count, len(registry.all_rules())
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.stdout.strip() == "ok", done.stderr


def test_two_rules_that_share_a_code_are_refused_at_import() -> None:
    script = """
import dataclasses
from cjm.linting import registry
rule = next(rule for rule in registry.all_rules() if rule.code == "CJM201")
try:
    registry._register(dataclasses.replace(rule, name="another-name"))
except RuntimeError as error:
    print(error)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert "CJM201 another-name shares its code or name with another rule" in done.stdout, done.stderr
