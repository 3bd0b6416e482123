"""Freshness rules (CJM501-CJM504): review age, evidence age, KPI periods against the review.

Every test measures from 2026-11-24 (SOURCE_DATE_EPOCH, set in tests/conftest.py); the clean set
was reviewed on 2026-11-02, its evidence is from 2026-09 and its KPI period is 2026-Q3.
"""

import datetime

import pytest

from cjm.config import Config
from cjm.dates import period_span, today
from tests.rules.conftest import Write, changed, lint_set, pin

REVIEWED = "last_reviewed: 2026-11-02"


def test_cjm501_a_review_older_than_180_days_is_reported_at_its_date(write: Write) -> None:
    found = lint_set(write, "CJM501", changed(REVIEWED, "last_reviewed: 2026-05-27"))
    assert found.places() == found.at(pin("CJM501", "last_reviewed"))
    assert "last reviewed on 2026-05-27, 181 days ago; reviews are due every 180 days" in found[0].message


def test_cjm501_a_review_exactly_180_days_ago_is_due_not_late(write: Write) -> None:
    assert lint_set(write, "CJM501", changed(REVIEWED, "last_reviewed: 2026-05-28")) == []


def test_cjm501_a_month_counts_from_its_last_day(write: Write) -> None:
    assert lint_set(write, "CJM501", changed(REVIEWED, "last_reviewed: 2026-05")) == []
    assert len(lint_set(write, "CJM501", changed(REVIEWED, "last_reviewed: 2026-04"))) == 1


def test_cjm501_a_review_in_the_future_is_a_mistake(write: Write) -> None:
    found = lint_set(write, "CJM501", changed(REVIEWED, "last_reviewed: 2026-12-01"))
    assert "last_reviewed 2026-12-01 is in the future (today is 2026-11-24)" in found[0].message


def test_cjm501_the_age_is_configurable(write: Write) -> None:
    config = Config.model_validate({"review-max-age": 10})
    found = lint_set(write, "CJM501", config=config)
    assert "22 days ago; reviews are due every 10 days" in found[0].message


def test_cjm501_ages_are_measured_from_the_day_source_date_epoch_gives(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime.datetime(2027, 6, 1, tzinfo=datetime.UTC).timestamp())))
    assert today() == datetime.date(2027, 6, 1)
    assert len(lint_set(write, "CJM501")) == 1
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    assert today() == datetime.datetime.now(tz=datetime.UTC).date()


def test_cjm502_evidence_older_than_a_year_is_reported_at_its_date(write: Write) -> None:
    found = lint_set(write, "CJM502", changed("date: 2026-09", "date: 2025-10-31"))
    assert found.places() == found.at(pin("CJM502", "stages", 0, "steps", 0, "evidence", 0, "date"))
    assert (
        "the survey evidence of step 'Sees a station next to the tram stop' is from 2025-10-31, 389 days old"
        in found[0].message
    )


def test_cjm502_evidence_without_a_date_is_not_checked(write: Write) -> None:
    assert lint_set(write, "CJM502", changed("            date: 2026-09\n", "")) == []


def test_cjm503_a_kpi_period_long_before_the_review_is_reported_at_the_period(write: Write) -> None:
    found = lint_set(write, "CJM503", changed("period: 2026-Q3", "period: 2025-Q4"))
    assert found.places() == found.at(pin("CJM503", "stages", 2, "kpis", 0, "period"))
    assert (
        "KPI 'Unlock success rate' gives figures for 2025-Q4, which ended 306 days before the review of 2026-11-02"
        in found[0].message
    )


@pytest.mark.parametrize("period", ["2026-Q3", "Q3 2026", "2026-09", "2025-10 — 2026-09", "last 90 days", "'2026'"])
def test_cjm503_recent_or_relative_periods_pass(write: Write, period: str) -> None:
    assert lint_set(write, "CJM503", changed("period: 2026-Q3", f"period: {period}")) == []


def test_cjm503_without_a_review_date_nothing_is_compared(write: Write) -> None:
    journey = changed(REVIEWED + "\n", "", changed("period: 2026-Q3", "period: '2019'"))
    assert lint_set(write, "CJM503", journey) == []


def test_cjm504_a_journey_without_a_review_date_is_noted_at_its_id(write: Write) -> None:
    found = lint_set(write, "CJM504", changed(REVIEWED + "\n", ""))
    assert found.places() == found.at(pin("CJM504", "id"))
    assert found[0].severity.value == "info"


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2026-Q3", "2026-07-01", "2026-09-30"),
        ("Q4/2025", "2025-10-01", "2025-12-31"),
        ("2026-H1", "2026-01-01", "2026-06-30"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2025-10 — 2026-09", "2025-10-01", "2026-09-30"),
        ("III kw. 2026 (2026-07-01 – 2026-09-30)", "2026-07-01", "2026-09-30"),
    ],
)
def test_periods_are_read_for_the_dates_they_name(text: str, first: str, last: str) -> None:
    span = period_span(text)
    assert span is not None
    assert (span.first.isoformat(), span.last.isoformat()) == (first, last)


@pytest.mark.parametrize("text", ["last 90 days", "rolling 12 months", "2026-13", "2026-02-30", "12345"])
def test_periods_without_a_date_are_not_read(text: str) -> None:
    assert period_span(text) is None
