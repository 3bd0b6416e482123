"""The pre-commit hooks in .pre-commit-hooks.yaml, run by pre-commit itself on a fresh repository.

pre-commit runs each hook's `entry` on the staged files of the types it names. These tests run
the manifest's hooks through pre-commit (as `language: system` hooks with the manifest's own
entry, types and settings, so nothing is downloaded) on a new repository with a team's layout:
the rename of a persona must fail the commit. CI also installs the hooks from this repository
with `pre-commit try-repo` (`make test-hooks`), as a team's configuration does.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import EXAMPLES, ROOT

PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")

pytestmark = pytest.mark.skipif(
    PRE_COMMIT is None or shutil.which("git") is None, reason="pre-commit and git are needed"
)


def manifest() -> list[dict[str, object]]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    return hooks


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, timeout=60)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A fresh repository whose .pre-commit-config.yaml runs this manifest's hooks on the installed cjm."""
    repo = tmp_path / "maps"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "team@example.org")
    git(repo, "config", "user.name", "Team")
    hooks = [
        {**hook, "language": "system", "entry": f"{Path(sys.executable).parent}/{hook['entry']}"} for hook in manifest()
    ]
    config = {"repos": [{"repo": "local", "hooks": hooks}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (repo / "cjm.toml").write_text('paths = ["docs/journeys", "docs/personas"]\n', encoding="utf-8")
    store = EXAMPLES / "online-store-en"
    for name, source in {
        "docs/journeys/first-purchase.yaml": store / "journey.yaml",
        "docs/journeys/touchpoints.yaml": store / "touchpoints.yaml",
        "docs/personas/anna.yaml": store / "personas/anna-busy-parent.yaml",
        "docs/personas/tom.yaml": store / "personas/tom-deal-seeker.yaml",
    }.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, repo / name)
    (repo / ".github/workflows").mkdir(parents=True)
    (repo / ".github/workflows/ci.yml").write_text("name: CI\non: [push]\njobs: {}\n", encoding="utf-8")
    git(repo, "add", "-A")
    return repo


def pre_commit(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    home = {"PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"), "CJM_CACHE_DIR": str(repo.parent / "cache")}
    return subprocess.run(
        [str(PRE_COMMIT), "run", "--color", "never", *args],
        cwd=repo,
        env={**os.environ, **home, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_manifest_names_both_hooks_for_yaml_files_in_pre_commit_mode() -> None:
    hooks = {hook["id"]: hook for hook in manifest()}
    assert sorted(hooks) == ["cjm-lint", "cjm-validate"]
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["types"] == ["yaml"]
        assert "--skip-other-yaml" in str(hook["entry"])


def test_the_hooks_pass_a_healthy_repository(repo: Path) -> None:
    result = pre_commit(repo, "--all-files")
    assert result.returncode == 0, result.stdout


def test_renaming_a_persona_fails_the_commit_with_the_journey_that_names_it(repo: Path) -> None:
    git(repo, "commit", "-q", "-m", "maps")
    persona = repo / "docs/personas/anna.yaml"
    persona.write_text(persona.read_text(encoding="utf-8").replace("id: anna-busy-parent", "id: anna"), "utf-8")
    git(repo, "add", "docs/personas/anna.yaml")
    result = pre_commit(repo)
    assert result.returncode == 1, result.stdout
    assert "docs/journeys/first-purchase.yaml:20:12: error CJM031" in result.stdout


def test_a_commit_of_other_yaml_alone_passes(repo: Path) -> None:
    git(repo, "commit", "-q", "-m", "maps")
    (repo / ".github/workflows/ci.yml").write_text("name: CI\non: [pull_request]\njobs: {}\n", encoding="utf-8")
    git(repo, "add", ".github/workflows/ci.yml")
    result = pre_commit(repo)
    assert result.returncode == 0, result.stdout


def test_the_lint_hook_shows_its_warnings_even_when_it_passes(repo: Path) -> None:
    git(repo, "commit", "-q", "-m", "maps")
    journey = repo / "docs/journeys/first-purchase.yaml"
    text = journey.read_text(encoding="utf-8")
    journey.write_text(text.replace("    owner: Brand and Performance Marketing\n", "", 1), encoding="utf-8")
    git(repo, "add", "docs/journeys/first-purchase.yaml")
    result = pre_commit(repo)
    assert result.returncode == 0, result.stdout
    assert "warning CJM108" in result.stdout
