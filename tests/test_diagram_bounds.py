"""Graphviz within bounds: a graph too large never reaches `dot`, a slow `dot` is stopped, and a
terminated cjm leaves neither a `dot` running nor a temporary file.

The slow and the recording `dot` are small shell scripts put first on PATH, so no test depends
on how long the real Graphviz takes on this machine.
"""

import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tests.samples import MINIMAL_JOURNEY, MINIMAL_PERSONA

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fake programs are shell scripts")


def _fake_dot(folder: Path, script: str) -> Path:
    """A `dot` that runs `script` (sh), in a folder of its own to put first on PATH."""
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "dot"
    program.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return folder


def _first_on_path(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")


def _hostile_flow(stages: int = 100, transitions: int = 1000) -> str:
    """The journey the red team drew: 100 stages and 1,000 labelled transitions (53 s in dot)."""
    lines = ["apiVersion: cjm/v1\nkind: Journey\nid: tangle\ntitle: Tangle\nstages:\n"]
    lines += [
        f"  - id: s{n}\n    name: Stage {n}\n    type: awareness\n    steps:\n      - id: a{n}\n        action: A\n"
        for n in range(stages)
    ]
    lines.append("transitions:\n")
    lines += [
        f"  - from: s{(n * 37) % stages}\n    to: s{(n * 61 + 7) % stages}\n    condition: changes mind {n}\n"
        for n in range(transitions)
    ]
    return "".join(lines)


def test_a_graph_too_large_to_lay_out_never_reaches_dot(
    cli: Cli, write: Write, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    called = tmp_path / "dot-was-called"
    script = f"touch {called}\ncat > /dev/null\necho '<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>'\n"
    _first_on_path(monkeypatch, _fake_dot(tmp_path / "bin", script))
    write("tangle.yaml", _hostile_flow())
    result = cli("render", "tangle.yaml", "-f", "svg", "-o", "tangle.svg")
    assert result.exit_code == 1
    assert result.stderr == (
        "cjm: tangle.yaml: the flow diagram is too large to lay out: 100 stages, 100 steps and 1,000 "
        "transitions weigh 15,500, over the limit of 5,000 (max-diagram-size in the configuration); "
        "tangle.svg is not written\n"
    )
    assert not called.exists()
    assert not Path("tangle.svg").exists()


def test_a_page_whose_diagram_is_too_large_is_rendered_without_it_saying_why(cli: Cli, write: Write) -> None:
    write("cjm.toml", "max-diagram-size = 20\n")
    write("j.yaml", MINIMAL_JOURNEY)
    write("p.yaml", MINIMAL_PERSONA)
    result = cli("render", "j.yaml", "p.yaml", "-f", "html", "-o", "site/")
    assert result.exit_code == 0
    reason = (
        "the flow diagram is too large to lay out: 2 stages, 2 steps and 1 transition weigh 25, "
        "over the limit of 20 (max-diagram-size in the configuration)"
    )
    assert result.stderr == (
        f"cjm: warning: j.yaml: coffee-subscription.html is rendered without its flow diagram: {reason}\n"
        "Rendered 1 file into site/\n"
    )
    page = Path("site/coffee-subscription.html").read_text(encoding="utf-8")
    shown = f'<p class="diagram" role="note">The flow diagram is not shown. <span lang="en">T{reason[1:]}.</span></p>'
    assert shown in page
    assert "<svg" not in page.split('aria-label="Flow diagram"')[1]


@pytest.mark.parametrize("where", ["configuration", "option"])
def test_a_dot_that_takes_too_long_is_stopped_and_its_svg_not_written(
    cli: Cli, write: Write, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, where: str
) -> None:
    pid = tmp_path / "dot.pid"
    _first_on_path(monkeypatch, _fake_dot(tmp_path / "bin", f"echo $$ > {pid}\nexec sleep 10\n"))
    write("j.yaml", MINIMAL_JOURNEY)
    write("p.yaml", MINIMAL_PERSONA)
    timeout = ["--graphviz-timeout", "0.5"] if where == "option" else []
    if where == "configuration":
        write("cjm.toml", "graphviz-timeout = 0.5\n")
    result = cli("render", "j.yaml", "p.yaml", "-f", "svg", "-o", "j.svg", *timeout)
    assert result.exit_code == 1
    assert result.stderr == (
        "cjm: j.yaml: Graphviz did not lay out the flow diagram within 0.5 s (graphviz-timeout in the "
        "configuration, or --graphviz-timeout); coffee-subscription.svg is not written\n"
    )
    assert not Path("j.svg").exists()
    assert not _running(int(pid.read_text()))


def test_a_page_whose_dot_takes_too_long_is_rendered_without_the_diagram(
    cli: Cli, write: Write, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _first_on_path(monkeypatch, _fake_dot(tmp_path / "bin", "exec sleep 10\n"))
    write("j.yaml", MINIMAL_JOURNEY)
    write("p.yaml", MINIMAL_PERSONA)
    result = cli("render", "j.yaml", "p.yaml", "-o", "j.html", "--graphviz-timeout", "0.5")
    assert result.exit_code == 0
    assert result.stderr.startswith("cjm: warning: j.yaml: coffee-subscription.html is rendered without its flow")
    page = Path("j.html").read_text(encoding="utf-8")
    assert 'The flow diagram is not shown. <span lang="en">Graphviz did not lay out' in page


def _running(pid: int) -> bool:
    """Whether a process is alive: it exists and is not a zombie waiting to be reaped."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stream:
            return stream.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _wait_for(path: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists() or not path.read_text(encoding="utf-8").strip():
        if time.monotonic() > deadline:
            pytest.fail(f"{path} never appeared")
        time.sleep(0.05)


def _render_with_a_dot_that_hangs(folder: Path, pid: Path, output_format: str = "svg") -> "subprocess.Popen[bytes]":
    """Start `cjm render` in `folder` with a `dot` that writes its pid to `pid` and sleeps."""
    bin_folder = _fake_dot(folder / "bin", f"echo $$ > {pid}\nexec sleep 60\n")
    (folder / "j.yaml").write_text(MINIMAL_JOURNEY, encoding="utf-8")
    (folder / "p.yaml").write_text(MINIMAL_PERSONA, encoding="utf-8")
    env = {**os.environ, "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}", "NO_COLOR": "1"}
    command = [sys.executable, "-m", "cjm", "render", "--no-cache", "j.yaml", "p.yaml", "-f", output_format]
    command += ["-o", "out/"]
    return subprocess.Popen(command, cwd=folder, env=env, stderr=subprocess.PIPE)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc to see that dot is gone")
@pytest.mark.parametrize("output_format", ["svg", "html"])  # an HTML page renders while dot lays out
def test_sigterm_while_dot_runs_kills_dot_and_leaves_no_file(tmp_path: Path, output_format: str) -> None:
    pid = tmp_path / "dot.pid"
    process = _render_with_a_dot_that_hangs(tmp_path, pid, output_format)
    try:
        _wait_for(pid)
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
    finally:
        process.kill()
        dot = int(pid.read_text()) if pid.exists() and pid.read_text().strip() else None
        survived = dot is not None and _running(dot)
        if survived:
            os.kill(dot, signal.SIGKILL)  # type: ignore[arg-type]
    assert process.returncode == 143, stderr
    assert stderr == b"cjm: terminated\n"
    assert not survived
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


@pytest.mark.skipif(sys.platform != "linux", reason="Linux ends a child with its parent (PR_SET_PDEATHSIG)")
def test_dot_ends_with_cjm_even_when_cjm_is_killed_outright(tmp_path: Path) -> None:
    pid = tmp_path / "dot.pid"
    process = _render_with_a_dot_that_hangs(tmp_path, pid)
    dot = None
    try:
        _wait_for(pid)
        dot = int(pid.read_text())
        process.kill()  # SIGKILL: no handler of cjm's runs
        process.communicate(timeout=60)
        deadline = time.monotonic() + 30
        while _running(dot) and time.monotonic() < deadline:
            time.sleep(0.05)
        survived = _running(dot)
    finally:
        process.kill()
        if dot is not None and _running(dot):
            os.kill(dot, signal.SIGKILL)
    assert not survived


def test_sigterm_while_a_file_is_written_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    (tmp_path / "j.yaml").write_text(MINIMAL_JOURNEY, encoding="utf-8")
    (tmp_path / "p.yaml").write_text(MINIMAL_PERSONA, encoding="utf-8")
    (tmp_path / "j.md").write_text("the previous page\n", encoding="utf-8")
    writing = tmp_path / "writing"
    code = (
        "import os, sys, time\n"
        "def slow_fsync(handle):\n"
        f"    open({str(writing)!r}, 'w').close()\n"
        "    time.sleep(60)\n"
        "os.fsync = slow_fsync\n"
        "sys.argv = ['cjm', 'render', '--no-cache', 'j.yaml', 'p.yaml', '-f', 'markdown', '-o', 'j.md']\n"
        "from cjm.cli import main\n"
        "main()\n"
    )
    process = subprocess.Popen([sys.executable, "-c", code], cwd=tmp_path, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not writing.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 143
    assert stderr == b"cjm: terminated\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["j.md", "j.yaml", "p.yaml", "writing"]
    assert (tmp_path / "j.md").read_text(encoding="utf-8") == "the previous page\n"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc to see that dot is gone")
def test_a_page_that_fails_while_dot_lays_out_its_diagram_kills_dot(
    write: Write, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from cjm.api import render
    from cjm.views import html

    pid = tmp_path / "dot.pid"
    _first_on_path(monkeypatch, _fake_dot(tmp_path / "bin", f"echo $$ > {pid}\nexec sleep 60\n"))

    def failing(*args: object, **kwargs: object) -> str:
        _wait_for(pid)  # dot is running
        raise KeyboardInterrupt

    monkeypatch.setattr(html, "render_html", failing)
    journey = write("j.yaml", MINIMAL_JOURNEY)
    write("p.yaml", MINIMAL_PERSONA)
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        render([str(journey), str(tmp_path / "p.yaml")], format="html")
    assert time.monotonic() - started < 30  # not the 60 s dot sleeps
    assert not _running(int(pid.read_text()))
