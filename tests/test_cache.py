"""The result cache and parallel runs: same findings, same order, and only what changed is redone."""

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from cjm.cache import Cache
from cjm.config import find_config
from cjm.linting.runner import lint
from tests.conftest import EXAMPLES, without_timing
from tests.samples import MINIMAL_JOURNEY, MINIMAL_PERSONA

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]


def corpus(write: Write, count: int) -> list[str]:
    """`count` journeys (every third one invalid) and the persona they follow."""
    paths = [str(write("maps/p.yaml", MINIMAL_PERSONA))]
    for number in range(count):
        text = MINIMAL_JOURNEY.replace("id: coffee-subscription", f"id: journey-{number}")
        if number % 3 == 0:
            text = text.replace("emotion: 1", "emotion: 7")
        paths.append(str(write(f"maps/j{number:03d}.yaml", text)))
    return paths


def rows(paths: list[str], cache: Cache | None, **options: object) -> tuple[list[tuple[str, int, int, str]], int]:
    report = lint(paths, cache=cache, **options)  # type: ignore[arg-type]
    return [(d.path, d.line, d.column, d.code) for d in report.diagnostics], report.cached


def test_a_second_run_on_unchanged_files_is_answered_from_the_cache(write: Write, tmp_path: Path) -> None:
    paths = corpus(write, 12)
    cache = Cache(str(tmp_path / "cache"))
    first, cached = rows(paths, cache)
    assert cached == 0
    assert first
    second, cached = rows(paths, cache)
    assert (second, cached) == (first, len(paths))


def test_a_changed_file_is_checked_again_and_only_that_file(write: Write, tmp_path: Path) -> None:
    paths = corpus(write, 6)
    cache = Cache(str(tmp_path / "cache"))
    before, _ = rows(paths, cache)
    write("maps/j000.yaml", MINIMAL_JOURNEY.replace("id: coffee-subscription", "id: journey-0"))
    after, cached = rows(paths, cache)
    assert cached == len(paths) - 1
    assert [r for r in before if r[0] == "maps/j000.yaml" and r[3] == "CJM022"]
    assert not [r for r in after if r[0] == "maps/j000.yaml" and r[3] == "CJM022"]
    assert rows(paths, None)[0] == after


def test_a_changed_configuration_redoes_the_rules_but_not_the_parsing(write: Write, tmp_path: Path) -> None:
    paths = corpus(write, 6)
    cache = Cache(str(tmp_path / "cache"))
    write("cjm.toml", 'select = ["CJM108"]\n')
    owners, _ = rows(paths, cache, config=find_config(["maps"]))
    write("cjm.toml", 'select = ["CJM205"]\n')
    lows, cached = rows(paths, cache, config=find_config(["maps"]))
    assert cached == len(paths)
    assert {code for *_, code in owners} == {"CJM108", "CJM022"}
    assert {code for *_, code in lows} == {"CJM205", "CJM022"}


def test_changed_limits_invalidate_the_files(write: Write, tmp_path: Path) -> None:
    paths = corpus(write, 3)
    cache = Cache(str(tmp_path / "cache"))
    rows(paths, cache)
    write("cjm.toml", "max-file-size = 100\n")
    found, cached = rows(paths, cache, config=find_config(["maps"]))
    assert cached == 0
    assert {code for *_, code in found} == {"CJM003"}


def test_a_new_cjm_version_invalidates_everything(
    write: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = corpus(write, 3)
    cache = Cache(str(tmp_path / "cache"))
    rows(paths, cache)
    monkeypatch.setattr("cjm.cache.__version__", "999.0")
    assert rows(paths, cache)[1] == 0


def test_a_corrupt_cache_entry_is_a_miss_not_a_crash(write: Write, tmp_path: Path) -> None:
    paths = corpus(write, 3)
    cache = Cache(str(tmp_path / "cache"))
    first, _ = rows(paths, cache)
    for entry in (tmp_path / "cache").rglob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert rows(paths, cache) == (first, 0)


def test_the_cache_is_sealed_json_and_ignored_by_git(write: Write, tmp_path: Path) -> None:
    cache = Cache(str(tmp_path / "cache"))
    rows(corpus(write, 2), cache)
    assert (tmp_path / "cache" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    entries = list((tmp_path / "cache").rglob("*.json"))
    assert entries
    for entry in entries:
        seal, body = entry.read_bytes().split(b"\n", 1)
        assert re.fullmatch(rb"cjm-cache-v2 hmac-sha256 [0-9a-f]{64}", seal)
        json.loads(body)


def test_an_unwritable_cache_folder_is_skipped(write: Write, tmp_path: Path) -> None:
    (tmp_path / "blocked").write_text("a file where the cache folder would be", encoding="utf-8")
    paths = corpus(write, 2)
    assert rows(paths, Cache(str(tmp_path / "blocked" / "cache"))) == rows(paths, None)


def test_cli_reports_files_from_cache_and_no_cache_turns_it_off(cli: Cli, write: Write, private_cache: Path) -> None:
    paths = corpus(write, 3)
    first = cli("lint", *paths)
    second = cli("lint", *paths)
    assert without_timing(first.stdout).endswith("Checked 4 files: 3 errors, 14 warnings, 8 notes.\n")
    assert without_timing(second.stdout).endswith("Checked 4 files (4 from cache): 3 errors, 14 warnings, 8 notes.\n")
    assert without_timing(second.stdout).split("Checked")[0] == without_timing(first.stdout).split("Checked")[0]
    assert second.exit_code == first.exit_code == 1
    third = cli("lint", "--no-cache", *paths)
    assert "from cache" not in third.stdout


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_parallel_runs_give_the_same_findings_in_the_same_order(cli: Cli, write: Write, command: str) -> None:
    paths = corpus(write, 40)
    single = cli(command, "--jobs", "1", "--no-cache", "--format", "json", *paths)
    parallel = cli(command, "--jobs", "2", "--no-cache", "--format", "json", *paths)
    assert single.exit_code == parallel.exit_code == 1
    assert json.loads(parallel.stdout) == json.loads(single.stdout)
    assert len(json.loads(single.stdout)["diagnostics"]) >= 14


def test_a_second_validate_on_unchanged_files_is_answered_from_the_cache(cli: Cli, write: Write) -> None:
    paths = corpus(write, 3)
    first = cli("validate", *paths)
    second = cli("validate", *paths)
    assert without_timing(second.stdout) == without_timing(first.stdout).replace(
        "Checked 4 files:", "Checked 4 files (4 from cache):"
    )
    assert second.exit_code == first.exit_code == 1


def test_the_default_starts_no_workers_for_a_run_too_small_to_gain_from_them() -> None:
    from cjm.engine import AUTO_PARALLEL_BYTES, workers

    assert workers(None, AUTO_PARALLEL_BYTES - 1, 1000) == 1
    assert workers(None, 10 * AUTO_PARALLEL_BYTES, 1) == 1


def test_the_default_starts_workers_by_the_size_of_the_work() -> None:
    from cjm.engine import AUTO_PARALLEL_BYTES, usable_cpus, workers

    assert workers(None, AUTO_PARALLEL_BYTES, 1000) == min(2, usable_cpus())
    assert workers(None, 100 * AUTO_PARALLEL_BYTES, 1000) == usable_cpus()


def test_jobs_asked_for_are_honoured_up_to_one_per_file() -> None:
    from cjm.engine import workers

    assert workers(4, 10, 3) == 3
    assert workers(1, 10**9, 1000) == 1


@pytest.mark.parametrize("encoding", ["utf-16", "cp1251"])
def test_a_file_that_is_not_utf8_shows_the_same_from_the_cache(cli: Cli, write: Write, encoding: str) -> None:
    write("j.yaml", MINIMAL_JOURNEY.replace("Pays by card", "Платит картой").encode(encoding))
    first, second = cli("validate", "j.yaml"), cli("validate", "j.yaml")
    assert "from cache" in second.stdout
    assert without_timing(second.stdout).replace(" (1 from cache)", "") == without_timing(first.stdout)


# The cache is input too: whatever is in it, a run gives what it gives without it.

STANDALONE = MINIMAL_JOURNEY.replace("personas: [olga]\n", "")
"""A journey that refers to no other file."""
INVALID = STANDALONE.replace("emotion: 1", "emotion: 7")
"""A journey with one validation error."""


def entries(folder: Path, kind: str) -> list[Path]:
    """The cache's entries of one kind: "runs" (whole runs) or "files" (one file's result)."""
    found = [p for p in folder.rglob("*.json") if p.is_file() and not p.is_symlink()]
    return sorted(p for p in found if (p.parent.name == "runs") == (kind == "runs"))


def tamper(entry: Path, change: Callable[[Any], Any]) -> None:
    """Change what an entry holds, as whoever can write the file but lacks the key would: the seal stays."""
    seal, newline, body = entry.read_bytes().rpartition(b"\n")
    entry.write_bytes(seal + newline + json.dumps(change(json.loads(body)), ensure_ascii=False).encode())


def entry_key(entry: Path) -> str:
    """The key an entry is stored under, from its place in the cache."""
    return entry.stem if entry.parent.name == "runs" else entry.parent.name + entry.stem


def same_as_without_cache(cli: Cli, *args: str) -> Result:
    """Run cjm with the cache, check it says exactly what it says without, and return the run."""
    cached, fresh = cli(*args), cli(args[0], "--no-cache", *args[1:])
    assert (cached.exit_code, comparable(cached.stdout)) == (fresh.exit_code, comparable(fresh.stdout))
    assert comparable(cached.stderr) == comparable(fresh.stderr)
    return cached


def comparable(output: str) -> str:
    """Output with what only says how the run went taken out: its duration and how many files came from the cache."""
    output = re.sub(r" \(\d+ from cache\)", "", without_timing(output))
    return re.sub(r'"cached": \d+', '"cached": 0', output)


def test_a_tampered_run_entry_cannot_pass_a_map_with_errors(cli: Cli, write: Write, private_cache: Path) -> None:
    write("j.yaml", INVALID)
    assert cli("validate", "j.yaml").exit_code == 1
    assert entries(private_cache, "runs")
    for entry in entries(private_cache, "runs"):
        tamper(entry, lambda value: {**value, "diagnostics": []})
    assert same_as_without_cache(cli, "validate", "j.yaml").exit_code == 1


def test_a_tampered_file_entry_cannot_hide_validation_errors_from_lint(
    cli: Cli, write: Write, private_cache: Path
) -> None:
    write("j.yaml", INVALID)
    assert cli("lint", "j.yaml").exit_code == 1
    for entry in entries(private_cache, "runs"):
        entry.unlink()
    for entry in entries(private_cache, "files"):
        tamper(entry, lambda value: {**value, "diagnostics": []})
    assert "CJM022" in same_as_without_cache(cli, "lint", "j.yaml").stdout


def test_a_tampered_file_entry_cannot_put_content_into_a_rendered_map(
    cli: Cli, write: Write, private_cache: Path
) -> None:
    write("j.yaml", STANDALONE)
    assert cli("render", "-f", "markdown", "j.yaml").exit_code == 0
    for entry in entries(private_cache, "files"):
        tamper(entry, lambda value: {**value, "data": {**value["data"], "title": "Forged title"}})
    rendered = same_as_without_cache(cli, "render", "-f", "markdown", "j.yaml")
    assert "Forged title" not in rendered.stdout


def test_entries_sealed_with_another_users_key_are_a_miss(
    cli: Cli, write: Write, private_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("j.yaml", INVALID)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "someone-else"))
    cli("validate", "j.yaml")
    for entry in entries(private_cache, "runs") + entries(private_cache, "files"):
        tamper(entry, lambda value: {**value, "diagnostics": []})
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "me"))
    assert same_as_without_cache(cli, "validate", "j.yaml").exit_code == 1


def test_a_cache_committed_to_the_repository_is_never_read(
    cli: Cli, write: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pull request can commit a `.cjm_cache/` (git carries it with `git add -f`): here, entries made as
    cjm makes them, by someone else, then changed to say the map has no errors."""
    write("j.yaml", INVALID)
    monkeypatch.setenv("CJM_CACHE_DIR", str(tmp_path / ".cjm_cache"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "attacker"))
    cli("validate", "j.yaml")
    forged = entries(tmp_path / ".cjm_cache", "runs") + entries(tmp_path / ".cjm_cache", "files")
    for entry in forged:
        tamper(entry, lambda value: {**value, "diagnostics": []})
    shutil.rmtree(tmp_path / "attacker", ignore_errors=True)
    committed = _tree(tmp_path)

    monkeypatch.delenv("CJM_CACHE_DIR")
    home = tmp_path.parent / f"{tmp_path.name}-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    first, second = cli("validate", "j.yaml"), cli("validate", "j.yaml")
    assert first.exit_code == second.exit_code == 1
    assert "from cache" in second.stdout
    assert _tree(tmp_path) == committed
    assert len(list((home / "cjm").glob("*/*/runs/*.json"))) == 1  # the cache of this project, in the user's


def test_a_committed_symlink_cannot_lead_the_cache_out_of_the_repository(
    cli: Cli, write: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The committed symlink `.cjm_cache/v1/runs -> ../../../elsewhere` once made pruning delete files there."""
    repository = tmp_path / "repository"
    monkeypatch.chdir(write("repository/j.yaml", INVALID).parent)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for number in range(50):
        (elsewhere / f"{number:064x}.json").write_text("precious", encoding="utf-8")
    for layout in ("v1", "v2"):
        (repository / ".cjm_cache" / layout).mkdir(parents=True)
        (repository / ".cjm_cache" / layout / "runs").symlink_to("../../../elsewhere")
    committed = _tree(tmp_path)
    monkeypatch.delenv("CJM_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path.parent / f"{tmp_path.name}-home"))
    for number in range(3):
        (repository / "j.yaml").write_text(INVALID.replace("Coffee subscription", f"Coffee {number}"), "utf-8")
        assert cli("validate", "j.yaml").exit_code == 1
    assert _tree(tmp_path) == committed


def _tree(folder: Path) -> dict[str, bytes | str]:
    """Every file, folder and symlink below a folder, with what each holds (but the journey, which tests change)."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            found[str(path)] = "-> " + os.readlink(path)
        elif path.is_file() and path.suffix == ".json":
            found[str(path)] = path.read_bytes()
        elif path.is_dir():
            found[str(path)] = "folder"
    return found


def test_a_symlink_inside_the_cache_is_never_followed(cli: Cli, write: Write, private_cache: Path) -> None:
    write("j.yaml", INVALID)
    cli("validate", "j.yaml")
    (runs,) = {entry.parent for entry in entries(private_cache, "runs")}
    elsewhere = private_cache.parent / "elsewhere"
    elsewhere.mkdir()
    for number in range(50):
        (elsewhere / f"{number:064x}.json").write_text("precious", encoding="utf-8")
    shutil.rmtree(runs)
    runs.symlink_to(elsewhere)
    for number in range(3):  # three runs, each stored and pruned by the old cache
        write("j.yaml", INVALID.replace("Coffee subscription", f"Coffee {number}"))
        assert same_as_without_cache(cli, "validate", "j.yaml").exit_code == 1
    assert sorted(p.read_text(encoding="utf-8") for p in elsewhere.iterdir()) == ["precious"] * 50


def test_a_cache_folder_that_is_a_symlink_turns_the_cache_off(
    cli: Cli, write: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("j.yaml", INVALID)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "elsewhere")
    monkeypatch.setenv("CJM_CACHE_DIR", str(tmp_path / "link"))
    same_as_without_cache(cli, "validate", "j.yaml")
    assert "from cache" not in same_as_without_cache(cli, "validate", "j.yaml").stdout
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_the_secret_key_is_made_once_for_the_user_alone(cli: Cli, write: Write, tmp_path: Path) -> None:
    write("j.yaml", INVALID)
    cli("validate", "j.yaml")
    (key,) = Path(os.environ["XDG_CACHE_HOME"]).glob("cjm/key")
    made = key.read_bytes()
    assert len(made) == 32
    assert key.stat().st_mode & 0o777 == 0o600
    cli("validate", "j.yaml")
    assert key.read_bytes() == made


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="file modes")
def test_a_key_others_can_read_turns_the_cache_off(cli: Cli, write: Write, private_cache: Path) -> None:
    write("j.yaml", INVALID)
    cli("validate", "j.yaml")
    (key,) = Path(os.environ["XDG_CACHE_HOME"]).glob("cjm/key")
    key.chmod(0o644)
    assert "from cache" not in same_as_without_cache(cli, "validate", "j.yaml").stdout


def test_pruning_deletes_only_run_entries_cjm_wrote_itself(
    cli: Cli, write: Write, private_cache: Path, tmp_path: Path
) -> None:
    write("j.yaml", INVALID)
    cli("validate", "j.yaml")
    (runs,) = {entry.parent for entry in entries(private_cache, "runs")}
    outside = tmp_path / "outside.json"
    outside.write_text("precious", encoding="utf-8")
    foreign = [runs / f"{number:064x}.json" for number in range(40)] + [runs / "notes.txt"]
    for path in foreign:
        path.write_text("not cjm's", encoding="utf-8")
        os.utime(path, (1, 1))
    (runs / f"{99:064x}.json").symlink_to(outside)
    cache = Cache(str(private_cache))
    for number in range(40):
        cache.store_run(f"{number + 1000:064x}", {"diagnostics": [], "files": []})
    assert all(path.read_text(encoding="utf-8") == "not cjm's" for path in foreign)
    assert outside.read_text(encoding="utf-8") == "precious"
    own = [path for path in runs.iterdir() if path.name.startswith("00") and int(path.stem, 16) >= 1000]
    assert len(own) == 32


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs /dev/zero and named pipes")
@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_an_entry_that_is_not_a_regular_file_is_a_miss_read_no_further(
    special: str, write: Write, tmp_path: Path
) -> None:
    """A symlink to /dev/zero would be read without end, a named pipe would block: both are misses at once.

    cjm runs in its own process with 1 GiB of address space, so an unbounded read fails quickly.
    """
    write("j.yaml", INVALID)
    cache = tmp_path / "cache"

    def run(*args: str) -> subprocess.CompletedProcess[bytes]:
        environment = {**os.environ, "CJM_CACHE_DIR": str(cache), "NO_COLOR": "1"}
        command = [sys.executable, "-m", "cjm", "validate", *args, "j.yaml"]
        return subprocess.run(  # the time limit only stops a run that would hang
            command, cwd=tmp_path, env=environment, capture_output=True, timeout=120, preexec_fn=_limit_memory
        )

    run()
    for entry in entries(cache, "runs") + entries(cache, "files"):
        entry.unlink()
        if special == "fifo":
            os.mkfifo(entry)
        else:
            entry.symlink_to(special)
    cached, fresh = run(), run("--no-cache")
    assert (cached.returncode, comparable(cached.stdout.decode())) == (1, comparable(fresh.stdout.decode()))


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


BAD_ROWS = {
    "severity not a string": ["CJM022", "invalid-value", 1, "m", "j.yaml", 1, 1, None],
    "severity unknown": ["CJM022", "invalid-value", "fatal", "m", "j.yaml", 1, 1, None],
    "line as a string": ["CJM022", "invalid-value", "error", "m", "j.yaml", "3", 1, None],
    "column a boolean": ["CJM022", "invalid-value", "error", "m", "j.yaml", 3, True, None],
    "line zero": ["CJM022", "invalid-value", "error", "m", "j.yaml", 0, 1, None],
    "hint a number": ["CJM022", "invalid-value", "error", "m", "j.yaml", 3, 1, 5],
    "message a list": ["CJM022", "invalid-value", "error", ["m"], "j.yaml", 3, 1, None],
    "row too short": ["CJM022", "invalid-value", "error", "m", "j.yaml", 3, 1],
}


@pytest.mark.parametrize("output_format", ["text", "sarif", "json"])
@pytest.mark.parametrize("row", sorted(BAD_ROWS))
def test_an_entry_of_the_wrong_shape_is_a_miss_even_when_sealed(
    cli: Cli, write: Write, private_cache: Path, row: str, output_format: str
) -> None:
    write("j.yaml", INVALID)
    cli("validate", "j.yaml", "-f", output_format)
    cache = Cache(str(private_cache))
    for entry in entries(private_cache, "runs"):
        cache.store_run(entry_key(entry), {"diagnostics": [BAD_ROWS[row]], "files": []})
    same_as_without_cache(cli, "validate", "j.yaml", "-f", output_format)


@pytest.mark.parametrize(
    "entry",
    [
        {"diagnostics": [], "data": ["not", "a", "mapping"]},
        {"diagnostics": {}, "data": None},
        {"diagnostics": [], "data": None, "more": 1},
        {"diagnostics": []},
        ["diagnostics"],
    ],
)
def test_a_file_entry_of_the_wrong_shape_is_a_miss_even_when_sealed(
    cli: Cli, write: Write, private_cache: Path, entry: Any
) -> None:
    write("j.yaml", INVALID)
    cli("lint", "j.yaml")
    cache = Cache(str(private_cache))
    for path in entries(private_cache, "runs"):
        path.unlink()
    for path in entries(private_cache, "files"):
        cache.store_file(entry_key(path), entry)
    assert "from cache" not in same_as_without_cache(cli, "lint", "j.yaml").stdout


def test_what_json_cannot_carry_exactly_is_simply_not_cached(tmp_path: Path) -> None:
    cache = Cache(str(tmp_path / "cache"))
    cache.store_file("a" * 64, {"diagnostics": [], "data": {"revision": 10**5000}})
    cache.store_file("b" * 64, {"diagnostics": [], "data": {1: "a key that is not text"}})
    cache.store_file("c" * 64, {"diagnostics": [], "data": {"score": float("nan")}})
    cache.store_run("d" * 64, {"diagnostics": [["C", "n", "error", "\udcff", "j.yaml", 1, 1, None]], "files": []})
    assert not list((tmp_path / "cache").rglob("*.json"))


def test_a_map_with_a_huge_hex_revision_is_checked_the_same_with_the_cache(cli: Cli, write: Write) -> None:
    write("j.yaml", STANDALONE.replace("title:", "revision: 0x" + "f" * 4000 + "\ntitle:"))
    for command in ("validate", "lint", "render"):
        assert same_as_without_cache(cli, command, "j.yaml").exit_code in (0, 1)


# A run's key covers every file its result depended on: the files read for context, and the absence of files.

PROJECT_CHANGES: dict[str, tuple[dict[str, str], dict[str, str | None]]] = {
    "a persona added beside the journey": ({"j.yaml": MINIMAL_JOURNEY}, {"olga.yaml": MINIMAL_PERSONA}),
    "the persona removed": ({"j.yaml": MINIMAL_JOURNEY, "olga.yaml": MINIMAL_PERSONA}, {"olga.yaml": None}),
    "the persona renamed": (
        {"j.yaml": MINIMAL_JOURNEY, "olga.yaml": MINIMAL_PERSONA},
        {"olga.yaml": MINIMAL_PERSONA.replace("id: olga", "id: olga-k")},
    ),
    "a file with the same id added": ({"j.yaml": STANDALONE}, {"maps/copy.yaml": STANDALONE}),
    "a persona in a subfolder made invalid": (
        {"j.yaml": MINIMAL_JOURNEY, "people/olga.yaml": MINIMAL_PERSONA},
        {"people/olga.yaml": MINIMAL_PERSONA.replace("name:", "nickname:")},
    ),
}


@pytest.mark.parametrize("command", ["validate", "lint"])
@pytest.mark.parametrize("change", sorted(PROJECT_CHANGES))
def test_a_change_to_any_project_file_is_seen_by_the_next_run(
    cli: Cli, write: Write, tmp_path: Path, change: str, command: str
) -> None:
    before, after = PROJECT_CHANGES[change]
    for name, text in before.items():
        write(name, text)
    first = cli(command, "j.yaml")
    assert "from cache" in cli(command, "j.yaml").stdout
    for name, changed in after.items():
        if changed is None:
            (tmp_path / name).unlink()
        else:
            write(name, changed)
    assert comparable(same_as_without_cache(cli, command, "j.yaml").stdout) != comparable(first.stdout)


def test_a_run_that_used_personas_from_the_project_is_answered_from_the_cache(
    cli: Cli, write: Write, private_cache: Path
) -> None:
    write("maps/j.yaml", MINIMAL_JOURNEY)
    write("people/olga.yaml", MINIMAL_PERSONA)
    cli("lint", "maps/j.yaml")
    assert entries(private_cache, "runs")
    again = same_as_without_cache(cli, "lint", "maps/j.yaml")
    assert "(1 from cache)" in again.stdout


def test_a_changed_persona_reports_the_journeys_that_use_it_the_same_from_the_cache(cli: Cli, write: Write) -> None:
    write("j.yaml", MINIMAL_JOURNEY)
    write("olga.yaml", MINIMAL_PERSONA.replace("id: olga", "id: olga-k"))
    first = same_as_without_cache(cli, "validate", "olga.yaml")
    second = same_as_without_cache(cli, "validate", "olga.yaml")
    assert "j.yaml:5:12: error CJM031" in second.stdout
    assert "from cache" in second.stdout
    assert comparable(second.stdout) == comparable(first.stdout)


# The guarantee: with the cache, a run gives exactly the exit code and the output it gives without.

TARGETS = {
    "a folder": ["examples"],
    "a persona that journeys use": ["examples/online-store-en/personas/anna-busy-parent.yaml"],
    "standard input": ["--stdin-filename", "examples/renamed.yaml", "-"],
}


@pytest.mark.parametrize("target", sorted(TARGETS))
@pytest.mark.parametrize(
    ("command", "output_format"),
    [(c, f) for c in ("validate", "lint") for f in ("text", "json", "sarif", "github")]
    + [("render", f) for f in ("markdown", "mermaid", "html")],
)
def test_the_cache_never_changes_an_exit_code_or_a_byte_of_output(
    cli: Cli, write: Write, command: str, output_format: str, target: str
) -> None:
    shutil.copytree(EXAMPLES, "examples")
    write("examples/broken.yaml", INVALID.replace("id: coffee-subscription", "id: broken"))
    renamed = MINIMAL_JOURNEY.replace("id: coffee-subscription", "id: renamed").replace("[olga]", "[anna-busy-parent]")
    write("examples/renamed.yaml", renamed)
    anna = Path("examples/online-store-en/personas/anna-busy-parent.yaml")
    anna.write_text(anna.read_text(encoding="utf-8").replace("id: anna-busy-parent", "id: anna"), encoding="utf-8")
    if command == "render" and target != "standard input":
        targets = ["examples/online-store-en/journey.yaml"]
    else:
        targets = TARGETS[target]
    args = [command, "-f", output_format, *targets]
    stdin = renamed if "-" in targets else None
    fresh = cli(args[0], "--no-cache", *args[1:], stdin=stdin)
    cold, warm = cli(*args, stdin=stdin), cli(*args, stdin=stdin)
    assert fresh.exit_code in (0, 1)
    for cached in (cold, warm):
        assert (cached.exit_code, comparable(cached.stdout)) == (fresh.exit_code, comparable(fresh.stdout))
        assert comparable(cached.stderr) == comparable(fresh.stderr)
    if output_format == "text":
        assert "from cache" in warm.stdout
    if command != "render" and target == "a persona that journeys use":  # with the journeys that use it
        assert "examples/online-store-en/journey.yaml" in fresh.stdout


def test_file_entries_not_written_for_30_days_are_deleted_once_a_day_and_only_cjm_s_own(
    write: Write, private_cache: Path
) -> None:
    cache = Cache(str(private_cache))
    old, fresh = "aa" + "1" * 62, "aa" + "2" * 62
    for key in (old, fresh):
        cache.store_file(key, {"diagnostics": [], "data": None})
    (folder,) = {entry.parent for entry in entries(private_cache, "files")}
    forged = folder / ("3" * 62 + ".json")
    forged.write_text("not cjm's", encoding="utf-8")
    notes = folder / "notes.txt"
    notes.write_text("not cjm's", encoding="utf-8")
    long_ago = time.time() - 40 * 24 * 3600
    for path in (folder / (old[2:] + ".json"), forged, notes):
        os.utime(path, (long_ago, long_ago))
    cache.store_run("b" * 64, {"diagnostics": [], "files": []})
    assert sorted(path.name for path in folder.iterdir()) == sorted([fresh[2:] + ".json", forged.name, notes.name])
    assert cache.load_file(fresh) is not None
    cache.store_file(old, {"diagnostics": [], "data": None})  # stored again, and aged again
    os.utime(folder / (old[2:] + ".json"), (long_ago, long_ago))
    cache.store_run("c" * 64, {"diagnostics": [], "files": []})
    assert (folder / (old[2:] + ".json")).exists()  # pruned at most once a day
