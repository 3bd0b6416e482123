"""`cjm render --watch --serve`: the rendered folder on a local web server whose pages reload
themselves after each render.

The files on disk stay as `cjm render` writes them (no script, a Content-Security-Policy that
forbids one). Only the pages the server sends get a small inline script, allowed by a nonce,
that asks this server (and nothing else: `connect-src 'self'`) every second whether a render
has happened since, and reloads the page when one has.
"""

import http.server
import os
import re
import secrets
import threading
from functools import partial
from typing import Any, Final

VERSION_PATH: Final = "/__cjm__/version"
_CSP: Final = re.compile(rb'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")')
_RELOAD: Final = """<script nonce="{nonce}">
(() => {{
  let seen = null;
  const ask = () => fetch("{path}", {{cache: "no-store"}}).then(r => r.text()).then(v => {{
    if (seen !== null && v !== seen) location.reload();
    seen = v;
  }}).catch(() => {{}}).finally(() => setTimeout(ask, 1000));
  ask();
}})();
</script>"""


class Preview:
    """A server for one folder, on 127.0.0.1, and the count of renders its pages reload on."""

    def __init__(self, folder: str, port: int = 8000, page: str = "") -> None:
        self.folder = folder
        self.page = page
        """The file to open, when the output is one file; else the folder's index."""
        self.version = 0
        self._lock = threading.Lock()
        handler = partial(_Handler, self, directory=folder)
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/"

    def start(self) -> None:
        self.thread.start()

    def rendered(self) -> None:
        """Say that a render has happened: open pages reload."""
        with self._lock:
            self.version += 1

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, preview: Preview, *args: Any, **kwargs: Any) -> None:
        self.preview = preview
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal is for the map's diagnostics."""

    def do_GET(self) -> None:
        if self.path == VERSION_PATH:
            self._send(str(self.preview.version).encode(), "text/plain; charset=utf-8")
            return
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not path.endswith(".html") or not os.path.isfile(path):
            super().do_GET()
            return
        with open(path, "rb") as stream:
            page = stream.read()
        self._send(with_reload(page), "text/html; charset=utf-8")

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def with_reload(page: bytes) -> bytes:
    """The page with the reloading script, and a policy that allows that script and its questions
    to this server alone."""
    nonce = secrets.token_urlsafe(16)
    page = _CSP.sub(
        lambda m: m[1] + m[2] + f"; script-src 'nonce-{nonce}'; connect-src 'self'".encode() + m[3], page, count=1
    )
    script = _RELOAD.format(nonce=nonce, path=VERSION_PATH).encode()
    before, found, after = page.rpartition(b"</body>")
    return before + script + found + after if found else page + script
