"""The Sphinx extension: journey maps in a Sphinx project, rendered at build time.

In `conf.py`:

    extensions = ["cjm.integrations.sphinx"]
    cjm_strict = bool(os.environ.get("CI"))   # lint findings fail the build too (on in CI)
    cjm_language = None                       # the words cjm adds, if not each map's own

In a document (the path is relative to the document, or to the source folder when it starts
with /):

    .. cjm:: ../journeys/online-shop/journey.yaml
       :view: flow
       :journey: some-id
       :language: de

A map that is not valid stops the build with its file:line:column diagnostics; a document is
read again when a journey file it shows changes.
"""

import os
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from cjm import __version__
from cjm.integrations.embed import ASSETS, VIEWS, EmbedError, Request, embed

_LOG = logging.getLogger(__name__)


def _view(argument: str | None) -> str:
    return str(directives.choice(argument or "", VIEWS))


class CjmDirective(SphinxDirective):
    """`.. cjm:: PATH`: the journey map, the flow diagram or the Mermaid text of a journey file."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {
        "view": _view,
        "journey": directives.unchanged_required,
        "language": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        relative, absolute = self.env.relfn2path(self.arguments[0], self.env.docname)
        del relative
        request = Request(
            os.path.basename(absolute),
            self.options.get("view", "map"),
            self.options.get("journey"),
            self.options.get("language", self.config.cjm_language),
            bool(self.config.cjm_strict),
        )
        target = self.env.app.builder.get_target_uri(self.env.docname)
        try:
            made = embed(request, os.path.dirname(absolute), lambda name: relative_uri(target, name))
        except EmbedError as error:
            _LOG.error("cjm: %s", error, location=self.get_location())
            self.env.note_dependency(absolute)  # read again when the map is fixed
            self.env.cjm_failed.setdefault(self.env.docname, []).append(self.get_location())  # type: ignore[attr-defined]
            return []
        for path in made.files:
            self.env.note_dependency(path)
        assets: dict[str, bytes] = self.env.cjm_assets  # type: ignore[attr-defined]
        assets.update(made.assets)
        if made.mermaid is not None:
            block = nodes.literal_block(made.mermaid, made.mermaid)
            block["language"] = "text"
            return [block]
        return [nodes.raw("", made.html, format="html")]


def _start(app: Sphinx, env: Any, *_: Any) -> None:
    if not hasattr(env, "cjm_assets"):
        env.cjm_assets = {}
    if not hasattr(env, "cjm_failed"):
        env.cjm_failed = {}


def _purge(app: Sphinx, env: Any, docname: str) -> None:
    getattr(env, "cjm_failed", {}).pop(docname, None)


def _outdated(app: Sphinx, env: Any, added: Any, changed: Any, removed: Any) -> list[str]:
    """A document whose map failed is read again, whatever changed: the build must fail again."""
    return sorted(getattr(env, "cjm_failed", {}))


def _merge(app: Sphinx, env: Any, docnames: Any, other: Any) -> None:
    env.cjm_assets.update(getattr(other, "cjm_assets", {}))
    env.cjm_failed.update(getattr(other, "cjm_failed", {}))


def _write(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None:
        return
    failed = [place for places in getattr(app.env, "cjm_failed", {}).values() for place in places]
    if failed:
        # Each error was logged at its directive; a site with a map left out must not pass.
        _LOG.error("cjm: %d journey map(s) could not be shown: %s", len(failed), ", ".join(failed))
        app.statuscode = 1
    if app.builder.format != "html":
        return
    folder = os.path.join(app.outdir, *ASSETS.split("/"))
    os.makedirs(folder, exist_ok=True)
    for name, data in sorted(getattr(app.env, "cjm_assets", {}).items()):
        target = os.path.join(folder, name)
        if not os.path.exists(target):  # named by its content: one that is there is the same
            with open(target, "wb") as stream:
                stream.write(data)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the `cjm` directive and its settings."""
    app.add_config_value("cjm_strict", False, "env", bool)
    app.add_config_value("cjm_language", None, "env", [str, type(None)])
    app.add_directive("cjm", CjmDirective)
    app.connect("env-before-read-docs", _start)
    app.connect("env-purge-doc", _purge)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-merge-info", _merge)
    app.connect("build-finished", _write)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
