"""Rule documentation: every rule's docstring has its four parts, both examples lint as they say,
and `cjm rules`, docs/rules.md and the README's rule table all come from the registry."""

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from cjm.config import Config, LoadedConfig
from cjm.diagnostics import Diagnostic, Severity
from cjm.linting.catalogue import rules_index, rules_markdown
from cjm.linting.registry import (
    EXAMPLE_FILE,
    Rule,
    RuleDocError,
    all_rules,
    example_files,
    find_rule,
    journey_rule,
    parse_doc,
)
from cjm.linting.runner import lint
from tests.conftest import ROOT

Cli = Callable[..., Result]

RULES = all_rules()
REFERENCE = ROOT / "docs" / "rules.md"
README = ROOT / "README.md"


def lint_alone(folder: Path, rule: Rule, example: str) -> list[Diagnostic]:
    """Write the example's files into the folder and lint them with the rule alone, default configuration."""
    paths = []
    for name, text in example_files(example):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return lint(paths, select=[rule.code], config=LoadedConfig(Config(), None)).diagnostics


# Every rule's documentation ---------------------------------------------------------------------


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_the_example_of_every_rule_is_flagged_by_that_rule_alone(tmp_path: Path, rule: Rule) -> None:
    found = lint_alone(tmp_path, rule, rule.example)
    assert found, f"{rule.code}: its example gives no finding"
    assert {d.code for d in found} == {rule.code}, [(d.code, d.message) for d in found]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_the_fix_of_every_rule_passes_that_rule_alone(tmp_path: Path, rule: Rule) -> None:
    assert [(d.code, d.line, d.message) for d in lint_alone(tmp_path, rule, rule.fix)] == []


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_every_rule_says_what_it_checks_and_why_in_sentences(rule: Rule) -> None:
    for part in (rule.what, rule.why):
        assert part[0].isupper(), part
        assert part.endswith("."), part
        assert "\n" not in part
    assert rule.summary.endswith(".")


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_every_example_is_made_of_complete_cjm_files(rule: Rule) -> None:
    for example in (rule.example, rule.fix):
        for name, text in example_files(example):
            assert name.endswith(".yaml")
            assert text.startswith("apiVersion: cjm/v1\nkind: "), f"{rule.code} {name}"
    assert rule.example != rule.fix


# Reading a docstring ---------------------------------------------------------------------------

GOOD = """Checks that every stage has an owner.

    Why it matters: Problems nobody owns stay.

    Example:

        apiVersion: cjm/v1
        kind: Journey

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        owner: Sales
    """


def test_a_docstring_in_four_parts_is_read_into_the_rule_fields() -> None:
    doc = parse_doc("CJM999", GOOD)
    assert doc.what == "Checks that every stage has an owner."
    assert doc.why == "Problems nobody owns stay."
    assert doc.example == "apiVersion: cjm/v1\nkind: Journey\n"
    assert doc.fix == "apiVersion: cjm/v1\nkind: Journey\nowner: Sales\n"


@pytest.mark.parametrize(
    ("broken", "problem"),
    [
        (GOOD.replace("Why it matters: ", "Why: "), "'Why it matters: '"),
        (GOOD.replace("Example:", "For example:"), "'Example:'"),
        (GOOD.replace("Use instead:", "Fix:"), "'Use instead:'"),
        (GOOD.replace("has an owner.", "has an owner.\n\n    More."), "'what it checks' must be one paragraph"),
        (GOOD.replace("Problems nobody owns stay.", "Problems.\n\n    Nobody owns them."), "'why it matters'"),
        (GOOD.replace("        owner: Sales", "    owner: Sales"), "'Use instead:' block must be YAML indented"),
        (
            GOOD.replace(
                "        kind: Journey\n\n    Use", "        kind: Journey\n        # file: b.yaml\n\n    Use"
            ),
            "# file",
        ),
    ],
)
def test_a_docstring_without_one_of_its_parts_is_refused_naming_the_rule(broken: str, problem: str) -> None:
    with pytest.raises(RuleDocError, match=re.escape("CJM999: ") + ".*" + re.escape(problem)):
        parse_doc("CJM999", broken)


def test_a_docstring_with_the_fix_before_the_example_is_refused() -> None:
    # Every rule is registered through parse_doc, so in every rule's docstring the example
    # comes before the fix.
    example = GOOD[GOOD.index("    Example:") : GOOD.index("    Use instead:")]
    fix = GOOD[GOOD.index("    Use instead:") :]
    swapped = GOOD[: GOOD.index("    Example:")] + fix.rstrip(" ") + "\n" + example
    with pytest.raises(RuleDocError, match="'Use instead:' block after 'Example:'"):
        parse_doc("CJM999", swapped)


def test_a_rule_with_a_broken_docstring_is_not_registered() -> None:
    def check(j: object) -> list[object]:
        """Checks something, but says neither why nor how."""
        return []

    with pytest.raises(RuleDocError, match="CJM999"):
        journey_rule("CJM999", "broken-rule", Severity.INFO, "Broken.")(check)  # type: ignore[arg-type]
    assert find_rule("CJM999") is None
    assert find_rule("broken-rule") is None


def test_an_example_of_several_files_is_split_at_its_file_lines() -> None:
    block = "# file: j.yaml\nkind: Journey\n\n# file: personas/p.yaml\nkind: Persona\n"
    assert example_files(block) == [("j.yaml", "kind: Journey\n\n"), ("personas/p.yaml", "kind: Persona\n")]
    assert example_files("kind: Journey\n") == [(EXAMPLE_FILE, "kind: Journey\n")]


# What people read: cjm rules, docs/rules.md, the README -------------------------------------------


def test_cjm_rules_with_a_code_prints_the_four_parts_in_order(cli: Cli) -> None:
    result = cli("rules", "cjm201")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "CJM201 step-without-touchpoint (warning)\n\nA step uses no touchpoint.\n\nChecks that every step names"
    )
    text = result.stdout
    assert text.index("\n\nWhy it matters: ") < text.index("\n\nExample:\n\n    apiVersion: cjm/v1\n")
    assert text.index("\n\nExample:\n\n") < text.index("\nUse instead:\n\n    apiVersion: cjm/v1\n")
    assert all(len(line) <= 80 for line in text.splitlines())


def test_cjm_rules_with_a_prefix_lists_the_rules_it_names(cli: Cli) -> None:
    result = cli("rules", "CJM30")
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == [f"CJM30{n}" for n in range(1, 6)]


def test_committed_rule_reference_matches_the_registry() -> None:
    assert REFERENCE.read_text(encoding="utf-8") == rules_markdown(), (
        "run `cjm rules --markdown > docs/rules.md` and commit the result"
    )


def test_cjm_rules_markdown_writes_the_reference(cli: Cli) -> None:
    assert cli("rules", "--markdown").stdout == rules_markdown()
    assert cli("rules", "--markdown", "CJM201").exit_code == 2


def test_the_reference_has_a_section_with_an_anchor_for_every_rule() -> None:
    text = rules_markdown()
    for rule in RULES:
        assert f'<a id="{rule.code.lower()}"></a>\n\n## {rule.code} {rule.name}\n' in text
        assert f"**Example:**\n\n```yaml\n{rule.example}```" in text
        assert f"**Use instead:**\n\n```yaml\n{rule.fix}```" in text


def test_the_readme_rule_table_is_the_registry() -> None:
    readme = README.read_text(encoding="utf-8")
    rows = re.findall(r"^\| \[(CJM\d{3})\]\(docs/rules\.md#cjm\d{3}\) \| ([a-z-]+) \|", readme, re.MULTILINE)
    assert rows == [(rule.code, rule.name) for rule in RULES]
    assert rules_index("docs/rules.md") in readme, "copy rules_index('docs/rules.md') into README.md"
