"""The benchmark script works end to end on a tiny corpus (the real run is `make bench`)."""

import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest

from cjm import progress
from tests.conftest import ROOT


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed: apt-get install graphviz")
def test_benchmark_runs_on_three_files_and_writes_its_table(tmp_path: Path) -> None:
    output = tmp_path / "RESULTS.md"
    kept = (
        "## Reading this run\n\nWritten by hand.\n\n"
        "<!-- fuzz:start (written by a script in benchmarks/) -->\n## Fuzz campaign\n<!-- fuzz:end -->\n"
    )
    output.write_text(kept, encoding="utf-8")
    command = [
        sys.executable,
        str(ROOT / "benchmarks" / "run.py"),
        "--files",
        "3",
        "--repeat",
        "1",
        "--stages",
        "4",
        "--only",
        "corpus",
        "--output",
        str(output),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    assert result.returncode == 0, result.stderr
    text = output.read_text(encoding="utf-8")
    assert text.startswith(kept)  # what the script did not write stays as it was
    assert "<!-- benchmark:start" in text
    assert "# cjm benchmark results" in text
    for label in ("floor: yaml.load(CSafeLoader), 3 files", "cjm validate --jobs 1", "check-jsonschema", "yamllint"):
        assert label in text
    assert "peak memory of cjm lint on 3 files" in text


def test_the_corpus_is_the_same_for_the_same_seed(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from corpus import write_corpus
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    first = write_corpus(tmp_path / "a", 4)
    second = write_corpus(tmp_path / "b", 4)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert 350 <= len(first[0].read_text(encoding="utf-8").splitlines()) <= 450


def test_progress_stays_silent_for_a_quick_run_and_appears_for_a_slow_one(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = StringIO()
    quick = progress.DelayedProgress(stream)
    quick(1, 10)
    quick.close()
    assert quick.bar is None
    monkeypatch.setattr(progress, "DELAY", 0.0)
    slow = progress.DelayedProgress(stream)
    slow(5, 10)
    assert slow.bar is not None
    slow.close()


def test_every_adversarial_input_fills_the_default_limits_without_passing_them() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from adversarial import ADVERSARIES, largest
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    from cjm.loader import load_bytes

    def too_large(text: str) -> bool:
        return "CJM003" in [d.code for d in load_bytes("a.yaml", text.encode("utf-8")).diagnostics]

    for name, adversary in ADVERSARIES.items():
        assert not too_large(adversary.make()), name
        if adversary.build is not None:  # the others fill the diagram limit instead
            assert too_large(adversary.build(largest(adversary.build) + 1)), name


def test_the_largest_map_of_the_benchmark_is_within_the_default_limits(tmp_path: Path) -> None:
    """The limits are set for the budget; a map far larger than any real one must still pass them."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from corpus import write_large_map
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    from cjm.loader import load_bytes

    raw = write_large_map(tmp_path / "large.yaml").read_bytes()
    loaded = load_bytes("large.yaml", raw)
    assert loaded.diagnostics == []
    assert loaded.document is not None
