"""Every problem explains itself: one plain sentence at the real cause, and a hint that says what to write.

YAML syntax errors are pinned to the line and column of the mistake (not where libyaml gave
up) with a message in plain words and the fixed line where it can be derived; values of the
wrong type say how to write them; every diagnostic of validation and lint carries a hint.
"""

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import cjm
from cjm.diagnostics import Diagnostic
from cjm.linting.registry import all_rules, example_files
from cjm.linting.runner import lint
from cjm.loader import load_text
from cjm.validation import validate_document
from tests import test_loader
from tests.conftest import EXAMPLES, ROOT
from tests.rules.conftest import CATALOG, CLEAN_JOURNEY, OTHER_PERSONA, PERSONA
from tests.samples import MINIMAL_JOURNEY, MINIMAL_PERSONA
from tests.test_properties import YAML_ATOMS

Write = Callable[[str, str | bytes], Path]
Explained = tuple[str, int, int, str, str]


def explained(text: str) -> list[Explained]:
    """Load and validate a file's text: (code, line, column, message, hint) of each problem."""
    loaded = load_text("f.yaml", text)
    found = loaded.diagnostics if loaded.document is None else validate_document(loaded.document).diagnostics
    return [(d.code, d.line, d.column, d.message, d.hint or "") for d in found]


def journey_with(old: str, new: str) -> str:
    """The minimal journey with one piece changed."""
    assert MINIMAL_JOURNEY.count(old) == 1, old
    return MINIMAL_JOURNEY.replace(old, new)


# YAML syntax: the real cause, in plain words, with the fix ----------------------------------


def lines(*rows: str) -> str:
    """Lines of YAML as they stand in a file, each with a line break."""
    return "".join(row + "\n" for row in rows)


SYNTAX_CASES = [
    pytest.param(
        lines(
            "stages:",
            "  - id: checkout",
            "    steps:",
            "      - id: clicks",
            '        action: Clicks "Buy": nothing happens',
        ),
        (
            5,
            29,
            "the text after 'action:' contains ': ', which YAML takes for another key",
            "put the text in quotes: `action: 'Clicks \"Buy\": nothing happens'`",
        ),
        id="colon-in-text",
    ),
    pytest.param(
        "title: Составление карты путешествия клиента: Ключевые шаги\n",
        (
            1,
            45,
            "the text after 'title:' contains ': ', which YAML takes for another key",
            'put the text in quotes: `title: "Составление карты путешествия клиента: Ключевые шаги"`',
        ),
        id="colon-in-russian-text",
    ),
    pytest.param(
        "thoughts:\n  - Cena: za wysoka: nie kupię\n",
        (
            2,
            20,
            "this text contains ': ', which YAML takes for a key and its value",
            'put the text in quotes: `- "Cena: za wysoka: nie kupię"`',
        ),
        id="colon-in-polish-list-item",
    ),
    pytest.param(
        "stages:\n\t- id: a\n",
        (
            2,
            1,
            "a tab is used for indentation here; YAML indents with spaces only",
            "replace the tab at the start of this line with spaces: `  - id: a`",
        ),
        id="tab-before-a-list-item",
    ),
    pytest.param(
        "stages:\n  - id: a\n    name: A\n  \ttype: other\n",
        (
            4,
            3,
            "a tab is used for indentation here; YAML indents with spaces only",
            "replace the tab at the start of this line with spaces: `    type: other`",
        ),
        id="tab-after-spaces",
    ),
    pytest.param(
        lines("stages:", "  - id: zakup", "    name: Zakup", "      type: purchase"),
        (
            4,
            7,
            "'type:' is indented more than 'name:' on line 3 (6 spaces instead of 4)",
            "indent it 4 spaces, like 'name:': `    type: purchase`",
        ),
        id="key-one-level-too-deep",
    ),
    pytest.param(
        lines("stages:", "  - id: zakup", '    name: "Zakup"', "      type: purchase"),
        (
            4,
            7,
            "'type:' is indented more than 'name:' on line 3 (6 spaces instead of 4)",
            "indent it 4 spaces, like 'name:': `    type: purchase`",
        ),
        id="key-too-deep-after-quoted-text",
    ),
    pytest.param(
        lines("stages:", "  - id: zakup", "    name: Zakup", "   type: purchase", "    steps: []"),
        (
            4,
            4,
            "'type:' is indented less than 'name:' on line 3 (3 spaces instead of 4)",
            "indent it 4 spaces, like 'name:': `    type: purchase`",
        ),
        id="key-too-shallow",
    ),
    pytest.param(
        lines("stages:", "  - id: a", "    steps:", "      - id: s", "     name: Этап"),
        (
            5,
            6,
            "'name:' is indented more than 'steps:' on line 3 (5 spaces instead of 4)",
            "indent it 4 spaces, like 'steps:': `    name: Этап`",
        ),
        id="key-between-two-levels-goes-to-the-nearest",
    ),
    pytest.param(
        "apiVersion: cjm/v1\nkind: Journey\n  id: x\n",
        (
            3,
            3,
            "'id:' is indented more than 'kind:' on line 2 (2 spaces instead of 0)",
            "start it at the beginning of the line, like 'kind:': `id: x`",
        ),
        id="top-level-key-indented",
    ),
    pytest.param(
        "  apiVersion: cjm/v1\nkind: Journey\n",
        (
            1,
            3,
            "the first key of the file, 'apiVersion:', is indented; the keys at the top of a file start at "
            "the beginning of the line",
            "remove the spaces before it: `apiVersion: cjm/v1`",
        ),
        id="first-key-indented",
    ),
    pytest.param(
        'title: "Coffee subscription\nid: coffee\n',
        (
            1,
            8,
            'the text that opens with " here is not closed on this line, so YAML reads the rest of the file '
            "as part of it",
            'add the closing " where the text ends: `title: "Coffee subscription"`',
        ),
        id="unclosed-double-quote",
    ),
    pytest.param(
        lines(
            "stages:",
            "  - id: a",
            '    name: "Осознание',
            "    type: awareness",
            "  - id: b",
            '    name: "Покупка"',
        ),
        (
            3,
            11,
            'the text that opens with " here is not closed on this line, so YAML reads on to the next " on line 6',
            'add the closing " where the text ends: `name: "Осознание"`',
        ),
        id="unclosed-quote-found-lines-later",
    ),
    pytest.param(
        "title: 'Zakup kawy\nid: zakup\nowner: 'Marketing'\n",
        (
            1,
            8,
            "the text that opens with ' here is not closed on this line, so YAML reads on to the next ' on line 3",
            "add the closing ' where the text ends: `title: 'Zakup kawy'`",
        ),
        id="unclosed-single-quote",
    ),
    pytest.param(
        "tags: [kawa, subskrypcja\nid: x\n",
        (
            1,
            7,
            "the '[' here opens a list that never closes with ']'",
            "close it with ']' after its last item: `tags: [kawa, subskrypcja]`",
        ),
        id="unclosed-bracket",
    ),
    pytest.param(
        "tags: [a, [b, c]\nid: x\n",
        (
            1,
            7,
            "the '[' here opens a list that never closes with ']'",
            "close it with ']' after its last item: `tags: [a, [b, c]]`",
        ),
        id="unclosed-nested-bracket",
    ),
    pytest.param(
        "owner: {team: CX\nid: x\n",
        (
            1,
            8,
            "the '{' here opens keys and values that never close with '}'",
            "close it with '}' after its last item: `owner: {team: CX}`",
        ),
        id="unclosed-brace",
    ),
    pytest.param(
        "tags: [a, b}\n",
        (1, 12, "the '[' here opens a list that closes with '}'", "close it with ']': `tags: [a, b]`"),
        id="bracket-closed-with-a-brace",
    ),
    pytest.param(
        "tags: [#1, b]\n",
        (
            1,
            8,
            "the '#' here starts a comment, so the list opened with '[' before it never closes",
            "put the item with '#' in quotes: `tags: [\"#1\", b]`",
        ),
        id="hash-in-brackets",
    ),
    pytest.param(
        "thoughts:\n  - one\n - two\n",
        (
            3,
            2,
            "this list item is indented less than the item on line 2 (1 space instead of 2)",
            "indent it 2 spaces, like the item on line 2: `  - two`",
        ),
        id="list-item-too-shallow",
    ),
    pytest.param(
        lines("steps:", "  - id: s", "    action: x", "      - id: t"),
        (
            4,
            7,
            "this list item is indented more than 'action:' on line 3, which has a value already",
            "indent it 2 spaces, like the item on line 2: `  - id: t`",
        ),
        id="list-item-too-deep",
    ),
    pytest.param(
        "title: x\n- a\n",
        (
            2,
            1,
            "this list item is in line with 'title:' on line 1, where YAML expects another key, so it belongs "
            "to no key",
            "put the items under the key they belong to, written on its own line ending with ':', and indent "
            "them more than that key",
        ),
        id="list-item-among-keys",
    ),
    pytest.param(
        "tags:\n- a\n-b\n",
        (3, 1, "a list item needs a space after '-'", "put a space after the '-': `- b`"),
        id="dash-without-space",
    ),
    pytest.param(
        "apiVersion: cjm/v1\nkind:Journey\nid: x\n",
        (2, 5, "'kind:' needs a space after ':' to be a key", "put a space after the ':': `kind: Journey`"),
        id="colon-without-space",
    ),
    pytest.param(
        "title: x\nsome more text\nid: y\n",
        (
            2,
            1,
            "this line is neither 'key: value' nor a list item starting with '- '",
            "if it continues the text of 'title:' on line 1, indent it more than 'title:'; otherwise write it "
            "as 'key: value'",
        ),
        id="line-without-key",
    ),
    pytest.param(
        "quote: *Sigh* too slow\n",
        (
            1,
            8,
            "the value starts with '*', so YAML reads '*Sigh' as a reference to a value named '&Sigh', "
            "and there is none",
            'if it is text, put it in quotes: `quote: "*Sigh* too slow"`',
        ),
        id="star",
    ),
    pytest.param(
        "quote: *Вздох* слишком медленно\n",
        (
            1,
            8,
            "the value starts with '*', which YAML reads as a reference to another value; text that starts "
            "with it must be in quotes",
            'put the text in quotes: `quote: "*Вздох* слишком медленно"`',
        ),
        id="star-before-cyrillic",
    ),
    pytest.param(
        "quote: @kasia_rides always late\n",
        (
            1,
            8,
            "the value starts with '@', which YAML reserves and does not allow at the start of text; text "
            "that starts with it must be in quotes",
            'put the text in quotes: `quote: "@kasia_rides always late"`',
        ),
        id="at-sign",
    ),
    pytest.param(
        "quote: `rm` nie działa\n",
        (
            1,
            8,
            "the value starts with '`', which YAML reserves and does not allow at the start of text; text "
            "that starts with it must be in quotes",
            'put the text in quotes: `` quote: "`rm` nie działa" ``',
        ),
        id="backtick",
    ),
    pytest.param(
        "quote: %50 taniej\n",
        (
            1,
            8,
            "the value starts with '%', which YAML does not allow at the start of text; text that starts with "
            "it must be in quotes",
            'put the text in quotes: `quote: "%50 taniej"`',
        ),
        id="percent",
    ),
    pytest.param(
        "quote: & more\n",
        (
            1,
            8,
            "the value starts with '&', which YAML reads as a name for this value (an anchor); text that starts "
            "with it must be in quotes",
            'put the text in quotes: `quote: "& more"`',
        ),
        id="ampersand",
    ),
    pytest.param(
        "quote: | or nothing\n",
        (
            1,
            8,
            "the value starts with '|', which YAML reads as the start of text written on the lines below; "
            "text that starts with it must be in quotes",
            'put the text in quotes: `quote: "| or nothing"`',
        ),
        id="pipe",
    ),
    pytest.param(
        "quote: > 3 days to deliver\n",
        (
            1,
            8,
            "the value starts with '>', which YAML reads as the start of text written on the lines below; "
            "text that starts with it must be in quotes",
            'put the text in quotes: `quote: "> 3 days to deliver"`',
        ),
        id="greater-than",
    ),
    pytest.param(
        "quote: [Beta] версия\n",
        (
            1,
            8,
            "the value starts with '[', which YAML reads as the start of a list; text that starts with it must "
            "be in quotes",
            'put the text in quotes: `quote: "[Beta] версия"`',
        ),
        id="bracket-then-text",
    ),
    pytest.param(
        "quote: {name} is great\n",
        (
            1,
            8,
            "the value starts with '{', which YAML reads as the start of keys and values; text that starts "
            "with it must be in quotes",
            'put the text in quotes: `quote: "{name} is great"`',
        ),
        id="brace-then-text",
    ),
    pytest.param(
        'quote: "Kup teraz" i zapomnij\n',
        (
            1,
            18,
            'the value starts with ", so this " ends it, and YAML cannot read the text after it',
            "put the whole text in quotes of the other kind: `quote: '\"Kup teraz\" i zapomnij'`",
        ),
        id="quoted-word-then-text",
    ),
    pytest.param(
        'action: "Clicks "Buy" now"\n',
        (
            1,
            17,
            'the value starts with ", so this " ends it, and YAML cannot read the text after it',
            "put the whole text in quotes of the other kind: `action: 'Clicks \"Buy\" now'`",
        ),
        id="quote-inside-quotes",
    ),
    pytest.param(
        "a: 1\n]\n",
        (
            2,
            1,
            "this ']' closes a list that is not open here",
            "remove it, or move it to the end of the list it closes, after the last item",
        ),
        id="stray-bracket",
    ),
    pytest.param(
        "a: 1\n...\nb: 2\n",
        (
            2,
            1,
            "the line '...' ends the YAML document, so the lines after it cannot be read",
            "remove the '...' line",
        ),
        id="document-end-marker",
    ),
    pytest.param(
        'path: "C:\\Users\\Ola"\n',
        (
            1,
            10,
            "in double quotes a backslash starts a special character, and '\\U' is not one",
            "put the text in single quotes, where a backslash is just a backslash: `path: 'C:\\Users\\Ola'`",
        ),
        id="backslash-in-double-quotes",
    ),
    pytest.param(
        "tags:\n- a\n: b\n",
        (
            3,
            1,
            "the line starts with ':', which YAML reads as a value without its key",
            "write the key before the ':', or remove the ':'",
        ),
        id="line-starting-with-a-colon",
    ),
    pytest.param(
        "apiVersion cjm/v1\nkind: Journey\n",
        (1, 11, "'apiVersion' needs a ':' after it to be a key", "put ':' after the key: `apiVersion: cjm/v1`"),
        id="key-without-colon",
    ),
    pytest.param(
        "behaviours:\n  -: x\n  - y\n",
        (
            3,
            3,
            "YAML cannot read this line",
            "check the indentation and quotes on this line and the one above: keys of one mapping line up, and "
            "text with ': ', ' #' or a special first character is in quotes",
        ),
        id="unknown-cause",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SYNTAX_CASES)
def test_a_yaml_syntax_error_is_explained_at_its_cause_with_the_fix(
    text: str, expected: tuple[int, int, str, str]
) -> None:
    assert explained(text) == [("CJM004", *expected)]


LIBYAML_WORDING = (
    "while scanning",
    "while parsing",
    "expected",
    "not allowed here",
    "not allowed in this context",
    "cannot start any token",
    "end of stream",
    "simple key",
    "undefined alias",
    "block sequence",
    "block mapping",
    "flow sequence",
    "flow mapping",
    "plain scalar",
    "document start",
    "node content",
    "violates indentation",
)


def assert_plain(problem: Diagnostic) -> None:
    """A YAML syntax message in plain words, with a hint."""
    assert problem.hint
    if problem.code == "CJM004":
        assert not [words for words in LIBYAML_WORDING if words in problem.message], problem.message


@pytest.mark.parametrize(("text", "expected"), SYNTAX_CASES)
def test_no_syntax_message_repeats_libyaml(text: str, expected: tuple[int, int, str, str]) -> None:
    for problem in load_text("f.yaml", text).diagnostics:
        assert_plain(problem)


@settings(
    max_examples=int(os.environ.get("CJM_FUZZ_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(YAML_ATOMS, max_size=40).map("".join))
@example("{#]")
def test_any_broken_yaml_is_explained_in_plain_words_with_a_hint(text: str) -> None:
    loaded = load_text("x.yaml", text)
    for problem in loaded.diagnostics:
        assert_plain(problem)
        assert problem.line >= 1
        assert problem.column >= 1


def test_a_key_longer_than_yaml_reads_is_named_as_such() -> None:
    [problem] = explained("title: x\n" + "k" * 2000 + ": 1\n")
    assert problem == (
        "CJM004",
        2,
        1,
        "the key on this line is 2,000 characters long; YAML reads keys of at most 1,024",
        "shorten the key: keys in cjm files are short words like 'title'; long text goes after the ':'",
    )


def test_valid_files_never_load_the_explanations() -> None:
    script = (
        "import sys, cjm; "
        f"report = cjm.validate([{str(EXAMPLES)!r}]); "
        "assert not report.diagnostics, report.diagnostics; "
        "print(sorted(m for m in sys.modules if m.startswith(('cjm.syntax', 'cjm.invalid_values'))))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"


# Values: how to write them -------------------------------------------------------------------

TITLE = "title: Coffee subscription"
KPI = "    type: purchase\n"


def kpi(*rows: str) -> str:
    return KPI + "    kpis:\n      - name: Konwersja\n" + "".join(f"        {row}\n" for row in rows)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            TITLE,
            f"{TITLE}\nexpectations:\n  -Delivery cost shown up front",
            (
                6,
                3,
                "expectations: expected a list, got '-Delivery cost shown up front'",
                "put a space after the '-' to make it a list item: `- Delivery cost shown up front`",
            ),
            id="a-dash-glued-to-a-single-item",
        ),
        pytest.param(
            TITLE,
            f"{TITLE}\nlast_reviewed: 2026",
            (
                5,
                16,
                "last_reviewed: expected a date like 2026-10-31 or a month like 2026-10, got the number 2026",
                "write the month too, or the day: `last_reviewed: 2026-10` or 2026-10-31",
            ),
            id="a-year-where-a-date-belongs",
        ),
        pytest.param(
            TITLE,
            f"{TITLE}\nrevision: 1.0",
            (
                5,
                11,
                "revision: expected text or a whole number, got the number 1.0",
                'write it in quotes: `revision: "1.0"`',
            ),
            id="revision-as-a-decimal",
        ),
        pytest.param(
            TITLE,
            f"{TITLE}\nrevision: 2.10",
            (
                5,
                11,
                "revision: expected text or a whole number, got the number 2.1",
                'write it in quotes: `revision: "2.10"`',
            ),
            id="revision-keeps-its-written-digits",
        ),
        pytest.param(
            TITLE,
            "title: 2026",
            (4, 8, "title: expected text, got the number 2026", 'write it in quotes: `title: "2026"`'),
            id="number-where-text-is-expected",
        ),
        pytest.param(
            KPI,
            kpi("value: 23 %"),
            (
                27,
                16,
                "stages[1].kpis[0].value: expected a number like 42 or 3.5, got '23 %'",
                'put the number in `value:` and the unit in `unit:`: `value: 23` and `unit: "%"`',
            ),
            id="kpi-value-with-a-unit",
        ),
        pytest.param(
            KPI,
            kpi("target: 1 500 PLN"),
            (
                27,
                17,
                "stages[1].kpis[0].target: expected a number like 42 or 3.5, got '1 500 PLN'",
                "put the number in `target:` and the unit in `unit:`: `target: 1500` and `unit: PLN`",
            ),
            id="kpi-target-with-a-currency",
        ),
        pytest.param(
            KPI,
            kpi("value: 23,5"),
            (
                27,
                16,
                "stages[1].kpis[0].value: expected a number like 42 or 3.5, got '23,5'",
                "write the number with a point, not a comma: `value: 23.5`",
            ),
            id="decimal-comma",
        ),
        pytest.param(
            "emotion: 1",
            "emotion: very bad",
            (
                21,
                18,
                "stages[0].steps[0].emotion: expected a whole number from -2 (very negative) to 2 (very positive), "
                "got 'very bad'",
                "use the scale -2 very negative, -1 negative, 0 neutral, 1 positive, 2 very positive: "
                "`emotion: -2`, and put the words in 'feelings:'",
            ),
            id="emotion-in-words",
        ),
        pytest.param(
            "emotion: 1",
            "emotion: досадно",
            (
                21,
                18,
                "stages[0].steps[0].emotion: expected a whole number from -2 (very negative) to 2 (very positive), "
                "got 'досадно'",
                "use the scale -2 very negative, -1 negative, 0 neutral, 1 positive, 2 very positive, "
                "like `emotion: -1`; put words in 'feelings:'",
            ),
            id="emotion-in-unknown-words",
        ),
        pytest.param(
            "emotion: 1",
            "emotion: 3",
            (
                21,
                18,
                "stages[0].steps[0].emotion: expected a whole number from -2 (very negative) to 2 (very positive), "
                "got the number 3",
                "the scale ends at 2: `emotion: 2`",
            ),
            id="emotion-beyond-the-scale",
        ),
        pytest.param(
            "emotion: 1",
            "emotion: 2# świetnie",
            (
                21,
                18,
                "stages[0].steps[0].emotion: expected a whole number from -2 (very negative) to 2 (very positive), "
                "got '2# świetnie'",
                "a comment needs a space before '#': `emotion: 2 # świetnie`",
            ),
            id="comment-glued-to-a-number",
        ),
        pytest.param(
            "touchpoints: [website]\n        emotion: 1",
            "touchpoints: web\n        emotion: 1",
            (
                20,
                22,
                "stages[0].steps[0].touchpoints: expected a list, got 'web'",
                "write a list: `touchpoints: [web]`, or put each item on its own line after '- '",
            ),
            id="text-where-a-list-is-expected",
        ),
        pytest.param(
            "emotion: 1",
            "emotion: 1\n        thoughts: Za drogo, nie wiem co wybrać",
            (
                22,
                19,
                "stages[0].steps[0].thoughts: expected a list, got 'Za drogo, nie wiem co wybrać'",
                'write a list: `thoughts: ["Za drogo, nie wiem co wybrać"]`, or put each item on its own line '
                "after '- '",
            ),
            id="sentence-where-a-list-is-expected",
        ),
        pytest.param(
            TITLE,
            f"{TITLE}\nlast_reviewed: 31.10.2026",
            (
                5,
                16,
                "last_reviewed: expected a date like 2026-10-31 or a month like 2026-10, got '31.10.2026'",
                "write it as year-month-day: `last_reviewed: 2026-10-31`",
            ),
            id="date-day-first",
        ),
        pytest.param(
            TITLE,
            f"{TITLE}\nlast_reviewed: 2026/10/31",
            (
                5,
                16,
                "last_reviewed: expected a date like 2026-10-31 or a month like 2026-10, got '2026/10/31'",
                "write it as year-month-day: `last_reviewed: 2026-10-31`",
            ),
            id="date-with-slashes",
        ),
        pytest.param(
            TITLE,
            f"{TITLE}\nlast_reviewed: 03/10/2026",
            (
                5,
                16,
                "last_reviewed: expected a date like 2026-10-31 or a month like 2026-10, got '03/10/2026'",
                "write it as year-month-day: `last_reviewed: 2026-10-03` or `last_reviewed: 2026-03-10`, "
                "whichever is meant",
            ),
            id="date-either-way-round",
        ),
        pytest.param(
            TITLE,
            "title: #1 w mieście",
            (
                4,
                7,
                "title: expected text, got an empty value",
                "a '#' after a space starts a comment, so YAML reads no value here; put the text in quotes: "
                '`title: "#1 w mieście"`',
            ),
            id="text-read-as-a-comment",
        ),
        pytest.param(
            TITLE,
            "title: [Beta]",
            (4, 8, "title: expected text, got a list", 'put the text in quotes: `title: "[Beta]"`'),
            id="text-read-as-a-list",
        ),
        pytest.param(
            "emotion: 1",
            "emotion: 1\n        thoughts:\n          - Cena: za wysoka",
            (
                23,
                13,
                "stages[0].steps[0].thoughts[0]: expected text, got a mapping",
                'put the text in quotes: `- "Cena: za wysoka"`',
            ),
            id="text-with-colon-read-as-a-mapping",
        ),
        pytest.param(
            "emotion: 1",
            "emotion: 1\n        key_moment: tak",
            (
                22,
                21,
                "stages[0].steps[0].key_moment: expected true or false, got 'tak'",
                "write `key_moment: true` (cjm reads YAML 1.2, where yes/no/on/off are text)",
            ),
            id="yes-in-polish",
        ),
        pytest.param(
            "id: coffee-subscription",
            "id: Подписка на кофе",
            (
                3,
                5,
                "id: expected an id of lowercase Latin letters, digits and hyphens, like 'first-purchase', "
                "got 'Подписка на кофе'",
                "use lowercase Latin letters, digits and hyphens: `id: podpiska-na-kofe`",
            ),
            id="id-from-a-russian-name",
        ),
        pytest.param(
            "type: awareness",
            "type: awarness",
            (
                16,
                11,
                "stages[0].type: expected one of awareness, consideration, purchase, onboarding, experience, "
                "support, retention, loyalty, reactivation, advocacy, other; got 'awarness' — did you mean "
                "'awareness'?",
                "write `type: awareness`",
            ),
            id="misspelt-choice",
        ),
        pytest.param(
            TITLE,
            f"{TITLE}\nowner_team: CX",
            (5, 1, "owner_team: unknown key 'owner_team' — did you mean 'owner'?", "rename it to 'owner'"),
            id="unknown-key-is-renamed",
        ),
        pytest.param(
            TITLE,
            f"{TITLE}\nlanguage: polski",
            (
                5,
                11,
                "language: expected a language code like 'en', 'ru', 'pl' or 'pt-BR', got 'polski'",
                "write the code: `language: pl`",
            ),
            id="language-by-name",
        ),
        pytest.param(
            "emotion: -1",
            "emotion: -1\n        evidence:\n          - type: survey\n            summary: s\n"
            "            link: www.example.org/ankieta",
            (
                33,
                19,
                "stages[1].steps[0].evidence[0].link: expected a link starting with https://, http:// or mailto:, "
                "got 'www.example.org/ankieta'",
                "start it with https://: `link: https://www.example.org/ankieta`",
            ),
            id="link-without-scheme",
        ),
        pytest.param(
            "stages:\n",
            "stages: awareness\nunused:\n",
            (
                13,
                9,
                "stages: expected a list, got 'awareness'",
                "write each item on its own line after '- ', with its keys ('id:', 'name:', 'type:') indented under it",
            ),
            id="list-of-mappings",
        ),
    ],
)
def test_a_refused_value_says_how_to_write_it(old: str, new: str, expected: tuple[int, int, str, str]) -> None:
    found = explained(journey_with(old, new))
    assert [problem[1:] for problem in found][:1] == [expected]


def test_a_tag_on_text_suggests_quotes() -> None:
    assert explained("apiVersion: cjm/v1\nkind: Persona\nid: p\nname: P\nquote: !important bardzo\n") == [
        (
            "CJM006",
            5,
            8,
            "the YAML tag '!important' is not allowed; cjm files hold only text, numbers, true/false, lists and "
            "mappings",
            'if it is text, put it in quotes: `quote: "!important bardzo"`; otherwise remove the tag '
            "(the word starting with '!')",
        )
    ]


def test_an_unresolved_reference_with_a_close_id_is_renamed(write: Write) -> None:
    write("j.yaml", journey_with("personas: [olga]", "personas: [olg]"))
    write("p.yaml", MINIMAL_PERSONA)
    report = cjm.validate(["j.yaml", "p.yaml"])
    [problem] = report.diagnostics
    assert (problem.code, problem.message, problem.hint) == (
        "CJM031",
        "personas[0]: no persona with the id 'olg' — did you mean 'olga'?",
        "change it to 'olga'",
    )


# Calendar dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "message", "hint"),
    [
        ("2026-02-30", "2026-02-30 is not a date: February 2026 has 28 days", "2026-02-28"),
        ("2025-02-29", "2025-02-29 is not a date: February 2025 has 28 days", "2025-02-28"),
        ("2026-04-31", "2026-04-31 is not a date: April 2026 has 30 days", "2026-04-30"),
        ("2028-02-30", "2028-02-30 is not a date: February 2028 has 29 days", "2028-02-29"),
    ],
)
def test_a_day_the_month_does_not_have_is_refused(date: str, message: str, hint: str) -> None:
    assert explained(journey_with(TITLE, f"{TITLE}\nlast_reviewed: {date}")) == [
        (
            "CJM022",
            5,
            16,
            f"last_reviewed: {message}",
            f"check the day; the last day of that month is `last_reviewed: {hint}`",
        )
    ]


@pytest.mark.parametrize("date", ["2024-02-29", "2026-04-30", "2026-12-31", "2026-02"])
def test_days_that_exist_are_accepted(date: str) -> None:
    assert explained(journey_with(TITLE, f"{TITLE}\nlast_reviewed: {date}")) == []


def test_an_evidence_date_is_checked_against_the_calendar_too() -> None:
    text = journey_with(
        "emotion: -1",
        "emotion: -1\n        evidence:\n          - type: survey\n            summary: s\n"
        "            date: 2026-06-31",
    )
    [problem] = explained(text)
    assert problem[3] == "stages[1].steps[0].evidence[0].date: 2026-06-31 is not a date: June 2026 has 30 days"


# Every diagnostic has a hint -----------------------------------------------------------------

HOSTILE = ROOT / "tests" / "hostile"


@pytest.mark.parametrize("name", sorted(p.name for p in HOSTILE.iterdir()))
def test_every_problem_in_the_hostile_corpus_has_a_hint(name: str) -> None:
    path = str(HOSTILE / name)
    for problem in [*cjm.validate([path]).diagnostics, *lint([path]).diagnostics]:
        assert_plain(problem)


def test_a_file_that_cannot_be_read_says_what_to_do(tmp_path: Path) -> None:
    from cjm.sources import read_file

    problems = [read_file(str(tmp_path), "maps"), read_file(str(tmp_path / "missing.yaml"), "missing.yaml")]
    assert [(p.code, p.message, p.hint) for p in problems if isinstance(p, Diagnostic)] == [
        (
            "CJM001",
            "this is a directory, not a file",
            "give the path of one map file; `cjm validate` on a directory checks every map in it",
        ),
        (
            "CJM001",
            "cannot read the file: no such file or directory",
            "check the file's name and path; it may have been moved or deleted",
        ),
    ]


def samples_that_fail() -> Iterable[str | bytes]:
    """Every file text the loader tests and this module use as a bad example."""
    for mark in getattr(test_loader.test_bad_yaml_is_reported_at_its_place, "pytestmark", []):
        for case in mark.args[1]:
            yield case.values[0]
    for mark in getattr(test_loader.test_bytes_that_are_not_utf8_text_are_refused, "pytestmark", []):
        for case in mark.args[1]:
            yield case.values[0]
    for case in SYNTAX_CASES:
        yield str(case.values[0])


def test_every_sample_that_fails_has_a_hint_on_every_problem() -> None:
    samples = list(samples_that_fail())
    assert len(samples) > 50
    for sample in samples:
        raw = sample if isinstance(sample, bytes) else sample.encode("utf-8")
        for problem in cjm_problems(raw):
            assert_plain(problem)


def cjm_problems(raw: bytes) -> list[Diagnostic]:
    from cjm.loader import load_bytes

    loaded = load_bytes("x.yaml", raw)
    if loaded.document is None:
        return loaded.diagnostics
    return validate_document(loaded.document).diagnostics


ROUGH_JOURNEY = textwrap.dedent(
    """\
    apiVersion: cjm/v1
    kind: Journey
    id: rough-draft
    title: TODO
    touchpoints:
      - id: site
        name: Strona sklepu
        channel: website
      - id: leaflet
        name: Ulotka
        channel: website
    stages:
      - id: buy
        name: Zakup
        type: purchase
        steps:
          - id: pays
            action: Płaci kartą
            touchpoints: [site]
            emotion: -1
            pain_points: [Długi formularz]
            suppress:
              - rule: step-without-emotion
                reason: the step has an emotion, so this silences nothing
        kpis:
          - name: Konwersja
            value: 2
            target: 5
          - name: NPS
            value: 10
            source: Ankieta
          - name: CSAT
            target: 4
            source: Ankieta
      - id: aware
        name: Осознание потребности
        type: awareness
        steps:
          - id: sees
            action: Видит рекламу
      - id: empty
        name: Pusty etap
        type: other
    transitions:
      - from: aware
        to: aware
      - from: empty
        to: buy
    suppress:
      - rule: no-such-rule
        reason: a rule that does not exist
    """
)
"""A draft that trips every lint rule at least once (with MINIMAL_JOURNEY for the journey without KPIs)."""

ROUGH_PERSONA = "apiVersion: cjm/v1\nkind: Persona\nid: nobody\nname: Никто\n"


def test_every_lint_finding_of_the_examples_and_fixtures_has_a_hint(write: Write) -> None:
    sets = [
        [str(path) for path in sorted(EXAMPLES.rglob("*.yaml"))],
        [str(write("a/j.yaml", MINIMAL_JOURNEY)), str(write("a/p.yaml", MINIMAL_PERSONA))],
        [str(write("b/j.yaml", ROUGH_JOURNEY)), str(write("b/p.yaml", ROUGH_PERSONA))],
        [
            str(write("c/" + name, text))
            for name, text in {
                "j.yaml": CLEAN_JOURNEY,
                "p.yaml": PERSONA,
                "c.yaml": CATALOG,
                "o.yaml": OTHER_PERSONA,
            }.items()
        ],
    ]
    for rule in all_rules():
        sets.append([str(write(f"doc-{rule.code}/{name}", text)) for name, text in example_files(rule.example)])
    fired: set[str] = set()
    for paths in sets:
        for problem in lint(paths).diagnostics:
            fired.add(problem.code)
            assert problem.hint, f"{problem.code} {problem.message}"
    assert sorted(rule.code for rule in all_rules() if rule.code not in fired) == []


# A message quotes what it is about, never a whole value --------------------------------------

HUGE = "Ж" * 100_000

LONG_VALUE_CASES = [
    pytest.param(HUGE + "\n", id="a document that is one long scalar"),
    pytest.param(
        journey_with("title: Coffee subscription", f"title: Coffee subscription\ntags: {HUGE}, b c, d"), id="tags"
    ),
    pytest.param(journey_with("emotion: 1", "emotion: " + "9" * 100_000), id="a 100,000-digit emotion"),
    pytest.param(journey_with("personas: [olga]", f"personas: [olga, {'x' * 100_000}]"), id="a long reference"),
]


@pytest.mark.parametrize("text", LONG_VALUE_CASES)
def test_no_message_or_hint_echoes_a_long_value_in_full(text: str) -> None:
    loaded = load_text("f.yaml", text)
    found = list(loaded.diagnostics)
    if loaded.document is not None:
        found += validate_document(loaded.document).diagnostics
    assert found
    for problem in found:
        assert len(problem.message) <= 1000, problem.message[:200]
        assert len(problem.hint or "") <= 1000, (problem.hint or "")[:200]


def test_lint_findings_quote_a_long_kpi_name_in_part(tmp_path: Path) -> None:
    journey = journey_with("    type: awareness\n", f"    type: awareness\n    kpis:\n      - name: {HUGE}\n")
    (tmp_path / "j.yaml").write_text(journey, encoding="utf-8")
    (tmp_path / "olga.yaml").write_text(MINIMAL_PERSONA, encoding="utf-8")
    report = cjm.lint([tmp_path])
    findings = [d for d in report.diagnostics if d.code.startswith("CJM4")]
    assert findings
    for finding in findings:
        assert len(finding.message) <= 1000
        assert len(finding.hint or "") <= 1000
        assert "characters left out" in finding.message
