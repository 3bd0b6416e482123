"""The rule catalogue as people read it: `cjm rules` and `cjm rules CODE`."""

from cjm.diagnostics import VALIDATION_CODES
from cjm.lint.registry import all_rules, find_rule


def rules_table() -> str:
    """Every rule, one line each: code, name, default severity, summary; then the validation codes."""
    rows = [(rule.code, rule.name, rule.severity.value, rule.summary) for rule in all_rules()]
    checks = [(code.code, code.name, "error", code.summary) for code in VALIDATION_CODES]
    width = max(len(name) for _, name, _, _ in rows + checks)
    lines = ["Lint rules (select, ignore and suppress them by code or name):", ""]
    lines += [f"  {code}  {name:<{width}}  {severity:<7}  {summary}" for code, name, severity, summary in rows]
    lines += ["", "Validation checks (always on; a file that fails them is not linted):", ""]
    lines += [f"  {code}  {name:<{width}}  {severity:<7}  {summary}" for code, name, severity, summary in checks]
    return "\n".join(lines) + "\n"


def explain_rule(key: str) -> str | None:
    """A rule's full explanation, or None when no rule or check has that code or name."""
    rule = find_rule(key)
    if rule is not None:
        head = f"{rule.code} {rule.name} ({rule.severity.value})"
        return f"{head}\n\n{rule.summary}\n\n{rule.explanation}\n"
    for code in VALIDATION_CODES:
        if key.upper() == code.code or key == code.name:
            return f"{code.code} {code.name} (error, always on)\n\n{code.summary}\n"
    return None
