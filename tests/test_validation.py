"""Schema validation: each problem is one sentence a marketer understands, at the value's place."""

import textwrap

import pytest

from cjm.loader import load_text
from cjm.validation import validate_document
from tests.samples import MINIMAL_JOURNEY, MINIMAL_PERSONA


def check(text: str) -> list[tuple[str, int, int, str]]:
    loaded = load_text("j.yaml", textwrap.dedent(text))
    assert loaded.document is not None, loaded.diagnostics
    return [(d.code, d.line, d.column, d.message) for d in validate_document(loaded.document).diagnostics]


def replace(old: str, new: str, text: str = MINIMAL_JOURNEY) -> str:
    assert old in text
    return text.replace(old, new, 1)


def test_minimal_journey_and_persona_are_valid() -> None:
    assert check(MINIMAL_JOURNEY) == []
    assert check(MINIMAL_PERSONA) == []


def test_emotion_in_words_is_reported_at_the_value() -> None:
    assert check(replace("emotion: 1", "emotion: rather pleased")) == [
        (
            "CJM022",
            21,
            18,
            "stages[0].steps[0].emotion: expected a whole number from -2 (very negative) to 2 (very positive), "
            "got 'rather pleased'",
        )
    ]


@pytest.mark.parametrize("value", ["3", "-3", "1.5", "true", "'1'"])
def test_emotion_outside_the_scale_is_refused(value: str) -> None:
    [(code, line, column, message)] = check(replace("emotion: 1", f"emotion: {value}"))
    assert (code, line, column) == ("CJM022", 21, 18)
    assert "from -2 (very negative) to 2 (very positive)" in message


def test_unknown_key_suggests_the_closest_known_key() -> None:
    assert check(replace("emotion: 1", "emotoin: 1")) == [
        ("CJM020", 21, 9, "stages[0].steps[0].emotoin: unknown key 'emotoin' — did you mean 'emotion'?")
    ]


def test_unknown_key_without_a_close_match_lists_the_allowed_keys() -> None:
    loaded = load_text("j.yaml", replace("title: Coffee subscription", "title: x\ncolour: red"))
    assert loaded.document is not None
    [problem] = validate_document(loaded.document).diagnostics
    assert (problem.code, problem.line, problem.column) == ("CJM020", 5, 1)
    assert problem.hint is not None
    assert "keys allowed here: apiVersion, kind, id, title" in problem.hint


def test_missing_required_key_is_reported_at_its_mapping() -> None:
    assert check(replace("    name: Zakup\n", "")) == [
        ("CJM021", 22, 5, "stages[1]: the required key 'name' is missing (The stage's name in the map's language)")
    ]


def test_unknown_stage_type_suggests_the_right_one() -> None:
    [(code, line, column, message)] = check(replace("type: awareness", "type: awarness"))
    assert (code, line, column) == ("CJM022", 16, 11)
    assert message.endswith("got 'awarness' — did you mean 'awareness'?")


def test_yes_is_text_in_yaml_1_2_and_the_hint_says_so() -> None:
    loaded = load_text("j.yaml", replace("emotion: 1", "emotion: 1\n        key_moment: yes"))
    assert loaded.document is not None
    [problem] = validate_document(loaded.document).diagnostics
    assert problem.message == "stages[0].steps[0].key_moment: expected true or false, got 'yes'"
    assert problem.hint is not None
    assert "YAML 1.2" in problem.hint


def test_a_number_where_text_is_expected_asks_for_quotes() -> None:
    loaded = load_text("j.yaml", replace("title: Coffee subscription", "title: 2026"))
    assert loaded.document is not None
    [problem] = validate_document(loaded.document).diagnostics
    assert (problem.line, problem.column, problem.message) == (4, 8, "title: expected text, got the number 2026")
    assert problem.hint == 'write it in quotes: `title: "2026"`'


def test_norwegian_language_code_is_text_not_false() -> None:
    assert check(replace("title: Coffee subscription", "title: x\nlanguage: no")) == []


@pytest.mark.parametrize(
    ("link", "ok"),
    [
        ("https://example.org/survey", True),
        ("http://intranet/report", True),
        ("mailto:cx@example.org", True),
        ("javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("data:text/html,<script>", False),
        ("ftp://example.org", False),
    ],
)
def test_evidence_links_accept_only_web_and_mail(link: str, ok: bool) -> None:
    text = replace(
        "emotion: -1",
        f"emotion: -1\n        evidence:\n          - type: survey\n            summary: s\n            link: '{link}'",
    )
    found = check(text)
    assert [c for c, *_ in found] == ([] if ok else ["CJM022"])


def test_dates_must_be_iso() -> None:
    assert check(replace("title: Coffee subscription", "title: x\nlast_reviewed: 2026-10-31")) == []
    [(code, line, column, message)] = check(
        replace("title: Coffee subscription", "title: x\nlast_reviewed: 31.10.2026")
    )
    assert (code, line, column) == ("CJM022", 5, 16)
    assert "expected a date like 2026-10-31" in message


def test_empty_text_is_refused() -> None:
    assert check(replace("title: Coffee subscription", "title: ''")) == [("CJM022", 4, 8, "title: must not be empty")]


def test_kpi_value_must_be_a_finite_number() -> None:
    kpi = "\n    kpis:\n      - name: Conversion\n        value: .nan\n"
    [(code, line, _, message)] = check(replace("    type: purchase\n", "    type: purchase" + kpi))
    assert (code, line) == ("CJM022", 27)
    assert message.startswith("stages[1].kpis[0].value: expected a number")


def test_a_journey_needs_at_least_one_stage() -> None:
    text = "apiVersion: cjm/v1\nkind: Journey\nid: j\ntitle: t\nstages: []\n"
    assert check(text) == [("CJM022", 5, 9, "stages: needs at least 1 item")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "kind: Journey\nid: x\n",
            ("CJM011", 1, 1, "the file does not say which schema it follows; 'apiVersion:' is missing"),
        ),
        (
            "apiVersion: cjm/v2\nkind: Journey\n",
            ("CJM011", 1, 13, "unknown apiVersion 'cjm/v2'; this version of cjm reads cjm/v1"),
        ),
        (
            "apiVersion: cjm/v1\nid: x\n",
            (
                "CJM011",
                1,
                1,
                "the file does not say what it describes; 'kind:' is missing",
            ),
        ),
        (
            "apiVersion: cjm/v1\nkind: Jorney\n",
            (
                "CJM011",
                2,
                7,
                "unknown kind 'Jorney' — did you mean 'Journey'?",
            ),
        ),
    ],
)
def test_header_problems_are_named(text: str, expected: tuple[str, int, int, str]) -> None:
    assert check(text) == [expected]


def test_several_problems_in_one_file_are_all_reported_in_order() -> None:
    text = replace("emotion: 1", "emotion: 9")
    text = replace("type: purchase", "type: buy", text)
    assert [(c, line) for c, line, _, _ in check(text)] == [("CJM022", 21), ("CJM022", 24)]


def test_a_union_value_reports_once() -> None:
    assert check(replace("title: Coffee subscription", "title: x\nrevision: ''")) == [
        ("CJM022", 5, 11, "revision: must not be empty")
    ]


def test_a_missing_key_that_takes_one_of_a_few_words_lists_them_in_the_hint() -> None:
    loaded = load_text("j.yaml", replace("    type: purchase\n", ""))
    assert loaded.document is not None
    [problem] = validate_document(loaded.document).diagnostics
    assert problem.code == "CJM021"
    assert problem.hint == (
        "add 'type:' to this mapping, with one of: awareness, consideration, purchase, onboarding, experience, "
        "support, retention, loyalty, reactivation, advocacy, other"
    )


def test_a_missing_header_is_added_at_the_top_of_the_file_whatever_comments_come_first() -> None:
    loaded = load_text("j.yaml", "# yaml-language-server: $schema=cjm.json\nkind: Journey\n")
    assert loaded.document is not None
    [problem] = validate_document(loaded.document).diagnostics
    assert problem.hint == "add 'apiVersion: cjm/v1' at the top of the file"


def test_a_kpi_figure_too_large_to_compare_is_invalid_not_a_crash_later() -> None:
    kpi = "\n    kpis:\n      - name: Revenue\n        value: 1\n        target: 1" + "0" * 400 + "\n"
    [(code, _, _, message)] = check(replace("    type: purchase\n", "    type: purchase" + kpi))
    assert code == "CJM022"
    assert message == (
        "stages[1].kpis[0].target: a number of about 401 digits is too large for a figure; "
        "write it in a larger unit (thousands, millions) with 'unit:'"
    )


KPI = "\n    kpis:\n      - name: Revenue\n        value: {value}\n"


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("'1e400'", "it is too large for a figure; write it in a larger unit (thousands, millions) with 'unit:'"),
        ("'2.5e3'", "write the number without quotes: `value: 2.5e3`"),
        ("'1 000 000'", "write the digits without spaces or '_': `value: 1000000`"),
        ("'23 %'", 'put the number in `value:` and the unit in `unit:`: `value: 23` and `unit: "%"`'),
    ],
)
def test_a_number_in_quotes_gets_a_hint_that_reads_it_right(value: str, hint: str) -> None:
    loaded = load_text("j.yaml", replace("    type: purchase\n", "    type: purchase" + KPI.format(value=value)))
    assert loaded.document is not None
    [problem] = validate_document(loaded.document).diagnostics
    assert (problem.code, problem.hint) == ("CJM022", hint)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param("revision", "revision: 0x" + "f" * 4_000, id="revision"),
        pytest.param("sample_size", "sample_size: 0o" + "7" * 4_000, id="sample-size"),
        pytest.param("value", "value: " + "9" * 4_000 + ".5", id="kpi-float"),
        pytest.param("value", "value: '" + "9" * 5_000 + "'", id="kpi-quoted-digits"),
        pytest.param("emotion", "emotion: '" + "1" * 5_000 + "'", id="emotion-quoted-digits"),
        pytest.param("emotion", "emotion: 0x" + "f" * 4_000, id="emotion-hex"),
        pytest.param("title", "title: 0x" + "f" * 4_000, id="text-hex"),
    ],
)
def test_every_number_field_refuses_a_huge_number_without_showing_it(old: str, new: str) -> None:
    evidence = "\n        evidence:\n          - type: survey\n            summary: x\n            sample_size: 3"
    text = replace("emotion: -1", "emotion: -1" + evidence)
    text = replace("    type: purchase\n", "    type: purchase" + KPI.format(value=1), text)
    text = replace("title: Coffee subscription", "title: Coffee subscription\nrevision: 3", text)
    line = next(line for line in text.splitlines() if line.strip().startswith(old + ":"))
    loaded = load_text("j.yaml", text.replace(line, line.split(old)[0] + new, 1))
    problems = loaded.diagnostics or validate_document(loaded.document).diagnostics  # type: ignore[arg-type]
    assert [problem.code for problem in problems] == ["CJM022"]
    assert all(len(problem.message) < 200 and len(problem.hint or "") < 200 for problem in problems)
