"""`cjm render --watch`: a save renders again; a save that is not valid is reported and the last
good output stays; Ctrl-C or SIGTERM stops it."""

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli

pytest.importorskip("watchfiles")

WAIT = 60.0  # seconds to wait for a render on a slow, busy machine; a passing run takes about one


class Watching:
    """A `cjm render --watch` process and the lines it writes to standard error."""

    def __init__(self, folder: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cjm", "render", ".", "-o", "out", "--watch"],
            cwd=folder,
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line)

    def wait_for(self, text: str) -> None:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                assert self.process.poll() is None, "".join(self.seen)
                continue
            self.seen.append(line)
            if text in line:
                return
        raise AssertionError(f"no {text!r} in {WAIT} s:\n{''.join(self.seen)}")


@pytest.fixture
def watching(cli: Cli, tmp_path: Path) -> Iterator[tuple[Watching, Path]]:
    assert cli("init", str(tmp_path), "-t", "blank").exit_code == 0
    watcher = Watching(tmp_path)
    yield watcher, tmp_path
    if watcher.process.poll() is None:
        watcher.process.kill()
        watcher.process.wait()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_save_renders_again_and_an_invalid_save_keeps_the_last_good_output(watching: tuple[Watching, Path]) -> None:
    watcher, folder = watching
    watcher.wait_for("Watching")
    page = folder / "out" / "customer-lifecycle.html"
    first = page.read_bytes()
    journey = folder / "journey.yaml"
    _edit(journey, "title: Our customer's journey", "title: Our customers, mapped")
    watcher.wait_for("Rendered 2 files into out")
    second = page.read_bytes()
    assert second != first
    assert b"Our customers, mapped" in second
    _edit(journey, "emotion: 0", "emotion: 9")
    watcher.wait_for("The last good output is kept")
    assert any("error CJM022" in line and "journey.yaml:" in line for line in watcher.seen)
    assert page.read_bytes() == second
    _edit(journey, "emotion: 9", "emotion: 1")
    watcher.wait_for("Rendered 2 files into out")
    assert page.read_bytes() != second


def test_a_changed_persona_renders_again(watching: tuple[Watching, Path]) -> None:
    watcher, folder = watching
    watcher.wait_for("Watching")
    _edit(folder / "personas" / "main-customer.yaml", "name: Our main customer", "name: Ada, our main customer")
    watcher.wait_for("changed: personas")
    watcher.wait_for("Rendered 2 files into out")
    assert b"Ada, our main customer" in (folder / "out" / "customer-lifecycle.html").read_bytes()


@pytest.mark.skipif(os.name != "posix", reason="signals")
@pytest.mark.parametrize(("stop", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)], ids=["SIGTERM", "Ctrl-C"])
def test_a_signal_stops_the_watch_with_its_exit_code(watching: tuple[Watching, Path], stop: int, code: int) -> None:
    watcher, _ = watching
    watcher.wait_for("Watching")
    watcher.process.send_signal(stop)
    assert watcher.process.wait(timeout=WAIT) == code


def test_watch_needs_an_output(cli: Cli, tmp_path: Path) -> None:
    assert cli("init", str(tmp_path), "-t", "blank").exit_code == 0
    result = cli("render", str(tmp_path), "--watch")
    assert result.exit_code == 2
    assert "--watch writes files: give --output" in result.stderr


def test_the_preview_server_adds_a_reload_script_its_policy_allows_and_keeps_the_file_as_written(
    cli: Cli, tmp_path: Path
) -> None:
    import re
    import urllib.request

    from cjm.preview import VERSION_PATH, Preview

    assert cli("init", str(tmp_path / "maps"), "-t", "blank").exit_code == 0
    assert cli("render", str(tmp_path / "maps"), "-o", str(tmp_path / "out")).exit_code == 0
    on_disk = (tmp_path / "out" / "customer-lifecycle.html").read_bytes()
    preview = Preview(str(tmp_path / "out"), 0)
    preview.start()
    try:
        with urllib.request.urlopen(preview.url + "customer-lifecycle.html") as response:
            served = response.read().decode("utf-8")
        nonce = re.search(r'<script nonce="([^"]+)">', served)
        assert nonce is not None
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', served)
        assert policy is not None
        assert f"script-src 'nonce-{nonce[1]}'" in policy[1]
        assert "connect-src 'self'" in policy[1]
        assert "default-src 'none'" in policy[1]
        with urllib.request.urlopen(preview.url + VERSION_PATH.lstrip("/")) as response:
            assert response.read() == b"0"
        preview.rendered()
        with urllib.request.urlopen(preview.url + VERSION_PATH.lstrip("/")) as response:
            assert response.read() == b"1"
        with urllib.request.urlopen(preview.url) as response:
            assert b"<script nonce=" in response.read()
    finally:
        preview.stop()
    assert (tmp_path / "out" / "customer-lifecycle.html").read_bytes() == on_disk
    assert b"<script" not in on_disk


def test_serve_needs_watch(cli: Cli, tmp_path: Path) -> None:
    result = cli("render", str(tmp_path), "-o", str(tmp_path / "out"), "--serve")
    assert result.exit_code == 2
    assert "--serve shows what --watch renders" in result.stderr


def test_a_served_page_reloads_itself_after_a_save_and_asks_nothing_remote(cli: Cli, tmp_path: Path) -> None:
    from tests.test_browser import ARGS, CHROMIUM, INSTALL

    if CHROMIUM is None:
        if os.environ.get("CI") == "true":
            pytest.fail(INSTALL)
        pytest.skip(INSTALL)
    from playwright.sync_api import sync_playwright

    assert cli("init", str(tmp_path), "-t", "blank").exit_code == 0
    process = subprocess.Popen(
        [sys.executable, "-m", "cjm", "render", ".", "-o", "out", "--watch", "--serve", "--port", "0"],
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
    )
    try:
        assert process.stderr is not None
        url = ""
        while not url:
            line = process.stderr.readline()
            assert line, "the server did not start"
            if line.startswith("Serving "):  # said once the first render is there
                url = line.rsplit(" at ", 1)[1].strip()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page()
            requests: list[str] = []
            problems: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
            page.goto(url + "customer-lifecycle.html", wait_until="load")
            page.evaluate("window.before = true")
            _edit(tmp_path / "journey.yaml", "title: Our customer's journey", "title: Reloaded by itself")
            _wait_for_reload(page)
            assert "Reloaded by itself" in page.title()
            assert all(request.startswith(url) for request in requests)
            assert problems == []
            browser.close()
    finally:
        process.kill()
        process.wait()


def _wait_for_reload(page: Any) -> None:
    """Until the page has loaded again (its `window.before` gone). Polled from here: the page's policy
    lets no script but its own run, which rules out Playwright's in-page waiting on older versions."""
    from playwright.sync_api import Error

    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        try:
            if page.evaluate("() => window.before") is None:
                page.wait_for_load_state("load")
                return
        except Error:  # the page is being replaced
            pass
        time.sleep(0.2)
    raise AssertionError(f"the page did not reload in {WAIT} s")
