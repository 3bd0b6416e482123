"""Metric rules (CJM401-CJM405): KPIs with targets, sources and values, and whether they are met."""

import pytest

from tests.rules.conftest import SKIPPING, Write, changed, lines, lint_one, lint_set, pin

UNLOCK_KPI = lines(
    "    kpis:",
    "      - name: Unlock success rate",
    "        value: 97",
    "        target: 95",
    '        unit: "%"',
    "        source: App analytics",
    "        period: 2026-Q3",
)
FAULT_KPI = lines(
    "    kpis:",
    "      - name: Days to fix a reported fault",
    "        value: 2",
    "        target: 3",
    "        unit: days",
    "        direction: lower-is-better",
    "        source: Service desk",
)


def test_cjm401_a_kpi_without_a_target_is_reported_at_its_name(write: Write) -> None:
    found = lint_set(write, "CJM401", changed("        target: 95\n", ""))
    assert found.places() == found.at(pin("CJM401", "stages", 2, "kpis", 0, "name"))
    assert "KPI 'Unlock success rate' has no target" in found[0].message


def test_cjm402_a_kpi_without_a_source_is_reported_at_its_name(write: Write) -> None:
    found = lint_set(write, "CJM402", changed("        source: App analytics\n", ""))
    assert found.places() == found.at(pin("CJM402", "stages", 2, "kpis", 0, "name"))
    assert "KPI 'Unlock success rate' has no data source" in found[0].message


def test_cjm403_a_kpi_below_its_target_is_reported_at_its_value(write: Write) -> None:
    found = lint_set(write, "CJM403", changed("value: 97", "value: 90"))
    assert found.places() == found.at(pin("CJM403", "stages", 2, "kpis", 0, "value"))
    assert "KPI 'Unlock success rate' is 90%, missing its target of 95% (higher is better)" in found[0].message


def test_cjm403_a_lower_is_better_kpi_above_its_target_is_reported(write: Write) -> None:
    found = lint_set(write, "CJM403", changed("value: 2", "value: 4"))
    assert found.places() == found.at(pin("CJM403", "stages", 3, "kpis", 0, "value"))
    assert (
        "'Days to fix a reported fault' is 4 days, missing its target of 3 days (lower is better)" in found[0].message
    )


@pytest.mark.parametrize(("old", "new"), [("value: 97", "value: 95"), ("value: 2", "value: 3")], ids=["up", "down"])
def test_cjm403_a_kpi_exactly_at_its_target_meets_it(write: Write, old: str, new: str) -> None:
    assert lint_set(write, "CJM403", changed(old, new)) == []


def test_cjm403_a_figure_without_a_unit_is_shown_bare(write: Write) -> None:
    found = lint_set(write, "CJM403", changed('        unit: "%"\n', "", changed("value: 97", "value: 90.5")))
    assert found.places() == found.at(pin("CJM403", "stages", 2, "kpis", 0, "value"))
    assert "is 90.5, missing its target of 95 (higher is better)" in found[0].message


@pytest.mark.parametrize(
    "journey",
    [
        changed("        value: 97\n", "", changed("target: 95", "target: 99")),
        changed("        target: 95\n", "", changed("value: 97", "value: 1")),
    ],
    ids=["no-value", "no-target"],
)
def test_cjm403_a_kpi_without_value_or_target_is_left_to_the_other_rules(write: Write, journey: str) -> None:
    assert lint_set(write, "CJM403", journey) == []


def test_cjm403_large_figures_are_written_out_with_separators(write: Write) -> None:
    text = SKIPPING.replace(
        "  - {id: use, name: Use, type: experience}\n",
        "  - id: use\n    name: Use\n    type: experience\n    kpis:\n"
        "      - {name: Revenue, value: 1250000, target: 1500000, unit: PLN, source: ERP}\n",
    )
    found = lint_one(write, text, "CJM403")
    assert found.places() == found.at(pin("CJM403", "stages", 3, "kpis", 0, "value"))
    assert found[0].message == (
        "KPI 'Revenue' is 1,250,000 PLN, missing its target of 1,500,000 PLN (higher is better)"
    )


def test_cjm404_a_journey_without_kpis_is_reported_at_the_stages_key(write: Write) -> None:
    found = lint_set(write, "CJM404", changed(FAULT_KPI, "", changed(UNLOCK_KPI, "")))
    assert found.places() == found.at(pin("CJM404", "stages", key=True))
    assert "no stage has a KPI" in found[0].message


def test_cjm404_one_kpi_in_one_stage_is_enough(write: Write) -> None:
    assert lint_set(write, "CJM404", changed(UNLOCK_KPI, "")) == []


def test_cjm405_a_kpi_without_a_value_is_reported_at_its_name(write: Write) -> None:
    found = lint_set(write, "CJM405", changed("        value: 97\n", ""))
    assert found.places() == found.at(pin("CJM405", "stages", 2, "kpis", 0, "name"))
    assert "KPI 'Unlock success rate' has no current value" in found[0].message
