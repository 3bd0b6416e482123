"""`cjm diff`: what changed between two versions of a map, in the map's terms."""

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from cjm.api import load
from cjm.diff import diff_journeys, diff_markdown, journey_changes
from cjm.model import Journey
from tests.conftest import EXAMPLES, Cli

Write = Callable[[str, str | bytes], Path]
RUSSIAN = EXAMPLES / "loyalty-loop-ru" / "journey.yaml"


def edited(*replacements: tuple[str, str]) -> str:
    text = RUSSIAN.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def changes_after(write: Write, *replacements: tuple[str, str]) -> list[tuple[str, str]]:
    new = load(write("new.yaml", edited(*replacements)), Journey)
    return [(c.kind, c.text) for c in journey_changes(load(RUSSIAN, Journey), new)]


def test_the_same_map_has_no_changes() -> None:
    journey = load(RUSSIAN, Journey)
    assert journey_changes(journey, journey) == []


def test_an_emotion_change_says_its_direction(write: Write) -> None:
    [(kind, text)] = changes_after(write, ("emotion: -2", "emotion: 1"))
    assert kind == "emotion-changed"
    assert text.endswith("emotion −2 → +1 (better)")


def test_a_renamed_stage_is_a_rename_not_a_removal(write: Write) -> None:
    changes = changes_after(write, ("name: Петля лояльности\n", "name: Петля лояльности и бонусы\n"))
    assert changes == [("stage-renamed", "stage 'Петля лояльности' renamed to 'Петля лояльности и бонусы'")]


def test_pain_points_added_and_resolved_and_kpis_that_now_miss(write: Write) -> None:
    journey = load(RUSSIAN, Journey)
    pain = next(p for stage in journey.stages for step in stage.steps for p in step.pain_points)
    kpi = next(k for stage in journey.stages for k in stage.kpis if k.meets_target())
    changes = changes_after(
        write,
        (f"- {pain}\n", "- Курьер не позвонил перед доставкой\n"),
        (f"value: {kpi.value:g}\n", f"value: {kpi.target * 100 if kpi.direction == 'lower-is-better' else 0}\n"),
    )
    kinds = [kind for kind, _ in changes]
    assert "pain-point-added" in kinds
    assert "pain-point-resolved" in kinds
    assert "kpi-value-changed" in kinds
    assert (
        "kpi-status-changed",
        f"KPI '{kpi.name}' of stage '{_stage_of(journey, kpi.name)}' now misses its target",
    ) in changes


def _stage_of(journey: Journey, kpi: str) -> str:
    return next(stage.name for stage in journey.stages for k in stage.kpis if k.name == kpi)


def test_journeys_are_matched_by_id_between_two_folders() -> None:
    journey = load(RUSSIAN, Journey)
    other = load(EXAMPLES / "online-store-en" / "journey.yaml", Journey)
    diffs = diff_journeys([journey], [journey, other])
    assert [(d.id, d.state) for d in diffs] == [(other.id, "added"), (journey.id, "unchanged")]


def test_the_markdown_escapes_every_text_from_the_map(write: Write) -> None:
    new = load(write("new.yaml", edited(("name: Петля лояльности\n", "name: <script>x</script>\n"))), Journey)
    page = diff_markdown(diff_journeys([load(RUSSIAN, Journey)], [new]))
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert page.startswith("**1 of 1 journey map changed")
    assert "<details>" in page


@pytest.mark.parametrize("output_format", ["text", "markdown", "json"])
def test_the_command_exits_0_unless_asked_for_exit_code(cli: Cli, write: Write, output_format: str) -> None:
    old = write("old/journey.yaml", RUSSIAN.read_text(encoding="utf-8"))
    new = write("new/journey.yaml", edited(("emotion: -2", "emotion: 1")))
    for folder in ("old", "new"):
        for persona in (RUSSIAN.parent / "personas").iterdir():
            write(f"{folder}/personas/{persona.name}", persona.read_text(encoding="utf-8"))
    plain = cli("diff", str(old.parent), str(new.parent), "-f", output_format)
    assert plain.exit_code == 0, plain.stderr
    assert cli("diff", str(old.parent), str(new.parent), "-f", output_format, "--exit-code").exit_code == 1
    assert cli("diff", str(old.parent), str(old.parent), "--exit-code").exit_code == 0
    if output_format == "json":
        document = json.loads(plain.stdout)
        assert document["summary"] == {"journeys": 1, "changed": 1, "changes": 1}
        [change] = document["journeys"][0]["changes"]
        assert (change["kind"], change["before"], change["after"]) == ("emotion-changed", -2, 1)


def test_an_invalid_side_is_reported_and_exits_2(cli: Cli, write: Write) -> None:
    write("old.yaml", RUSSIAN.read_text(encoding="utf-8"))
    for persona in (RUSSIAN.parent / "personas").iterdir():
        write(persona.name, persona.read_text(encoding="utf-8"))
    write("new.yaml", "apiVersion: cjm/v1\nkind: Journey\nid: [\n")
    result = cli("diff", "old.yaml", "new.yaml")
    assert result.exit_code == 2
    assert "new.yaml:3:" in result.stderr
    assert "Traceback" not in result.stderr


def test_two_versions_side_by_side_in_one_folder_are_compared_not_read_as_one_project(cli: Cli, write: Write) -> None:
    write("v1.yaml", RUSSIAN.read_text(encoding="utf-8"))
    write("v2.yaml", edited(("emotion: -2", "emotion: 1")))
    result = cli("diff", "v1.yaml", "v2.yaml")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith("1 of 1 journey map changed (1 change in the map's terms).\n")


def test_a_file_of_another_kind_is_refused_with_its_place(cli: Cli, write: Write) -> None:
    write("v1.yaml", RUSSIAN.read_text(encoding="utf-8"))
    persona = write("p.yaml", (RUSSIAN.parent / "personas" / "andrey-new-flat.yaml").read_text(encoding="utf-8"))
    result = cli("diff", "v1.yaml", str(persona))
    assert result.exit_code == 2
    assert "not a Journey" in result.stderr
