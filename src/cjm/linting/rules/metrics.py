"""Metric rules (CJM401–CJM405): KPIs with targets, sources and values, and whether they are met."""

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.figures import format_figure
from cjm.linting.context import Finding, JourneyContext
from cjm.linting.registry import journey_rule
from cjm.model import Kpi
from cjm.validation import Path


def _kpis(j: JourneyContext) -> Iterator[tuple[Path, Kpi]]:
    for s, stage in enumerate(j.journey.stages):
        for k, kpi in enumerate(stage.kpis):
            yield ("stages", s, "kpis", k), kpi


@journey_rule("CJM401", "kpi-without-target", Severity.WARNING, "A KPI has no target.")
def kpi_without_target(j: JourneyContext) -> Iterator[Finding]:
    """Checks that every KPI has a `target:`, the value the team aims for.

    Why it matters: A KPI without a target cannot tell good from bad: is a conversion of 2.1% a
    success or a problem? With a target, the map shows at a glance which stages meet
    expectations and which need work.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: first-order
        title: First order at the online shop
        stages:
          - id: checkout
            name: Checking out
            type: purchase
            kpis:
              - name: Conversion to order
                value: 2.1
                unit: "%"

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: first-order
        title: First order at the online shop
        stages:
          - id: checkout
            name: Checking out
            type: purchase
            kpis:
              - name: Conversion to order
                value: 2.1
                target: 3
                unit: "%"
    """
    for path, kpi in _kpis(j):
        if kpi.target is None:
            yield j.finding(
                (*path, "name"),
                f"KPI '{kpi.name}' has no target",
                hint="add 'target:' with the value the team aims for",
            )


@journey_rule("CJM402", "kpi-without-source", Severity.WARNING, "A KPI does not say where its figure comes from.")
def kpi_without_source(j: JourneyContext) -> Iterator[Finding]:
    """Checks that every KPI says where its figure comes from, with `source:`: the CRM, web
    analytics, a survey, sales data.

    Why it matters: A figure without a source cannot be checked or brought up to date, and two
    teams quoting different numbers for the same KPI cannot tell which one is right.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: current-account
        title: Opening a current account
        stages:
          - id: use
            name: Using the account
            type: experience
            kpis:
              - name: NPS
                value: 31
                target: 40

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: current-account
        title: Opening a current account
        stages:
          - id: use
            name: Using the account
            type: experience
            kpis:
              - name: NPS
                value: 31
                target: 40
                source: Quarterly customer survey
    """
    for path, kpi in _kpis(j):
        if kpi.source is None:
            yield j.finding(
                (*path, "name"),
                f"KPI '{kpi.name}' has no data source",
                hint="add 'source:' (CRM, web analytics, survey, ...)",
            )


@journey_rule("CJM403", "kpi-misses-target", Severity.WARNING, "A KPI misses its target.")
def kpi_misses_target(j: JourneyContext) -> Iterator[Finding]:
    """Checks every KPI that has both a value and a target: a value below the target, or above it
    with `direction: lower-is-better`, is reported with both figures and which direction is
    better. A KPI exactly at its target meets it.

    Why it matters: A KPI that misses its target marks a stage that needs work, and the finding
    keeps the gap in view in every CI run. Once an improvement is planned, suppress the finding
    on the stage with a reason that points to the plan.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: current-account
        title: Opening a current account
        stages:
          - id: open
            name: Opening the account in the app
            type: purchase
            kpis:
              - name: Time to open an account
                value: 25
                target: 10
                unit: minutes
                direction: lower-is-better

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: current-account
        title: Opening a current account
        stages:
          - id: open
            name: Opening the account in the app
            type: purchase
            kpis:
              - name: Time to open an account
                value: 25
                target: 10
                unit: minutes
                direction: lower-is-better
            suppress:
              - rule: kpi-misses-target
                reason: Video identification replaces the branch visit in Q1 (ticket ONB-212)
    """
    for path, kpi in _kpis(j):
        if kpi.meets_target() is False and kpi.value is not None and kpi.target is not None:
            better = "higher" if kpi.direction == "higher-is-better" else "lower"
            yield j.finding(
                (*path, "value"),
                f"KPI '{kpi.name}' is {format_figure(kpi.value, kpi.unit)}, missing its target of "
                f"{format_figure(kpi.target, kpi.unit)} ({better} is better)",
                hint="improve the stage, or change the target if it was wrong; suppress the rule here "
                "with a reason once the work is planned",
            )


@journey_rule("CJM404", "journey-without-kpi", Severity.WARNING, "No stage of the journey has a KPI.")
def journey_without_kpi(j: JourneyContext) -> Iterator[Finding]:
    """Checks that at least one stage of the journey has a KPI.

    Why it matters: Without KPIs a journey map cannot show whether a change helps. Measure at
    least the key stages: conversion for the purchase, CSAT or NPS for the experience, churn for
    retention.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: gym-membership
        title: Joining a gym
        stages:
          - id: join
            name: Signing up after the free class
            type: purchase

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: gym-membership
        title: Joining a gym
        stages:
          - id: join
            name: Signing up after the free class
            type: purchase
            kpis:
              - name: Trial-to-member conversion
                value: 18
                target: 25
                unit: "%"
                source: Membership system
    """
    if not any(True for _ in _kpis(j)):
        yield j.finding(
            ("stages",),
            "no stage has a KPI: the journey's performance is not measured",
            hint="add 'kpis:' to the key stages: conversion, CSAT, NPS, churn rate, bounce rate",
            at_key=True,
        )


@journey_rule("CJM405", "kpi-without-value", Severity.INFO, "A KPI has no current value.")
def kpi_without_value(j: JourneyContext) -> Iterator[Finding]:
    """Checks that every KPI has a current `value:`.

    Why it matters: A KPI with a target but no value shows what the team wants, not where things
    stand. Add the latest figure, with the period it covers, so the map can say whether the
    target is met.

    Example:

        apiVersion: cjm/v1
        kind: Journey
        id: parcel-delivery
        title: Waiting for an online order
        stages:
          - id: delivery
            name: Delivery
            type: experience
            kpis:
              - name: CSAT after delivery
                target: 4.5

    Use instead:

        apiVersion: cjm/v1
        kind: Journey
        id: parcel-delivery
        title: Waiting for an online order
        stages:
          - id: delivery
            name: Delivery
            type: experience
            kpis:
              - name: CSAT after delivery
                value: 4.1
                target: 4.5
                period: 2026-Q3
    """
    for path, kpi in _kpis(j):
        if kpi.value is None:
            yield j.finding(
                (*path, "name"),
                f"KPI '{kpi.name}' has no current value",
                hint="add 'value:' with the latest figure and 'period:'",
            )
