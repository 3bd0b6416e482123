"""The service blueprint in cjm/v1: additive keys, clear messages for a wrong entry, the layers on
the map page and in Markdown, and nothing changed for a map without them."""

from pathlib import Path

import pytest

from cjm.api import load, validate
from cjm.model import Act, Journey
from cjm.views import RenderFormat
from cjm.views.outputs import render_journey
from tests.conftest import Cli

BLUEPRINT = """\
apiVersion: cjm/v1
kind: Journey
id: bakery
title: Buying bread
systems:
  - {id: till, name: Till system, owner: Shop IT}
stages:
  - id: buy
    name: Buying
    type: purchase
    steps:
      - id: pays
        action: Pays at the counter
        physical_evidence:
          - Receipt
        frontstage:
          - {role: Baker, action: Wraps the bread}
          - A sign with today's bread
        backstage:
          - role: Night shift
            action: Bakes at four in the morning
        support:
          - {system: till, action: Books the sale}
"""


def test_entries_are_text_or_who_and_what(tmp_path: Path) -> None:
    path = tmp_path / "j.yaml"
    path.write_text(BLUEPRINT, encoding="utf-8")
    step = load(path, Journey).stages[0].steps[0]
    assert step.frontstage == [Act(role="Baker", action="Wraps the bread"), "A sign with today's bread"]
    assert step.support == [Act(system="till", action="Books the sale")]
    assert step.physical_evidence == ["Receipt"]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{rol: Baker, action: Wraps}", "frontstage[0].rol: unknown key 'rol' — did you mean 'role'?"),
        ("{role: 5, action: Wraps}", "frontstage[0].role: expected text, got the number 5"),
        ("{role: Baker}", "frontstage[0]: the required key 'action' is missing"),
    ],
)
def test_a_wrong_entry_is_reported_for_what_is_wrong_in_it_at_its_place(
    tmp_path: Path, entry: str, message: str
) -> None:
    path = tmp_path / "j.yaml"
    path.write_text(BLUEPRINT.replace("{role: Baker, action: Wraps the bread}", entry), encoding="utf-8")
    [problem] = validate(path).diagnostics
    assert message in problem.message
    assert problem.line == 17


def test_the_page_shows_the_layers_with_who_and_what(tmp_path: Path) -> None:
    path = tmp_path / "j.yaml"
    path.write_text(BLUEPRINT, encoding="utf-8")
    report = validate(path)
    [journey] = [v.model for v in report.valid if isinstance(v.model, Journey)]
    page = render_journey(journey, report.index, RenderFormat.MARKDOWN).decode()
    assert "| Pays at the counter | Baker: Wraps the bread |" in page
    assert "| Pays at the counter | Till system: Books the sale |" in page
    assert "| Pays at the counter | Night shift: Bakes at four in the morning |" in page


def test_a_map_without_a_blueprint_shows_no_blueprint_lane(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "j.yaml"
    path.write_text(BLUEPRINT.split("        physical_evidence:")[0], encoding="utf-8")
    page = cli("render", str(path), "--no-cache").stdout
    assert "Behind the scenes" in page
    for lane in ("lane-frontstage", "lane-support", "lane-physical", "below-visibility", ".frontstage"):
        assert lane not in page


def test_render_writes_the_blueprint_view_and_the_index_links_it(cli: Cli, tmp_path: Path) -> None:
    from tests.conftest import EXAMPLES

    one = cli("render", str(EXAMPLES / "kfz-schaden-de"), "-f", "blueprint", "-o", str(tmp_path / "bp.html"))
    assert one.exit_code == 0, one.stderr
    assert "Interaktionslinie" in (tmp_path / "bp.html").read_text(encoding="utf-8")
    site = cli("render", str(EXAMPLES), "-f", "html", "-f", "blueprint", "-o", str(tmp_path / "site"))
    assert site.exit_code == 0, site.stderr
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="kfz-schaden.blueprint.html"' in index
    assert "Service Blueprint" in index or "Service blueprint" in index


def test_every_view_in_the_registry_is_a_format_the_command_line_offers(cli: Cli) -> None:
    from cjm.views import VIEWS

    help_text = cli("render", "--help").stdout
    for view in VIEWS.values():
        assert f"{view.format}:" in help_text


@pytest.mark.parametrize(
    ("line", "fix"),
    [
        (
            "          - {role: Baker, action: Wraps the bread, then smiles}",
            'write `action: "Wraps the bread, then smiles"`',
        ),
        ("          - {role: Baker, action: {Wraps it}, and smiles}", "put the text in quotes"),
    ],
)
def test_a_text_cut_at_a_comma_in_braces_is_explained_with_its_fix(tmp_path: Path, line: str, fix: str) -> None:
    path = tmp_path / "j.yaml"
    path.write_text(BLUEPRINT.replace("          - {role: Baker, action: Wraps the bread}", line), encoding="utf-8")
    problems = validate(path).diagnostics
    [cut] = [p for p in problems if "a comma inside {...} ends the text before it" in p.message]
    assert cut.hint is not None
    assert cut.hint.startswith(fix)


@pytest.mark.skipif(__import__("shutil").which("dot") is None, reason="Graphviz draws the blueprint SVG")
def test_the_blueprint_svg_has_every_layer_its_lines_and_an_accessible_title(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    from tests.conftest import EXAMPLES

    report = validate(EXAMPLES / "kfz-schaden-de")
    [journey] = [v.model for v in report.valid if isinstance(v.model, Journey)]
    svg = render_journey(journey, report.index, RenderFormat.BLUEPRINT_SVG)
    root = ET.fromstring(svg)
    text = " ".join("".join(root.itertext()).split())
    for words in ("INTERAKTIONSLINIE", "SICHTBARKEITSLINIE", "LINIE DER INTERNEN INTERAKTION", "Bestandssystem:"):
        assert words in text
    assert b"stroke-dasharray" in svg  # the line of visibility is dashed, the internal one dotted
    assert text.startswith("Service Blueprint: Kfz-Schaden melden")  # the SVG's own title comes first
