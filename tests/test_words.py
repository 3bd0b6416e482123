"""The words cjm adds to a rendered map, in the map's language: catalogues, numbers, dates, fallback."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cjm.api import render
from cjm.views.words import SOURCE_LANGUAGE, languages, words_for
from tests.catalogues import TEMPLATE, VIEWS, catalogue_path, extracted, read
from tests.conftest import EXAMPLES, Cli
from tests.test_render import needs_dot

TRANSLATED = [language for language in languages() if language != SOURCE_LANGUAGE]
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def test_cjm_has_labels_in_english_russian_polish_and_german() -> None:
    assert languages() == ["de", "en", "pl", "ru"]


def test_no_label_is_written_inside_an_f_string_where_the_extractor_cannot_see_it() -> None:
    hidden = re.compile(r"""f(["'])[^"'\n]*\{[^}]*\b(?:words|N_|_)\((["'])""")
    for path in sorted(VIEWS.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not hidden.search(line), f"{path.name}:{number}: a label in an f-string: {line.strip()}"


def test_the_catalogue_template_lists_every_message_the_code_uses() -> None:
    assert {m.id for m in read(TEMPLATE) if m.id} == {m.id for m in extracted() if m.id}, "run `make messages`"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_catalogue_translates_every_message_and_no_other(language: str) -> None:
    catalog = read(catalogue_path(language), language)
    wanted = {m.id for m in extracted() if m.id}
    have = {m.id for m in catalog if m.id}
    assert wanted - have == set(), f"{language}: messages missing from the catalogue; run `make messages`"
    assert have - wanted == set(), f"{language}: messages the code no longer uses; run `make messages`"
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{language}: {message.id!r} is not translated"
        assert not message.fuzzy, f"{language}: {message.id!r} is marked fuzzy"
        if isinstance(message.id, tuple):
            assert len(strings) == catalog.num_plurals, f"{language}: {message.id!r} needs {catalog.num_plurals} forms"
        originals = message.id if isinstance(message.id, tuple) else (message.id,)
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == set(PLACEHOLDER.findall(originals[-1])), (language, string)
            if PLACEHOLDER.search(originals[-1]):  # formatted with %: a lone % would break it
                assert "%" not in PLACEHOLDER.sub("", string).replace("%%", ""), (language, string)


@pytest.mark.parametrize(
    ("language", "figure", "percent", "date", "month"),
    [
        ("en", "6.5\u00a0days", "97.8%", "October 14, 2026", "October 2026"),
        ("de", "6,5\u00a0Tage", "97,8\u00a0%", "14. Oktober 2026", "Oktober 2026"),
        ("ru", "6,5\u00a0дня", "97,8\u00a0%", "14 октября 2026\u202fг.", "октябрь 2026\u202fг."),
        ("pl", "6,5\u00a0dnia", "97,8%", "14 października 2026", "październik 2026"),
    ],
)
def test_numbers_percentages_and_dates_are_written_as_the_locale_writes_them(
    language: str, figure: str, percent: str, date: str, month: str
) -> None:
    words, note = words_for(language)
    unit = figure.replace("\u00a0", " ").split(" ", 1)[1]
    assert note is None
    assert words.figure(6.5, unit) == figure
    assert words.figure(97.8, "%") == percent
    assert words.date("2026-10-14") == date
    assert words.date("2026-10") == month


def test_grouping_follows_the_locale_and_no_float_noise_shows() -> None:
    assert words_for("de")[0].number(1_250_000.5) == "1.250.000,5"
    assert words_for("en")[0].number(0.1 + 0.2) == "0.3"
    assert words_for("ru")[0].figure(-3, "pp", minus="\u2212") == "\u22123pp"
    assert words_for("en")[0].figure(None, "%") == "\u2014"


@pytest.mark.parametrize(("count", "form"), [(1, "шаг"), (2, "шага"), (5, "шагов"), (21, "шаг"), (11, "шагов")])
def test_a_count_takes_the_plural_form_its_language_uses(count: int, form: str) -> None:
    words = words_for("ru")[0]
    text = words.plural(
        "%(count)s step without an emotion is left out.", "%(count)s steps without an emotion are left out.", count
    )
    assert text.startswith(f"{count} {form} ")


def test_a_language_without_labels_falls_back_to_english_and_says_so_but_keeps_its_numbers() -> None:
    words, note = words_for("fr")
    assert words.language == "en"
    assert words("Pain points") == "Pain points"
    assert note is not None
    assert "'fr'" in note
    assert "English" in note
    assert words.number(1.5) == "1,5"


def test_a_regional_tag_reads_its_language_catalogue() -> None:
    words, note = words_for("de-AT")
    assert (words.language, note) == ("de", None)
    assert words("Pain points") == "Schmerzpunkte"


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz-ABC_0123456789", max_size=12))
def test_any_language_tag_gives_words_and_never_fails(tag: str) -> None:
    words, _ = words_for(tag or None)
    assert words.language in languages()
    assert words.number(2.5) != ""
    assert words.date("2026-10-14") != ""


def _english_labels() -> set[str]:
    """The labels of the catalogue that read differently in every other language (so their English
    form on a page is a label left untranslated, not a word of the map's own text)."""
    labels = set()
    catalogs = [read(catalogue_path(language), language) for language in TRANSLATED]
    for message in read(TEMPLATE):  # the committed list: a label dropped from the code is still looked for
        if not message.id or isinstance(message.id, tuple) or "%" in message.id:
            continue
        if all(catalog[message.id].string != message.id for catalog in catalogs):
            labels.add(message.id)
    return labels


@pytest.mark.filterwarnings("ignore::cjm.views.RenderNoteWarning")
@pytest.mark.parametrize("example", sorted(path.name for path in EXAMPLES.iterdir() if path.is_dir()))
def test_a_markdown_page_in_another_language_has_no_english_label_left(example: str) -> None:
    if "language: en" in (EXAMPLES / example / "journey.yaml").read_text(encoding="utf-8"):
        pytest.skip("an English map")
    [(_, page)] = render([EXAMPLES / example / "journey.yaml"], format="markdown").items()
    text = page.decode()
    cells = {cell.strip(" *#") for line in text.splitlines() for cell in re.split(r"\|", line)}
    cells |= {part.split(":")[0].strip() for line in text.splitlines() for part in line.split(";")}
    left = sorted(cells & _english_labels())
    assert left == [], f"English labels on the {example} page: {left}"


class _Texts(HTMLParser):
    """The text a reader meets on a page: text nodes (SVG's too) and the labels of aria-label, title
    and alt, each stripped of the numbers and signs around it."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skip += tag in ("style", "script")
        self.texts += [value for name, value in attrs if name in ("aria-label", "title", "alt") and value]

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.texts.append(data)


def page_texts(page: str) -> set[str]:
    parser = _Texts()
    parser.feed(page)
    return {text.strip(" \n\t★✓✗↑↓+−-–0123456789:;,.()·→") for text in parser.texts}


@needs_dot
@pytest.mark.filterwarnings("ignore::cjm.views.RenderNoteWarning")
@pytest.mark.parametrize("example", sorted(path.name for path in EXAMPLES.iterdir() if path.is_dir()))
def test_an_html_page_in_another_language_has_no_english_label_left(example: str) -> None:
    if "language: en" in (EXAMPLES / example / "journey.yaml").read_text(encoding="utf-8"):
        pytest.skip("an English map")
    [(_, page)] = render([EXAMPLES / example / "journey.yaml"], format="html").items()
    left = sorted(page_texts(page.decode()) & _english_labels())
    assert left == [], f"English labels on the {example} page: {left}"


def test_language_overrides_the_maps_own_and_an_unknown_one_is_a_warning(cli: Cli, tmp_path: Path) -> None:
    journey = EXAMPLES / "online-store-en" / "journey.yaml"
    german = cli("render", str(journey), "-f", "markdown", "--language", "de")
    assert german.exit_code == 0
    assert "| Schritt | Touchpoints | Emotion | Schlüsselmoment |" in german.stdout
    french = cli("render", str(journey), "-f", "markdown", "--language", "fr")
    assert french.exit_code == 0
    assert "cjm has no labels in the language 'fr'" in french.stderr
    assert "| Step | Touchpoints | Emotion | Key moment |" in french.stdout
    wrong = cli("render", str(journey), "-f", "markdown", "--language", "not a language")
    assert wrong.exit_code == 2
    assert "'not a language' is not a language code" in wrong.stderr
