"""cjm render: every format of every example, byte-for-byte stable, safe with hostile text."""

import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from markupsafe import Markup
from typer.testing import Result

from cjm.api import Report, validate
from cjm.model import Journey
from cjm.views import EXTENSIONS, RenderFormat
from cjm.views.html import render_html
from cjm.views.mermaid import mermaid_text, score
from cjm.views.outputs import render_journey
from tests.conftest import EXAMPLES, ROOT
from tests.mermaid_journey import JS_SPACE
from tests.mermaid_journey import parse as parse_mermaid
from tests.samples import MINIMAL_JOURNEY, MINIMAL_PERSONA, PAYLOADS, hostile_journey

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]
GOLDEN = ROOT / "tests" / "golden"
HAS_DOT = shutil.which("dot") is not None
needs_dot = pytest.mark.skipif(not HAS_DOT, reason="Graphviz is not installed: apt-get install graphviz")
SVG_NS = "{http://www.w3.org/2000/svg}"


def example_report() -> Report:
    report = validate([str(EXAMPLES)])
    assert report.diagnostics == []
    return report


def example_journeys() -> list[Journey]:
    return sorted((v.model for v in example_report().valid if isinstance(v.model, Journey)), key=lambda j: j.id)


EXAMPLE_IDS = [j.id for j in example_journeys()] if EXAMPLES.exists() else []


def journey_by_id(report: Report, key: str) -> Journey:
    [journey] = [v.model for v in report.valid if isinstance(v.model, Journey) and v.model.id == key]
    return journey


def golden_check(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if os.environ.get("CJM_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert path.exists(), f"no golden file {path}; run with CJM_UPDATE_GOLDEN=1 and review the result"
    assert data == path.read_bytes(), f"{name} differs from its golden file; review and regenerate if intended"


@pytest.mark.parametrize("key", EXAMPLE_IDS)
@pytest.mark.parametrize(
    "output_format", [RenderFormat.DOT, RenderFormat.MERMAID, RenderFormat.MARKDOWN, RenderFormat.BLUEPRINT]
)
def test_text_formats_match_their_golden_files(key: str, output_format: RenderFormat) -> None:
    report = example_report()
    data = render_journey(journey_by_id(report, key), report.index, output_format)
    golden_check(key + EXTENSIONS[output_format], data)


@pytest.mark.parametrize("key", EXAMPLE_IDS)
def test_html_page_matches_its_golden_file(key: str) -> None:
    report = example_report()
    journey = journey_by_id(report, key)
    touchpoints = {k: t for k, (_, t) in report.index.touchpoints.items()} | {t.id: t for t in journey.touchpoints}
    personas = [report.index.personas[p][1] for p in journey.personas]
    page = render_html(journey, personas, touchpoints, Markup("<svg><!-- the Graphviz diagram --></svg>"))
    golden_check(key + ".html", page.encode("utf-8"))


@needs_dot
@pytest.mark.parametrize("key", EXAMPLE_IDS)
@pytest.mark.parametrize("output_format", [RenderFormat.SVG, RenderFormat.HTML, RenderFormat.BLUEPRINT_SVG])
def test_graphviz_formats_are_deterministic_and_well_formed(key: str, output_format: RenderFormat) -> None:
    report = example_report()
    journey = journey_by_id(report, key)
    first = render_journey(journey, report.index, output_format)
    assert render_journey(journey, report.index, output_format) == first
    root = ET.fromstring(first)
    texts = "".join(root.itertext())
    for stage in journey.stages:
        assert " ".join(stage.name.split()[:2]) in " ".join(texts.split())


@needs_dot
def test_render_examples_folder_writes_every_journey_and_an_index(cli: Cli, tmp_path: Path) -> None:
    result = cli("render", str(EXAMPLES), "--output", str(tmp_path / "site"))
    assert result.exit_code == 0, result.stdout + result.stderr
    written = sorted(p.name for p in (tmp_path / "site").iterdir())
    assert written == sorted([f"{key}.html" for key in EXAMPLE_IDS] + ["index.html"])
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    for key in EXAMPLE_IDS:
        assert f'href="{key}.html"' in index


@pytest.mark.parametrize("output_format", ["mermaid", "markdown", "dot"])
def test_one_journey_goes_to_standard_output_without_output(cli: Cli, write: Write, output_format: str) -> None:
    journey, persona = write("j.yaml", MINIMAL_JOURNEY), write("p.yaml", MINIMAL_PERSONA)
    result = cli("render", str(journey), str(persona), "--format", output_format)
    assert result.exit_code == 0, result.stderr
    assert "Zakup" in result.stdout


def test_mermaid_maps_the_emotion_scale_and_personas(write: Write) -> None:
    journey, persona = write("j.yaml", MINIMAL_JOURNEY), write("p.yaml", MINIMAL_PERSONA)
    report = validate([str(journey), str(persona)])
    text = render_journey(journey_by_id(report, "coffee-subscription"), report.index, RenderFormat.MERMAID)
    assert text.decode() == (
        "journey\n"
        "    title Coffee subscription\n"
        "    accTitle: Coffee subscription\n"
        "    accDescr: How the customer feels at each step, from 1 (very negative) to 5 (very positive).\n"
        "    section Осознание потребности\n"
        "      Видит рекламу в соцсетях: 4: Ольга， менеджер\n"
        "    section Zakup\n"
        "      Pays by card: 2: Ольга， менеджер\n"
    )
    assert [score(e) for e in (-2, -1, 0, 1, 2)] == [1, 2, 3, 4, 5]


def test_a_persona_name_with_a_comma_stays_one_mermaid_actor() -> None:
    from cjm.views.mermaid import mermaid_actor

    assert mermaid_actor("Smith, John") == "Smith， John"
    assert "," not in mermaid_actor("Anna, the busy parent, 34")


def test_mermaid_text_cannot_break_the_syntax() -> None:
    assert mermaid_text("a: b; c # d\nnext `x` <b>") == "a\ua789 b\u037e c \uff03 d next \u02cbx\u02cb \u2039b\u203a"
    for payload in PAYLOADS:
        line = mermaid_text(payload)
        assert not set(line) & set(":;#\n`<>")


def test_invalid_input_is_reported_and_nothing_is_written(cli: Cli, write: Write) -> None:
    journey = write("j.yaml", MINIMAL_JOURNEY.replace("emotion: 1", "emotion: 9"))
    result = cli("render", str(journey), "--format", "markdown", "--output", "out.md")
    assert result.exit_code == 1
    assert "CJM022" in result.stderr
    assert not Path("out.md").exists()


def test_output_over_an_input_file_is_refused(cli: Cli, write: Write) -> None:
    journey, persona = write("j.yaml", MINIMAL_JOURNEY), write("p.yaml", MINIMAL_PERSONA)
    before = journey.read_bytes()
    result = cli("render", str(journey), str(persona), "--format", "markdown", "--output", str(journey))
    assert result.exit_code == 2
    assert "input" in result.stderr
    assert journey.read_bytes() == before


def test_several_journeys_need_an_output_folder(cli: Cli, write: Write) -> None:
    write("a.yaml", MINIMAL_JOURNEY)
    write("b.yaml", MINIMAL_JOURNEY.replace("id: coffee-subscription", "id: tea"))
    write("p.yaml", MINIMAL_PERSONA)
    result = cli("render", "a.yaml", "b.yaml", "p.yaml", "--format", "mermaid")
    assert result.exit_code == 2
    result = cli("render", "a.yaml", "b.yaml", "p.yaml", "--format", "mermaid", "--output", "site")
    assert result.exit_code == 0
    assert sorted(p.name for p in Path("site").iterdir()) == ["coffee-subscription.mmd", "tea.mmd"]


def test_a_file_with_only_personas_has_nothing_to_render(cli: Cli, write: Write) -> None:
    result = cli("render", str(write("p.yaml", MINIMAL_PERSONA)), "--format", "mermaid")
    assert result.exit_code == 2
    assert "no journey" in result.stderr


def test_missing_graphviz_gives_a_clear_message(cli: Cli, write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    journey, persona = write("j.yaml", MINIMAL_JOURNEY), write("p.yaml", MINIMAL_PERSONA)
    monkeypatch.setenv("PATH", str(Path("empty-bin").resolve()))
    for output_format in ("svg", "html"):
        result = cli("render", str(journey), str(persona), "--format", output_format, "--output", "out")
        assert result.exit_code == 2
        assert "Graphviz is not installed" in result.stderr
        assert "apt-get install graphviz" in result.stderr
    assert not Path("out").exists()


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@needs_dot
@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_text_in_every_field_stays_text_in_html_and_svg(write: Write, payload: str) -> None:
    report = validate([str(write("h.yaml", hostile_journey(payload)))])
    assert report.diagnostics == []
    journey = journey_by_id(report, "hostile")
    for output_format in (RenderFormat.HTML, RenderFormat.SVG):
        data = render_journey(journey, report.index, output_format)
        ET.fromstring(data)  # well-formed XML, so nothing escaped its element
        collector = _Collector()
        collector.feed(data.decode("utf-8"))
        assert "script" not in collector.tags
        assert "img" not in collector.tags
        assert not [name for name, _ in collector.attributes if name.startswith("on")]
        assert [
            value for name, value in collector.attributes if name == "href" and value and "javascript" in value
        ] == []
        flat = " ".join("".join(collector.text).split())
        visible = " ".join(payload.replace("\u200b", " ").split())
        if output_format is RenderFormat.HTML:
            assert visible in flat.replace("\u200b", " ")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_text_cannot_break_dot_mermaid_or_markdown(write: Write, payload: str) -> None:
    report = validate([str(write("h.yaml", hostile_journey(payload)))])
    journey = journey_by_id(report, "hostile")
    dot = render_journey(journey, report.index, RenderFormat.DOT).decode()
    labels_removed = re.sub(r"label=<(?:[^<>]|<[^<>]*>)*>", "label=<>", dot)
    assert "injected" not in labels_removed
    assert "<script>" not in dot
    mermaid = render_journey(journey, report.index, RenderFormat.MERMAID).decode()
    for line in mermaid.splitlines()[4:]:  # after journey, title, accTitle and accDescr
        assert re.fullmatch(r"    section [^:]+|      [^:]+: [1-5]: [^:]+", line), line
    markdown = render_journey(journey, report.index, RenderFormat.MARKDOWN).decode()
    assert "<script" not in markdown
    assert "<img" not in markdown
    columns = 0
    for line in markdown.splitlines():
        if not line.startswith("| "):
            columns = 0
        elif line.startswith("| ---"):
            columns = line.count("|")
        elif columns:
            assert len(re.split(r"(?<!\\)\|", line)) == columns + 1, line  # as many cells as its header


def test_render_does_not_import_rich_for_plain_output(write: Write) -> None:
    import subprocess
    import sys

    journey, persona = write("j.yaml", MINIMAL_JOURNEY), write("p.yaml", MINIMAL_PERSONA)
    code = (
        f"import sys, runpy; sys.argv = ['cjm', 'render', {str(journey)!r}, {str(persona)!r}, '-f', 'mermaid']\n"
        "try:\n    runpy.run_module('cjm', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('graphviz', 'jinja2') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    assert result.stdout.decode().splitlines()[-1] == "[]"


def test_an_output_file_name_with_several_journeys_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    result = cli("render", str(EXAMPLES), "--output", str(tmp_path / "one.html"))
    assert result.exit_code == 2
    assert f"names one file, but there are {len(EXAMPLE_IDS)} journeys to render: give a folder" in result.stderr
    assert not (tmp_path / "one.html").exists()


def test_a_folder_with_one_journey_renders_into_a_named_file(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "new" / "store.html"
    result = cli("render", str(EXAMPLES / "online-store-en"), "--output", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.is_file()
    assert target.read_bytes().startswith(b"<!DOCTYPE html>")


MERMAID_TRAPS = (
    "journey",
    "Journey planning",
    "Section 2 of the form",
    "TITLE Hacked",
    "  title after spaces",
    "\ufeffjourney after a byte-order mark",
    "accTitle: stolen",
    "acctitle : stolen",
    "accDescr: stolen",
    "accDescr { and every line after",
    "%%{init: {'theme': 'dark'}}%%",
    "x%%comment",
    "#1 step",
    "a; b",
    "a: 5: b",
    "Smith, John",
    "line one\nline two",
)
"""Texts that would be Mermaid syntax: keywords in any case, separators, comments, directives."""


def visible(text: str) -> str:
    """What a Mermaid text shows: look-alikes read as the characters they stand for."""
    originals = dict(zip(":;#%`<>,", "\ua789\u037e\uff03\uff05\u02cb\u2039\u203a\uff0c", strict=True))
    return "".join({v: k for k, v in originals.items()}.get(c, c) for c in text.replace("\u2060", ""))


def trap_journey(text: str) -> tuple[str, str]:
    """A journey whose title, stage name and step action, and a persona whose name, are the text."""
    quoted = json.dumps(text, ensure_ascii=False)
    journey = (
        MINIMAL_JOURNEY.replace("title: Coffee subscription", f"title: {quoted}")
        .replace("name: Zakup", f"name: {quoted}")
        .replace("action: Pays by card", f"action: {quoted}")
    )
    return journey, MINIMAL_PERSONA.replace("name: Ольга, менеджер", f"name: {quoted}")


@pytest.mark.parametrize("text", MERMAID_TRAPS)
def test_a_mermaid_keyword_or_separator_in_any_text_stays_text(write: Write, text: str) -> None:
    journey, persona = trap_journey(text)
    report = validate([str(write("j.yaml", journey)), str(write("p.yaml", persona))])
    assert report.diagnostics == []
    source = render_journey(journey_by_id(report, "coffee-subscription"), report.index, RenderFormat.MERMAID).decode()
    diagram = parse_mermaid(source)
    shown = re.sub(JS_SPACE + "+", " ", text).strip()
    assert [visible(part) for part in diagram.accessible] == [
        shown,
        "How the customer feels at each step, from 1 (very negative) to 5 (very positive).",
    ]
    assert diagram.title is not None
    assert visible(diagram.title) == shown
    assert [visible(name) for name, _ in diagram.sections] == ["Осознание потребности", shown]
    assert [[(visible(task), score) for task, score, _ in tasks] for _, tasks in diagram.sections] == [
        [("Видит рекламу в соцсетях", 4)],
        [(shown, 2)],
    ]
    assert {tuple(visible(actor) for actor in actors) for _, tasks in diagram.sections for _, _, actors in tasks} == {
        (shown,)
    }


ANY_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cs", "Cc", "Cn", "Zl", "Zp"], blacklist_characters="\ufeff\u2060"),
    min_size=1,
    max_size=30,
).filter(lambda value: value.strip() != "")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ANY_TEXT)
def test_any_text_reaches_mermaid_as_the_same_text(write: Write, text: str) -> None:
    journey, persona = trap_journey(text)
    report = validate([str(write("j.yaml", journey)), str(write("p.yaml", persona))])
    source = render_journey(journey_by_id(report, "coffee-subscription"), report.index, RenderFormat.MERMAID).decode()
    diagram = parse_mermaid(source)
    shown = re.sub(JS_SPACE + "+", " ", text).strip()
    assert diagram.title is not None
    assert visible(diagram.title) == shown
    assert visible(diagram.sections[1][0]) == shown
    [(task, _, actors)] = diagram.sections[1][1]
    assert (visible(task), [visible(actor) for actor in actors]) == (shown, [shown])


MARKDOWN_TRAPS = (
    "1. first",
    "1) first",
    "2024. a good year",
    "- [x] done",
    "+ item",
    "* item",
    "---",
    "***",
    "___",
    "===",
    "- - -",
    "# heading",
    "> quoted",
    "    indented code",
    "\tindented code",
    "| a | b |",
    "<div>html</div>",
    "<!-- comment -->",
    "```fence",
    "~~~",
    "[label]: https://example.org",
    "[^1]: a footnote",
    "paragraph\n\n1. a list after a blank line",
    "line\n---",
    "line\n===",
    "hard  \nbreak",
    "trailing backslash\\",
    "&copy; &#169; &amp;",
    "<https://example.org>",
    "*em* _em_ **strong** `code` ~~gone~~ $x$",
    "![image](https://example.org/x.png)",
    "[link](javascript:alert(1))",
    "a | b \\| c",
    "\\",
)
"""Texts that would be Markdown blocks or inline markup where cjm puts them."""

STAND_IN = "Zqxjv"


def markdown_page(write: Write, text: str) -> tuple[list[tuple[str, str, list[str]]], list[str]]:
    """The hostile journey's Markdown page read as CommonMark with GitHub's tables: its blocks (each
    token's type and tag, and for an inline one the types of its parts; the diagram's fence is one
    block whatever it holds) and the text a reader sees in each inline part."""
    from markdown_it import MarkdownIt

    report = validate([str(write("h.yaml", hostile_journey(text)))])
    page = render_journey(journey_by_id(report, "hostile"), report.index, RenderFormat.MARKDOWN).decode()
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(page)
    blocks = [(token.type, token.tag, [child.type for child in token.children or []]) for token in tokens]
    texts = [child.content for token in tokens for child in token.children or [] if child.type == "text"]
    return blocks, texts


def assert_markdown_shows(write: Write, text: str) -> None:
    """Every text stays one paragraph or one cell, as a plain word would, and reads the same."""
    blocks, texts = markdown_page(write, text)
    plain_blocks, plain_texts = markdown_page(write, STAND_IN)
    assert blocks == plain_blocks
    shown = " ".join(text.split())
    assert texts == [part.replace(STAND_IN, shown) for part in plain_texts]


@pytest.mark.parametrize("text", MARKDOWN_TRAPS + PAYLOADS)
def test_a_markdown_construct_in_any_text_stays_the_same_text(write: Write, text: str) -> None:
    assert_markdown_shows(write, text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ANY_TEXT | st.text(alphabet="-=*+_#>|`~<&[]()!\\ 1.\n\t", min_size=1, max_size=12).filter(str.strip))
def test_any_text_reaches_markdown_as_the_same_text(write: Write, text: str) -> None:
    from cjm.figures import TIGHT_UNITS

    assume(text.strip() not in TIGHT_UNITS)  # a unit such as '%' follows its figure without a space
    assert_markdown_shows(write, text)


@pytest.mark.parametrize("output_format", [RenderFormat.DOT, RenderFormat.MERMAID, RenderFormat.MARKDOWN])
def test_no_control_character_reaches_a_rendered_file(write: Write, output_format: RenderFormat) -> None:
    escapes = hostile_journey("PAYLOAD").replace('"PAYLOAD"', '"\\e[2J \\u009b2J \\x85next"')
    report = validate([str(write("h.yaml", escapes))])
    data = render_journey(journey_by_id(report, "hostile"), report.index, output_format).decode()
    assert not set(data) & {*map(chr, range(0x20)), *map(chr, range(0x7F, 0xA0))} - {"\n"}


@needs_dot
def test_a_journey_called_index_keeps_its_page_beside_the_index(cli: Cli, write: Write) -> None:
    write("maps/coffee.yaml", MINIMAL_JOURNEY)
    write("maps/index.yaml", MINIMAL_JOURNEY.replace("id: coffee-subscription", "id: index"))
    write("maps/olga.yaml", MINIMAL_PERSONA)
    result = cli("render", "maps", "-o", "site")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in Path("site").iterdir()) == [
        "coffee-subscription.html",
        "index.html",
        "index.journey.html",
    ]
    assert result.stderr == "Rendered 3 files into site\n"
    index = Path("site/index.html").read_text(encoding="utf-8")
    assert re.findall(r'href="([^"]+)"', index) == ["coffee-subscription.html", "index.journey.html"]
    assert Path("site/index.journey.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/report?a=1&copy;=2&lt;3",
        "https://example.org/a)b(c]d[e",
        "https://example.org/<script>|x|\\y",
        "https://example.org/*not*_emphasis_`code`",
        "mailto:team@example.org",
    ],
)
def test_an_evidence_link_in_markdown_goes_where_the_map_says(url: str) -> None:
    from markdown_it import MarkdownIt

    from cjm.views.markdown import md_link

    page = f"| Step | Details |\n| --- | --- |\n| a | n=5, {md_link('source', url)} |\n"
    tokens = MarkdownIt("commonmark").enable("table").parse(page)
    [cell] = [t for t in tokens if t.type == "inline" and "source" in t.content]
    links = [child for child in cell.children or [] if child.type == "link_open"]
    assert [link.attrs["href"] for link in links] == [MarkdownIt().normalizeLink(url)]
    assert [child.content for child in cell.children or [] if child.type == "text"] == ["n=5, ", "source"]


def test_a_step_without_an_emotion_is_left_out_of_mermaid_not_given_a_score(write: Write) -> None:
    journey = re.sub(r" *emotion: -1\n", "", MINIMAL_JOURNEY)
    report = validate([str(write("j.yaml", journey)), str(write("p.yaml", MINIMAL_PERSONA))])
    source = render_journey(journey_by_id(report, "coffee-subscription"), report.index, RenderFormat.MERMAID).decode()
    diagram = parse_mermaid(source)
    assert [[task for task, _, _ in tasks] for _, tasks in diagram.sections] == [["Видит рекламу в соцсетях"], []]
    assert diagram.accessible[1].endswith("(very positive). 1 step without an emotion is left out.")


@pytest.mark.parametrize("output_format", ["mermaid", "markdown"])
def test_characters_mermaid_cannot_carry_are_named_on_stderr_with_their_step(
    cli: Cli, write: Write, output_format: str
) -> None:
    journey = MINIMAL_JOURNEY.replace("action: Pays by card", "action: 'Pays: card #1; 50%'")
    write("j.yaml", journey)
    write("p.yaml", MINIMAL_PERSONA)
    result = cli("render", "j.yaml", "p.yaml", "--format", output_format)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "cjm: warning: j.yaml: persona 'olga': Mermaid splits actors at ','; the name shows a full-width comma",
        "cjm: warning: j.yaml: step 'pays': Mermaid cannot show ':' ';' '#' '%'; they are shown as look-alikes",
    ]


@needs_dot
def test_a_page_with_no_mermaid_block_says_nothing_of_mermaid(cli: Cli, write: Write) -> None:
    write("j.yaml", MINIMAL_JOURNEY.replace("action: Pays by card", "action: 'Pays: card'"))
    write("p.yaml", MINIMAL_PERSONA)
    result = cli("render", "j.yaml", "p.yaml", "--format", "html", "-o", "site/")
    assert result.exit_code == 0, result.stderr
    assert "Mermaid" not in result.stderr


def _contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_stage_colour_and_emotion_colour_holds_text_at_aa_contrast() -> None:
    from cjm.views.palette import EMOTIONS, STAGE_COLORS

    for stage_type, colour in STAGE_COLORS.items():
        assert _contrast(colour, "#ffffff") >= 4.5, f"white on the {stage_type} header"
        assert _contrast(colour, "#f7f9fc") >= 4.5, f"the {stage_type} title in the diagram"
    for value, style in EMOTIONS.items():
        assert _contrast(style.marker, "#fcfdfe") >= 4.5, f"the {value:+d} label on the curve"
        assert _contrast("#1f2933", style.fill) >= 4.5, f"text on the {value:+d} fill"


def _with_emotions(*emotions: int | None) -> Journey:
    steps = [
        {"id": f"s{n}", "action": f"Step {n}"} | ({} if e is None else {"emotion": e}) for n, e in enumerate(emotions)
    ]
    return Journey.model_validate(
        {
            "apiVersion": "cjm/v1",
            "kind": "Journey",
            "id": "gaps",
            "title": "Gaps",
            "stages": [{"id": "one", "name": "One", "type": "awareness", "steps": steps}],
        }
    )


def test_the_emotion_curve_breaks_at_a_step_without_an_emotion_and_marks_it_hollow() -> None:
    from cjm.views.emotion import emotion_slices
    from cjm.views.words import words_for

    [whole] = emotion_slices(_with_emotions(1, 2, 0, -1), words_for("en")[0])
    [broken] = emotion_slices(_with_emotions(1, 2, None, -1, 0), words_for("en")[0])
    assert whole.path.count("M") == 1
    assert broken.path.count("M") == 2  # two runs: the line does not bridge the gap
    gap = broken.points[2]
    assert (gap.number, gap.emotion, gap.label) == (3, None, "emotion not recorded")
    ends = [float(x) for x in re.findall(r"(-?[\d.]+) -?[\d.]+(?=C|M|$)", broken.path)]
    assert not any(broken.points[1].x < x < broken.points[3].x for x in ends)
    assert [p.number for p in broken.points] == [1, 2, 3, 4, 5]


@needs_dot
def test_the_flow_diagram_has_its_legend_in_its_label_and_an_accessible_name(write: Write) -> None:
    report = validate([str(write("j.yaml", MINIMAL_JOURNEY)), str(write("p.yaml", MINIMAL_PERSONA))])
    journey = journey_by_id(report, "coffee-subscription")
    dot = render_journey(journey, report.index, RenderFormat.DOT).decode()
    assert "legend_" not in dot  # no legend nodes to take a rank of the layout
    assert "xlabel=<the coffee disappointed" in dot  # a loop's label beside its edge
    svg = render_journey(journey, report.index, RenderFormat.SVG).decode()
    root = ET.fromstring(svg)
    space = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "flow-title flow-desc"
    assert root.find(f"{space}title").text == "Coffee subscription"
    assert root.find(f"{space}desc").text == "A flow diagram of 2 stages, 2 steps. 1 way loops back."


@needs_dot
def test_the_grid_shows_each_way_on_under_its_stage_with_condition_and_trigger(write: Write) -> None:
    text = MINIMAL_JOURNEY.replace(
        "condition: the coffee disappointed", "condition: the coffee disappointed\n    trigger: a reminder SMS"
    )
    report = validate([str(write("j.yaml", text)), str(write("p.yaml", MINIMAL_PERSONA))])
    page = render_journey(journey_by_id(report, "coffee-subscription"), report.index, RenderFormat.HTML).decode()
    ways = re.search(r'<tr class="lane-ways".*?</tr>', page, re.DOTALL)
    assert ways is not None
    cells = re.findall(r"<td.*?</td>", ways.group(), re.DOTALL)
    words = [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in cells]
    assert words == ["", "↩ Loop back to 1. Осознание потребности If: the coffee disappointed Trigger: a reminder SMS"]
