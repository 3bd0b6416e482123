"""Every lint rule: a clean journey passes it, one small change fails it at the exact place."""

import os
from pathlib import Path

import pytest

from cjm.lint.registry import all_rules
from cjm.lint.runner import lint
from tests.rule_cases import CATALOG, CLEAN_JOURNEY, PERSONA

Change = tuple[str, str]
Expected = tuple[str, int, int, str]

# (rule, text replacements in the journey, other files (new text, or a replacement in p.yaml), findings)
CASES = [
    pytest.param(
        "CJM101",
        [("type: loyalty", "type: other")],
        {},
        [("j.yaml", 16, 1, "no stage of type 'loyalty'")],
        id="CJM101",
    ),
    pytest.param(
        "CJM102",
        [("type: consideration", "type: experience")],
        {},
        [("j.yaml", 43, 11, "comes after 'compare' (experience)")],
        id="CJM102",
    ),
    pytest.param(
        "CJM103",
        [("type: experience", "type: other"), ("type: loyalty", "type: other")],
        {},
        [("j.yaml", 43, 11, "ends with the purchase stage 'rent'")],
        id="CJM103",
    ),
    pytest.param(
        "CJM104",
        [("channel: reviews", "channel: app")],
        {},
        [("j.yaml", 16, 1, "no way to give feedback")],
        id="CJM104",
    ),
    pytest.param(
        "CJM105",
        [
            (
                "    steps:\n      - id: rates\n        action: Rates the ride\n        touchpoints: [review-prompt]\n        emotion: 1\n",
                "    steps: []\n",
            )
        ],
        {},
        [("j.yaml", 69, 9, "stage 'return' has no steps")],
        id="CJM105",
    ),
    pytest.param(
        "CJM106",
        [("key_moment: true", "key_moment: false")],
        {},
        [("j.yaml", 16, 1, "no step is marked as a key moment")],
        id="CJM106",
    ),
    pytest.param(
        "CJM107",
        [("personas: [kasia]", "personas: []")],
        {},
        [("j.yaml", 3, 1, "follows no persona")],
        id="CJM107",
    ),
    pytest.param(
        "CJM108",
        [("    owner: Operations\n", "")],
        {},
        [("j.yaml", 59, 9, "stage 'ride' has no owner")],
        id="CJM108",
    ),
    pytest.param(
        "CJM109",
        [],
        {"p.yaml": ("goals:", "interests:")},
        [("p.yaml", 3, 1, "neither goals nor needs")],
        id="CJM109",
    ),
    pytest.param(
        "CJM110",
        [],
        {"p2.yaml": "apiVersion: cjm/v1\nkind: Persona\nid: nobody\nname: Nobody\ngoals: [x]\n"},
        [("p2.yaml", 3, 1, "follows persona 'nobody'")],
        id="CJM110",
    ),
    pytest.param(
        "CJM201",
        [("        action: Rides to work\n        touchpoints: [app]\n", "        action: Rides to work\n")],
        {},
        [("j.yaml", 65, 13, "step 'rides' uses no touchpoint")],
        id="CJM201",
    ),
    pytest.param(
        "CJM202",
        [("        action: Rides to work\n        touchpoints: [app]\n", "        action: Rides to work\n")],
        {},
        [("j.yaml", 59, 9, "no step of stage 'ride' uses a touchpoint")],
        id="CJM202",
    ),
    pytest.param(
        "CJM203",
        [("channel: in-person", "channel: app"), ("channel: reviews", "channel: app")],
        {},
        [("j.yaml", 16, 1, "one channel (app)")],
        id="CJM203",
    ),
    pytest.param(
        "CJM204",
        [("        emotion: 2\n", "")],
        {},
        [("j.yaml", 65, 13, "step 'rides' has no emotion")],
        id="CJM204",
    ),
    pytest.param(
        "CJM205",
        [
            (
                "        pain_points: [The scanner fails in bright sunlight]\n        opportunities: [Offer a code to type in]\n",
                "",
            )
        ],
        {},
        [("j.yaml", 50, 18, "lowest point (emotion -1)")],
        id="CJM205",
    ),
    pytest.param(
        "CJM206",
        [("        opportunities: [Offer a code to type in]\n", "")],
        {},
        [("j.yaml", 41, 9, "1 pain point but no opportunity")],
        id="CJM206",
    ),
    pytest.param(
        "CJM207",
        [("goal: Rent again tomorrow", "goal: TBD")],
        {},
        [("j.yaml", 72, 11, "placeholder text 'TBD'")],
        id="CJM207",
    ),
    pytest.param(
        "CJM208",
        [("    goal: Arrive without trouble\n", "")],
        {},
        [("j.yaml", 59, 9, "stage 'ride' has no goal")],
        id="CJM208",
    ),
    pytest.param(
        "CJM209",
        [
            (
                "        evidence:\n          - type: survey\n            summary: 40% first noticed a station on their way\n",
                "",
            )
        ],
        {},
        [("j.yaml", 16, 1, "no step has evidence")],
        id="CJM209",
    ),
    pytest.param(
        "CJM301",
        [("  - from: ride\n    to: return\n    condition: The ride went well\n", "")],
        {},
        [("j.yaml", 69, 9, "'return' cannot be reached from the first stage 'notice'")],
        id="CJM301",
    ),
    pytest.param(
        "CJM302",
        [("  - from: ride\n    to: return\n    condition: The ride went well\n", "")],
        {},
        [
            ("j.yaml", 17, 9, "from stage 'notice'"),
            ("j.yaml", 31, 9, "from stage 'compare'"),
            ("j.yaml", 41, 9, "from stage 'rent'"),
            ("j.yaml", 59, 9, "from stage 'ride' no path leads on to the last stage 'return'"),
        ],
        id="CJM302",
    ),
    pytest.param(
        "CJM303",
        [("    condition: The bike broke down\n", "")],
        {},
        [("j.yaml", 80, 5, "loop from 'ride' back to 'notice'")],
        id="CJM303",
    ),
    pytest.param(
        "CJM304",
        [("    to: notice\n", "    to: ride\n")],
        {},
        [("j.yaml", 81, 9, "from stage 'ride' to itself")],
        id="CJM304",
    ),
    pytest.param(
        "CJM305",
        [("touchpoints: [review-prompt]", "touchpoints: [app]")],
        {},
        [("j.yaml", 13, 9, "touchpoint 'review-prompt' is defined but")],
        id="CJM305",
    ),
    pytest.param(
        "CJM401",
        [("        target: 95\n", "")],
        {},
        [("j.yaml", 54, 15, "has no target")],
        id="CJM401",
    ),
    pytest.param(
        "CJM402",
        [("        source: App analytics\n", "")],
        {},
        [("j.yaml", 54, 15, "has no data source")],
        id="CJM402",
    ),
    pytest.param(
        "CJM403",
        [("value: 97", "value: 90")],
        {},
        [("j.yaml", 55, 16, "is 90%, missing its target of 95% (higher is better)")],
        id="CJM403",
    ),
    pytest.param(
        "CJM404",
        [
            (
                '    kpis:\n      - name: Unlock success rate\n        value: 97\n        target: 95\n        unit: "%"\n        source: App analytics\n',
                "",
            )
        ],
        {},
        [("j.yaml", 16, 1, "no stage has a KPI")],
        id="CJM404",
    ),
    pytest.param(
        "CJM405",
        [("        value: 97\n", "")],
        {},
        [("j.yaml", 54, 15, "has no current value")],
        id="CJM405",
    ),
]


def run(
    folder: Path, code: str, changes: list[Change], extra: dict[str, object], config: object = None
) -> list[tuple[str, int, int, str]]:
    text = CLEAN_JOURNEY
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    files: dict[str, str] = {"j.yaml": text, "p.yaml": PERSONA}
    for name, content in extra.items():
        if isinstance(content, tuple):
            files[name] = files[name].replace(*content)
        else:
            files[name] = str(content)
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    os.chdir(folder)
    report = lint(list(files), select=[code])
    return [(d.path, d.line, d.column, d.message) for d in report.diagnostics]


def test_the_clean_journey_passes_every_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(tmp_path, "ALL", [], {}) == []


def test_every_rule_has_a_case() -> None:
    assert sorted(case.values[0] for case in CASES) == sorted(rule.code for rule in all_rules())


@pytest.mark.parametrize(("code", "changes", "extra", "expected"), CASES)
def test_rule_passes_the_clean_journey_and_fails_the_changed_one_at_its_place(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    code: str,
    changes: list[Change],
    extra: dict[str, object],
    expected: list[Expected],
) -> None:
    monkeypatch.chdir(tmp_path)
    clean = tmp_path / "clean"
    clean.mkdir()
    assert run(clean, code, [], {}) == []
    broken = tmp_path / "broken"
    broken.mkdir()
    found = run(broken, code, changes, extra)
    assert [(path, line, column) for path, line, column, _ in found] == [(p, ln, c) for p, ln, c, _ in expected]
    for (_, _, _, message), (_, _, _, fragment) in zip(found, expected, strict=True):
        assert fragment in message


def findings(tmp_path: Path, code: str, changes: list[Change], extra: dict[str, object] | None = None) -> list[str]:
    return [message for _, _, _, message in run(tmp_path, code, changes, extra or {})]


def test_stage_aliases_count_for_a_required_stage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert findings(tmp_path, "CJM101", [("type: loyalty", "type: retention")]) == []


def test_stage_order_ignores_other_stages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert findings(tmp_path, "CJM102", [("type: awareness", "type: other")]) == []


def test_only_a_negative_low_point_needs_a_pain_point(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    changes = [
        ("emotion: -1", "emotion: 0"),
        (
            "        pain_points: [The scanner fails in bright sunlight]\n"
            "        opportunities: [Offer a code to type in]\n",
            "",
        ),
    ]
    assert findings(tmp_path, "CJM205", changes) == []


def test_a_forward_transition_needs_no_condition(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert findings(tmp_path, "CJM303", [("    condition: The ride went well\n", "")]) == []


def test_kpi_misses_target_knows_lower_is_better(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    changes = [('unit: "%"', 'unit: "%"\n        direction: lower-is-better')]
    assert findings(tmp_path, "CJM403", changes) == [
        "KPI 'Unlock success rate' is 97%, missing its target of 95% (lower is better)"
    ]
    assert findings(tmp_path, "CJM403", [("value: 97", "value: 95")]) == []


@pytest.mark.parametrize(
    ("goal", "placeholder"),
    [
        ("TODO", True),
        ("tbd later", True),
        ("Lorem ipsum dolor", True),
        ("...", True),
        ('"???"', True),
        ("'FIXME: ask sales'", True),
        ("Rent again tomorrow.", False),
        ("Sprawdza todos los precios", False),
        ("Ждёт звонка...", False),
    ],
)
def test_placeholder_text_is_told_from_real_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, goal: str, placeholder: bool
) -> None:
    monkeypatch.chdir(tmp_path)
    found = findings(tmp_path, "CJM207", [("goal: Rent again tomorrow", f"goal: {goal}")])
    assert all(message.startswith("placeholder text ") for message in found), found
    assert bool(found) is placeholder


def test_placeholder_text_in_a_persona_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert findings(tmp_path, "CJM207", [], {"p.yaml": ("Kasia, commuter", "TBD")}) == ["placeholder text 'TBD'"]


def test_an_unused_shared_touchpoint_is_reported_in_its_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    found = run(tmp_path, "CJM305", [], {"c.yaml": CATALOG})
    assert [(p, line, column) for p, line, column, _ in found] == [("c.yaml", 5, 9)]
    used = run(
        tmp_path,
        "CJM305",
        [("touchpoints: [app, station]", "touchpoints: [app, station, hotline]")],
        {"c.yaml": CATALOG},
    )
    assert used == []


def test_a_persona_without_journeys_checked_is_not_called_unused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.yaml").write_text(PERSONA, encoding="utf-8")
    assert lint(["p.yaml"], select=["CJM110"]).diagnostics == []
