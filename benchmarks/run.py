"""The cjm benchmark: cjm beside the YAML parser floor and the tools teams run today, in one run.

    python benchmarks/run.py            # the full run (several minutes); writes benchmarks/RESULTS.md
    python benchmarks/run.py --quick    # fewer files and repeats, for a first look
    python benchmarks/run.py --files 3 --repeat 1 --only corpus --output /tmp/r.md   # the smoke test's size
    python benchmarks/run.py --only adversarial --output /tmp/a.md   # the adversarial inputs alone

Every figure is a whole process timed from the outside (wall seconds, median of the
repeats) and its peak memory (max RSS from wait4), so cjm is charged for its start-up
like every other tool.
"""

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from adversarial import ADVERSARIES, BUDGET_MB, BUDGET_SECONDS, commands, worst_table  # noqa: E402
from corpus import GIANTS, write_corpus, write_large_map  # noqa: E402
from sections import replace_section  # noqa: E402

BIN = Path(sys.executable).parent
CJM = [str(BIN / "cjm")] if (BIN / "cjm").exists() else [sys.executable, "-m", "cjm"]
SCHEMA = ROOT / "schemas" / "cjm-v1.schema.json"
FLOOR = (
    "import sys, yaml\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, 'rb') as stream:\n"
    "        yaml.load(stream.read(), Loader=yaml.CSafeLoader)\n"
)


@dataclass
class Timing:
    """The median wall time and the largest peak memory of a command over its runs."""

    label: str
    seconds: float
    peak_mb: float
    runs: int


def measure(
    label: str,
    command: list[str],
    repeat: int,
    env: dict[str, str] | None = None,
    *,
    warm_up: bool = True,
    before: Callable[[], None] | None = None,
) -> Timing:
    """Run a command `repeat` times (after one untimed warm-up, unless told not to) and keep the median.

    `before` runs ahead of every run, e.g. to empty a cache that the run must find empty.
    """
    times: list[float] = []
    peak = 0.0
    for attempt in range(0 if warm_up else 1, repeat + 1):
        if before is not None:
            before()
        started = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})}
        )
        _, _, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        if attempt:
            times.append(elapsed)
            peak = max(peak, usage.ru_maxrss / 1024)
    timing = Timing(label, statistics.median(times), peak, repeat)
    print(f"  {label:<58} {timing.seconds:8.3f} s  {timing.peak_mb:7.1f} MB", flush=True)
    return timing


def machine() -> str:
    """The machine as a line of facts: cores, Python, PyYAML's parser, Graphviz."""
    import yaml

    dot = shutil.which("dot")
    graphviz = subprocess.run([dot, "-V"], capture_output=True, text=True).stderr.strip() if dot else "not installed"
    return (
        f"{os.cpu_count()} cores ({platform.machine()}), {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; PyYAML {yaml.__version__} "
        f"{'with libyaml' if yaml.__with_libyaml__ else 'without libyaml'}; {graphviz}"
    )


def ratio(a: Timing, b: Timing) -> str:
    return f"{a.seconds / b.seconds:.2f}×" if b.seconds else "—"


def compile_cjm() -> None:
    """Compile cjm's modules to bytecode first, as installing a package does: otherwise, where
    PYTHONDONTWRITEBYTECODE is set (or the source folder is read-only) in an editable install, every
    timed process would compile them again, about 0.15 s that no installed cjm spends."""
    import compileall

    import cjm

    compileall.compile_dir(str(Path(cjm.__file__).parent), quiet=1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1000, help="the largest corpus (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each command (default 3)")
    parser.add_argument("--quick", action="store_true", help="200 files, 2 repeats")
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--stages", type=int, default=200, help="stages of the large map (default 200)")
    parser.add_argument(
        "--only",
        choices=["all", "corpus", "adversarial"],
        default="all",
        help="corpus: all but the adversarial inputs (minutes of their own); adversarial: those alone",
    )
    arguments = parser.parse_args()
    compile_cjm()
    if arguments.only == "adversarial":
        return adversarial_only(arguments.output)
    if arguments.quick:
        arguments.files, arguments.repeat = 200, 2
    sizes = sorted({1, min(100, arguments.files), arguments.files})
    repeat = arguments.repeat
    jobs = str(os.cpu_count() or 1)

    work = Path(tempfile.mkdtemp(prefix="cjm-bench-"))
    cache = work / "cache"
    os.environ["XDG_CACHE_HOME"] = str(work / "user-cache")  # the cache and its key: nothing in the real home
    no_cache = {"CJM_CACHE_DIR": str(cache)}
    try:
        print(f"Writing a corpus of {arguments.files} journeys into {work} ...", flush=True)
        journeys = write_corpus(work / "corpus", arguments.files)
        shared = sorted(str(p) for p in (work / "corpus").glob("*.yaml") if not p.name.startswith("journey-"))
        large = write_large_map(work / "large.yaml", stages=arguments.stages)
        results: dict[str, Timing] = {}

        def run(
            key: str,
            label: str,
            command: list[str],
            times: int = repeat,
            *,
            warm_up: bool = True,
            before: Callable[[], None] | None = None,
            **env: str,
        ) -> Timing:
            results[key] = measure(label, command, times, env or None, warm_up=warm_up, before=before)
            return results[key]

        print("Start-up", flush=True)
        one = [str(journeys[0]), *shared]
        run("pass", "python -c pass", [sys.executable, "-c", "pass"], repeat * 3)
        run("typer", 'python -c "import typer"', [sys.executable, "-c", "import typer"], repeat * 3)
        run(
            "pydantic", 'python -c "import pydantic, yaml"', [sys.executable, "-c", "import pydantic, yaml"], repeat * 3
        )
        run("version", "cjm --version", [*CJM, "--version"], repeat * 3)
        run("one", "cjm validate one journey (no cache)", [*CJM, "validate", "--no-cache", *one], repeat * 3)

        for size in sizes:
            files = [str(p) for p in journeys[:size]] + shared
            print(f"{size} journeys ({len(files)} files)", flush=True)
            run(f"floor{size}", f"floor: yaml.load(CSafeLoader), {size} files", [sys.executable, "-c", FLOOR, *files])
            for command in ("validate", "lint"):
                run(
                    f"{command}{size}",
                    f"cjm {command} --jobs 1 --no-cache",
                    [*CJM, command, "--jobs", "1", "--no-cache", *files],
                )
                run(
                    f"{command}{size}j",
                    f"cjm {command} --jobs {jobs} --no-cache",
                    [*CJM, command, "--jobs", jobs, "--no-cache", *files],
                )
                run(
                    f"{command}{size}d",
                    f"cjm {command} --no-cache (default --jobs)",
                    [*CJM, command, "--no-cache", *files],
                )
            run(
                f"cjs{size}",
                "check-jsonschema --schemafile cjm-v1.schema.json",
                [str(BIN / "check-jsonschema"), "--schemafile", str(SCHEMA), *files],
                warm_up=False,
            )
            run(f"yamllint{size}", "yamllint (default config)", [str(BIN / "yamllint"), *files], warm_up=False)

        size = arguments.files
        files = [str(p) for p in journeys] + shared
        print("Cache", flush=True)
        lint_all = [*CJM, "lint", "--jobs", "1", *files]

        def empty_cache() -> None:
            shutil.rmtree(cache, ignore_errors=True)

        run("cold", f"cjm lint, {size} files, empty cache", lint_all, warm_up=False, before=empty_cache, **no_cache)
        run("warm", f"cjm lint, {size} files, unchanged", lint_all, **no_cache)

        print(f"Large map ({arguments.stages} stages)", flush=True)
        dot_file = work / "large.dot"
        subprocess.run([*CJM, "render", str(large), "--format", "dot", "--output", str(dot_file)], check=True)
        run("dot", "dot -Tsvg alone on the same DOT text", ["dot", "-Tsvg", "-o", os.devnull, str(dot_file)])
        run(
            "svg",
            "cjm render --format svg",
            [*CJM, "render", "--no-cache", str(large), "-f", "svg", "-o", str(work / "l.svg")],
        )
        run(
            "html",
            "cjm render --format html",
            [*CJM, "render", "--no-cache", str(large), "-f", "html", "-o", str(work / "l.html")],
        )
        run(
            "mermaid",
            "cjm render --format mermaid (no Graphviz)",
            [*CJM, "render", "--no-cache", str(large), "-f", "mermaid", "-o", str(work / "l.mmd")],
        )
        run("lintlarge", "cjm lint of the large map", [*CJM, "lint", "--no-cache", str(large)])

        print("Hostile inputs", flush=True)
        for name in sorted(GIANTS):
            # Written by another process, so this one never holds the giant bytes (its children would
            # inherit that memory in their peak figures).
            maker = f"import sys; sys.path.insert(0, {str(HERE)!r}); from corpus import GIANTS; "
            # A folder of its own: beside the corpus, a valid giant persona would be checked with its dependents.
            giant = work / "giants" / name
            giant.parent.mkdir(exist_ok=True)
            maker += f"open({str(giant)!r}, 'wb').write(GIANTS[{name!r}]())"
            subprocess.run([sys.executable, "-c", maker], check=True)
            run(f"hostile:{name}", f"cjm validate {name}", [*CJM, "validate", "--no-cache", str(giant)], 1)
            giant.unlink()
        worst = run_adversaries(work / "adversaries") if arguments.only == "all" else {}
    finally:
        shutil.rmtree(work, ignore_errors=True)

    r = results
    small = sizes[1] if len(sizes) > 2 else sizes[0]
    lines = [
        "# cjm benchmark results",
        "",
        f"Machine: {machine()}.",
        f"Corpus: {size} generated journeys of about 400 lines (Russian, Polish, English) with shared personas "
        f"and touchpoint catalogues; a large map of {arguments.stages} stages and "
        f"{arguments.stages * 11} steps. Wall seconds are the median of {repeat} runs of the whole process; "
        "memory is the peak RSS. Written by `python benchmarks/run.py`.",
        "",
        "| what | seconds | peak MB | ratio | target |",
        "| --- | ---: | ---: | ---: | --- |",
    ]

    def row(key: str, against: str | None = None, target: str = "") -> None:
        timing = r[key]
        lines.append(
            f"| {timing.label} | {timing.seconds:.3f} | {timing.peak_mb:.0f} | "
            f"{ratio(timing, r[against]) + ' of ' + r[against].label if against else ''} | {target} |"
        )

    for n in sizes:
        lines.append(f"| **{n} journeys** | | | | |")
        row(f"floor{n}")
        row(f"validate{n}", f"floor{n}", "≤ 1.3× floor (1,000 files)" if n == size else "")
        row(f"validate{n}j", f"validate{n}", "≤ 0.6× single process (1,000 files)" if n == size else "")
        row(f"lint{n}", f"validate{n}", "≤ 1.2× validate (1,000 files)" if n == size else "")
        row(f"lint{n}j", f"lint{n}")
        row(f"validate{n}d", f"validate{n}", "≤ 1.05× --jobs 1: the default is never slower")
        row(f"lint{n}d", f"lint{n}", "≤ 1.05× --jobs 1: the default is never slower")
        row(f"cjs{n}", f"validate{n}", "cjm ≥ 10× faster (1,000 files)" if n == size else "")
        row(f"yamllint{n}", f"validate{n}")
    lines.append("| **start-up** | | | | |")
    row("pass")
    row("typer")
    row("pydantic")
    row("version", "typer", "≤ 0.12 s above import typer")
    row("one", "pydantic", "< 2× import pydantic, yaml")
    lines.append("| **cache** | | | | |")
    row("cold")
    row("warm", "cold", "≥ 10× faster than the first run")
    lines.append("| **large map** | | | | |")
    row("dot")
    row("svg", "dot", "≤ 1.2× dot alone")
    row("html", None, "< 1 s")
    row("mermaid")
    row("lintlarge")
    lines.append("| **hostile inputs** (refused or read within 2 s and 200 MB) | | | | |")
    for key in sorted(k for k in r if k.startswith("hostile:")):
        row(key, None, "< 2 s, < 200 MB")
    scaling = (r[f"lint{size}"].seconds / size) / (r[f"lint{small}"].seconds / small) if size != small else 1.0
    above_floor = r[f"validate{size}"].seconds - r[f"floor{size}"].seconds
    lines += [
        "",
        "Derived figures:",
        "",
        f"- cjm validate above the parser floor, {size} files: "
        f"{above_floor:+.3f} s ({ratio(r[f'validate{size}'], r[f'floor{size}'])}).",
        f"- check-jsonschema ÷ cjm validate, {size} files: "
        f"{r[f'cjs{size}'].seconds / r[f'validate{size}'].seconds:.1f}× (cjm is that many times faster).",
        f"- cjm --version above `import typer`: {r['version'].seconds - r['typer'].seconds:+.3f} s.",
        f"- lint time per file, {small} → {size} files: {scaling:.2f}× (1.00 is linear).",
        f"- cjm render --format svg above dot alone: {r['svg'].seconds - r['dot'].seconds:+.3f} s.",
        f"- peak memory of cjm lint on {size} files: {r[f'lint{size}'].peak_mb:.0f} MB (target < 250 MB).",
    ]
    text = "\n".join(lines)
    replace_section(arguments.output, "benchmark", text)
    if worst:
        replace_section(arguments.output, "adversarial", "\n".join(adversarial_lines(worst)))
    print()
    print(text)
    return 0


def run_adversaries(folder: Path) -> dict[tuple[str, str], tuple[float, float]]:
    """Every adversarial input through every command and format, the median of three runs each (one
    run can be a quarter slower on a shared machine): (seconds, peak MB) by (command and format, input)."""
    print("Adversarial inputs within the default limits", flush=True)
    results: dict[tuple[str, str], tuple[float, float]] = {}
    for name in ADVERSARIES:
        # Each in a folder of its own, written by another process (see the hostile inputs).
        place = folder / name.removesuffix(".yaml")
        place.mkdir(parents=True)
        maker = f"import sys; sys.path.insert(0, {str(HERE)!r}); from adversarial import ADVERSARIES; "
        maker += f"open({str(place / name)!r}, 'w', encoding='utf-8').write(ADVERSARIES[{name!r}].make())"
        subprocess.run([sys.executable, "-c", maker], check=True)
        for label, arguments in commands(name, place):
            timing = measure(f"cjm {label} {name}", [*CJM, *arguments, str(place / name)], 3, warm_up=False)
            results[(label, name)] = (timing.seconds, timing.peak_mb)
        shutil.rmtree(place)
    return results


def adversarial_lines(results: dict[tuple[str, str], tuple[float, float]]) -> list[str]:
    """The adversarial section of RESULTS.md (nothing when it did not run)."""
    if not results:
        return []
    return [
        f"## Adversarial inputs: the worst case of each command and format (budget {BUDGET_SECONDS:g} s, "
        f"{BUDGET_MB:g} MB)",
        "",
        f"{len(ADVERSARIES)} inputs within the default limits, each built to make one part of cjm work as hard as "
        "it can (see `benchmarks/adversarial.py`); every one through validate and lint in each format, the valid "
        "maps through render in each format too. The median of three runs each, the whole process.",
        "",
        *worst_table(results),
        "",
    ]


def adversarial_only(output: Path) -> int:
    """Run the adversarial section alone and write its table to `output`."""
    work = Path(tempfile.mkdtemp(prefix="cjm-bench-"))
    os.environ["XDG_CACHE_HOME"] = str(work / "user-cache")
    try:
        results = run_adversaries(work / "adversaries")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = "\n".join([*adversarial_lines(results), f"Machine: {machine()}."])
    replace_section(output, "adversarial", text)
    print()
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
