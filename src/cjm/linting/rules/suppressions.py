"""Suppression rules (CJM100): `suppress:` entries that silence nothing.

The rule runs in the suppressions phase, after every other rule, so it knows which entries
silenced a finding.
"""

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.linting.context import Finding, JourneyContext
from cjm.linting.registry import Phase, describe, journey_rule, names_validation, rule_vocabulary, suggestion
from cjm.suggestions import Budget, Vocabulary


@journey_rule(
    "CJM100",
    "unused-suppression",
    Severity.WARNING,
    "A suppress: entry silences nothing.",
    phase=Phase.SUPPRESSIONS,
)
def unused_suppression(j: JourneyContext) -> Iterator[Finding]:
    """Reports a `suppress:` entry that silences nothing: the rule it names ran but found
    nothing in the part of the journey the entry covers, or the entry names no rule at all,
    as with a misspelt code or name. An entry for a rule that did not run is left alone.

    Why it matters: A suppression tells reviewers "we know about this, and here is why". Once
    the problem it was written for is fixed, a stale suppression quietly hides the next real
    problem of that kind in the same place; a misspelt one silences nothing while everyone
    believes it does.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: loan-application
        title: Applying for a personal loan online
        stages:
          - id: decision
            name: Waiting for the decision
            type: purchase
            steps:
              - id: waits-for-approval
                action: Waits for the bank to approve the loan
                suppress:
                  - rule: step-without-touchpont
                    reason: The customer only waits here; the bank does not contact them.

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: loan-application
        title: Applying for a personal loan online
        stages:
          - id: decision
            name: Waiting for the decision
            type: purchase
            steps:
              - id: waits-for-approval
                action: Waits for the bank to approve the loan
                suppress:
                  - rule: step-without-touchpoint
                    reason: The customer only waits here; the bank does not contact them.
    """
    held = j.suppressions
    keys, budget = rule_vocabulary(), Budget()
    for number, entry in enumerate(held.entries):
        if entry.codes is None:
            yield j.finding(
                (*entry.path, "rule"),
                f"the suppression names '{entry.key}', which is not a lint rule",
                hint=_what_to_write(entry.key, keys, budget),
            )
        elif number not in held.used and entry.codes & held.checked:
            yield j.finding(
                (*entry.path, "rule"),
                f"the suppression of {describe(entry.key)} silences nothing here",
                hint="remove it: the finding it was written for is gone",
            )


def _what_to_write(key: str, keys: Vocabulary, budget: Budget) -> str:
    if names_validation(key):
        return "a validation problem cannot be suppressed: correct the file instead, and remove this entry"
    close = suggestion(key, keys, budget)
    return f"write '{close}'" if close else "use a rule code, name or code prefix from `cjm rules`"
