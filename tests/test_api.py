"""The Python API does what the command line does, takes what a Python user would pass, and says so in types."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import cjm
from tests.conftest import EXAMPLES, ROOT
from tests.samples import MINIMAL_JOURNEY, MINIMAL_PERSONA

ONLINE_STORE = EXAMPLES / "online-store-en"


def test_load_returns_the_model_of_a_valid_journey() -> None:
    journey = cjm.load(ONLINE_STORE / "journey.yaml", cjm.Journey)
    assert journey.id == "greenbasket-first-purchase"
    assert isinstance(cjm.load(ONLINE_STORE / "journey.yaml"), cjm.Journey)


def test_load_with_a_kind_refuses_a_file_of_another_kind() -> None:
    with pytest.raises(cjm.InvalidMapError) as raised:
        cjm.load(ONLINE_STORE / "journey.yaml", cjm.Persona)
    [problem] = raised.value.diagnostics
    assert (problem.code, problem.line, problem.message) == ("CJM011", 6, "the file is a Journey, not a Persona")


@pytest.mark.parametrize(
    ("change", "codes"),
    [
        (("  - id: purchase\n", "  - id: awareness\n"), ["CJM030", "CJM031"]),
        (("  - from: purchase\n", "  - from: delivery\n"), ["CJM031"]),
        (("      - id: pays\n", "      - id: sees-ad\n"), ["CJM030"]),
    ],
    ids=["stage id used twice", "transition from an unknown stage", "step id used twice"],
)
def test_load_refuses_what_the_cli_refuses_in_one_file(
    tmp_path: Path, change: tuple[str, str], codes: list[str]
) -> None:
    text = MINIMAL_JOURNEY.replace(*change)
    assert text != MINIMAL_JOURNEY
    path = tmp_path / "journey.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(cjm.InvalidMapError) as raised:
        cjm.load(path)
    assert [d.code for d in raised.value.diagnostics] == codes


def test_load_does_not_need_the_files_a_journey_refers_to(tmp_path: Path) -> None:
    path = tmp_path / "journey.yaml"
    path.write_text(MINIMAL_JOURNEY, encoding="utf-8")
    assert cjm.load(path).personas == ["olga"]


def test_validate_takes_one_path_as_a_string_not_as_characters() -> None:
    report = cjm.validate(str(EXAMPLES))
    assert len(report.files) > 3
    assert report.ok


def test_validate_takes_a_path_object_and_a_list_of_them() -> None:
    assert cjm.validate(ONLINE_STORE).files == cjm.validate([ONLINE_STORE]).files


def test_report_counts_severities_by_name_or_value(tmp_path: Path) -> None:
    (tmp_path / "j.yaml").write_text(MINIMAL_JOURNEY, encoding="utf-8")
    report = cjm.validate(tmp_path / "j.yaml")
    assert report.count("error") == report.count(cjm.Severity.ERROR) == 1
    assert report.count("ERROR") == 1
    assert not report.ok


def test_report_ok_follows_strict_for_warnings(tmp_path: Path) -> None:
    (tmp_path / "j.yaml").write_text(MINIMAL_JOURNEY, encoding="utf-8")
    (tmp_path / "olga.yaml").write_text(MINIMAL_PERSONA, encoding="utf-8")
    relaxed = cjm.lint(tmp_path, strict=False, select=["CJM2"])
    assert relaxed.count("error") == 0
    assert relaxed.count("warning") > 0
    assert relaxed.ok
    assert not cjm.lint(tmp_path, strict=True, select=["CJM2"]).ok


def test_report_is_not_ok_when_nothing_was_checked(tmp_path: Path) -> None:
    report = cjm.validate(tmp_path)
    assert report.diagnostics == []
    assert not report.ok


def test_render_returns_the_pages_and_writes_them_when_asked(tmp_path: Path) -> None:
    pages = cjm.render(ONLINE_STORE, format="mermaid")
    assert list(pages) == ["greenbasket-first-purchase.mmd"]
    assert pages["greenbasket-first-purchase.mmd"].startswith(b"journey")
    written = cjm.render(ONLINE_STORE, format="markdown", output=tmp_path / "out")
    assert sorted(os.listdir(tmp_path / "out")) == sorted(written)


def test_render_raises_with_the_diagnostics_for_an_invalid_map(tmp_path: Path) -> None:
    (tmp_path / "j.yaml").write_text(MINIMAL_JOURNEY, encoding="utf-8")
    with pytest.raises(cjm.InvalidMapError) as raised:
        cjm.render(tmp_path / "j.yaml")
    assert [d.code for d in raised.value.diagnostics] == ["CJM031"]


def test_dir_lists_the_public_names() -> None:
    assert dir(cjm) == sorted(cjm.__all__)
    for name in cjm.__all__:
        assert getattr(cjm, name) is not None


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        cjm.nothing_here  # noqa: B018


def test_the_package_ships_py_typed() -> None:
    assert (Path(cjm.__file__).parent / "py.typed").is_file()


def test_the_readme_api_example_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1]
    [example] = re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)[:1]
    result = subprocess.run(
        [sys.executable, "-c", example], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "True 0" in result.stdout
    assert "['greenbasket-first-purchase.svg']" in result.stdout


def test_the_readme_api_example_type_checks(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [example] = re.findall(r"```python\n(.*?)```", readme.split("## Python API", 1)[1], flags=re.DOTALL)[:1]
    script = tmp_path / "example.py"
    script.write_text(example, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(script)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout


def test_no_subpackage_shadows_a_public_name_once_everything_is_imported() -> None:
    import importlib
    import pkgutil

    for module in pkgutil.walk_packages(cjm.__path__, "cjm."):
        if module.name != "cjm.__main__":  # that one runs the command line
            importlib.import_module(module.name)
    for name in ("lint", "load", "render", "validate"):
        assert callable(getattr(cjm, name)), name


def test_render_names_the_formats_for_an_unknown_one() -> None:
    from cjm.discovery import UsageError

    with pytest.raises(UsageError, match="no render format 'pdf'; the formats are html, svg, mermaid, markdown, dot"):
        cjm.render(ONLINE_STORE, format="pdf")


def test_a_rule_key_given_as_one_string_is_one_key_not_its_characters(tmp_path: Path) -> None:
    (tmp_path / "j.yaml").write_text(MINIMAL_JOURNEY, encoding="utf-8")
    (tmp_path / "olga.yaml").write_text(MINIMAL_PERSONA, encoding="utf-8")
    one = cjm.lint(tmp_path, select="CJM2", ignore="step-without-emotion")
    assert one.diagnostics == cjm.lint(tmp_path, select=["CJM2"], ignore=["step-without-emotion"]).diagnostics
    assert {d.code for d in one.diagnostics} <= {f"CJM2{n:02d}" for n in range(100)}


def test_standard_input_may_be_given_as_text_and_paths_as_bytes(tmp_path: Path) -> None:
    assert cjm.validate("-", stdin=MINIMAL_PERSONA).ok
    (tmp_path / "olga.yaml").write_text(MINIMAL_PERSONA, encoding="utf-8")
    assert cjm.validate(os.fsencode(tmp_path / "olga.yaml")).ok
    assert cjm.load(os.fsencode(tmp_path / "olga.yaml"), cjm.Persona).id == "olga"


def test_a_render_format_is_read_in_any_case() -> None:
    assert list(cjm.render(ONLINE_STORE, format="MERMAID")) == ["greenbasket-first-purchase.mmd"]
