"""The rendered pages in a real headless Chromium: they load alone, show the stages, run nothing.

Uses Debian's `chromium` through Playwright's driver. On a machine without Chromium the
tests are skipped with a line saying how to install it; with CI=true they fail instead.
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cjm.api import validate
from cjm.model import Journey
from cjm.views import RenderFormat
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
        width = page.evaluate("() => document.querySelector('table.grid').getBoundingClientRect().width")
        assert width >= 170 + 280 * len(journey.stages) - 2
        page.close()


def test_the_grid_scrolls_inside_its_box_on_a_narrow_screen(browser: Any, tmp_path: Path) -> None:
    _, path = rendered_examples(tmp_path)[0]
    page = browser.new_page(viewport={"width": 420, "height": 800})
    page.goto(path.as_uri())
    page_width = page.evaluate("() => document.documentElement.scrollWidth")
    map_box = page.evaluate(
        "() => { const m = document.querySelector('main.map'); return [m.clientWidth, m.scrollWidth]; }"
    )
    assert page_width <= 420
    assert map_box[1] > map_box[0]
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
