"""The examples are documentation: they validate, point editors at the schema, and cover the seeds."""

from pathlib import Path

import pytest

from cjm.api import validate
from cjm.model import Journey, Persona
from tests.conftest import EXAMPLES

EXAMPLE_FILES = sorted(EXAMPLES.rglob("*.yaml"))


def test_all_examples_validate_together() -> None:
    report = validate([str(EXAMPLES)])
    assert [f"{d.path}:{d.line}:{d.column}: {d.message}" for d in report.diagnostics] == []
    assert len(report.files) == len(EXAMPLE_FILES)


@pytest.mark.parametrize("folder", sorted(p for p in EXAMPLES.iterdir() if p.is_dir()), ids=lambda p: p.name)
def test_each_example_folder_validates_on_its_own(folder: Path) -> None:
    assert validate([str(folder)]).diagnostics == []


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_each_example_points_editors_at_the_committed_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    target = (path.parent / first.removeprefix(prefix)).resolve()
    assert target == (EXAMPLES.parent / "schemas" / "cjm-v1.schema.json").resolve()


def test_examples_cover_every_language_cjm_has_labels_in_with_personas() -> None:
    from cjm.views.words import languages

    report = validate([str(EXAMPLES)])
    journeys = [v.model for v in report.valid if isinstance(v.model, Journey)]
    assert sorted(j.language or "" for j in journeys) == languages() == ["de", "en", "pl", "ru"]
    assert sum(isinstance(v.model, Persona) for v in report.valid) >= 3
    for journey in journeys:
        assert journey.personas
        assert journey.transitions or journey.language != "ru"


def test_russian_example_has_the_loops_of_the_seed() -> None:
    report = validate([str(EXAMPLES)])
    [russian] = [v.model for v in report.valid if isinstance(v.model, Journey) and v.model.language == "ru"]
    order = {stage.id: n for n, stage in enumerate(russian.stages)}
    backwards = [t for t in russian.transitions if order[t.to] < order[t.from_]]
    assert len(backwards) >= 2
    assert any(t.trigger for t in russian.transitions)
