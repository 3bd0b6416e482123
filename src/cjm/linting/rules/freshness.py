"""Freshness rules (CJM501–CJM504): a map that is not reviewed, evidence that has aged, KPI
figures older than the review that presents them, a map that does not say when it was reviewed.

Ages are measured from the day of the run (`SOURCE_DATE_EPOCH`'s when it is set, see
cjm.dates.today); the limits are the configuration's `review-max-age`, `evidence-max-age` and
`kpi-period-max-lag`, in days.
"""

from collections.abc import Iterator

from cjm.dates import date_span, days, period_span
from cjm.diagnostics import Severity
from cjm.linting.context import Finding, JourneyContext
from cjm.linting.registry import journey_rule


@journey_rule("CJM501", "stale-review", Severity.WARNING, "The journey has not been reviewed for too long.")
def stale_review(j: JourneyContext) -> Iterator[Finding]:
    """Checks that the journey's `last_reviewed:` date (a date or a month) is no more than
    `review-max-age` days ago (180 by default), nor in the future. A journey without the date is
    reported by CJM504 (journey-without-review-date).

    Why it matters: A journey map describes how customers are served today. Processes, channels
    and prices change; a map nobody has looked at for half a year quietly turns into a picture
    of the past, and decisions made from it are made on old facts. The date tells readers how
    far to trust the map, and this rule tells the owner when to look again.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: car-insurance-claim
        title: Reporting a car insurance claim
        owner: Claims experience team
        last_reviewed: 2025-01-15
        stages:
          - id: report
            name: Reporting the damage
            type: support

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: car-insurance-claim
        title: Reporting a car insurance claim
        owner: Claims experience team
        last_reviewed: 2026-11-02
        stages:
          - id: report
            name: Reporting the damage
            type: support
    """
    settings = j.settings
    reviewed = j.journey.last_reviewed
    span = date_span(reviewed) if reviewed is not None else None
    if reviewed is None or span is None:
        return
    if span.first > settings.today:
        yield j.finding(
            ("last_reviewed",),
            f"last_reviewed {reviewed} is in the future (today is {settings.today.isoformat()})",
            hint="write the day the review took place",
        )
        return
    age = (settings.today - span.last).days
    if age > settings.review_max_age:
        yield j.finding(
            ("last_reviewed",),
            f"the journey was last reviewed on {reviewed}, {days(age)} ago; "
            f"reviews are due every {days(settings.review_max_age)}",
            hint="check the map against how customers are served today, then update 'last_reviewed:' "
            "(or set review-max-age in the configuration)",
        )


@journey_rule("CJM502", "stale-evidence", Severity.WARNING, "Evidence is older than the configured age.")
def stale_evidence(j: JourneyContext) -> Iterator[Finding]:
    """Checks that no evidence behind a step is dated more than `evidence-max-age` days ago (365 by
    default). Evidence without a `date:` is not checked; a month counts from its last day.

    Why it matters: A survey from two years ago, an interview round before a redesign or a
    support-ticket sample from an old process no longer show how customers feel. Old evidence is
    not wrong, but it should be redone or the step's claims marked as assumptions before the map
    is used to decide what to build.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: online-banking-login
        title: Logging in to online banking
        stages:
          - id: login
            name: Logging in
            type: support
            steps:
              - id: enters-code
                action: Enters the code from the text message
                emotion: -1
                evidence:
                  - type: usability-test
                    summary: 6 of 8 participants retyped the code
                    date: 2023-05

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: online-banking-login
        title: Logging in to online banking
        stages:
          - id: login
            name: Logging in
            type: support
            steps:
              - id: enters-code
                action: Enters the code from the text message
                emotion: -1
                evidence:
                  - type: usability-test
                    summary: 6 of 8 participants retyped the code
                    date: 2026-09
    """
    settings = j.settings
    for path, _, step in j.steps():
        for n, evidence in enumerate(step.evidence):
            span = date_span(evidence.date) if evidence.date is not None else None
            if span is None:
                continue
            age = (settings.today - span.last).days
            if age > settings.evidence_max_age:
                yield j.finding(
                    (*path, "evidence", n, "date"),
                    f"the {evidence.type} evidence of step '{step.action}' is from {evidence.date}, {days(age)} "
                    f"old (evidence counts as current for {days(settings.evidence_max_age)})",
                    hint="repeat the research, or say in the step that its claim rests on old evidence "
                    "(or set evidence-max-age in the configuration)",
                )


@journey_rule(
    "CJM503",
    "kpi-period-before-review",
    Severity.WARNING,
    "A KPI's figures are from a period long before the journey's last review.",
)
def kpi_period_before_review(j: JourneyContext) -> Iterator[Finding]:
    """Checks that each KPI's `period:` ends no more than `kpi-period-max-lag` days (92 by default)
    before the journey's `last_reviewed:` date. The period is read for the dates it names: a
    date, a month (2026-09), a quarter (2026-Q3, Q3 2026), a half year (2026-H1), a year (2025)
    or a range of them (2025-10 — 2026-09); a period with none ("last 90 days") and a journey
    without `last_reviewed:` are not checked.

    Why it matters: A review that confirms the map but keeps last year's conversion rate presents
    old figures as current. Readers compare the KPIs with their targets and decide where to act;
    if the figures were not brought up to date at the review, they decide on numbers that no
    longer hold.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: saas-trial
        title: Starting a trial of the invoicing app
        last_reviewed: 2026-10-20
        stages:
          - id: trial
            name: Trying the app
            type: onboarding
            kpis:
              - name: Trial to paid conversion
                value: 14
                target: 18
                unit: "%"
                period: 2025-Q4

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: saas-trial
        title: Starting a trial of the invoicing app
        last_reviewed: 2026-10-20
        stages:
          - id: trial
            name: Trying the app
            type: onboarding
            kpis:
              - name: Trial to paid conversion
                value: 16
                target: 18
                unit: "%"
                period: 2026-Q3
    """
    settings = j.settings
    reviewed = j.journey.last_reviewed
    review = date_span(reviewed) if reviewed is not None else None
    if review is None:
        return
    for s, stage in enumerate(j.journey.stages):
        for k, kpi in enumerate(stage.kpis):
            period = period_span(kpi.period) if kpi.period is not None else None
            if period is None:
                continue
            lag = (review.first - period.last).days
            if lag > settings.kpi_period_max_lag:
                yield j.finding(
                    ("stages", s, "kpis", k, "period"),
                    f"KPI '{kpi.name}' gives figures for {kpi.period}, which ended {days(lag)} before the "
                    f"review of {reviewed}",
                    hint="bring the figures up to date for the latest period (or set kpi-period-max-lag "
                    "in the configuration)",
                )


@journey_rule("CJM504", "journey-without-review-date", Severity.INFO, "The journey does not say when it was reviewed.")
def journey_without_review_date(j: JourneyContext) -> Iterator[Finding]:
    """Checks that the journey says when it was last checked against reality, with
    `last_reviewed:` (a date, 2026-10-14, or a month, 2026-10).

    Why it matters: Without the date, a reader cannot tell a map confirmed last month from one
    drawn three years ago, and stale-review (CJM501) cannot remind the owner to look again.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: gym-membership
        title: Joining the gym
        owner: Member experience
        stages:
          - id: join
            name: Signing up
            type: purchase

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: gym-membership
        title: Joining the gym
        owner: Member experience
        last_reviewed: 2026-11
        stages:
          - id: join
            name: Signing up
            type: purchase
    """
    if j.journey.last_reviewed is None:
        yield j.finding(
            ("id",),
            "the journey does not say when it was last reviewed",
            hint="add 'last_reviewed:' with the day the map was last checked against reality (2026-10-14)",
        )
