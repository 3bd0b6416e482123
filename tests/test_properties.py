"""Properties: whatever bytes or YAML cjm is given, it answers with diagnostics, never an exception."""

import random
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cjm.api import validate
from cjm.cli import app
from cjm.loader import load_bytes
from cjm.model import Journey
from cjm.validation import validate_document
from cjm.views.html import render_html
from cjm.views.markdown import render_markdown
from cjm.views.mermaid import render_mermaid
from tests.conftest import EXAMPLES

PROFILE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_bytes(raw: bytes) -> None:
    loaded = load_bytes("x.yaml", raw)
    for problem in loaded.diagnostics:
        assert problem.line >= 1
        assert problem.column >= 1
        assert problem.message
        assert problem.hint
    if loaded.document is not None:
        for problem in validate_document(loaded.document).diagnostics:
            assert problem.hint
            assert problem.line >= 1
            assert problem.column >= 1
            assert problem.message


@PROFILE
@given(st.binary(max_size=2000))
def test_any_bytes_give_diagnostics_not_exceptions(raw: bytes) -> None:
    check_bytes(raw)


YAML_ATOMS = st.sampled_from(
    [
        "apiVersion: cjm/v1\n",
        "kind: Journey\n",
        "kind: Persona\n",
        "id: x\n",
        "title: t\n",
        "stages:\n",
        "  - id: a\n",
        "    name: A\n",
        "    type: awareness\n",
        "    steps:\n",
        "      - id: s\n",
        "        action: do\n",
        "        emotion: 2\n",
        "        emotion: [\n",
        "- ",
        ": ",
        "&a ",
        "*a ",
        "!!str ",
        "!!python/object ",
        "? ",
        "{",
        "}",
        "[",
        "]",
        ",",
        "'",
        '"',
        "#",
        "\t",
        "\n",
        "---\n",
        "...\n",
        "<<: *a\n",
        "\ufeff",
        "Ärger: ja\n",
        "этап: покупка\n",
        "zażółć: gęślą\n",
        "~\n",
        "no\n",
        "0x1F\n",
        ".nan\n",
        "|\n  x\n",
    ]
)


@PROFILE
@given(st.lists(YAML_ATOMS, max_size=40).map("".join))
def test_any_yaml_like_text_gives_diagnostics_not_exceptions(text: str) -> None:
    check_bytes(text.encode("utf-8"))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_on_standard_input_end_with_0_1_or_2_and_name_the_input(raw: bytes) -> None:
    result = CliRunner().invoke(app, ["validate", "--no-cache", "-"], input=raw, env={"NO_COLOR": "1"})
    assert result.exit_code in (0, 1, 2)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    if result.exit_code == 1:
        assert result.stdout.startswith("<stdin>:")


def example_data() -> list[tuple[Path, Any]]:
    result = []
    for path in sorted(EXAMPLES.rglob("*.yaml")):
        loaded = load_bytes(str(path), path.read_bytes())
        assert loaded.document is not None
        result.append((path, loaded.document.data))
    return result


def mutate(data: Any, rng: random.Random) -> Any:
    """Apply one structural change somewhere in the tree: delete, retype, duplicate, swap or nest."""
    if isinstance(data, dict) and data:
        key = rng.choice(sorted(data))
        choice = rng.randrange(6)
        copy = dict(data)
        if choice == 0:
            del copy[key]
        elif choice == 1:
            copy[key] = rng.choice([None, 7, -3, 2.5, True, "", "text", [], {}, ["x"], {"k": "v"}])
        elif choice == 2:
            copy[key + "x"] = copy[key]
        elif choice == 3:
            copy[key] = {"nested": copy[key]}
        else:
            copy[key] = mutate(copy[key], rng)
        return copy
    if isinstance(data, list) and data:
        copy = list(data)
        choice = rng.randrange(4)
        index = rng.randrange(len(copy))
        if choice == 0:
            del copy[index]
        elif choice == 1:
            rng.shuffle(copy)
        elif choice == 2:
            copy.append(copy[index])
        else:
            copy[index] = mutate(copy[index], rng)
        return copy
    return rng.choice([None, 0, "swapped-id", "sees-ad", -2, 3, ["list"], {"a": 1}])


@PROFILE
@given(st.integers(min_value=0, max_value=2**32), st.integers(min_value=1, max_value=4))
def test_mutated_examples_give_diagnostics_not_exceptions(seed: int, rounds: int) -> None:
    rng = random.Random(seed)
    examples = example_data()
    _path, data = examples[rng.randrange(len(examples))]
    for _ in range(rounds):
        data = mutate(data, rng)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    check_bytes(text.encode("utf-8"))
    loaded = load_bytes("x.yaml", text.encode("utf-8"))
    if loaded.document is not None:
        validated = validate_document(loaded.document)
        if isinstance(validated.model, Journey):
            journey = validated.model
            touchpoints = {t.id: t for t in journey.touchpoints}
            assert render_markdown(journey, [], touchpoints).startswith("# ")
            assert render_mermaid(journey, []).startswith("journey\n")
            ET.fromstring(render_html(journey, [], touchpoints, None))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=0, max_value=2**32))
def test_mutated_example_sets_resolve_references_without_exceptions(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    folder = tmp_path / str(seed)
    for path, data in example_data():
        target = folder / path.relative_to(EXAMPLES)
        target.parent.mkdir(parents=True, exist_ok=True)
        changed = mutate(data, rng) if rng.random() < 0.5 else data
        target.write_text(yaml.safe_dump(changed, allow_unicode=True, sort_keys=False), encoding="utf-8")
    report = validate([str(folder)])
    assert all(d.line >= 1 and d.column >= 1 for d in report.diagnostics)
