"""`cjm diff`: what changed between two versions of a map, in the map's terms."""

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from cjm.api import load
from cjm.diff import diff_journeys, diff_markdown, diff_text, journey_changes
from cjm.model import Journey
from tests.conftest import EXAMPLES, Cli
from tests.test_render import GOLDEN, golden_check

Write = Callable[[str, str | bytes], Path]
RUSSIAN = EXAMPLES / "loyalty-loop-ru" / "journey.yaml"


def edited(*replacements: tuple[str, str]) -> str:
    text = RUSSIAN.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def changes_after(write: Write, *replacements: tuple[str, str]) -> list[tuple[str, str]]:
    new = load(write("new.yaml", edited(*replacements)), Journey)
    return [(c.kind, c.text) for c in journey_changes(load(RUSSIAN, Journey), new)]


def test_the_same_map_has_no_changes() -> None:
    journey = load(RUSSIAN, Journey)
    assert journey_changes(journey, journey) == []


def test_an_emotion_change_says_its_direction(write: Write) -> None:
    [(kind, text)] = changes_after(write, ("emotion: -2", "emotion: 1"))
    assert kind == "emotion-changed"
    assert text.endswith(": emotion −2 → +1 (better)")


def test_a_renamed_stage_is_a_rename_not_a_removal(write: Write) -> None:
    changes = changes_after(write, ("name: Петля лояльности\n", "name: Петля лояльности и бонусы\n"))
    assert changes == [("stage-renamed", "stage 'Петля лояльности и бонусы': renamed from 'Петля лояльности'")]


def test_pain_points_added_and_resolved_and_kpis_that_now_miss(write: Write) -> None:
    journey = load(RUSSIAN, Journey)
    pain = next(p for stage in journey.stages for step in stage.steps for p in step.pain_points)
    kpi = next(k for stage in journey.stages for k in stage.kpis if k.meets_target())
    changes = changes_after(
        write,
        (f"- {pain}\n", "- Курьер не позвонил перед доставкой\n"),
        (f"value: {kpi.value:g}\n", f"value: {kpi.target * 100 if kpi.direction == 'lower-is-better' else 0}\n"),
    )
    kinds = [kind for kind, _ in changes]
    assert "pain-point-added" in kinds
    assert "pain-point-resolved" in kinds
    assert "kpi-value-changed" in kinds
    assert (
        "kpi-status-changed",
        f"KPI '{kpi.name}' of stage '{_stage_of(journey, kpi.name)}': now misses its target",
    ) in changes


def _stage_of(journey: Journey, kpi: str) -> str:
    return next(stage.name for stage in journey.stages for k in stage.kpis if k.name == kpi)


def test_journeys_are_matched_by_id_between_two_folders() -> None:
    journey = load(RUSSIAN, Journey)
    other = load(EXAMPLES / "online-store-en" / "journey.yaml", Journey)
    diffs = diff_journeys([journey], [journey, other])
    assert [(d.id, d.state) for d in diffs] == [(other.id, "added"), (journey.id, "unchanged")]


def test_the_markdown_escapes_every_text_from_the_map(write: Write) -> None:
    new = load(write("new.yaml", edited(("name: Петля лояльности\n", "name: <script>x</script>\n"))), Journey)
    page = diff_markdown(diff_journeys([load(RUSSIAN, Journey)], [new]))
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert page.startswith("**1 journey map: 1 changed; 1 change in the map's terms.**")
    assert "<details>" in page


@pytest.mark.parametrize("output_format", ["text", "markdown", "json"])
def test_the_command_exits_0_unless_asked_for_exit_code(cli: Cli, write: Write, output_format: str) -> None:
    old = write("old/journey.yaml", RUSSIAN.read_text(encoding="utf-8"))
    new = write("new/journey.yaml", edited(("emotion: -2", "emotion: 1")))
    for folder in ("old", "new"):
        for persona in (RUSSIAN.parent / "personas").iterdir():
            write(f"{folder}/personas/{persona.name}", persona.read_text(encoding="utf-8"))
    plain = cli("diff", str(old.parent), str(new.parent), "-f", output_format)
    assert plain.exit_code == 0, plain.stderr
    assert cli("diff", str(old.parent), str(new.parent), "-f", output_format, "--exit-code").exit_code == 1
    assert cli("diff", str(old.parent), str(old.parent), "--exit-code").exit_code == 0
    if output_format == "json":
        document = json.loads(plain.stdout)
        assert document["summary"] == {"journeys": 1, "changed": 1, "changes": 1}
        [change] = document["journeys"][0]["changes"]
        assert (change["kind"], change["before"], change["after"]) == ("emotion-changed", -2, 1)


def test_an_invalid_side_is_reported_and_exits_2(cli: Cli, write: Write) -> None:
    write("old.yaml", RUSSIAN.read_text(encoding="utf-8"))
    for persona in (RUSSIAN.parent / "personas").iterdir():
        write(persona.name, persona.read_text(encoding="utf-8"))
    write("new.yaml", "apiVersion: cjm/v1\nkind: Journey\nid: [\n")
    result = cli("diff", "old.yaml", "new.yaml")
    assert result.exit_code == 2
    assert "new.yaml:3:" in result.stderr
    assert "Traceback" not in result.stderr


def test_two_versions_side_by_side_in_one_folder_are_compared_not_read_as_one_project(cli: Cli, write: Write) -> None:
    write("v1.yaml", RUSSIAN.read_text(encoding="utf-8"))
    write("v2.yaml", edited(("emotion: -2", "emotion: 1")))
    result = cli("diff", "v1.yaml", "v2.yaml")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith("1 journey map: 1 changed; 1 change in the map's terms.\n")


def test_a_file_of_another_kind_is_refused_with_its_place(cli: Cli, write: Write) -> None:
    write("v1.yaml", RUSSIAN.read_text(encoding="utf-8"))
    persona = write("p.yaml", (RUSSIAN.parent / "personas" / "andrey-new-flat.yaml").read_text(encoding="utf-8"))
    result = cli("diff", "v1.yaml", str(persona))
    assert result.exit_code == 2
    assert "not a Journey" in result.stderr


def test_a_reworded_pain_point_is_one_change_and_a_new_one_is_not(write: Write) -> None:
    journey = load(RUSSIAN, Journey)
    pain = next(p for stage in journey.stages for step in stage.steps for p in step.pain_points)
    changes = changes_after(write, (f"- {pain}\n", f"- {pain[:-1]}, и это раздражает\n"))
    assert [kind for kind, _ in changes] == ["pain-point-reworded"]
    changes = changes_after(write, (f"- {pain}\n", "- Курьер не позвонил\n"))
    assert sorted(kind for kind, _ in changes) == ["pain-point-added", "pain-point-resolved"]


def test_changes_at_one_place_are_listed_under_it_once(write: Write) -> None:
    new = load(
        write("new.yaml", edited(("emotion: -2", "emotion: 1"), ("key_moment: true", "key_moment: false"))), Journey
    )
    diffs = diff_journeys([load(RUSSIAN, Journey)], [new])
    places = [change.where for change in diffs[0].changes]
    text = diff_text(diffs)
    for where in set(places):
        assert text.count(where) == 1, text


# Real revisions of the examples (git archive of three commits of this repository), kept in
# tests/diff/revisions so the golden files do not move when the examples do.
REVISIONS = Path(__file__).parent / "diff" / "revisions"
PAIRS = [("ad855b2", "44331b7"), ("44331b7", "2271319")]
SUFFIXES = {"text": ".txt", "markdown": ".md", "json": ".json"}


@pytest.mark.parametrize("output_format", SUFFIXES)
@pytest.mark.parametrize(("old", "new"), PAIRS)
def test_real_revisions_of_the_examples_match_the_golden_files(
    cli: Cli, old: str, new: str, output_format: str
) -> None:
    result = cli("diff", str(REVISIONS / old), str(REVISIONS / new), "-f", output_format)
    assert result.exit_code == 0, result.stderr
    golden_check(f"diff/{old}-{new}{SUFFIXES[output_format]}", result.stdout.encode())


def _git(repo: Path, *args: str) -> str:
    identity = ["-c", "user.name=cjm tests", "-c", "user.email=tests@example.invalid", "-c", "commit.gpgsign=false"]
    done = subprocess.run(["git", *identity, *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository whose three commits hold the three revisions of the examples, in order;
    the working tree is the last one, and the current folder is the repository."""
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    for revision in ("ad855b2", "44331b7", "2271319"):
        for child in repo.iterdir():
            if child.name != ".git":
                shutil.rmtree(child)
        shutil.copytree(REVISIONS / revision, repo / "maps")
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", revision)
    monkeypatch.chdir(repo)
    return repo


@pytest.mark.parametrize("output_format", SUFFIXES)
@pytest.mark.parametrize(("range_", "pair"), [("HEAD~2..HEAD~1", PAIRS[0]), ("HEAD~1", PAIRS[1])])
def test_rev_reads_revisions_from_git_and_says_what_the_golden_files_say(
    cli: Cli, history: Path, range_: str, pair: tuple[str, str], output_format: str
) -> None:
    status = _git(history, "status", "--porcelain")
    result = cli("diff", "--rev", range_, "-f", output_format)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.encode() == (GOLDEN / f"diff/{pair[0]}-{pair[1]}{SUFFIXES[output_format]}").read_bytes()
    assert _git(history, "status", "--porcelain") == status  # nothing checked out, nothing staged


def test_rev_compares_the_working_tree_and_exit_code_says_whether_it_changed(cli: Cli, history: Path) -> None:
    assert cli("diff", "--rev", "HEAD", "--exit-code").exit_code == 0
    journey = history / "maps" / "loyalty-loop-ru" / "journey.yaml"
    journey.write_text(journey.read_text(encoding="utf-8").replace("emotion: -2", "emotion: 1", 1), encoding="utf-8")
    result = cli("diff", "--rev", "HEAD", "--exit-code")
    assert result.exit_code == 1, result.stderr
    assert ": emotion −2 → +1 (better)" in result.stdout
    assert result.stdout.endswith("3 journey maps: 1 changed; 1 change in the map's terms.\n")
    # Limited to a path, from a subfolder: the other journeys are not compared.
    os.chdir(history / "maps")
    result = cli("diff", "--rev", "HEAD", "online-store-en")
    assert result.stdout == "No changes to the journey maps (1 journey compared).\n"


def test_rev_a_journey_deleted_from_the_working_tree_is_removed(cli: Cli, history: Path) -> None:
    shutil.rmtree(history / "maps" / "b2b-service-pl")
    result = cli("diff", "--rev", "HEAD", "maps/b2b-service-pl")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(
        "online-accounting-smb (Księgowość online dla małej firmy — KsięgoChmura): removed\n"
    )


def test_rev_with_three_dots_compares_with_where_the_branch_left(cli: Cli, history: Path) -> None:
    _git(history, "checkout", "-q", "-b", "topic", "HEAD~1")
    journey = history / "maps" / "loyalty-loop-ru" / "journey.yaml"
    journey.write_text(journey.read_text(encoding="utf-8").replace("emotion: -2", "emotion: 1", 1), encoding="utf-8")
    _git(history, "commit", "-q", "-am", "topic")
    # main moved on after topic left it; main...topic is topic's own change only.
    result = cli("diff", "--rev", "main...topic")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith("3 journey maps: 1 changed; 1 change in the map's terms.\n")
    assert "emotion −2 → +1" in result.stdout
    two_dots = cli("diff", "--rev", "main..topic")
    assert "reworded" in two_dots.stdout  # main's own later edits show, reversed


def test_rev_an_invalid_map_at_a_revision_is_shown_with_the_revision_and_its_place(cli: Cli, history: Path) -> None:
    journey = history / "maps" / "loyalty-loop-ru" / "journey.yaml"
    journey.write_text(journey.read_text(encoding="utf-8").replace("emotion: -2", "emotion: -7", 1), encoding="utf-8")
    _git(history, "commit", "-q", "-am", "broken")
    line = next(n for n, text in enumerate(journey.read_text(encoding="utf-8").splitlines(), 1) if "-7" in text)
    result = cli("diff", "--rev", "HEAD~1..HEAD")
    assert result.exit_code == 2
    assert f"HEAD:maps/loyalty-loop-ru/journey.yaml:{line}:" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rev", "no-such-branch"], "unknown revision 'no-such-branch'"),
        (["--rev", "--help"], "unknown revision '--help'"),
        (["--rev", "HEAD", "nowhere"], "no such path here or at HEAD: nowhere"),
        (["--rev", "HEAD", "..."], "no such path here or at HEAD: ..."),
        (["only-one.yaml"], "give OLD and NEW (got 1)"),
    ],
)
def test_rev_misuse_is_a_usage_error(cli: Cli, history: Path, args: list[str], message: str) -> None:
    result = cli("diff", *args)
    assert result.exit_code == 2, result.stdout
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_rev_outside_a_git_repository_says_so(cli: Cli, write: Write) -> None:
    result = cli("diff", "--rev", "HEAD")
    assert result.exit_code == 2
    assert "not in a git repository" in result.stderr


def test_the_markdown_stays_within_a_comment_and_counts_what_it_leaves_out() -> None:
    old, new = (load_folder(REVISIONS / revision) for revision in PAIRS[0])
    diffs = diff_journeys(old, new)
    whole = diff_markdown(diffs)
    assert "not shown here" not in whole
    short = diff_markdown(diffs, limit=3_000)
    assert len(short) < 3_200
    listed = short.count("<li>") - short.count(":<ul>")  # a place with several changes heads a list
    left_out = int(short.rsplit("_", 2)[-2].split()[0].replace(",", ""))
    assert listed > 0
    assert listed + left_out == sum(len(d.changes) for d in diffs)
    assert short.startswith(whole.split("\n", 1)[0])  # the summary still counts every change


def load_folder(folder: Path) -> list[Journey]:
    return [load(path, Journey) for path in sorted(folder.glob("*/journey.yaml"))]


WORKFLOW = Path(__file__).parent.parent / "docs" / "workflows" / "journey-diff.yml"


def test_the_documented_workflow_script_writes_the_comment_for_a_pull_request(history: Path, tmp_path: Path) -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["diff"]["steps"]
    [describe] = [step for step in steps if step.get("id") == "diff"]
    _git(history, "update-ref", "refs/remotes/origin/main", "HEAD~1")  # the base branch, as checkout fetches it
    summary, outputs = tmp_path / "summary.md", tmp_path / "outputs"
    env = {
        **os.environ,
        "BASE": "main",
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(outputs),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    subprocess.run(["bash", "-e", "-c", describe["run"]], cwd=history, env=env, check=True)
    golden = (GOLDEN / f"diff/{PAIRS[1][0]}-{PAIRS[1][1]}.md").read_text(encoding="utf-8")
    assert (history / "journey-diff.md").read_text(encoding="utf-8") == golden
    assert summary.read_text(encoding="utf-8") == golden
    assert outputs.read_text(encoding="utf-8") == "changed=true\n"
    [post] = [step for step in steps if step.get("if") == "steps.diff.outputs.changed == 'true'"]
    assert "--body-file journey-diff.md" in post["run"]


def test_textconv_makes_git_log_show_a_map_change_in_words(history: Path) -> None:
    (history / ".gitattributes").write_text("*.yaml diff=cjm\n", encoding="utf-8")
    cjm = f"{Path(sys.executable).parent / 'cjm'} diff --textconv"
    log = _git(history, "-c", f"diff.cjm.textconv={cjm}", "log", "-p", "-1", "--format=")
    assert "-| Запускает первую стирку и разбирается с режимами по QR-коду из буклета |" in log
    assert "+| Запускает первую стирку и пытается разобраться с режимами по гарантийному буклету |" in log
    assert "apiVersion" not in log


def test_textconv_prints_a_file_that_is_not_a_valid_journey_as_it_is(cli: Cli, write: Write) -> None:
    text = "apiVersion: cjm/v1\nkind: Journey\nid: [\n"
    write("broken.yaml", text)
    result = cli("diff", "--textconv", "broken.yaml")
    assert (result.exit_code, result.stdout) == (0, text)
    assert cli("diff", "--textconv", "a.yaml", "b.yaml").exit_code == 2
