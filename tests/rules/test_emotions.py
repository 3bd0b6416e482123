"""Emotion and key-moment rules (CJM106, CJM204, CJM205): how the customer feels, where it matters."""

import pytest

from tests.rules.conftest import Write, changed, lines, lint_set, pin

UNLOCK_PAIN = lines("        pain_points:", "          - The scanner fails in bright sunlight")
UNLOCK_OPPORTUNITY = lines("        opportunities:", "          - Offer a code to type in")
FAULT_PAIN = lines("        pain_points:", "          - Nobody calls back")


@pytest.mark.parametrize("new", ["", "        key_moment: false\n"], ids=["removed", "false"])
def test_cjm106_a_journey_without_a_key_moment_is_reported_at_the_stages_key(write: Write, new: str) -> None:
    found = lint_set(write, "CJM106", changed("        key_moment: true\n", new))
    assert found.places() == found.at(pin("CJM106", "stages", key=True))
    assert "no step is marked as a key moment" in found[0].message


@pytest.mark.parametrize("new", ["", "        emotion:\n"], ids=["removed", "empty"])
def test_cjm204_a_step_without_an_emotion_is_reported_at_its_id(write: Write, new: str) -> None:
    found = lint_set(write, "CJM204", changed("        emotion: 2\n", new))
    assert found.places() == found.at(pin("CJM204", "stages", 3, "steps", 0, "id"))
    assert "step 'rides' has no emotion" in found[0].message


def test_cjm204_a_neutral_emotion_is_an_emotion(write: Write) -> None:
    assert lint_set(write, "CJM204", changed("emotion: 2", "emotion: 0")) == []


def test_cjm205_a_low_point_without_pain_or_opportunity_is_reported_at_its_emotion(write: Write) -> None:
    found = lint_set(write, "CJM205", changed(UNLOCK_PAIN + UNLOCK_OPPORTUNITY, ""))
    assert found.places() == found.at(pin("CJM205", "stages", 2, "steps", 0, "emotion"))
    assert "step 'unlocks' is the journey's lowest point (emotion -2)" in found[0].message


@pytest.mark.parametrize("kept", [UNLOCK_PAIN, UNLOCK_OPPORTUNITY], ids=["pain-point", "opportunity"])
def test_cjm205_a_pain_point_or_an_opportunity_alone_addresses_the_low_point(write: Write, kept: str) -> None:
    assert lint_set(write, "CJM205", changed(UNLOCK_PAIN + UNLOCK_OPPORTUNITY, kept)) == []


def test_cjm205_every_step_at_the_lowest_point_is_checked(write: Write) -> None:
    journey = changed("emotion: -2", "emotion: -1", changed(FAULT_PAIN, ""))
    found = lint_set(write, "CJM205", journey)
    assert found.places() == found.at(pin("CJM205", "stages", 3, "steps", 1, "emotion"))
    assert "step 'reports-fault' is the journey's lowest point (emotion -1)" in found[0].message


def test_cjm205_a_negative_step_above_the_lowest_point_is_not_checked(write: Write) -> None:
    assert lint_set(write, "CJM205", changed(FAULT_PAIN, "")) == []


def test_cjm205_only_a_negative_low_point_is_checked(write: Write) -> None:
    journey = changed(UNLOCK_PAIN + UNLOCK_OPPORTUNITY, "", changed("emotion: -2", "emotion: 0"))
    journey = changed("emotion: -1\n" + FAULT_PAIN, "emotion: 0\n", journey)
    assert lint_set(write, "CJM205", journey) == []
