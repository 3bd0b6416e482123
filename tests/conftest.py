"""Shared fixtures: a CLI runner with fixed width and no colour, a private cache, small files."""

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from cjm.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Give every test a cache folder of its own, so no test sees another's results, and a user cache
    folder of its own (where the cache's secret key lives), so no test writes into the real home."""
    folder = tmp_path_factory.mktemp("cjm-cache")
    monkeypatch.setenv("CJM_CACHE_DIR", str(folder))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))
    return folder


TODAY = "1795478400"
"""2026-11-24 in seconds since 1970: the day the freshness rules measure ages from in every test,
so the examples' review dates do not age the suite."""


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """Measure ages from a fixed day (see cjm.dates.today)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY)


Cli = Callable[..., Result]
"""The type of the `cli` fixture."""


@pytest.fixture
def cli() -> Cli:
    """Run cjm in-process with a fixed terminal width and no colour."""
    runner = CliRunner()

    def run(*args: str, stdin: str | bytes | None = None) -> Result:
        return runner.invoke(app, list(args), input=stdin, env={"NO_COLOR": "1", "COLUMNS": "100"})

    return run


def without_timing(text: str) -> str:
    """Output with the run's duration taken out, so it can be compared exactly."""
    return re.sub(r" in \d+\.\d\d s:", ":", text)


@pytest.fixture
def write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str, str | bytes], Path]:
    """Work in a temporary folder; write a file there and return its path relative to it."""
    monkeypatch.chdir(tmp_path)

    def write_file(name: str, content: str | bytes) -> Path:
        path = Path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write_file
