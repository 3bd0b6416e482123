"""A journey map inside another site's page: the MkDocs plugin and the Sphinx extension both ask
`embed` for a view of a journey file and get HTML to put in the page, and the files to publish
beside it, named by the hash of their content.

The map and the flow diagram are placed in a declarative shadow root (`<template
shadowrootmode="open">`): the map's own stylesheet applies inside it and the site's theme does not
reach in, so the map looks the same in Material for MkDocs, in a Sphinx theme and on its own page,
in the site's light and dark schemes alike, with no script and no request. Headings move one
level down, under the page's own title. A browser without declarative shadow DOM (before 2024)
shows the link to the full page instead.
"""

import hashlib
import io
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING, Final

from cjm import __version__

if TYPE_CHECKING:
    from cjm.model import Journey

VIEWS: Final = ("map", "flow", "mermaid")
"""What an embedded journey shows: the journey map page, the flow diagram, or Mermaid text."""
ASSETS: Final = "assets/cjm"
"""Where the published files go, relative to the site's root."""

_STYLE: Final = re.compile(r"<style>(?P<css>.*?)</style>", re.DOTALL)
_BODY: Final = re.compile(r"<body>(?P<body>.*)</body>", re.DOTALL)
_HEADING_TAG: Final = re.compile(r"(</?)h([1-5])\b")
_HEADING_SELECTOR: Final = re.compile(r"\bh([1-5])\b")
_PRINT: Final = re.compile(r"@media print \{.*\n\}\n?", re.DOTALL)
_HOST: Final = """
:host { display: block; margin: 1em 0; border-radius: 12px; overflow: hidden; color-scheme: light; }
.cjm-open { display: block; padding: 6px 32px 14px; font-size: 13px; }
.cjm-open a { color: #0b4f9c; }
"""


class EmbedError(Exception):
    """A journey that cannot be shown: not valid (the message is the diagnostics, with file, line
    and column), not found, or, with `strict`, with lint findings."""


@dataclass(frozen=True, slots=True)
class Embedded:
    """A view of a journey, ready for a page."""

    html: str
    """What goes into the page: the shadow root with the map or the diagram, or a Mermaid block."""
    assets: dict[str, bytes] = field(default_factory=dict)
    """Files to publish under ASSETS, by name (content-hashed)."""
    files: list[str] = field(default_factory=list)
    """The files the view was made from, for a live-reloading server to watch."""
    mermaid: str | None = None
    """For the Mermaid view: the Mermaid text, for a site that renders Mermaid itself."""


@dataclass(frozen=True, slots=True)
class Request:
    """What a page asks for: a journey file (or a folder of them), relative to `base`."""

    path: str
    view: str = "map"
    journey: str | None = None
    """The journey's id, when the file or folder holds several."""
    language: str | None = None
    strict: bool = False
    """Lint findings (warnings and errors) fail as an invalid map does."""


_CACHE: dict[tuple[object, ...], Embedded] = {}


def embed(request: Request, base: str, link: Callable[[str], str]) -> Embedded:
    """The view the request asks for. `link` turns an asset's name into the URL the page uses for it.

    Raises EmbedError. Results are kept for the process, keyed by the bytes of the project's
    YAML files, so an unchanged map is not rendered again when a live server rebuilds the site.
    """
    if request.view not in VIEWS:
        raise EmbedError(f"view {request.view!r}: choose one of {', '.join(VIEWS)}")
    path = os.path.normpath(os.path.join(base, request.path))
    if not os.path.exists(path):
        raise EmbedError(f"{request.path}: no such file or folder (relative to {base})")
    key = (request, path, _project_digest(path), __version__)
    if key not in _CACHE:
        _CACHE[key] = _embed(request, path)
    made = _CACHE[key]
    if made.assets:
        html = made.html
        for name in made.assets:
            html = html.replace(f"cjm-asset:{name}", escape(link(f"{ASSETS}/{name}")))
        return Embedded(html, made.assets, made.files, made.mermaid)
    return made


def _project_digest(path: str) -> str:
    """A hash of every YAML file of the project the path is in, by name and content."""
    from cjm.config import find_config
    from cjm.discovery import walk_yaml

    config = find_config([path])
    folders = config.project_folders() or [path if os.path.isdir(path) else os.path.dirname(path) or "."]
    digest = hashlib.sha256()
    for folder in sorted(folders):
        for name in sorted(walk_yaml(folder)) if os.path.isdir(folder) else [folder]:
            digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
            try:
                with open(name, "rb") as stream:
                    digest.update(hashlib.sha256(stream.read()).digest())
            except OSError:
                continue
    if config.path:
        with open(config.path, "rb") as stream:
            digest.update(stream.read())
    return digest.hexdigest()


def _embed(request: Request, path: str) -> Embedded:
    from cjm.api import lint, validate
    from cjm.config import find_config
    from cjm.diagnostics import Severity
    from cjm.model import Journey
    from cjm.output import OutputFormat, write_report
    from cjm.views import RenderFormat
    from cjm.views.outputs import render_journey
    from cjm.views.svg import DiagramNotDrawnError, GraphvizFailedError, GraphvizMissingError

    config = find_config([path])
    report = lint(path, config=config, reuse_run=False) if request.strict else validate(path, config=config)
    failing = {Severity.ERROR, Severity.WARNING} if request.strict else {Severity.ERROR}
    if any(d.severity in failing for d in report.diagnostics):
        shown = io.StringIO()
        write_report(report, OutputFormat.TEXT, shown, color=False)
        raise EmbedError(shown.getvalue().rstrip("\n"))
    journeys = [v.model for v in report.valid if isinstance(v.model, Journey)]
    journey = _chosen(journeys, request)
    files = sorted({os.path.abspath(v.document.path) for v in [*report.valid, *report.context]})
    limits = config.config.diagram_limits()
    try:
        if request.view == "mermaid":
            text = render_journey(journey, report.index, RenderFormat.MERMAID, language=request.language).decode()
            return Embedded(f'<pre class="mermaid"><code>{escape(text)}</code></pre>', {}, files, text)
        page = render_journey(journey, report.index, RenderFormat.HTML, limits, language=request.language)
        if request.view == "flow":
            svg = render_journey(journey, report.index, RenderFormat.SVG, limits, language=request.language)
            return _flow(journey.id, svg, page, files)
    except (DiagramNotDrawnError, GraphvizMissingError, GraphvizFailedError) as error:
        raise EmbedError(f"{request.path}: {error}") from None
    return _map(journey.id, page, files, request.language or journey.language)


def _chosen(journeys: "list[Journey]", request: Request) -> "Journey":
    if request.journey is not None:
        found = [j for j in journeys if j.id == request.journey]
        if not found:
            ids = ", ".join(sorted(j.id for j in journeys)) or "none"
            raise EmbedError(f"{request.path}: no journey '{request.journey}' (its journeys: {ids})")
        return found[0]
    if len(journeys) != 1:
        ids = ", ".join(sorted(j.id for j in journeys)) or "none"
        raise EmbedError(f"{request.path} holds {len(journeys)} journeys ({ids}): name one with 'journey:'")
    return journeys[0]


def _asset(journey_id: str, data: bytes, suffix: str) -> str:
    return f"{journey_id}-{hashlib.sha256(data).hexdigest()[:12]}{suffix}"


def _parts(page: bytes) -> tuple[str, str]:
    """The page's stylesheet, made to apply inside a shadow root, and its body, headings one level down."""
    text = page.decode("utf-8")
    style, body = _STYLE.search(text), _BODY.search(text)
    if style is None or body is None:  # pragma: no cover - the page template has both
        raise EmbedError("the rendered page has no style or body")
    css = _PRINT.sub("", style["css"])  # the site prints the page, not the map on its own sheet
    css = re.sub(r"(^|\n)(:root|body) \{", r"\1:host {", css)
    css = _HEADING_SELECTOR.sub(lambda m: f"h{int(m[1]) + 1}", css)
    return css + _HOST, _HEADING_TAG.sub(lambda m: f"{m[1]}h{int(m[2]) + 1}", body["body"]).strip()


def _shadow(css: str, inner: str, label: str) -> str:
    """A host element with an open declarative shadow root holding `inner`, styled by `css`."""
    return (
        f'<div class="cjm-embed" role="region" aria-label="{escape(label)}">'
        f'<template shadowrootmode="open"><style>{css}</style>{inner}</template>'
        "</div>"
    )


def _map(journey_id: str, page: bytes, files: list[str], language: str | None) -> Embedded:
    name = _asset(journey_id, page, ".html")
    css, body = _parts(page)
    title = re.search(r"<title>(?P<t>.*?)</title>", page.decode("utf-8"), re.DOTALL)
    label = title["t"] if title else journey_id
    link = f'<p class="cjm-open"><a href="cjm-asset:{name}">{escape(_open_text(language))}</a></p>'
    html = _shadow(css, body + link, _unescaped(label))
    return Embedded(html, {name: page}, files)


def _flow(journey_id: str, svg: bytes, page: bytes, files: list[str]) -> Embedded:
    name = _asset(journey_id, svg, ".svg")
    css, _ = _parts(page)
    text = svg.decode("utf-8")
    svg_start = text.find("<svg")
    inner = f'<div class="diagram" tabindex="0">{text[svg_start:]}</div>'
    link = f'<p class="cjm-open"><a href="cjm-asset:{name}">SVG</a></p>'
    title = re.search(r"<title[^>]*>(?P<t>.*?)</title>", text, re.DOTALL)
    html = _shadow(css + ":host { background: #fff; }\n", inner + link, _unescaped(title["t"] if title else journey_id))
    return Embedded(html, {name: svg}, files)


def _open_text(language: str | None) -> str:
    """'Open the map on its own page' in the page's language."""
    from cjm.views.html import OPEN_ON_ITS_OWN
    from cjm.views.words import words_for

    words, _ = words_for(language)
    return words(OPEN_ON_ITS_OWN)


def _unescaped(text: str) -> str:
    from html import unescape

    return unescape(text)
