"""The rule catalogue as people read it: `cjm rules` and `cjm rules KEY`, drawn from the registry."""

from cjm.diagnostics import VALIDATION_CODES
from cjm.lint.registry import Rule, all_rules, find_rule, resolve


def rules_table() -> str:
    """Every rule, one line each: code, name, default severity, summary; then the validation codes."""
    rules = [(rule.code, rule.name, rule.severity.value, rule.summary) for rule in all_rules()]
    checks = [(code.code, code.name, "error", code.summary) for code in VALIDATION_CODES]
    width = max(len(name) for _, name, _, _ in rules + checks)
    lines = ["Lint rules (select, ignore and suppress them by code, name, code prefix such as CJM2, or ALL):", ""]
    lines += _lines(rules, width)
    lines += ["", "Validation checks (always on; a file that fails them is not linted):", ""]
    lines += _lines(checks, width)
    return "\n".join(lines) + "\n"


def _lines(rows: list[tuple[str, str, str, str]], width: int) -> list[str]:
    return [f"  {code}  {name:<{width}}  {severity:<7}  {summary}" for code, name, severity, summary in rows]


def explain_rule(key: str) -> str | None:
    """A rule's documentation, the list of the rules a prefix names, or None when the key names nothing."""
    rule = find_rule(key)
    if rule is not None:
        return _explanation(rule)
    for code in VALIDATION_CODES:
        if key.strip().upper() == code.code or key.strip() == code.name:
            return f"{code.code} {code.name} (error, always on)\n\n{code.summary}\n"
    rules = resolve(key)
    if rules is None:
        return None
    rows = [(rule.code, rule.name, rule.severity.value, rule.summary) for rule in sorted(rules, key=lambda r: r.code)]
    return "\n".join(_lines(rows, max(len(name) for _, name, _, _ in rows))) + "\n"


def _explanation(rule: Rule) -> str:
    return f"{rule.code} {rule.name} ({rule.severity.value})\n\n{rule.summary}\n\n{rule.explanation}"
