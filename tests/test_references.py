"""References across files: personas, shared touchpoints and stages resolve, ids are unique."""

from collections.abc import Callable
from pathlib import Path

from cjm.api import validate
from tests.samples import MINIMAL_JOURNEY, MINIMAL_PERSONA

CATALOG = """\
apiVersion: cjm/v1
kind: TouchpointCatalog
id: shared
touchpoints:
  - id: call-centre
    name: Call centre
    channel: phone
"""

Write = Callable[[str, str | bytes], Path]


def found(paths: list[Path]) -> list[tuple[str, str, int, int, str]]:
    report = validate([str(p) for p in paths])
    return [(d.code, Path(d.path).name, d.line, d.column, d.message) for d in report.diagnostics]


def test_journey_with_its_persona_resolves(write: Write) -> None:
    assert found([write("j.yaml", MINIMAL_JOURNEY), write("p.yaml", MINIMAL_PERSONA)]) == []


def test_unknown_persona_is_reported_at_the_reference(write: Write) -> None:
    journey = write("j.yaml", MINIMAL_JOURNEY.replace("personas: [olga]", "personas: [olgaa]"))
    persona = write("other/p.yaml", MINIMAL_PERSONA)
    assert found([journey, persona]) == [
        ("CJM031", "j.yaml", 5, 12, "personas[0]: no persona with the id 'olgaa' — did you mean 'olga'?")
    ]


def test_persona_beside_a_single_journey_file_is_found(write: Write) -> None:
    journey = write("maps/j.yaml", MINIMAL_JOURNEY)
    write("maps/personas/olga.yaml", MINIMAL_PERSONA)
    write("maps/personas/notes.yaml", "just: some other yaml\n")
    assert found([journey]) == []


def test_persona_outside_the_configured_paths_is_not_found(write: Write) -> None:
    write("cjm.toml", 'paths = ["maps"]\n')
    journey = write("maps/j.yaml", MINIMAL_JOURNEY)
    write("elsewhere/olga.yaml", MINIMAL_PERSONA)
    [(code, name, line, column, message)] = found([journey])
    assert (code, name, line, column) == ("CJM031", "j.yaml", 5, 12)
    assert message == "personas[0]: no persona with the id 'olga'"


def test_unknown_touchpoint_in_a_step_suggests_the_closest(write: Write) -> None:
    journey = write("j.yaml", MINIMAL_JOURNEY.replace("touchpoints: [website]", "touchpoints: [webiste]", 1))
    assert found([journey, write("p.yaml", MINIMAL_PERSONA)]) == [
        (
            "CJM031",
            "j.yaml",
            20,
            23,
            "stages[0].steps[0].touchpoints[0]: no touchpoint with the id 'webiste' — did you mean 'website'?",
        )
    ]


def test_shared_touchpoints_from_a_catalogue_resolve(write: Write) -> None:
    journey = write("j.yaml", MINIMAL_JOURNEY.replace("touchpoints: [website]", "touchpoints: [call-centre]", 1))
    assert found([journey, write("p.yaml", MINIMAL_PERSONA), write("c.yaml", CATALOG)]) == []


def test_transition_to_an_unknown_stage_is_reported(write: Write) -> None:
    journey = write("j.yaml", MINIMAL_JOURNEY.replace("to: awareness", "to: awarenes"))
    assert found([journey, write("p.yaml", MINIMAL_PERSONA)]) == [
        ("CJM031", "j.yaml", 32, 9, "transitions[0].to: no stage with the id 'awarenes' — did you mean 'awareness'?")
    ]


def test_duplicate_persona_ids_name_both_places(write: Write) -> None:
    first = write("a.yaml", MINIMAL_PERSONA)
    second = write("b.yaml", MINIMAL_PERSONA)
    [(code, name, line, column, message)] = found([second, first])
    assert (code, name, line, column) == ("CJM030", "b.yaml", 3, 5)
    assert message == "persona id 'olga' is already used at a.yaml:3:5"


def test_duplicate_step_ids_within_a_journey_are_reported(write: Write) -> None:
    journey = write("j.yaml", MINIMAL_JOURNEY.replace("id: pays", "id: sees-ad"))
    [(code, _, line, column, message)] = found([journey, write("p.yaml", MINIMAL_PERSONA)])
    assert (code, line, column) == ("CJM030", 26, 13)
    assert message == "step id 'sees-ad' is already used at j.yaml:18:13"


def test_local_touchpoint_may_not_shadow_a_shared_one(write: Write) -> None:
    journey = write("j.yaml", MINIMAL_JOURNEY.replace("id: sms", "id: call-centre").replace("[sms]", "[call-centre]"))
    problems = found([journey, write("p.yaml", MINIMAL_PERSONA), write("c.yaml", CATALOG)])
    assert [(c, n, line, col) for c, n, line, col, _ in problems] == [("CJM030", "j.yaml", 10, 9)]


def test_directory_search_skips_yaml_that_is_not_cjm(write: Write) -> None:
    write("maps/j.yaml", MINIMAL_JOURNEY)
    write("maps/p.yaml", MINIMAL_PERSONA)
    write("maps/.github/workflow.yml", "on: push\n")
    write("maps/docker-compose.yml", "services: {}\n")
    report = validate([str(write("maps/j.yaml", MINIMAL_JOURNEY).parent)])
    assert report.diagnostics == []
    assert [Path(f).name for f in report.files] == ["j.yaml", "p.yaml"]
