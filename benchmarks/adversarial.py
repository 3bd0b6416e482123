"""Adversarial inputs within the default limits, through every command and format, against the budget.

The product's budget: any input within the default limits (`cjm.loader.DEFAULT_LIMITS`) is answered
within 2 s and 200 MB, in every command and format. Each input here is built to make one part
of cjm do as much work as it can, filling the limits: thousands of unknown ids to suggest for, unknown keys to
locate, findings to print, suppressions to match, transitions for Graphviz to lay out. Every
input goes through validate and lint in each output format (text, json, github, sarif); the
valid maps also through render in each format. The table gives, per command and format, the
worst time and the worst peak memory over all inputs, and which input it was.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cjm.loader import DEFAULT_LIMITS

HEAD = "apiVersion: cjm/v1\nkind: Journey\nid: adversarial\ntitle: Adversarial\n"
STAGE = "stages:\n  - id: s\n    name: S\n    type: awareness\n"

BUDGET_SECONDS = 2.0
BUDGET_MB = 200.0

CHECK_FORMATS = ("text", "json", "github", "sarif")
RENDER_FORMATS = ("html", "svg", "markdown", "mermaid", "dot")

ITEMS = DEFAULT_LIMITS.max_items
"""Lines and list items, and values, an input may hold: the default limit."""
BYTES = DEFAULT_LIMITS.max_bytes
"""Bytes an input may hold."""


def _touchpoints(ids: list[str]) -> str:
    return "touchpoints:\n" + "".join(f"  - id: {key}\n    name: N\n    channel: website\n" for key in ids)


def unknown_touchpoints(count: int) -> str:
    """Touchpoints, and one step that names as many others (141 s for 4,000 before suggestions were bounded)."""
    known = [f"tp-{n:06d}" for n in range(count)]
    unknown = ", ".join(f"zz-{n:06d}x" for n in range(count))
    step = f"    steps:\n      - id: a\n        action: A\n        touchpoints: [{unknown}]\n"
    return HEAD + _touchpoints(known) + STAGE + step


def resolved_references(count: int) -> str:
    """Steps, each using a touchpoint of its own (5 s for 20,000 when references were resolved)."""
    steps = "".join(f"      - id: a{n}\n        action: A\n        touchpoints: [tp-{n:06d}]\n" for n in range(count))
    return HEAD + _touchpoints([f"tp-{n:06d}" for n in range(count)]) + STAGE + "    steps:\n" + steps


def unknown_keys(count: int) -> str:
    """Keys a journey does not have, each to locate and to suggest for (19 s for 20,000)."""
    return HEAD + "".join(f"owner{n}: 1\n" for n in range(count)) + STAGE


def misspelt_choices(count: int) -> str:
    """Touchpoints on channels that do not exist, each with a did-you-mean."""
    items = "".join(f"  - id: t{n}\n    name: N\n    channel: websit{n}\n" for n in range(count))
    return HEAD + "touchpoints:\n" + items + STAGE


def no_header(count: int) -> str:
    """Keys and no apiVersion: is any of them the header misspelt?"""
    return "".join(f"k{n:09d}: 1\n" for n in range(count))


def many_findings(count: int) -> str:
    """Steps that use no touchpoint: a lint warning each to print."""
    return HEAD + STAGE + "    steps:\n" + "".join(f"      - id: a{n}\n        action: A\n" for n in range(count))


def long_lines_many_findings(count: int) -> str:
    """Steps of 300 characters each, each a warning (125 s in text for 18,000)."""
    rng = random.Random(11)
    words = "customer compares prices reads reviews calls support waits queue".split()
    steps = "".join(
        f"      - id: a{n}\n        action: {' '.join(rng.choices(words, k=40))[:300]}\n" for n in range(count)
    )
    return HEAD + STAGE + "    steps:\n" + steps


def suppressions(count: int) -> str:
    """suppress: entries on a stage of as many steps that each break the rule they name (63 s for 5,000)."""
    entries = "".join(f"      - rule: step-without-emotion\n        reason: because {n}\n" for n in range(count))
    steps = "".join(f"      - id: a{n}\n        action: A\n" for n in range(count))
    return HEAD + STAGE + f"    suppress:\n{entries}    steps:\n{steps}"


def misspelt_suppressions(count: int) -> str:
    """suppress: entries naming rules that do not exist (past 5 minutes for 20,000)."""
    entries = "".join(f"  - rule: no-such-rule-{n:06d}\n    reason: r\n" for n in range(count))
    return HEAD + "suppress:\n" + entries + STAGE


def size(text: str) -> tuple[int, int, int]:
    """What the limits count in a text: (bytes, lines and list items, values built from it)."""
    import yaml

    from cjm.lines import count_line_breaks

    values = 0
    pending = [yaml.compose(text, Loader=yaml.CSafeLoader)]
    while pending:
        node = pending.pop()
        values += 1
        if isinstance(node.value, list):
            pending += [value for _, value in node.value] if isinstance(node, yaml.MappingNode) else node.value
    return len(text.encode("utf-8")), count_line_breaks(text) + text.count(","), values


def largest(build: Callable[[int], str]) -> int:
    """The largest count `build(count)` may take for the default limits to let it through (what
    each measure grows by with the count is found from two small inputs: each input grows in step)."""
    limits = (BYTES, ITEMS, ITEMS)
    small, large = size(build(100)), size(build(200))
    count = min((limit - a) * 100 // (b - a) + 100 for limit, a, b in zip(limits, small, large, strict=True) if b > a)
    while any(measure > limit for measure, limit in zip(size(build(count)), limits, strict=True)):
        count -= 1  # the growth is exact; this only guards a rounding
    return count


def _flow(stages: int, transitions: int, steps: int = 1) -> str:
    rng = random.Random(stages * 1000 + transitions)
    lines = [HEAD, _touchpoints(["w"]), "stages:\n"]
    for n in range(stages):
        lines.append(f"  - id: s{n}\n    name: Stage {n}\n    type: awareness\n    steps:\n")
        step = "      - id: a{n}-{k}\n        action: Does something\n        touchpoints: [w]\n"
        lines += [step.format(n=n, k=k) for k in range(steps)]
    if transitions:
        lines.append("transitions:\n")
        lines += [
            f"  - from: s{rng.randrange(stages)}\n    to: s{rng.randrange(stages)}\n    condition: changes mind {n}\n"
            for n in range(transitions)
        ]
    return "".join(lines)


def tangled_flow() -> str:
    """100 stages and 1,000 labelled transitions (53 s in dot): refused before dot."""
    return _flow(100, 1000)


def heaviest_allowed_flow() -> str:
    """20 stages and 300 labelled transitions: about the most crossing work the default limit lets dot do."""
    return _flow(20, 300)


def longest_allowed_chain() -> str:
    """One stage of as many steps as the default diagram limit lets dot lay out: the most ranks."""
    from cjm.config import DEFAULT_DIAGRAM_LIMITS
    from cjm.views.dot import STAGE_WEIGHT

    return _flow(1, 0, steps=(DEFAULT_DIAGRAM_LIMITS.max_size - STAGE_WEIGHT) // 2)


def many_stages() -> str:
    """1,000 stages of one step: the most clusters the default limit lets dot lay out."""
    return _flow(1000, 0)


@dataclass(frozen=True)
class Adversary:
    """An adversarial input: whether it is a valid map (then it is rendered too), and how to make it:
    `build` takes a count (of steps, keys, entries) and is given the largest the default limits let
    through; `fixed` makes an input that fills another limit (the diagram's) as it is."""

    valid: bool
    build: Callable[[int], str] | None = None
    fixed: Callable[[], str] | None = None

    def make(self) -> str:
        """The input's text."""
        if self.build is not None:
            return self.build(largest(self.build))
        assert self.fixed is not None
        return self.fixed()


ADVERSARIES: dict[str, Adversary] = {
    "unknown-touchpoints.yaml": Adversary(valid=False, build=unknown_touchpoints),
    "resolved-references.yaml": Adversary(valid=True, build=resolved_references),
    "unknown-keys.yaml": Adversary(valid=False, build=unknown_keys),
    "misspelt-choices.yaml": Adversary(valid=False, build=misspelt_choices),
    "no-header.yaml": Adversary(valid=False, build=no_header),
    "many-findings.yaml": Adversary(valid=True, build=many_findings),
    "long-lines-many-findings.yaml": Adversary(valid=True, build=long_lines_many_findings),
    "suppressions.yaml": Adversary(valid=True, build=suppressions),
    "misspelt-suppressions.yaml": Adversary(valid=True, build=misspelt_suppressions),
    "tangled-flow.yaml": Adversary(valid=True, fixed=tangled_flow),
    "heaviest-allowed-flow.yaml": Adversary(valid=True, fixed=heaviest_allowed_flow),
    "longest-allowed-chain.yaml": Adversary(valid=True, fixed=longest_allowed_chain),
    "many-stages.yaml": Adversary(valid=True, fixed=many_stages),
}
"""The adversarial inputs by file name."""


def commands(name: str, output: Path) -> list[tuple[str, list[str]]]:
    """What runs on an input: (command and format, the arguments after `cjm` but for the file);
    render writes into the folder `output`."""
    runs = [(f"validate -f {f}", ["validate", "--no-cache", "-f", f]) for f in CHECK_FORMATS]
    runs += [(f"lint -f {f}", ["lint", "--no-cache", "-f", f]) for f in CHECK_FORMATS]
    if ADVERSARIES[name].valid:
        runs += [
            (f"render -f {f}", ["render", "--no-cache", "-f", f, "-o", str(output / f"out.{f}")])
            for f in RENDER_FORMATS
        ]
    return runs


def worst_table(results: dict[tuple[str, str], tuple[float, float]]) -> list[str]:
    """The Markdown table: per command and format, the worst time and memory over the inputs."""
    lines = [
        f"| command and format | worst seconds | input | worst peak MB | input | within {BUDGET_SECONDS:g} s "
        f"and {BUDGET_MB:g} MB |",
        "| --- | ---: | --- | ---: | --- | --- |",
    ]
    labels = list(dict.fromkeys(label for label, _ in results))
    for label in labels:
        runs = {name: figures for (each, name), figures in results.items() if each == label}
        slowest = max(runs, key=lambda name: runs[name][0])
        largest = max(runs, key=lambda name: runs[name][1])
        seconds, peak = runs[slowest][0], runs[largest][1]
        within = "yes" if seconds <= BUDGET_SECONDS and peak <= BUDGET_MB else "**no**"
        lines.append(f"| cjm {label} | {seconds:.2f} | {slowest} | {peak:.0f} | {largest} | {within} |")
    return lines
