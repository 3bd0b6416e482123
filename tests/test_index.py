"""The index page and rendering several formats in one run."""

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from cjm.api import lint
from cjm.diagnostics import Severity
from tests.conftest import Cli
from tests.samples import MINIMAL_JOURNEY, MINIMAL_PERSONA
from tests.test_render import needs_dot

Write = Callable[[str, str | bytes], Path]

RUSSIAN = (
    MINIMAL_JOURNEY.replace("id: coffee-subscription", "id: kofe")
    .replace("title: Coffee subscription", "title: Подписка на кофе\nlanguage: ru\nlast_reviewed: 2026-10-14")
    .replace("        emotion: -1\n", "")
)


def items(page: str) -> list[str]:
    return re.findall(r"<li\b.*?</li>", page, re.DOTALL)


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def maps(write: Write) -> Path:
    write("maps/coffee.yaml", MINIMAL_JOURNEY)
    write("maps/kofe.yaml", RUSSIAN)
    write("maps/olga.yaml", MINIMAL_PERSONA)
    return Path("maps")


@needs_dot
def test_every_format_asked_for_is_written_and_the_index_links_each(cli: Cli, maps: Path) -> None:
    result = cli("render", str(maps), "-f", "html", "-f", "markdown", "-f", "mermaid", "-o", "site")
    assert result.exit_code == 0, result.stderr
    written = sorted(path.name for path in Path("site").iterdir())
    assert written == sorted(
        ["index.html"] + [f"{key}.{ext}" for key in ("coffee-subscription", "kofe") for ext in ("html", "md", "mmd")]
    )
    page = Path("site/index.html").read_text(encoding="utf-8")
    [english, russian] = items(page)
    assert re.findall(r'href="([^"]+)"', russian) == ["kofe.html", "kofe.md", "kofe.mmd"]
    assert text(english).endswith("Markdown Mermaid")


@needs_dot
def test_each_map_on_the_index_shows_its_facts_and_what_lint_found(cli: Cli, maps: Path) -> None:
    assert cli("render", str(maps), "-o", "site").exit_code == 0
    [english, russian] = items(Path("site/index.html").read_text(encoding="utf-8"))
    assert russian.startswith('<li lang="ru">')
    assert "Подписка на кофе" in russian
    assert "Personas Ольга, менеджер" in text(russian)
    assert "Language Russian" in text(russian)
    assert "Last review October 14, 2026" in text(russian)
    assert "Stages 2" in text(russian)
    found = [d.severity for d in lint([str(maps)]).diagnostics if d.path.endswith("kofe.yaml")]
    errors, warnings = found.count(Severity.ERROR), found.count(Severity.WARNING)
    assert (errors, warnings) == (1, 7)
    assert "Lint 1 error , 7 warnings" in text(russian)
    assert 'aria-label="Emotion at each step: +1, —"' in russian  # the step without an emotion is a gap
    assert english.startswith("<li>")  # no language given: the page's own


@needs_dot
def test_the_index_speaks_the_language_its_maps_share_or_the_one_asked_for(cli: Cli, write: Write) -> None:
    write("maps/kofe.yaml", RUSSIAN)
    write("maps/kofe2.yaml", RUSSIAN.replace("id: kofe", "id: kofe-2"))
    write("maps/olga.yaml", MINIMAL_PERSONA)
    assert cli("render", "maps", "-o", "site").exit_code == 0
    page = Path("site/index.html").read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="ru">')
    assert "<title>Карты пути клиента</title>" in page
    assert "2 карты" in text(page)
    assert "Язык русский" in text(page)
    assert "Последняя проверка 14 октября 2026" in text(page)
    german_run = cli("render", "maps", "-o", "de", "--language", "de")
    assert german_run.exit_code == 0, german_run.stderr
    german = Path("de/index.html").read_text(encoding="utf-8")
    assert "<title>Customer Journey Maps</title>" in german
    assert "Sprache Russisch" in text(german)


def test_several_formats_need_a_folder(cli: Cli, maps: Path) -> None:
    one = cli("render", str(maps / "coffee.yaml"), str(maps / "olga.yaml"), "-f", "markdown", "-f", "mermaid")
    assert one.exit_code == 2
    assert "2 files to write: give --output with a folder" in one.stderr
    named = cli("render", str(maps / "coffee.yaml"), "-f", "markdown", "-f", "mermaid", "-o", "map.md")
    assert named.exit_code == 2
    assert "--output map.md names one file, but 2 formats are asked for" in named.stderr
    assert not Path("map.md").exists()


def test_an_unknown_format_among_several_is_named(cli: Cli, maps: Path) -> None:
    result = cli("render", str(maps), "-f", "markdown", "-f", "pdf", "-o", "site")
    assert result.exit_code == 2
    assert "pdf" in result.stderr
    assert not Path("site").exists()


@needs_dot
def test_a_second_render_answered_by_the_cache_writes_the_same_site(cli: Cli, maps: Path) -> None:
    assert cli("render", str(maps), "-o", "first").exit_code == 0
    again = cli("render", str(maps), "-o", "second")
    assert again.exit_code == 0, again.stderr
    for page in Path("first").iterdir():
        assert (Path("second") / page.name).read_bytes() == page.read_bytes()
