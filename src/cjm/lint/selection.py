"""Which rules run: select and ignore by code, name, code prefix (CJM2) or ALL."""

from collections.abc import Iterable, Sequence

from cjm.lint.registry import Rule, all_rules


def _matches(selector: str, rule_code: str, rule_name: str) -> bool:
    key = selector.strip()
    if key.upper() == "ALL":
        return True
    if key.upper().startswith("CJM"):
        return rule_code.startswith(key.upper())
    return key == rule_name


def _known() -> list[tuple[str, str]]:
    return [(rule.code, rule.name) for rule in all_rules()]


def is_rule_selector(key: str, *, prefixes: bool = True) -> bool:
    """Whether the key names a rule, or (with prefixes) a group of rules or ALL."""
    if not prefixes:
        return any(key.upper() == code or key == name for code, name in _known())
    return any(_matches(key, code, name) for code, name in _known())


def matches_any(selectors: Iterable[str], code: str, name: str) -> bool:
    """Whether any selector picks the rule with this code and name."""
    return any(_matches(selector, code, name) for selector in selectors)


def enabled_rules(select: Sequence[str], ignore: Sequence[str]) -> list[Rule]:
    """The rules picked by select and not by ignore, in the order they run: by phase, then code."""
    picked = [
        rule
        for rule in all_rules()
        if matches_any(select, rule.code, rule.name) and not matches_any(ignore, rule.code, rule.name)
    ]
    return sorted(picked, key=lambda rule: (rule.phase, rule.code))
