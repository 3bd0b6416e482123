"""Promises about failure: whole files or none, quiet pipes, one line on Ctrl-C, awkward paths."""

import os
import re
import signal
import socket
import stat
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from cjm.api import validate
from cjm.atomic import write_atomic
from cjm.model import Journey
from cjm.views import RenderFormat
from cjm.views.outputs import render_journey
from tests.conftest import ROOT
from tests.samples import MINIMAL_JOURNEY, MINIMAL_PERSONA, hostile_journey

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]


def cjm(*arguments: str, cwd: Path | None = None, **options: object) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "cjm", *arguments], cwd=cwd, env=env, capture_output=True, check=False, **options
    )  # type: ignore[call-overload, no-any-return]


def test_no_source_file_calls_yaml_load_without_a_safe_loader() -> None:
    unsafe = re.compile(
        r"yaml\.(?:load|load_all|full_load|unsafe_load)\(|Loader=yaml\.(?:Loader|FullLoader|UnsafeLoader)"
    )
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "src").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if unsafe.search(line)
    ]
    assert offenders == []


def test_a_closed_pipe_ends_quietly() -> None:
    shell = f"{sys.executable} -m cjm rules | head -1"
    result = subprocess.run(["bash", "-c", shell], capture_output=True, check=False)
    assert result.stdout.decode().startswith("Lint rules")
    assert b"Traceback" not in result.stderr
    assert b"BrokenPipe" not in result.stderr


def test_ctrl_c_exits_130_with_one_line() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "cjm", "validate", "--no-cache", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
    )
    time.sleep(1.5)  # cjm is now blocked reading standard input, which nothing writes
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr.decode() == "cjm: interrupted\n"
    assert b"Traceback" not in stdout


def test_a_failed_rename_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "map.html"
    target.write_text("previous", encoding="utf-8")

    def refuse(source: str, destination: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(PermissionError):
        write_atomic(str(target), b"new")
    assert target.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]


def test_a_full_disk_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "map.html"
    target.write_text("previous", encoding="utf-8")
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle: int, mode: str) -> None:
            self.stream = real_fdopen(handle, mode)

        def __enter__(self) -> "FullDisk":
            return self

        def __exit__(self, *exc: object) -> None:
            self.stream.close()

        def write(self, data: bytes) -> int:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", FullDisk)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(str(target), b"new")
    assert target.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]


def test_a_renderer_failure_writes_nothing(cli: Cli, write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    write("j.yaml", MINIMAL_JOURNEY)
    write("p.yaml", MINIMAL_PERSONA)
    write("site/coffee-subscription.mmd", "previous")

    def broken(*args: object) -> str:
        raise RuntimeError("renderer bug")

    monkeypatch.setattr("cjm.views.mermaid.render_mermaid", broken)
    result = cli("render", "j.yaml", "p.yaml", "-f", "mermaid", "-o", "site/")
    assert result.exit_code != 0
    assert Path("site/coffee-subscription.mmd").read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in Path("site").iterdir()) == ["coffee-subscription.mmd"]


def test_an_unwritable_output_folder_is_a_clear_error(cli: Cli, write: Write) -> None:
    write("j.yaml", MINIMAL_JOURNEY)
    write("p.yaml", MINIMAL_PERSONA)
    write("blocked", "a file, not a folder")
    result = cli("render", "j.yaml", "p.yaml", "-f", "mermaid", "-o", "blocked/site/")
    assert result.exit_code == 2
    assert result.stderr.startswith("cjm: cannot create the folder blocked/site/")


def test_two_renders_into_one_folder_at_once_leave_every_file_whole(tmp_path: Path) -> None:
    (tmp_path / "j.yaml").write_text(MINIMAL_JOURNEY, encoding="utf-8")
    (tmp_path / "p.yaml").write_text(MINIMAL_PERSONA, encoding="utf-8")
    command = [sys.executable, "-m", "cjm", "render", "j.yaml", "p.yaml", "-f", "markdown", "-o", "site/", "--no-cache"]
    runs = [subprocess.Popen(command, cwd=tmp_path, stderr=subprocess.DEVNULL) for _ in range(4)]
    assert [run.wait(timeout=120) for run in runs] == [0, 0, 0, 0]
    expected = cjm("render", "j.yaml", "p.yaml", "-f", "markdown", cwd=tmp_path).stdout
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["coffee-subscription.md"]
    assert (tmp_path / "site" / "coffee-subscription.md").read_bytes() == expected


def test_awkward_paths_are_handled(tmp_path: Path) -> None:
    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / "with spaces.yaml").write_text(MINIMAL_JOURNEY, encoding="utf-8")
    (folder / "-leading-dash.yaml").write_text(MINIMAL_PERSONA, encoding="utf-8")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "broken-link.yaml").symlink_to(tmp_path / "missing.yaml")
    odd = os.fsencode(folder) + b"/caf\xe9.yaml"
    with open(odd, "wb") as stream:
        stream.write(b"apiVersion: cjm/v1\nkind: Persona\nid: cafe\nname: Caf\n")
    result = cjm("validate", "--no-cache", "maps", cwd=tmp_path)
    printed = result.stdout.decode("utf-8", "replace")
    assert "Traceback" not in printed + result.stderr.decode("utf-8", "replace")
    assert result.returncode == 1, printed
    assert printed.startswith("maps/broken-link.yaml:1:1: error CJM001 cannot read the file: no such file or directory")
    assert "Checked 4 files" in printed
    (folder / "broken-link.yaml").unlink()
    assert cjm("validate", "--no-cache", "maps", cwd=tmp_path).returncode == 0
    assert cjm("validate", "--no-cache", "--", "maps/-leading-dash.yaml", cwd=tmp_path).returncode == 0


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_in_a_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "secret.yaml").write_text(MINIMAL_PERSONA, encoding="utf-8")
    (tmp_path / "secret.yaml").chmod(0)
    result = cjm("validate", "--no-cache", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert b"CJM001" in result.stdout


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)


TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cs", "Cc"], blacklist_characters="\u2028\u2029\x85"),
    min_size=1,
    max_size=40,
).filter(lambda value: value.strip() != "")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXT)
def test_any_text_in_every_field_renders_as_text_in_well_formed_html(tmp_path: Path, text: str) -> None:
    source = tmp_path / "h.yaml"
    source.write_text(hostile_journey(text), encoding="utf-8")
    report = validate([str(source)])
    [journey] = [v.model for v in report.valid if isinstance(v.model, Journey)]
    page = render_journey(journey, report.index, RenderFormat.MERMAID)
    assert page
    from markupsafe import Markup

    from cjm.views.html import render_html

    html = render_html(journey, [], {t.id: t for t in journey.touchpoints}, Markup("<svg></svg>"))
    ET.fromstring(html)
    parsed = _Text()
    parsed.feed(html)
    assert "script" not in parsed.tags
    assert " ".join(text.split()) in " ".join("".join(parsed.chunks).split())


def test_ctrl_c_during_a_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "map.html"
    target.write_text("previous", encoding="utf-8")

    def interrupted(handle: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(str(target), b"new")
    assert target.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]


def test_a_file_that_cannot_be_opened_is_reported_even_for_root(
    cli: Cli, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("j.yaml", MINIMAL_JOURNEY)
    real_open = os.open

    def refuse(path: str, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith("j.yaml"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    result = cli("validate", "--no-cache", "j.yaml")
    assert result.exit_code == 1
    assert result.stdout.startswith("j.yaml:1:1: error CJM001 cannot read the file: permission denied")


@pytest.mark.parametrize("bad_id", ["../escape", "/etc/passwd", "a/b", "..", "CON"])
def test_a_journey_id_cannot_name_a_file_outside_the_output_folder(cli: Cli, write: Write, bad_id: str) -> None:
    write("j.yaml", MINIMAL_JOURNEY.replace("id: coffee-subscription", f"id: '{bad_id}'"))
    write("p.yaml", MINIMAL_PERSONA)
    result = cli("render", "j.yaml", "p.yaml", "-f", "mermaid", "-o", "site/")
    assert result.exit_code == 1
    assert "CJM022" in result.stderr
    assert not Path("site").exists()


def test_output_onto_a_link_to_a_device_writes_through_and_keeps_the_link(cli: Cli, write: Write) -> None:
    write("j.yaml", MINIMAL_JOURNEY)
    write("p.yaml", MINIMAL_PERSONA)
    Path("null.md").symlink_to(os.devnull)
    result = cli("render", "j.yaml", "p.yaml", "-f", "markdown", "-o", "null.md")
    assert result.exit_code == 0, result.stderr
    assert Path("null.md").is_symlink()
    assert os.readlink("null.md") == os.devnull


@pytest.mark.skipif(not os.path.exists("/proc/self/fd/1"), reason="needs /proc/self/fd, as /dev/stdout is made")
def test_output_onto_a_link_to_standard_output_writes_to_standard_output(tmp_path: Path) -> None:
    (tmp_path / "j.yaml").write_text(MINIMAL_JOURNEY, encoding="utf-8")
    (tmp_path / "p.yaml").write_text(MINIMAL_PERSONA, encoding="utf-8")
    (tmp_path / "stdout").symlink_to("/proc/self/fd/1")  # what /dev/stdout is, without touching it
    written = cjm("render", "--no-cache", "-f", "mermaid", "j.yaml", "p.yaml", "-o", "stdout", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    assert written.stdout == cjm("render", "--no-cache", "-f", "mermaid", "j.yaml", "p.yaml", cwd=tmp_path).stdout
    assert (tmp_path / "stdout").is_symlink()


def test_output_onto_a_named_pipe_goes_into_the_pipe(tmp_path: Path) -> None:
    (tmp_path / "j.yaml").write_text(MINIMAL_JOURNEY, encoding="utf-8")
    (tmp_path / "p.yaml").write_text(MINIMAL_PERSONA, encoding="utf-8")
    pipe = tmp_path / "diagram.mmd"
    os.mkfifo(pipe)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # a reader, so cjm's open does not wait
    try:
        result = cjm("render", "--no-cache", "-f", "mermaid", "j.yaml", "p.yaml", "-o", "diagram.mmd", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        received = os.read(reader, 65536)
    finally:
        os.close(reader)
    assert received.startswith(b"journey\n")
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


def test_output_onto_a_socket_is_refused(cli: Cli, write: Write) -> None:
    write("j.yaml", MINIMAL_JOURNEY)
    write("p.yaml", MINIMAL_PERSONA)
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("listening.md")
        result = cli("render", "j.yaml", "p.yaml", "-f", "markdown", "-o", "listening.md")
        assert result.exit_code == 2
        assert result.stderr == "cjm: refusing to write listening.md: it is a socket; give a file or a folder\n"
        assert stat.S_ISSOCK(os.lstat("listening.md").st_mode)


def test_output_onto_a_link_to_a_file_replaces_the_file_and_keeps_the_link(cli: Cli, write: Write) -> None:
    write("j.yaml", MINIMAL_JOURNEY)
    write("p.yaml", MINIMAL_PERSONA)
    write("docs/journey.md", "previous")
    Path("journey.md").symlink_to("docs/journey.md")
    result = cli("render", "j.yaml", "p.yaml", "-f", "markdown", "-o", "journey.md")
    assert result.exit_code == 0, result.stderr
    assert Path("journey.md").is_symlink()
    assert Path("docs/journey.md").read_text(encoding="utf-8").startswith("# Coffee subscription")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("anna.yaml", MINIMAL_PERSONA),  # the persona the journey refers to, found beside it
        ("broken.yaml", "apiVersion: cjm/v1\nkind: Persona\nid: [\n"),  # read beside it, and not valid
        ("pyproject.toml", "[tool.cjm]\n"),  # the configuration
    ],
    ids=["persona-read-for-context", "invalid-map-beside-it", "configuration"],
)
def test_output_over_a_file_the_run_read_is_refused(cli: Cli, write: Write, name: str, content: str) -> None:
    write("j.yaml", MINIMAL_JOURNEY)
    if name != "anna.yaml":
        write("anna.yaml", MINIMAL_PERSONA)
    write(name, content)
    result = cli("render", "j.yaml", "-f", "markdown", "-o", name)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"cjm: refusing to write {name}: ")
    assert Path(name).read_text(encoding="utf-8") == content


def test_an_atomic_write_never_replaces_a_named_pipe(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.html"
    os.mkfifo(pipe)
    with pytest.raises(OSError, match="not a regular file"):
        write_atomic(str(pipe), b"new")
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.html"]
