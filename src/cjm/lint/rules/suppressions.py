"""Suppression rules (CJM100): `suppress:` entries that silence nothing.

The rule runs in the suppressions phase, after every other rule, so it knows which entries
silenced a finding.
"""

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.context import Finding, JourneyContext
from cjm.lint.registry import Phase, describe, journey_rule, suggestion


@journey_rule(
    "CJM100",
    "unused-suppression",
    Severity.WARNING,
    "A suppress: entry silences nothing.",
    phase=Phase.SUPPRESSIONS,
)
def unused_suppression(j: JourneyContext) -> Iterator[Finding]:
    """A suppression that silences nothing hides the next real problem of its kind in that
    place, or, misspelt, silences nothing while everyone believes it does. An entry for a
    rule that did not run is left alone.

    Fix: remove the entry whose finding is gone, or correct the rule's code or name.

        suppress:
          - rule: step-without-touchpoint
            reason: The customer only waits here; the bank does not contact them.
    """
    held = j.suppressions
    for number, entry in enumerate(held.entries):
        if entry.codes is None:
            close = suggestion(entry.key)
            yield j.finding(
                (*entry.path, "rule"),
                f"the suppression names '{entry.key}', which is not a lint rule",
                hint=f"write '{close}'" if close else "use a rule code, name or code prefix from `cjm rules`",
            )
        elif number not in held.used and entry.codes & held.checked:
            yield j.finding(
                (*entry.path, "rule"),
                f"the suppression of {describe(entry.key)} silences nothing here",
                hint="remove it: the finding it was written for is gone",
            )
