"""The loader: every kind of bad YAML becomes one diagnostic at its exact place, never an exception."""

import subprocess
import sys

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjm.loader import DEFAULT_LIMITS, Limits, load_bytes, load_text


def problems(text: str | bytes, limits: Limits = DEFAULT_LIMITS) -> list[tuple[str, int, int]]:
    loaded = load_bytes("f.yaml", text if isinstance(text, bytes) else text.encode(), limits)
    return [(d.code, d.line, d.column) for d in loaded.diagnostics]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("a: [1, 2\nb: 3\n", [("CJM004", 1, 4)], id="unclosed-flow-list"),
        pytest.param("a:\n\tb: 1\n", [("CJM004", 2, 1)], id="tab-indentation"),
        pytest.param("a: 1\nb: 2\na: 3\n", [("CJM005", 3, 1)], id="duplicate-top-level-key"),
        pytest.param("a:\n  b:\n    c: 1\n    c: 2\n", [("CJM005", 4, 5)], id="duplicate-nested-key"),
        pytest.param("- a\n- b\n", [("CJM009", 1, 1)], id="root-is-a-list"),
        pytest.param("just text\n", [("CJM009", 1, 1)], id="root-is-a-scalar"),
        pytest.param("", [("CJM008", 1, 1)], id="empty"),
        pytest.param("# only a comment\n", [("CJM008", 1, 1)], id="only-comments"),
        pytest.param("a: 1\n---\nb: 2\n", [("CJM010", 2, 1)], id="two-documents"),
        pytest.param("a: !!python/object:os.system x\n", [("CJM006", 1, 4)], id="python-tag"),
        pytest.param("a: !vault secret\n", [("CJM006", 1, 4)], id="unknown-local-tag"),
        pytest.param("a: !!binary aGk=\n", [("CJM006", 1, 4)], id="binary-tag"),
        pytest.param("a: !!set {x: null}\n", [("CJM006", 1, 4)], id="set-tag"),
        pytest.param("base: &b {x: 1}\nm:\n  <<: *b\n", [("CJM006", 3, 3)], id="merge-key"),
        pytest.param("? [a, b]\n: 1\n", [("CJM006", 1, 3)], id="list-as-key"),
        pytest.param("a: *nowhere\n", [("CJM004", 1, 4)], id="undefined-alias"),
        pytest.param("a: b\x07c\n", [("CJM002", 1, 5)], id="control-character"),
    ],
)
def test_bad_yaml_is_reported_at_its_place(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert problems(text) == expected


def test_duplicate_key_message_names_the_first_occurrence() -> None:
    loaded = load_text("f.yaml", "title: A\nid: x\ntitle: B\n")
    assert loaded.document is None
    assert loaded.diagnostics[0].message == "the key 'title' appears twice in this mapping; the first is on line 1"


def test_every_duplicate_key_is_reported_not_just_the_first() -> None:
    assert problems("a: 1\na: 2\nb:\n  c: 1\n  c: 2\n") == [("CJM005", 2, 1), ("CJM005", 5, 3)]


def test_columns_count_characters_not_bytes_in_cyrillic_and_polish() -> None:
    assert problems("имя: Ольга\nzażółć: 1\nключ: 1\nключ: 2\n") == [("CJM005", 4, 1)]
    assert problems("имя: [Ольга, 'ok'\n") == [("CJM004", 1, 6)]
    assert problems("заголовок: x\nопис: !!python/name:os.system x\n") == [("CJM006", 2, 7)]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("a: 1\n".encode("utf-16"), ("CJM002", 1, 1), id="utf16-with-bom"),
        pytest.param("apiVersion: cjm/v1\nkind: Journey\n".encode("utf-16-le"), ("CJM002", 1, 2), id="utf16-no-bom"),
        pytest.param(b"a: ok\nb: caf\xe9\n", ("CJM002", 2, 7), id="latin1-byte"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ("CJM002", 3, 1), id="png"),
        pytest.param(b"a: 1\x00\n", ("CJM002", 1, 5), id="nul-byte"),
    ],
)
def test_bytes_that_are_not_utf8_text_are_refused(raw: bytes, expected: tuple[str, int, int]) -> None:
    assert problems(raw) == [expected]


def test_utf8_byte_order_mark_is_accepted() -> None:
    loaded = load_bytes("f.yaml", b"\xef\xbb\xbftitle: x\n")
    assert loaded.diagnostics == []
    assert loaded.document is not None
    assert loaded.document.data == {"title": "x"}


_CORE_WORDS = st.sampled_from(["~", "null", "Null", "NULL", "true", "True", "FALSE", ".inf", "-.Inf", ".NaN", "0x1F"])


@given(st.one_of(_CORE_WORDS, st.text(alphabet="~nNulLtTrRfFaAsSeE+-.0123456789oxinINfF_: ", max_size=8), st.text()))
def test_a_plain_scalar_gets_the_tag_the_yaml_1_2_core_schema_gives_it(value: str) -> None:
    from yaml.nodes import ScalarNode

    from cjm.loader import _CORE_SCALAR, _CORE_TAGS, _STR, _Resolver12

    match = _CORE_SCALAR.fullmatch(value)
    expected = _CORE_TAGS[match.lastgroup] if match is not None and match.lastgroup else _STR
    if value == "":
        expected = "tag:yaml.org,2002:null"
    assert _Resolver12().resolve(ScalarNode, value, (True, False)) == expected


def test_yaml_1_2_scalars_no_norway_problem() -> None:
    text = "a: no\nb: on\nc: yes\nd: 2026-01-01\ne: 1_000\nf: 017\ng: ~\nh: true\ni: 0x1F\nj: 0o17\nk: 3.5\nl: ''\n"
    loaded = load_text("f.yaml", text)
    assert loaded.document is not None
    assert loaded.document.data == {
        "a": "no",
        "b": "on",
        "c": "yes",
        "d": "2026-01-01",
        "e": "1_000",
        "f": 17,
        "g": None,
        "h": True,
        "i": 31,
        "j": 15,
        "k": 3.5,
        "l": "",
    }


def test_crlf_line_endings_read_like_lf() -> None:
    loaded = load_text("f.yaml", "a: 1\r\nb: x\r\nb: y\r\n")
    assert [(d.code, d.line, d.column) for d in loaded.diagnostics] == [("CJM005", 3, 1)]


def test_positions_of_values_and_keys_are_found_by_path() -> None:
    loaded = load_text("f.yaml", "stages:\n  - id: a\n    steps:\n      - emotion: 5\n")
    assert loaded.document is not None
    assert loaded.document.locate(("stages", 0, "steps", 0, "emotion")) == (4, 18)
    assert loaded.document.locate(("stages", 0, "steps", 0, "emotion"), key=True) == (4, 9)
    assert loaded.document.locate(("stages", 0, "steps", 0, "missing")) == (4, 9)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("nested-flow-lists", "a: " + "[" * 100_000 + "]" * 100_000),
        ("nested-flow-maps", "a: " + "{b: " * 50_000 + "1" + "}" * 50_000),
        ("nested-block-lists", "a:\n" + "- " * 100_000 + "x\n"),
        ("nested-indentation", "".join(" " * i + "- \n" for i in range(0, 2000, 2))),
    ],
)
def test_absurd_nesting_is_refused_quickly(name: str, text: str) -> None:
    assert [code for code, _, _ in problems(text)] == ["CJM003"], name


def test_alias_bomb_is_stopped_by_the_expansion_limit() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for name, previous in zip("bcdefgh", "abcdefg", strict=True):
        bomb += f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]\n"
    assert problems(bomb) == [("CJM007", 1, 29)]


def test_aliases_within_the_limit_are_expanded() -> None:
    loaded = load_text("f.yaml", "a: &x [1, 2]\nb: *x\n")
    assert loaded.document is not None
    assert loaded.document.data == {"a": [1, 2], "b": [1, 2]}


def test_a_million_items_are_refused_before_parsing() -> None:
    assert problems("a: [" + ",".join(["1"] * 1_000_000) + "]") == [("CJM003", 1, 1)]


def test_file_size_limit_is_checked_before_decoding() -> None:
    assert problems(b"a: 1\n" * 100, Limits(max_bytes=100)) == [("CJM003", 1, 1)]


def test_limits_can_be_raised() -> None:
    text = "a:\n" + "".join(f"  - {i}\n" for i in range(300))
    assert problems(text, Limits(max_items=100)) == [("CJM003", 1, 1)]
    assert problems(text, Limits(max_items=1000)) == []


def test_very_long_key_is_a_syntax_error_not_a_hang() -> None:
    assert [c for c, _, _ in problems("k" * 1_000_000 + ": 1\n")] == ["CJM004"]


def test_the_c_parser_is_used_when_pyyaml_has_libyaml() -> None:
    import yaml

    from cjm import loader

    assert yaml.__with_libyaml__ == loader.WITH_LIBYAML


@pytest.mark.parametrize("text", ["a: &a [*a]\n", "a: &a {b: *a}\n", "a: &a [x, [y, *a]]\n"])
def test_an_alias_inside_its_own_anchor_is_refused(text: str) -> None:
    assert [code for code, _, _ in problems(text)] == ["CJM007"]


def test_a_released_document_still_finds_positions() -> None:
    loaded = load_text("f.yaml", "a:\n  b: [1, 2]\n")
    assert loaded.document is not None
    loaded.document.release()
    assert loaded.document.locate(("a", "b", 1)) == (2, 10)


def test_a_control_character_after_cyrillic_text_is_reported_at_its_own_place() -> None:
    text = 'apiVersion: cjm/v1\nkind: Persona\nid: anna\nname: Анна Петрова, менеджер проекта\nquote: "ok\x7f"\n'
    [problem] = load_text("p.yaml", text).diagnostics
    assert (problem.code, problem.line, problem.column) == ("CJM002", 5, 11)


def test_aliases_that_nest_deeper_than_the_limit_are_refused_not_a_recursion_error() -> None:
    lines = ["apiVersion: cjm/v1", "kind: Persona", "id: anna", "name: Anna", "x0: &a0 [end]"]
    lines += [f"x{n}: &a{n} [*a{n - 1}]" for n in range(1, 1000)] + ["goals: *a999"]
    [problem] = load_text("a.yaml", "\n".join(lines) + "\n").diagnostics
    assert (problem.code, problem.line) == ("CJM007", 5)
    assert problem.message == "anchors and aliases nest lists and mappings more than 64 levels deep"


LINE_BREAKS = {"cr": "\r", "crlf": "\r\n", "nel": "\x85", "ls": "\u2028", "ps": "\u2029"}
"""Every line break YAML knows besides the newline: libyaml counts a line at each."""


@pytest.mark.parametrize("name", sorted(LINE_BREAKS))
def test_every_yaml_line_break_counts_towards_the_item_limit(name: str) -> None:
    text = "a:" + "".join(f"{LINE_BREAKS[name]}- x" for _ in range(300))
    loaded = load_text("f.yaml", text, Limits(max_items=100))
    assert [(d.code, d.line, d.column) for d in loaded.diagnostics] == [("CJM003", 1, 1)]
    assert loaded.diagnostics[0].message == "the file has 300 lines and list items, more than the limit of 100"


@pytest.mark.parametrize("name", sorted(LINE_BREAKS))
def test_deep_block_nesting_is_refused_at_its_place_whatever_the_line_breaks(name: str) -> None:
    text = LINE_BREAKS[name].join(["a:", *(" " * level + "- " for level in range(1, 100))]) + "x"
    [problem] = load_text("f.yaml", text).diagnostics
    assert (problem.code, problem.line, problem.column) == ("CJM003", 65, 65)
    assert problem.message == "lists and mappings are nested more than 64 levels deep"


@pytest.mark.parametrize("name", sorted(LINE_BREAKS))
def test_a_bad_character_is_placed_on_its_line_whatever_the_line_breaks(name: str) -> None:
    text = LINE_BREAKS[name].join(["a: 1", "b: 2", "c: x\x07"])
    assert problems(text) == [("CJM002", 3, 5)]
    assert problems(text.replace("\x07", "\x00")) == [("CJM002", 3, 5)]
    assert problems(text.encode().replace(b"\x07", b"\xff")) == [("CJM002", 3, 5)]


def test_many_values_without_anchors_are_too_many_items_not_alias_expansion() -> None:
    [problem] = load_text("f.yaml", "a:\n" + "- [x]\n" * 600, Limits(max_items=1000)).diagnostics
    assert (problem.code, problem.message) == (
        "CJM003",
        "the file has more than 1,000 values in its lists and mappings, the limit",
    )


def test_aliases_that_expand_past_the_item_limit_are_still_alias_expansion() -> None:
    text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(f"b{n}: *a\n" for n in range(200))
    [problem] = load_text("f.yaml", text, Limits(max_items=1000)).diagnostics
    assert (problem.code, problem.message) == (
        "CJM007",
        "anchors and aliases expand this file to more than 1,000 values",
    )


HIDERS = [
    ("", ""),
    ('"]}", ', '"]}": 0, '),
    ("']}', ", "']}': 0, "),
    ("'it''s ]]', ", "'it''s }}': 0, "),
    ('"\\"]}", ', '"\\"]}": 0, '),
    ("# ]}{BREAK}", "# ]}{BREAK}"),
    ("x #]]{BREAK}, ", "x: 0 #}}{BREAK}, "),
]
"""What may stand before a nested list or mapping to hide it from a count of brackets."""


@st.composite
def nested_text(draw: st.DrawFn) -> str:
    """Lists and mappings nested in the block style, then in the flow style with quotes and comments."""
    line_break = draw(st.sampled_from(["\n", *LINE_BREAKS.values()]))
    block = draw(st.integers(1, 40))
    lines = [" " * level + draw(st.sampled_from(["-", "k:"])) for level in range(block)]
    kinds = st.sampled_from(["list", "mapping", "key"])
    levels = draw(st.lists(st.tuples(kinds, st.sampled_from(HIDERS)), min_size=1, max_size=12))
    flow = draw(st.one_of(st.integers(0, 120), st.integers(950, 1100)))
    openers, closers = [], []
    for kind, (in_list, in_mapping) in (levels * flow)[:flow]:
        if kind == "list":
            openers.append("[" + in_list)
            closers.append("]")
        elif kind == "mapping":
            openers.append("{" + in_mapping + "k: ")
            closers.append("}")
        else:  # a list as a key: refused, but its nesting counts all the same
            openers.append("{" + in_mapping + "? [" + in_list)
            closers.append("]: 0}")
    inner = "".join(openers).replace("{BREAK}", line_break + " " * block) + "x" + "".join(reversed(closers))
    return line_break.join(lines) + " " + inner + line_break


def first_too_deep(text: str, limit: int) -> tuple[int, int] | None:
    """Where libyaml's own events first nest deeper than the limit (they come without recursion)."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > limit:
                return event.start_mark.line + 1, event.start_mark.column + 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(nested_text())
def test_nesting_deeper_than_the_limit_is_refused_whatever_hides_it(text: str) -> None:
    found = [(d.code, d.line, d.column) for d in load_text("f.yaml", text).diagnostics]
    deepest = first_too_deep(text, DEFAULT_LIMITS.max_depth)
    if deepest is None:
        assert "CJM003" not in [code for code, _, _ in found]
    else:
        assert found == [("CJM003", *deepest)]


def flow_depth(text: str) -> int:
    """The deepest flow lists and mappings nest in libyaml's own events, up to the first error."""
    depth = deepest = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.CollectionStartEvent) and event.flow_style:
                depth += 1
                deepest = max(deepest, depth)
            elif isinstance(event, yaml.CollectionEndEvent) and depth:
                depth -= 1
    except yaml.YAMLError:
        pass
    return deepest


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="[]{}\"'#,:- ab\n\r", max_size=60).map(lambda text: "k: " + text))
def test_the_flow_nesting_bound_is_never_below_the_truth(text: str) -> None:
    from cjm.loader import _flow_nesting_bound

    assert flow_depth(text) <= _flow_nesting_bound(text)


def test_one_line_flow_lists_do_not_count_as_nesting() -> None:
    from cjm.loader import _flow_nesting_bound

    assert _flow_nesting_bound("steps:\n" + "  - touchpoints: [web, app]\n" * 20_000) == 2
    assert _flow_nesting_bound("a: " + "[" * 1500 + "x" + "]" * 1500 + "\n") == 3000
    assert flow_depth("a: " + "[k: " * 400 + "x" + "]" * 400 + "\n") == 800  # a pair in a list is a level
    assert _flow_nesting_bound("a: " + "[b, '[x]', " * 1500 + "]" * 1500 + "\n") >= 1500


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("a: " + '["]",' * 100_000 + "]" * 100_000 + "\n", id="closing-brackets-in-quotes"),
        pytest.param("a: " + "[ #]\r" * 100_000 + "]" * 100_000 + "\n", id="closing-brackets-in-comments"),
    ],
)
def test_nesting_hidden_from_a_count_of_brackets_is_refused_not_a_crash(text: str) -> None:
    # In a process of its own: nesting this deep overflows the C parser's stack, which kills the process.
    program = (
        "import sys; from cjm.loader import load_text; "
        "print(*(d.code for d in load_text('f.yaml', sys.stdin.read()).diagnostics))"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], input=text, capture_output=True, text=True, timeout=300, check=False
    )
    assert (result.returncode, result.stdout.strip()) == (0, "CJM003"), result.stderr[-2000:]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        pytest.param("1" + "0" * 100_000, "a number of 100,001 digits is too large to read", id="decimal-digits"),
        pytest.param("-" + "9" * 4_301, "a number of 4,301 digits is too large to read", id="over-python-s-limit"),
        pytest.param("1e400", "the number 1e400 is too large to read", id="float-exponent"),
        pytest.param("1" + "0" * 400 + ".0", "a number of 402 digits is too large to read", id="float-digits"),
    ],
)
def test_a_number_too_large_to_read_is_refused_and_named_not_echoed(written: str, message: str) -> None:
    [problem] = load_text("f.yaml", f"a: {written}\n").diagnostics
    assert (problem.code, problem.line, problem.column, problem.message) == ("CJM022", 1, 4, message)


def test_long_hex_and_octal_numbers_are_read_for_the_schema_to_refuse() -> None:
    loaded = load_text("f.yaml", "a: 0x" + "f" * 4_000 + "\nb: 0o" + "7" * 4_000 + "\n")
    assert loaded.document is not None
    assert loaded.document.data["a"].bit_length() == 16_000
