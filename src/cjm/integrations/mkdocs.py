"""The MkDocs plugin: journey maps in a MkDocs site, rendered at build time.

In `mkdocs.yml`:

    plugins:
      - search
      - cjm:
          strict: !ENV [CI, false]   # lint findings fail the build too (on in CI)

In a page, a fenced block names a journey file (relative to the page, or to the folder of
mkdocs.yml when it starts with /) and the view:

    ```cjm
    file: ../journeys/online-shop/journey.yaml
    view: map          # map (default), flow or mermaid
    journey: some-id   # when the file or folder holds several journeys
    language: de       # the words cjm adds, if not the map's own language
    ```

A map that is not valid fails the build with its file:line:column diagnostics. `mkdocs serve`
renders again when a journey, a persona or a catalogue is saved.
"""

import hashlib
import os
import re
from typing import Any, Final

import yaml
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.utils import get_relative_url

from cjm.integrations.embed import ASSETS, VIEWS, EmbedError, Request, embed

_FENCE: Final = re.compile(
    r"^(?P<indent>[ ]{0,3})(?P<fence>`{3,}|~{3,})[ ]*cjm[ ]*\n(?P<body>.*?)^(?P=indent)(?P=fence)[ ]*$",
    re.MULTILINE | re.DOTALL,
)
_KEYS: Final = {"file", "view", "journey", "language"}


class CjmConfig(Config):  # type: ignore[no-untyped-call]
    """The plugin's options in mkdocs.yml."""

    strict = config_options.Type(bool, default=False)
    """Lint findings (warnings too) fail the build, as a map that is not valid always does."""
    language = config_options.Optional(config_options.Type(str))
    """The language of the words cjm adds on every map (default: each map's own)."""


class CjmPlugin(BasePlugin[CjmConfig]):  # type: ignore[no-untyped-call]
    """Replaces each ```cjm block with the journey map, flow diagram or Mermaid block it names."""

    def __init__(self) -> None:
        self.assets: dict[str, bytes] = {}
        self.watched: set[str] = set()
        self.pending: dict[str, dict[str, str]] = {}

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any, **_: Any) -> str:
        places: dict[str, str] = {}
        source = page.file.src_uri

        def replace(match: re.Match[str]) -> str:
            request = self._request(match["body"], source)
            base = (
                os.path.dirname(config.config_file_path or ".")
                if request.path.startswith("/")
                else os.path.dirname(page.file.abs_src_path)
            )
            request = Request(request.path.lstrip("/"), request.view, request.journey, request.language, request.strict)
            try:
                made = embed(request, base, lambda name: get_relative_url(name, page.url))
            except EmbedError as error:
                raise PluginError(f"cjm: in {source}:\n{error}") from None
            self.assets.update(made.assets)
            self.watched.update(made.files)
            if made.mermaid is not None:
                return f"{match['indent']}```mermaid\n{made.mermaid}{match['indent']}```"
            token = f"cjm-embed-{hashlib.sha256(f'{source}:{len(places)}'.encode()).hexdigest()[:16]}"
            places[token] = made.html
            return f"\n<!-- {token} -->\n"

        changed = _FENCE.sub(replace, markdown)
        self.pending[source] = places
        return changed

    def _request(self, body: str, source: str) -> Request:
        try:
            options = yaml.safe_load(body)
        except yaml.YAMLError as error:
            raise PluginError(f"cjm: in {source}: the ```cjm block is not YAML: {error}") from None
        if isinstance(options, str):
            options = {"file": options}
        if not isinstance(options, dict) or "file" not in options:
            raise PluginError(f"cjm: in {source}: a ```cjm block names a journey file: 'file: journey.yaml'")
        unknown = sorted(set(options) - _KEYS)
        if unknown:
            raise PluginError(f"cjm: in {source}: unknown key {unknown[0]!r} in a ```cjm block ({', '.join(_KEYS)})")
        view = str(options.get("view", "map"))
        if view not in VIEWS:
            raise PluginError(f"cjm: in {source}: view {view!r}: choose one of {', '.join(VIEWS)}")
        language = options.get("language", self.config.language)
        journey = options.get("journey")
        return Request(
            str(options["file"]),
            view,
            None if journey is None else str(journey),
            None if language is None else str(language),
            bool(self.config.strict),
        )

    def on_page_content(self, html: str, page: Any, **_: Any) -> str:
        for token, fragment in self.pending.pop(page.file.src_uri, {}).items():
            html = html.replace(f"<!-- {token} -->", fragment)
        return html

    def on_post_build(self, config: Any, **_: Any) -> None:
        folder = os.path.join(config.site_dir, *ASSETS.split("/"))
        os.makedirs(folder, exist_ok=True)
        for name, data in sorted(self.assets.items()):
            target = os.path.join(folder, name)
            if not os.path.exists(target):  # named by its content: one that is there is the same
                with open(target, "wb") as stream:
                    stream.write(data)

    def on_serve(self, server: Any, config: Any, builder: Any, **_: Any) -> Any:
        for folder in sorted({os.path.dirname(path) for path in self.watched}):
            server.watch(folder)  # the folder: a persona or a catalogue added later is seen too
        return server
