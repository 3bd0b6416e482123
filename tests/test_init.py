"""`cjm init`: a starting map in every template and language that validates and lints clean."""

import datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from cjm import cli as cli_module
from cjm.api import lint, validate
from cjm.config import find_config
from cjm.loader import load_text
from cjm.starters import LANGUAGES, TEMPLATES
from cjm.starters.build import Answers, scalar, stage_names, starter_files
from tests.conftest import Cli

DAY = datetime.date(2026, 11, 24)  # tests/conftest.py measures ages from this day


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", TEMPLATES)
def test_every_template_in_every_language_validates_and_lints_with_no_finding_at_all(
    cli: Cli, tmp_path: Path, template: str, language: str
) -> None:
    folder = tmp_path / "maps"
    result = cli("init", str(folder), "--template", template, "--language", language)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == sorted(
        starter_files(template, language, DAY)
    )
    config = find_config([str(folder)])
    assert validate(folder, config=config).ok
    report = lint(folder, config=config)
    assert report.diagnostics == [], [d.message for d in report.diagnostics]
    journey = (folder / "journey.yaml").read_text(encoding="utf-8")
    assert f"language: {language}\n" in journey
    assert "last_reviewed: 2026-11-24 " in journey  # today, in the comment's column


def test_the_comments_are_in_the_maps_language(tmp_path: Path) -> None:
    russian = starter_files("online-shop", "ru", DAY)["journey.yaml"]
    german = starter_files("online-shop", "de", DAY)["journey.yaml"]
    assert "# Точки контакта: где клиент встречается с компанией" in russian
    assert "# Kontaktpunkte: wo die Kundin dem Unternehmen begegnet" in german
    assert "in-person" in russian  # the channel list comes from the schema, unbroken


def test_the_default_is_the_online_shop_in_english_in_the_current_folder(cli: Cli, tmp_path: Path) -> None:
    result = cli("init", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "journey.yaml").read_text(encoding="utf-8") == starter_files("online-shop", "en", DAY)[
        "journey.yaml"
    ]


def test_init_never_writes_over_a_file_and_writes_nothing_when_one_is_there(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "cjm.toml").write_text("strict = false\n", encoding="utf-8")
    result = cli("init", str(tmp_path), "-t", "saas")
    assert result.exit_code == 2
    assert "already there" in result.stderr
    assert "--force" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cjm.toml"]
    assert (tmp_path / "cjm.toml").read_text(encoding="utf-8") == "strict = false\n"
    forced = cli("init", str(tmp_path), "-t", "saas", "--force")
    assert forced.exit_code == 0, forced.stderr
    assert (tmp_path / "cjm.toml").read_text(encoding="utf-8") != "strict = false\n"


def test_init_into_a_file_is_refused(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "journey.yaml").write_text("x: 1\n", encoding="utf-8")
    result = cli("init", str(tmp_path / "journey.yaml"))
    assert result.exit_code == 2
    assert "is a file, not a folder" in result.stderr


def test_on_a_terminal_init_asks_for_the_title_the_persona_and_the_stages(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_module, "_on_terminal", lambda: True)
    names = ["Поиск", "Выбор", "Покупка", "Ремонт", "Снова к нам", "Письмо"]
    answers = ["bank", "ru", "Ипотека онлайн", "Олег, покупает первую квартиру", "Один; два", "; ".join(names)]
    result = cli("init", str(tmp_path), stdin="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    assert "Give 6 names" in result.stdout  # two names for six stages are asked for again
    journey = (tmp_path / "journey.yaml").read_text(encoding="utf-8")
    assert "title: Ипотека онлайн\n" in journey
    for name in names:
        assert f"    name: {name}\n" in journey
    persona = (tmp_path / "personas" / "relocating-professional.yaml").read_text(encoding="utf-8")
    assert "name: Олег, покупает первую квартиру\n" in persona
    assert lint(tmp_path, config=find_config([str(tmp_path)])).diagnostics == []


def test_on_a_terminal_enter_keeps_the_templates_words(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_module, "_on_terminal", lambda: True)
    result = cli("init", str(tmp_path), stdin="\n\n\n\n\n")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "journey.yaml").read_text(encoding="utf-8") == starter_files("online-shop", "en", DAY)[
        "journey.yaml"
    ]


def test_answers_replace_the_words_they_name() -> None:
    files = starter_files("blank", "pl", DAY, Answers(title="Kurs online", stages=["A", "", "C", "D", "E", "F"]))
    journey = yaml.safe_load(files["journey.yaml"])
    assert journey["title"] == "Kurs online"
    assert [s["name"] for s in journey["stages"]] == ["A", stage_names("blank", "pl")[1], "C", "D", "E", "F"]


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40))
def test_a_scalar_reads_back_as_the_same_text(text: str) -> None:
    document = load_text("t.yaml", f"k: {scalar(text)}\n").document
    assert document is not None
    assert document.data == {"k": text}
