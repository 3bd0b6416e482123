"""The rendered pages in a real headless Chromium: they load alone, show the stages, run nothing.

Uses Debian's `chromium` through Playwright's driver. On a machine without Chromium the
tests are skipped with a line saying how to install it; with CI=true they fail instead.
"""

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cjm.api import validate
from cjm.model import Journey
from cjm.views import RenderFormat, RenderNoteWarning
from cjm.views.outputs import render_journey
from tests.conftest import EXAMPLES
from tests.samples import PAYLOADS, hostile_journey

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
INSTALL = "install Chromium to run browser tests: sudo apt-get install chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None or shutil.which("dot") is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium and Graphviz are required in CI: {INSTALL} graphviz")
        pytest.skip(INSTALL)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def open_page(browser: Any, path: Path) -> tuple[Any, list[str], list[str]]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    problems: list[str] = []
    requests: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri(), wait_until="load")
    return page, problems, requests


def rendered_examples(folder: Path) -> list[tuple[Journey, Path]]:
    report = validate([str(EXAMPLES)])
    pages = []
    for item in report.valid:
        if isinstance(item.model, Journey):
            path = folder / f"{item.model.id}.html"
            path.write_bytes(render_journey(item.model, report.index, RenderFormat.HTML))
            pages.append((item.model, path))
    return pages


def test_every_example_page_loads_alone_and_shows_its_stages(browser: Any, tmp_path: Path) -> None:
    pages = rendered_examples(tmp_path)
    assert len(pages) >= 3
    for journey, path in pages:
        page, problems, requests = open_page(browser, path)
        screenshot = tmp_path / f"{journey.id}.png"
        page.screenshot(path=str(screenshot), full_page=True)
        assert screenshot.stat().st_size > 10_000
        text = " ".join(page.inner_text("body").split())
        for stage in journey.stages:
            assert " ".join(stage.name.split()) in text, stage.name
        assert problems == [], journey.id
        assert requests == [path.as_uri()], journey.id
        page.close()


def at_width(browser: Any, path: Path, width: int) -> Any:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(path.as_uri())
    return page


def boxes(page: Any, selector: str) -> list[dict[str, float]]:
    return list(
        page.evaluate(
            "(s) => [...document.querySelectorAll(s)].map(e => { const r = e.getBoundingClientRect();"
            " return {x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height}; })",
            selector,
        )
    )


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {journey.id: path for journey, path in rendered_examples(tmp_path_factory.mktemp("pages"))}


@pytest.fixture(scope="module")
def index_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from cjm.api import render

    folder = tmp_path_factory.mktemp("site")
    with pytest.warns(RenderNoteWarning):  # Mermaid's look-alikes
        render([str(EXAMPLES)], format=["html", "markdown", "mermaid", "blueprint"], output=folder)
    return folder / "index.html"


def blueprints(index_page: Path) -> dict[str, Path]:
    """The service blueprint pages rendered beside the index."""
    return {path.name: path for path in sorted(index_page.parent.glob("*.blueprint.html"))}


def test_the_blueprint_page_shows_its_layers_and_lines_and_scrolls_in_its_box(browser: Any, index_page: Path) -> None:
    [path] = [p for name, p in blueprints(index_page).items() if name.startswith("kfz-schaden")]
    for width in (390, 1600):
        page = at_width(browser, path, width)
        facts = page.evaluate(
            """() => ({
            lines: [...document.querySelectorAll('tr.line th')].map(th => th.textContent.trim()),
            layers: document.querySelectorAll('th.layer').length,
            page: document.documentElement.scrollWidth,
            box: document.querySelector('.scroll').scrollWidth > document.querySelector('.scroll').clientWidth,
        })"""
        )
        assert facts["lines"] == ["Interaktionslinie", "Sichtbarkeitslinie", "Linie der internen Interaktion"]
        assert facts["layers"] == 6  # the corner and five layers
        assert facts["page"] <= width  # a wide blueprint scrolls in its own box, not the page
        assert facts["box"]
        page.close()


def test_at_1600_px_every_stage_is_on_screen_without_scrolling_sideways(browser: Any, pages: dict[str, Path]) -> None:
    for key, path in pages.items():
        page = at_width(browser, path, 1600)
        assert page.evaluate("document.documentElement.scrollWidth") <= 1600, key
        grid = page.evaluate(
            "(() => { const m = document.querySelector('main.map'); return [m.clientWidth, m.scrollWidth]; })()"
        )
        assert grid[1] <= grid[0], f"{key}: the grid scrolls sideways"
        heads = boxes(page, "th.stage-head")
        assert len(heads) >= 6
        assert all(head["x"] >= 0 and head["x"] + head["width"] <= 1600 for head in heads), key
        page.close()


def test_at_2560_px_the_grid_and_the_persona_cards_use_the_width(browser: Any, pages: dict[str, Path]) -> None:
    page = at_width(browser, pages["greenbasket-first-purchase"], 2560)
    [grid] = boxes(page, "table.grid")
    assert grid["width"] >= 0.95 * (2560 - 64)
    cards = boxes(page, "article.persona")
    row = [card for card in cards if card["y"] == cards[0]["y"]]
    [section] = boxes(page, "section.personas")
    assert sum(card["width"] for card in row) >= 0.9 * (section["width"] - 64)
    page.close()


def test_on_a_phone_each_stage_is_a_card_with_every_lane_inside(browser: Any, pages: dict[str, Path]) -> None:
    page = at_width(browser, pages["home-appliances-loyalty-loop"], 400)
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    heads = boxes(page, "th.stage-head")
    assert [head["y"] for head in heads] == sorted(head["y"] for head in heads)
    assert all(head["width"] >= 360 for head in heads)  # full width, one under another
    assert page.evaluate("getComputedStyle(document.querySelector('th.lane')).display") == "none"
    cells = page.evaluate(
        "[...document.querySelectorAll('tbody td')].map(td => [td.style.getPropertyValue('--s'),"
        " getComputedStyle(td, '::before').content, td.getBoundingClientRect().top + scrollY])"
    )
    lanes = {lane for _, lane, _ in cells}
    assert len(lanes) == page.evaluate("document.querySelectorAll('tbody tr').length")  # every lane, named in each card
    first_stage = [top for stage, _, top in cells if stage.strip() == "1"]
    second_head = heads[1]["y"]
    assert max(first_stage) < second_head  # the first card holds all its lanes before the second begins
    page.close()


def test_printed_on_a3_landscape_a_six_stage_map_takes_at_most_two_pages(browser: Any, pages: dict[str, Path]) -> None:
    page = at_width(browser, pages["greenbasket-first-purchase"], 1600)
    pdf = page.pdf(format="A3", landscape=True, print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) <= 2
    page.close()


def test_the_flow_diagram_text_reads_at_body_size_and_its_box_scrolls_not_the_page(
    browser: Any, pages: dict[str, Path]
) -> None:
    page = at_width(browser, pages["home-appliances-loyalty-loop"], 1600)
    sizes = page.evaluate(
        "[...document.querySelectorAll('.diagram svg text')].map(t => t.getBoundingClientRect().height)"
    )
    assert sorted(sizes)[len(sizes) // 2] >= 12  # the median line of text
    box = page.evaluate(
        "(() => { const d = document.querySelector('.diagram'); return [d.clientWidth, d.scrollWidth, d.tabIndex]; })()"
    )
    assert box[1] > box[0]
    assert box[2] == 0  # a keyboard reaches it to scroll it
    assert page.evaluate("document.documentElement.scrollWidth") <= 1600
    page.close()


def test_the_emotion_curve_numbers_its_points_as_the_action_list_does(browser: Any, pages: dict[str, Path]) -> None:
    page = at_width(browser, pages["online-accounting-smb"], 1600)
    listed = page.evaluate(
        "[...document.querySelectorAll('tr.lane-actions ol.steps')].flatMap(ol =>"
        " [...ol.children].map((li, n) => ol.start + n))"
    )
    marked = page.evaluate("[...document.querySelectorAll('tr.lane-emotion text.number')].map(t => +t.textContent)")
    assert listed == marked == list(range(1, len(listed) + 1))
    page.close()


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.mark.parametrize("width", [400, 1600])
def test_the_accessibility_engine_finds_nothing_on_any_example(
    browser: Any, pages: dict[str, Path], index_page: Path, width: int
) -> None:
    from axe_playwright_python.base import AXE_SCRIPT

    for key, path in [*pages.items(), *blueprints(index_page).items(), ("index", index_page)]:
        page = at_width(browser, path, width)
        page.evaluate(AXE_SCRIPT)  # through the driver: the page's policy forbids scripts of its own
        found = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
        violations = [(v["id"], [n["html"][:120] for n in v["nodes"]]) for v in found["violations"]]
        assert violations == [], f"{key} at {width} px: {violations}"
        page.close()


@pytest.mark.parametrize("payload", PAYLOADS[:3])
def test_a_hostile_page_runs_no_script_and_loads_nothing(browser: Any, tmp_path: Path, payload: str) -> None:
    source = tmp_path / "hostile.yaml"
    source.write_text(hostile_journey(payload), encoding="utf-8")
    report = validate([str(source)])
    [journey] = [v.model for v in report.valid if isinstance(v.model, Journey)]
    path = tmp_path / "hostile.html"
    path.write_bytes(render_journey(journey, report.index, RenderFormat.HTML))
    page, problems, requests = open_page(browser, path)
    assert page.evaluate("() => window.pwned") is None
    assert requests == [path.as_uri()]
    assert problems == []
    assert page.evaluate("() => document.querySelectorAll('script, img[onerror]').length") == 0
    assert payload.split("\n")[0] in page.inner_text("body")
    policy = page.evaluate(
        "() => document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').getAttribute('content')"
    )
    assert policy.startswith("default-src 'none'")
    page.close()
