"""The clean set passes every rule, and every rule has a failing case in the test module of its family."""

import importlib
import inspect
import pkgutil
import re

import pytest

import cjm.linting.rules
from cjm.linting.registry import all_rules
from tests.rules.conftest import Write, lint_set

RULE_CODES = [rule.code for rule in all_rules()]


def _families() -> dict[str, list[str]]:
    """Each rule module's name with the codes of the rules it defines."""
    families = {}
    for module in pkgutil.iter_modules(cjm.linting.rules.__path__):
        source = inspect.getsource(importlib.import_module(f"cjm.linting.rules.{module.name}"))
        families[module.name] = re.findall(r'_rule\(\s*"(CJM\d{3})"', source)
    return families


def test_the_clean_set_passes_all_rules_together(write: Write) -> None:
    assert lint_set(write, None) == []


@pytest.mark.parametrize("code", RULE_CODES)
def test_the_clean_set_passes_each_rule_alone(write: Write, code: str) -> None:
    assert lint_set(write, code) == []


def test_there_are_38_rules_and_each_has_a_failing_case_in_the_tests_of_its_family() -> None:
    families = _families()
    assert len(RULE_CODES) == 38
    assert sorted(code for codes in families.values() for code in codes) == RULE_CODES
    for family, codes in families.items():
        tests = importlib.import_module(f"tests.rules.test_{family}")
        names = [name for name in vars(tests) if name.startswith("test_")]
        named = {code.upper() for name in names for code in re.findall(r"cjm\d{3}", name)}
        assert named == set(codes), family
