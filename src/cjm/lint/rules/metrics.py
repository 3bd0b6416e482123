"""Metric rules (CJM401–CJM405): KPIs with targets, sources and values, and whether they are met."""

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.figures import format_figure
from cjm.lint.context import Finding, JourneyContext
from cjm.lint.registry import journey_rule
from cjm.model import Kpi
from cjm.validation import Path


def _kpis(j: JourneyContext) -> Iterator[tuple[Path, Kpi]]:
    for s, stage in enumerate(j.journey.stages):
        for k, kpi in enumerate(stage.kpis):
            yield ("stages", s, "kpis", k), kpi


@journey_rule("CJM401", "kpi-without-target", Severity.WARNING, "A KPI has no target.")
def kpi_without_target(j: JourneyContext) -> Iterator[Finding]:
    """A KPI without a target cannot tell good from bad: is a conversion of 2.1% a success?

    Fix: add the target the team aims for.

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
    """A figure without a source cannot be checked or updated: say whether it comes from the
    CRM, web analytics, a survey or sales data.

    Fix: add the data source.

        - name: NPS
          value: 31
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
    """A KPI that misses its target marks a stage that needs work. The finding says both
    figures and which direction is better, so the gap is clear in CI logs too. Suppress it
    with a reason once an improvement is planned.

    Fix: improve the stage, or, if the target was wrong, change it.

        suppress:
          - rule: kpi-misses-target
            reason: Checkout redesign planned for Q1 (ticket SHOP-412)
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
    """Without KPIs a journey map cannot show whether changes help. Measure at least the key
    stages: conversion for purchase, CSAT or NPS for experience, churn for retention.

    Fix: add KPIs to the stages.

        kpis:
          - name: Churn rate
            value: 4.2
            target: 3
            unit: "%"
            direction: lower-is-better
            source: CRM
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
    """A KPI with a target but no value shows intent but not the state of things. Add the
    latest figure, with its period.

    Fix: add the current value.

        - name: CSAT
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
