"""RESULTS.md is written by several scripts: each owns a section between two markers of its own
and replaces only that, so a full benchmark run keeps the fuzz campaign's figures and the
reading written by hand, and the reverse."""

from pathlib import Path


def markers(name: str) -> tuple[str, str]:
    """The comment lines that open and close a section."""
    return f"<!-- {name}:start (written by a script in benchmarks/) -->", f"<!-- {name}:end -->"


def replace_section(path: Path, name: str, body: str) -> None:
    """Put `body` into the section `name` of the file, in place of the earlier one, or at the end."""
    start, end = markers(name)
    section = f"{start}\n{body.strip(chr(10))}\n{end}"
    text = path.read_text("utf-8") if path.exists() else ""
    if start in text and end in text:
        before, rest = text.split(start, 1)
        text = before + section + rest.split(end, 1)[1]
    else:
        text = (text.rstrip("\n") + "\n\n" if text.strip() else "") + section + "\n"
    path.write_text(text, "utf-8")
