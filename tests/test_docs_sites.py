"""Journey maps inside documentation sites: a real MkDocs (Material) site and a real Sphinx
project are built from the examples, and their pages checked; a broken map fails the build."""

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES

pytest.importorskip("mkdocs")
pytest.importorskip("sphinx")
NEEDS_DOT = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz draws the diagrams")

MKDOCS_YML = """\
site_name: Journeys
theme:
  name: material
  palette:
    - scheme: default
    - scheme: slate
plugins:
  - search
  - cjm:
      strict: {strict}
"""
PAGE = """\
# Our journeys

```cjm
file: ../journeys/loyalty-loop-ru
```

```cjm
file: /journeys/online-store-en/journey.yaml
view: flow
```

```cjm
file: ../journeys/b2b-service-pl/journey.yaml
view: mermaid
language: en
```
"""
CONF_PY = 'project = "Journeys"\nextensions = ["cjm.integrations.sphinx"]\ncjm_strict = {strict}\n'
INDEX_RST = """\
Our journeys
============

.. cjm:: ../journeys/loyalty-loop-ru/journey.yaml

.. cjm:: /../journeys/online-store-en/journey.yaml
   :view: flow

.. cjm:: ../journeys/b2b-service-pl
   :view: mermaid
"""


def _project(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES, tmp_path / "journeys")
    return tmp_path


def mkdocs_site(tmp_path: Path, *, strict: bool = False, page: str = PAGE) -> Path:
    root = _project(tmp_path)
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text(page, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(strict=str(strict).lower()), encoding="utf-8")
    return root


def build_mkdocs(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=root, check=False)


def sphinx_project(tmp_path: Path, *, strict: bool = False) -> Path:
    root = _project(tmp_path)
    (root / "docs").mkdir()
    (root / "docs" / "conf.py").write_text(CONF_PY.format(strict=strict), encoding="utf-8")
    (root / "docs" / "index.rst").write_text(INDEX_RST, encoding="utf-8")
    return root


def build_sphinx(root: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(root / "docs"), str(root / "_build")]
    return subprocess.run(command, capture_output=True, text=True, cwd=root, check=False)


def break_map(root: Path) -> int:
    """Make the Russian example's first emotion out of range; return its line."""
    journey = root / "journeys" / "loyalty-loop-ru" / "journey.yaml"
    lines = journey.read_text(encoding="utf-8").split("\n")
    number = next(n for n, line in enumerate(lines) if line.strip().startswith("emotion: -1"))
    lines[number] = lines[number].replace("emotion: -1", "emotion: -7")
    journey.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def assets_of(page: str, site: Path, base: Path) -> list[Path]:
    """The cjm assets the page links to, each checked to exist and to be named by its content."""
    found = []
    for href in re.findall(r'href="([^"]*assets/cjm/[^"]+)"', page):
        path = (base / href).resolve()
        assert path.is_file(), href
        assert path.is_relative_to(site.resolve())
        digest = re.search(r"-([0-9a-f]{12})\.\w+$", path.name)
        assert digest is not None
        assert hashlib.sha256(path.read_bytes()).hexdigest()[:12] == digest[1]
        found.append(path)
    return found


@NEEDS_DOT
def test_a_material_site_shows_the_map_the_flow_and_mermaid_from_the_examples(tmp_path: Path) -> None:
    root = mkdocs_site(tmp_path)
    result = build_mkdocs(root)
    assert result.returncode == 0, result.stderr
    page = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert page.count('<template shadowrootmode="open">') == 2
    assert "Покупка стиральной машины" in page
    assert "<h2>Покупка стиральной машины" in page  # the map's title sits under the page's own
    assert "<svg" in page
    assert "language-mermaid" in page
    assert "journey\n" in page
    assert "<script" not in page.split('<div class="cjm-embed"')[1].split("</template>")[0]
    names = sorted(path.suffix for path in assets_of(page, root / "site", root / "site"))
    assert names == [".html", ".svg"]


@NEEDS_DOT
def test_a_broken_map_fails_the_mkdocs_build_with_its_place(tmp_path: Path) -> None:
    root = mkdocs_site(tmp_path)
    line = break_map(root)
    result = build_mkdocs(root)
    assert result.returncode != 0
    assert f"journeys/loyalty-loop-ru/journey.yaml:{line}:" in result.stderr
    assert "error CJM022" in result.stderr
    assert "Traceback" not in result.stderr


@NEEDS_DOT
def test_strict_fails_the_mkdocs_build_on_lint_findings(tmp_path: Path) -> None:
    page = "# One\n\n```cjm\nfile: ../journeys/loyalty-loop-ru\n```\n"
    root = mkdocs_site(tmp_path, page=page)
    journey = root / "journeys" / "loyalty-loop-ru" / "journey.yaml"
    text = journey.read_text(encoding="utf-8")
    journey.write_text(re.sub(r"\nscenario: [^\n]*", "\nscenario: TODO", text, count=1), encoding="utf-8")
    assert build_mkdocs(root).returncode == 0
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(strict="true"), encoding="utf-8")
    result = build_mkdocs(root)
    assert result.returncode != 0
    assert "CJM207" in result.stderr


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("file: ../journeys/nowhere.yaml", "no such file or folder"),
        ("file: ../journeys/loyalty-loop-ru\nview: poster", "view 'poster': choose one of map, flow, mermaid"),
        ("file: ../journeys/loyalty-loop-ru\ncolour: red", "unknown key 'colour'"),
        ("view: flow", "a ```cjm block names a journey file"),
        ("file: ../journeys\n", "holds 4 journeys"),
    ],
)
def test_a_wrong_block_fails_the_build_saying_why(tmp_path: Path, block: str, message: str) -> None:
    root = mkdocs_site(tmp_path, page=f"# One\n\n```cjm\n{block}\n```\n")
    result = build_mkdocs(root)
    assert result.returncode != 0
    assert message in result.stderr


@NEEDS_DOT
def test_mkdocs_serve_watches_the_folders_of_the_maps_it_showed(tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = mkdocs_site(tmp_path)
    yml = root / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("  - search\n", ""), encoding="utf-8")  # needs startup
    config = load_config(str(yml))
    build(config)
    plugin = config.plugins["cjm"]

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = Server()
    plugin.on_serve(server, config=config, builder=None)
    folders = {Path(path) for path in server.watched}
    assert (root / "journeys" / "loyalty-loop-ru").resolve() in {f.resolve() for f in folders}
    assert (root / "journeys" / "loyalty-loop-ru" / "personas").resolve() in {f.resolve() for f in folders}


@NEEDS_DOT
def test_a_sphinx_project_shows_the_map_the_flow_and_the_mermaid_text(tmp_path: Path) -> None:
    root = sphinx_project(tmp_path)
    result = build_sphinx(root)
    assert result.returncode == 0, result.stderr
    page = (root / "_build" / "index.html").read_text(encoding="utf-8")
    assert page.count('<template shadowrootmode="open">') == 2
    assert "Покупка стиральной машины" in page
    assert "journey" in page
    names = sorted(path.suffix for path in assets_of(page, root / "_build", root / "_build"))
    assert names == [".html", ".svg"]


@NEEDS_DOT
def test_a_broken_map_fails_the_sphinx_build_until_it_is_fixed(tmp_path: Path) -> None:
    root = sphinx_project(tmp_path)
    line = break_map(root)
    for _ in range(2):  # the second build reads the document again: still broken, still failing
        result = build_sphinx(root)
        assert result.returncode == 1
        assert f"loyalty-loop-ru/journey.yaml:{line}:" in result.stderr
        assert "index.rst:4" in result.stderr
        assert "Traceback" not in result.stderr
    journey = root / "journeys" / "loyalty-loop-ru" / "journey.yaml"
    journey.write_text(journey.read_text(encoding="utf-8").replace("emotion: -7", "emotion: -1"), encoding="utf-8")
    assert build_sphinx(root).returncode == 0


def material_page_checks(browser: Any, url: str) -> None:
    """The embedded map in a Material page, light and dark, phone and laptop: shown, inside the
    content column, its own colours (dark text on a light card) whatever the site's scheme."""
    for scheme in ("default", "slate"):
        for width in (390, 1366):
            page = browser.new_page(viewport={"width": width, "height": 900})
            requests: list[str] = []
            page.on("request", lambda request, seen=requests: seen.append(request.url))
            page.goto(url, wait_until="load")
            page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
            facts = page.evaluate(
                """() => {
                const host = document.querySelector('.cjm-embed');
                const root = host.shadowRoot;
                const grid = root.querySelector('table.grid');
                const band = root.querySelector('.band h2');
                return {
                    shadow: !!root, height: host.getBoundingClientRect().height,
                    hostWidth: host.getBoundingClientRect().width,
                    content: document.querySelector('.md-content').getBoundingClientRect().width,
                    page: document.documentElement.scrollWidth, viewport: window.innerWidth,
                    grid: !!grid, band: getComputedStyle(band).color,
                    text: getComputedStyle(root.querySelector('.persona')).color,
                };
            }"""
            )
            assert facts["shadow"]
            assert facts["grid"]
            assert facts["height"] > 500
            assert facts["hostWidth"] <= facts["content"] + 1
            assert facts["page"] <= facts["viewport"], (scheme, width)
            assert facts["band"] == "rgb(255, 255, 255)"
            assert facts["text"] == "rgb(31, 41, 51)"
            # The map asks for nothing (Material itself may load its fonts): nothing of cjm's is
            # requested, and nothing in the shadow root could request anything.
            assert not [request for request in requests if "cjm" in request]
            loading = "document.querySelector('.cjm-embed').shadowRoot.querySelectorAll('img, link, script, iframe')"
            assert page.evaluate(f"{loading}.length") == 0
            page.close()


@NEEDS_DOT
def test_the_map_sits_in_a_material_page_light_and_dark(tmp_path: Path) -> None:
    from tests.test_browser import CHROMIUM, INSTALL

    if CHROMIUM is None:
        if os.environ.get("CI") == "true":
            pytest.fail(INSTALL)
        pytest.skip(INSTALL)
    from playwright.sync_api import sync_playwright

    from tests.test_browser import ARGS

    root = mkdocs_site(tmp_path)
    assert build_mkdocs(root).returncode == 0
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            material_page_checks(launched, (root / "site" / "index.html").as_uri())
        finally:
            launched.close()
